// search's query plans give the same results as one plain query would
// (SQLite and PostgreSQL, real sockets): a last word standing for many index
// terms (SQLite spells up to 32 of them out, a prefix query beyond), typed
// in upper case, and a one-chat search over a chat longer than the window
// the chat plan reads before it hands the older messages to the word plan
// (SQLite: 60 messages for a query of 33 terms, or the page's limit if
// larger; the chat has 132), whole and page by page, and a word with more
// entries between the chat's messages than the chat plan reads at once.
#include "searchresults.h"
#include "servertest.h"

using namespace Palomar::Testing;

class SearchPlansTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void prefixesOfFewAndManyTerms();
    void oneChatLongerThanTheWindow();
    void oneChatPageByPage();
    void oneChatWordCommonElsewhere();

private:
    QList<qint64> search(const char *who, const QString &query, QJsonObject fields = {});
    qint64 send(const char *from, const char *to, const QString &text);

    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
    ClientPool m_clients{m_port};
    QList<qint64> m_manyTerms;  // "manyterm1" … "manyterm40", Ana to Ben, newest first
    QList<qint64> m_needles;    // Ana and Cid's "nee…" messages, newest first
    QList<qint64> m_benNeedles; // Ana and Ben's, newest first
};

QList<qint64> SearchPlansTest::search(const char *who, const QString &query, QJsonObject fields)
{
    fields.insert(str("query"), query);
    if (!fields.contains(QLatin1String("limit")))
        fields.insert(str("limit"), 100);
    const QJsonObject reply = m_clients(who).request(str("search"), fields);
    if (!isOk(reply))
        qWarning("search %s failed: %s", qPrintable(query), qPrintable(errorOf(reply)));
    return idsOf(reply);
}

qint64 SearchPlansTest::send(const char *from, const char *to, const QString &text)
{
    const QJsonObject reply =
        m_clients(from).request(str("send"), {{str("to"), str(to)}, {str("text"), text}});
    return reply.value(QLatin1String("msg_id")).toInteger();
}

void SearchPlansTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_server->start());
    m_port = m_server->port();
    TestClient setup(m_port);
    for (const char *name : {"Ana", "Ben", "Cid"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_port, str("Ana"), str("Ben")));
    QVERIFY(befriend(m_port, str("Ana"), str("Cid")));
    QVERIFY(befriend(m_port, str("Ben"), str("Cid")));
    for (int i = 1; i <= 40; ++i) {
        m_manyTerms.prepend(send("Ana", "Ben", str("manyterm%1 and more").arg(i)));
        QVERIFY(m_manyTerms.constFirst() > 0);
    }
    // Ana and Cid: "nee1", then 130 other messages with "nee2" … "nee14" among
    // them, then "nee15"; Ana and Ben: "nee16" … "nee32". "nee" stands for 32
    // terms: with "nee" itself, 33 looked up for each message of the chat.
    m_needles.prepend(send("Ana", "Cid", str("nee1 the oldest")));
    for (int i = 0; i < 130; ++i) {
        const bool needle = i % 10 == 5;
        const qint64 id = send(i % 2 ? "Cid" : "Ana", i % 2 ? "Ana" : "Cid",
                               needle ? str("a nee%1 here").arg(2 + i / 10) : str("hay %1").arg(i));
        QVERIFY(id > 0);
        if (needle)
            m_needles.prepend(id);
    }
    m_needles.prepend(send("Cid", "Ana", str("NEE15 the newest")));
    for (int i = 16; i <= 32; ++i)
        m_benNeedles.prepend(send("Ben", "Ana", str("nee%1").arg(i)));
    QCOMPARE(m_needles.size(), 15);
    QVERIFY(!m_needles.contains(0) && !m_benNeedles.contains(0));
}

