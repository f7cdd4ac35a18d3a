// search over real sockets (SQLite and PostgreSQL): only the history the
// caller may see, accents folded, the last word as a prefix, paging, hostile
// queries taken as plain words, and texts changed in the database (an edit,
// a deletion's cleared text) indexed by the database's own triggers; each
// result as history shows it (reactions, reply_to, edited).
#include "searchresults.h"
#include "servertest.h"

#include <QSqlQuery>

using namespace Palomar::Testing;

namespace {

qint64 sentId(const QJsonObject &reply)
{
    return reply.value(QLatin1String("msg_id")).toInteger();
}

} // namespace

class SearchTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badRequestsAndErrorsInOrder();
    void findsOnlyTheCallersChatsNewestFirst();
    void foldsAccentsAndCase();
    void lastWordIsAPrefix();
    void pagesWithTheCursor();
    void hostileQueriesAreWords();
    void groupsFollowHistoryVisibility();
    void changedTextsAreReindexed();
    void resultsCarryWhatHistoryShows();

private:
    TestClient &client(const char *name);
    QList<qint64> search(const char *who, const QString &query, QJsonObject fields = {});
    qint64 send(const char *from, QJsonObject to, const QString &text);
    bool updateBody(qint64 id, const QString &body);

    std::unique_ptr<ServerProcess> m_server;
    std::map<QString, std::unique_ptr<TestClient>> m_clients;
    qint64 m_anaToBen = 0; // "Café au lait tomorrow?"
    qint64 m_benToAna = 0; // "the CAFE near the station"
    qint64 m_cidToBen = 0; // "secret cafe plan"
    qint64 m_resume = 0;   // "naïve résumé"
};

TestClient &SearchTest::client(const char *name)
{
    return *m_clients.at(str(name)); // logged in by initTestCase
}

QList<qint64> SearchTest::search(const char *who, const QString &query, QJsonObject fields)
{
    fields.insert(str("query"), query);
    const QJsonObject reply = client(who).request(str("search"), fields);
    if (!isOk(reply))
        qWarning("search %s failed: %s", qPrintable(query), qPrintable(errorOf(reply)));
    return idsOf(reply);
}

qint64 SearchTest::send(const char *from, QJsonObject to, const QString &text)
{
    to.insert(str("text"), text);
    return sentId(client(from).request(str("send"), to));
}

bool SearchTest::updateBody(qint64 id, const QString &body)
{
    bool done = false;
    {
        QSqlDatabase db = serverDatabase(*m_server, str("edit"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(str("UPDATE messages SET body = COALESCE(?, '') WHERE id = ?"));
            query.addBindValue(body);
            query.addBindValue(id);
            done = query.exec() && query.numRowsAffected() == 1;
        }
    }
    QSqlDatabase::removeDatabase(str("edit"));
    return done;
}

void SearchTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_server->start());
    TestClient setup(m_server->port());
    for (const char *name : {"Ana", "Ben", "Cid", "Dee"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_server->port(), str("Ana"), str("Ben")));
    QVERIFY(befriend(m_server->port(), str("Ana"), str("Cid")));
    QVERIFY(befriend(m_server->port(), str("Ben"), str("Cid")));
    for (const char *name : {"Ana", "Ben", "Cid", "Dee"}) {
        auto session = std::make_unique<TestClient>(m_server->port());
        QVERIFY(isOk(session->login(str(name), kPassword)));
        m_clients[str(name)] = std::move(session);
    }
    m_anaToBen = send("Ana", {{str("to"), str("Ben")}}, str("Café au lait tomorrow?"));
    m_benToAna = send("Ben", {{str("to"), str("Ana")}}, str("the CAFE near the station"));
    m_cidToBen = send("Cid", {{str("to"), str("Ben")}}, str("secret cafe plan"));
    m_resume = send("Ana", {{str("to"), str("Cid")}}, str("naïve résumé, Ελληνικά, Привет"));
    QVERIFY(m_anaToBen > 0 && m_benToAna > m_anaToBen && m_cidToBen > m_benToAna &&
            m_resume > m_cidToBen);
}

void SearchTest::badRequestsAndErrorsInOrder()
{
    TestClient &ana = client("Ana");
    const auto error = [&](QJsonObject fields) {
        return errorOf(ana.request(str("search"), fields));
    };
    QCOMPARE(error({}), str("bad_request"));
    QCOMPARE(error({{str("query"), QString()}}), str("bad_request"));
    QCOMPARE(error({{str("query"), str("  \t ")}}), str("bad_request"));
    QCOMPARE(error({{str("query"), 7}}), str("bad_request"));
    QCOMPARE(error({{str("query"), QString(257, QLatin1Char('a'))}}), str("bad_request"));
    QCOMPARE(error({{str("query"), str("cafe")}, {str("peer"), str("Ben")}, {str("group"), 1}}),
             str("bad_request"));
    QCOMPARE(error({{str("query"), str("cafe")}, {str("limit"), 0}}), str("bad_request"));
    QCOMPARE(error({{str("query"), str("cafe")}, {str("limit"), 101}}), str("bad_request"));
    QCOMPARE(error({{str("query"), str("cafe")}, {str("before"), 0}}), str("bad_request"));
    // Shape before session: a stranger's bad request is still bad_request.
    TestClient stranger(m_server->port());
    QCOMPARE(errorOf(stranger.request(str("search"), {{str("query"), QString()}})),
             str("bad_request"));
    QCOMPARE(errorOf(stranger.request(str("search"), {{str("query"), str("cafe")}})),
             str("auth_required"));
    QCOMPARE(error({{str("query"), str("cafe")}, {str("peer"), str("Nobody")}}),
             str("no_such_user"));
    QCOMPARE(error({{str("query"), str("cafe")}, {str("group"), 999999}}), str("no_such_group"));
    const QJsonObject group = client("Ben").request(
        str("group_create"), {{str("name"), str("Ben's")}, {str("members"), QJsonArray{}}});
    QVERIFY(isOk(group));
    QCOMPARE(error({{str("query"), str("cafe")},
                    {str("group"), group.value(QLatin1String("group")).toInteger()}}),
             str("not_member"));
}