void SearchPlansTest::prefixesOfFewAndManyTerms()
{
    // 40 terms: more than are spelled out.
    QCOMPARE(search("Ana", str("manyterm")), m_manyTerms);
    QCOMPARE(search("Ben", str("MANYTERM")), m_manyTerms);
    QCOMPARE(search("Cid", str("manyterm")), QList<qint64>{});
    // manyterm1, manyterm10 … manyterm19: 11 terms, spelled out.
    QList<qint64> ones;
    for (int i = 1; i <= 40; ++i) {
        if (QString::number(i).startsWith(QLatin1Char('1')))
            ones.prepend(m_manyTerms.at(40 - i));
    }
    QCOMPARE(search("Ana", str("manyTerm1")), ones);
    QCOMPARE(search("Ana", str("and manyterm1")), ones);
    // Not the last word: whole.
    QCOMPARE(search("Ana", str("manyterm1 and")), QList<qint64>{m_manyTerms.at(40 - 1)});
    // A whole word that is also a prefix of longer ones, and one that is not.
    QCOMPARE(search("Ana", str("manyterm40")), QList<qint64>{m_manyTerms.constFirst()});
    QCOMPARE(search("Ana", str("manyterm41")), QList<qint64>{});
    QCOMPARE(search("Ana", str("manyterm4 more")), QList<qint64>{m_manyTerms.at(40 - 4)});
    QCOMPARE(search("Ana", str("more manyterm4")).size(), 2); // manyterm4, manyterm40
}

void SearchPlansTest::oneChatLongerThanTheWindow()
{
    QCOMPARE(search("Ana", str("nee"), {{str("peer"), str("Cid")}}), m_needles);
    QCOMPARE(search("Cid", str("Nee"), {{str("peer"), str("Ana")}}), m_needles);
    QCOMPARE(search("Ana", str("nee"), {{str("peer"), str("Ben")}}), m_benNeedles);
    QCOMPARE(search("Ben", str("nee"), {{str("peer"), str("Cid")}}), QList<qint64>{});
    // Only the oldest, far behind the window; and nothing older than it.
    QCOMPARE(search("Ana", str("nee1 oldest"), {{str("peer"), str("Cid")}}),
             QList<qint64>{m_needles.constLast()});
    QCOMPARE(search("Ana", str("nee"),
                    {{str("peer"), str("Cid")}, {str("before"), m_needles.constLast()}}),
             QList<qint64>{});
    // All chats: both chats' needles, newest first.
    QList<qint64> all = m_needles + m_benNeedles;
    std::sort(all.begin(), all.end(), std::greater<>());
    QCOMPARE(search("Ana", str("nee")), all);
}

void SearchPlansTest::oneChatPageByPage()
{
    QList<qint64> seen;
    QJsonObject fields{{str("query"), str("nee")}, {str("peer"), str("Cid")}, {str("limit"), 4}};
    for (int pages = 0; pages < 10; ++pages) {
        const QJsonObject reply = m_clients("Ana").request(str("search"), fields);
        QVERIFY(isOk(reply));
        const QList<qint64> ids = idsOf(reply);
        QVERIFY(ids.size() <= 4);
        seen += ids;
        if (!reply.contains(QLatin1String("next_before")))
            break;
        fields.insert(str("before"), reply.value(QLatin1String("next_before")));
    }
    QCOMPARE(seen, m_needles);
}

void SearchPlansTest::oneChatWordCommonElsewhere()
{
    // Between two of Ana and Cid's messages, more than the 1,000 entries of a
    // term that the chat plan reads in one statement (SQLite): the messages
    // of the chat below them are looked up one at a time, a hit and misses.
    const qint64 oldest = send("Ana", "Cid", str("plenty of it, the oldest"));
    QVERIFY(send("Cid", "Ana", str("none of it here")) > 0);
    for (int i = 0; i < 1010; ++i)
        QVERIFY(send("Ben", "Cid", str("plenty %1").arg(i)) > 0);
    const qint64 newest = send("Cid", "Ana", str("PLENTY of it, the newest"));
    QVERIFY(oldest > 0 && newest > oldest);
    const QList<qint64> both{newest, oldest};
    QCOMPARE(search("Ana", str("plenty"), {{str("peer"), str("Cid")}}), both);
    QCOMPARE(search("Cid", str("plent"), {{str("peer"), str("Ana")}}), both);
    QCOMPARE(search("Ana", str("oldest plenty"), {{str("peer"), str("Cid")}}),
             QList<qint64>{oldest});
    QCOMPARE(search("Ana", str("plenty"),
                    {{str("peer"), str("Cid")}, {str("before"), newest}, {str("limit"), 1}}),
             QList<qint64>{oldest});
    QCOMPARE(search("Ben", str("plenty"), {{str("peer"), str("Ana")}}), QList<qint64>{});
    QCOMPARE(search("Ben", str("plenty"), {{str("peer"), str("Cid")}}).size(), 100); // the limit
}

QTEST_GUILESS_MAIN(SearchPlansTest)
#include "tst_search_plans.moc"