void SearchTest::findsOnlyTheCallersChatsNewestFirst()
{
    // Cid's message to Ben says "cafe" too: never Ana's.
    QCOMPARE(search("Ana", str("cafe")), (QList<qint64>{m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ben", str("cafe")), (QList<qint64>{m_cidToBen, m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ben", str("cafe"), {{str("peer"), str("ana")}}),
             (QList<qint64>{m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ben", str("cafe"), {{str("peer"), str("Cid")}}), QList<qint64>{m_cidToBen});
    QCOMPARE(search("Dee", str("cafe")), QList<qint64>{});
    QCOMPARE(search("Ana", str("secret")), QList<qint64>{});
    // Each result is a history item with the chat it is in.
    const QJsonObject reply =
        client("Ana").request(str("search"), {{str("query"), str("station")}});
    QVERIFY(isOk(reply));
    const QJsonArray messages = reply.value(QLatin1String("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    const QJsonObject item = messages.first().toObject();
    QCOMPARE(item.value(QLatin1String("msg_id")).toInteger(), m_benToAna);
    QCOMPARE(item.value(QLatin1String("from")).toString(), str("Ben"));
    QCOMPARE(item.value(QLatin1String("to")).toString(), str("Ana"));
    QCOMPARE(item.value(QLatin1String("peer")).toString(), str("Ben"));
    QCOMPARE(item.value(QLatin1String("text")).toString(), str("the CAFE near the station"));
    QVERIFY(item.value(QLatin1String("ts")).toInteger() > 0);
    QVERIFY(!item.contains(QLatin1String("status"))); // not Ana's own
    QVERIFY(!reply.contains(QLatin1String("next_before")));
    const QJsonObject own = client("Ana")
                                .request(str("search"), {{str("query"), str("lait")}})
                                .value(QLatin1String("messages"))
                                .toArray()
                                .first()
                                .toObject();
    QCOMPARE(own.value(QLatin1String("peer")).toString(), str("Ben"));
    QVERIFY(own.contains(QLatin1String("status")));
}

void SearchTest::foldsAccentsAndCase()
{
    QCOMPARE(search("Ana", str("CAFÉ")), (QList<qint64>{m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ana", str("café")), (QList<qint64>{m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ana", str("cafe\u0301")), (QList<qint64>{m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ana", str("resume naive")), QList<qint64>{m_resume});
    QCOMPARE(search("Cid", str("RÉSUMÉ")), QList<qint64>{m_resume});
    QCOMPARE(search("Cid", str("привет")), QList<qint64>{m_resume});
    QCOMPARE(search("Cid", str("Ελληνικά")), QList<qint64>{m_resume});
}

void SearchTest::lastWordIsAPrefix()
{
    QCOMPARE(search("Ana", str("caf")), (QList<qint64>{m_benToAna, m_anaToBen}));
    QCOMPARE(search("Ana", str("lait tomor")), QList<qint64>{m_anaToBen});
    // Only the last word: "tomor" in the middle must be whole.
    QCOMPARE(search("Ana", str("tomor lait")), QList<qint64>{});
    QCOMPARE(search("Cid", str("rés")), QList<qint64>{m_resume});
}

void SearchTest::pagesWithTheCursor()
{
    QList<qint64> sent;
    for (int i = 0; i < 5; ++i)
        sent.prepend(send("Dee", {{str("to"), str("Dee")}}, str("x"))); // not friends: refused
    QCOMPARE(sent, (QList<qint64>{0, 0, 0, 0, 0}));
    sent.clear();
    for (int i = 0; i < 5; ++i)
        sent.prepend(send("Ana", {{str("to"), str("Cid")}}, str("paging word %1").arg(i)));
    QList<qint64> seen;
    QJsonObject fields{{str("query"), str("paging word")}, {str("limit"), 2}};
    int pages = 0;
    for (;;) {
        const QJsonObject reply = client("Cid").request(str("search"), fields);
        QVERIFY(isOk(reply));
        const QList<qint64> ids = idsOf(reply);
        QVERIFY(ids.size() <= 2);
        seen += ids;
        ++pages;
        if (!reply.contains(QLatin1String("next_before")))
            break;
        QCOMPARE(reply.value(QLatin1String("next_before")).toInteger(), ids.last());
        fields.insert(str("before"), ids.last());
        QVERIFY(pages < 10);
    }
    QCOMPARE(seen, sent);
    QCOMPARE(pages, 3);
}

void SearchTest::hostileQueriesAreWords()
{
    const QList<qint64> cafe{m_benToAna, m_anaToBen};
    // Query syntax of either backend is plain text: no error, no other meaning.
    for (const char *query :
         {"\"cafe\"", "cafe*",      "-cafe",  "cafe\"",    "(cafe",   "cafe)", "^cafe",
          "{cafe}",   "'cafe'",     "cafe:*", "!cafe",     "cafe & ", "|cafe", "cafe\\",
          "cafe;--",  "\"\"\"cafe", "+cafe",  "cafe <-> ", "%cafe%",  "cafe'", "cafe' --"}) {
        QVERIFY2(search("Ana", str(query)) == cafe, query);
    }
    // A column filter or an injection attempt is more words, all required.
    QCOMPARE(search("Ana", str("body:cafe")), QList<qint64>{});
    QCOMPARE(search("Ana", str("cafe' OR '1'='1")), QList<qint64>{});
    // NEAR, AND, OR and NOT are words like any other.
    QCOMPARE(search("Ana", str("cafe NEAR")), QList<qint64>{m_benToAna});
    QCOMPARE(search("Ana", str("cafe OR lait")), QList<qint64>{});
    QCOMPARE(search("Ana", str("NOT lait")), QList<qint64>{});
    QCOMPARE(search("Ana", str("cafe AND")), QList<qint64>{});
    // Nothing but punctuation: no words, nothing found, no error.
    for (const char *query : {"*", "\"", "***", "-", "'", "(", ":*", "&|!", "\u0301"}) {
        const QJsonObject reply =
            client("Ana").request(str("search"), {{str("query"), str(query)}});
        QVERIFY2(isOk(reply), query);
        QCOMPARE(idsOf(reply), QList<qint64>{});
    }
}

void SearchTest::groupsFollowHistoryVisibility()
{
    const QJsonObject created =
        client("Ana").request(str("group_create"), {{str("name"), str("Pizza")},
                                                    {str("members"), QJsonArray{str("Ben")}}});
    QVERIFY(isOk(created));
    const qint64 group = created.value(QLatin1String("group")).toInteger();
    const qint64 before = send("Ana", {{str("group"), group}}, str("pizza tonight, before Cid"));
    QVERIFY(isOk(client("Ana").request(str("group_add"),
                                       {{str("group"), group}, {str("user"), str("Cid")}})));
    const qint64 after = send("Ben", {{str("group"), group}}, str("pizza with Cid"));
    QVERIFY(before > 0 && after > before);
    QCOMPARE(search("Ana", str("pizza")), (QList<qint64>{after, before}));
    QCOMPARE(search("Ben", str("pizza"), {{str("group"), group}}), (QList<qint64>{after, before}));
    // Cid joined after the first: history does not show it, nor does search.
    QCOMPARE(search("Cid", str("pizza")), QList<qint64>{after});
    QCOMPARE(search("Cid", str("pizza"), {{str("group"), group}}), QList<qint64>{after});
    QCOMPARE(search("Dee", str("pizza")), QList<qint64>{});
    const QJsonObject item = client("Cid")
                                 .request(str("search"), {{str("query"), str("pizza")}})
                                 .value(QLatin1String("messages"))
                                 .toArray()
                                 .first()
                                 .toObject();
    QCOMPARE(item.value(QLatin1String("group")).toInteger(), group);
    QCOMPARE(item.value(QLatin1String("from")).toString(), str("Ben"));
    QVERIFY(!item.contains(QLatin1String("peer")));
    // Ben leaves: the group's messages, his own included, are no longer his to find.
    QVERIFY(isOk(client("Ben").request(str("group_leave"), {{str("group"), group}})));
    QCOMPARE(search("Ben", str("pizza")), QList<qint64>{});
    QCOMPARE(errorOf(client("Ben").request(str("search"),
                                           {{str("query"), str("pizza")}, {str("group"), group}})),
             str("not_member"));
    QCOMPARE(search("Cid", str("pizza")), QList<qint64>{after});
}

void SearchTest::changedTextsAreReindexed()
{
    const qint64 id = send("Ana", {{str("to"), str("Ben")}}, str("original wording here"));
    QVERIFY(id > 0);
    QCOMPARE(search("Ben", str("original")), QList<qint64>{id});
    // An edit (whoever makes it: here the database itself) re-indexes the text.
    QVERIFY(updateBody(id, str("revised phrasing here")));
    QCOMPARE(search("Ben", str("original")), QList<qint64>{});
    QCOMPARE(search("Ben", str("revised")), QList<qint64>{id});
    QCOMPARE(search("Ben", str("here")).value(0), id);
    // Deleted for everyone: the text is cleared, nothing finds it.
    QVERIFY(updateBody(id, QString()));
    QCOMPARE(search("Ben", str("revised")), QList<qint64>{});
    QVERIFY(!search("Ben", str("here")).contains(id));
}

void SearchTest::resultsCarryWhatHistoryShows()
{
    const qint64 asked = send("Ana", {{str("to"), str("Ben")}}, str("marmalade or jam?"));
    QVERIFY(asked > 0);
    QVERIFY(isOk(
        client("Ben").request(str("react"), {{str("msg_id"), asked}, {str("emoji"), str("👍")}})));
    QVERIFY(isOk(
        client("Ana").request(str("react"), {{str("msg_id"), asked}, {str("emoji"), str("🍊")}})));
    const qint64 answer =
        sentId(client("Ben").request(str("send"), {{str("to"), str("Ana")},
                                                   {str("text"), str("marmalade, toasted")},
                                                   {str("reply_to"), asked}}));
    QVERIFY(answer > 0);
    QVERIFY(isOk(client("Ben").request(
        str("edit"), {{str("msg_id"), answer}, {str("text"), str("marmalade, well toasted")}})));
    const QJsonObject created =
        client("Ana").request(str("group_create"), {{str("name"), str("Breakfast")},
                                                    {str("members"), QJsonArray{str("Cid")}}});
    QVERIFY(isOk(created));
    const qint64 group = created.value(QLatin1String("group")).toInteger();
    const qint64 inGroup = send("Cid", {{str("group"), group}}, str("marmalade for everyone"));
    QVERIFY(inGroup > 0);
    QVERIFY(isOk(client("Ana").request(str("react"),
                                       {{str("msg_id"), inGroup}, {str("emoji"), str("❤️")}})));

    const QJsonArray found = client("Ana")
                                 .request(str("search"), {{str("query"), str("marmalade")}})
                                 .value(QLatin1String("messages"))
                                 .toArray();
    QCOMPARE(found.size(), 3);
    const QJsonObject group0 = found.at(0).toObject();
    const QJsonObject reply = found.at(1).toObject();
    const QJsonObject question = found.at(2).toObject();
    QCOMPARE(group0.value(QLatin1String("msg_id")).toInteger(), inGroup);
    QCOMPARE(group0.value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{str("❤️"), QJsonArray{str("Ana")}}}));
    QCOMPARE(question.value(QLatin1String("msg_id")).toInteger(), asked);
    QCOMPARE(question.value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{str("👍"), QJsonArray{str("Ben")}}, {str("🍊"), QJsonArray{str("Ana")}}}));
    QCOMPARE(reply.value(QLatin1String("msg_id")).toInteger(), answer);
    QCOMPARE(reply.value(QLatin1String("reply_to")).toInteger(), asked);
    QVERIFY(reply.value(QLatin1String("edited")).toInteger() > 0);
    QCOMPARE(reply.value(QLatin1String("text")).toString(), str("marmalade, well toasted"));
    QVERIFY(!reply.contains(QLatin1String("reactions")));
    // The same item as history's, but for the chat it names.
    QJsonObject inHistory;
    for (const QJsonValue &value :
         client("Ana")
             .request(str("history"), {{str("peer"), str("Ben")}, {str("limit"), 5}})
             .value(QLatin1String("messages"))
             .toArray()) {
        if (value.toObject().value(QLatin1String("msg_id")).toInteger() == asked)
            inHistory = value.toObject();
    }
    QJsonObject withoutPeer = question;
    withoutPeer.remove(QLatin1String("peer"));
    QCOMPARE(withoutPeer, inHistory);
}

QTEST_GUILESS_MAIN(SearchTest)
#include "tst_search.moc"
