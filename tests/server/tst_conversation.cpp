// Reactions, group admin hand-over and group system lines over real
// sockets: who may react (by the same rule as reply, edit, delete and
// forward), who is told, what history shows; who may hand a
// group over; every membership change as a line of the conversation; a
// reaction across two instances on one PostgreSQL database.
#include "servertest.h"

using namespace Palomar::Testing;

namespace {

QStringList kindsOf(const QList<QJsonObject> &events)
{
    QStringList kinds;
    for (const QJsonObject &event : events)
        kinds.append(event.value(QLatin1String("kind")).toString());
    return kinds;
}

QJsonArray historyOf(TestClient &client, const char *chatKey, const QJsonValue &chat)
{
    return client.request(str("history"), {{str(chatKey), chat}, {str("limit"), 200}})
        .value(QLatin1String("messages"))
        .toArray();
}

QJsonObject itemOf(const QJsonArray &messages, qint64 id)
{
    for (const QJsonValue &value : messages) {
        if (value.toObject().value(QLatin1String("msg_id")).toInteger() == id)
            return value.toObject();
    }
    return {};
}

// The system lines of a history page, oldest first, as "kind by user name".
QStringList systemLines(const QJsonArray &messages)
{
    QStringList lines;
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject system =
            messages.at(i).toObject().value(QLatin1String("system")).toObject();
        if (system.isEmpty())
            continue;
        QStringList parts{system.value(QLatin1String("kind")).toString(),
                          system.value(QLatin1String("by")).toString()};
        for (const char *key : {"user", "name"}) {
            if (system.contains(QLatin1String(key)))
                parts.append(system.value(QLatin1String(key)).toString());
        }
        lines.append(parts.join(QLatin1Char(' ')));
    }
    return lines;
}

QJsonObject react(TestClient &client, qint64 id, const QString &emoji)
{
    return client.request(str("react"), {{str("msg_id"), id}, {str("emoji"), emoji}});
}

} // namespace

class ConversationTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reactionsInADirectChat();
    void reactionsAreCheckedInTheContractsOrder();
    void reactionsInAGroupReachItsMembersOnly();
    void groupAdminIsHandedOverByTheAdminOnly();
    void everyMembershipChangeIsALine();
    void everyOpSeesMessagesByOneRule();
    void reactionAcrossTwoInstances();

private:
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
    ClientPool client{m_port};
    qint64 m_group = 0;
};

void ConversationTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_server->start());
    m_port = m_server->port();
    TestClient setup(m_server->port());
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    for (const char *name : {"Marge", "Bart", "Lisa"})
        QVERIFY(befriend(m_server->port(), str("Homer"), str(name)));
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe"})
        (void)client(name);
}

void ConversationTest::reactionsInADirectChat()
{
    TestClient &homer = client("Homer");
    TestClient &marge = client("Marge");
    const qint64 id =
        homer.request(str("send"), {{str("to"), str("Marge")}, {str("text"), str("Donuts?")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(id > 0);
    marge.sync();
    marge.sync();
    homer.sync();

    // Set: the other party is told, the one who reacted is not.
    QVERIFY(isOk(react(marge, id, str("👍"))));
    QList<QJsonObject> events = homer.sync();
    QCOMPARE(kindsOf(events), QStringList{str("reaction")});
    QCOMPARE(events.first().value(QLatin1String("msg_id")).toInteger(), id);
    QCOMPARE(events.first().value(QLatin1String("user")).toString(), str("Marge"));
    QCOMPARE(events.first().value(QLatin1String("emoji")).toString(), str("👍"));
    QCOMPARE(events.first().value(QLatin1String("peer")).toString(), str("Marge"));
    QVERIFY(events.first().value(QLatin1String("seq")).toInteger() > 0);
    QVERIFY(marge.sync().isEmpty());

    // The same again changes nothing and tells no one.
    QVERIFY(isOk(react(marge, id, str("👍"))));
    QVERIFY(homer.sync().isEmpty());

    // Both react: history shows each emoji with its names.
    QVERIFY(isOk(react(homer, id, str("👍"))));
    QCOMPARE(marge.sync().size(), 1);
    QJsonObject item = itemOf(historyOf(marge, "peer", str("Homer")), id);
    QCOMPARE(item.value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{str("👍"), QJsonArray{str("Homer"), str("Marge")}}}));

    // Change, then remove.
    QVERIFY(isOk(react(marge, id, str("❤️"))));
    events = homer.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("emoji")).toString(), str("❤️"));
    item = itemOf(historyOf(homer, "peer", str("Marge")), id);
    QCOMPARE(item.value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{str("👍"), QJsonArray{str("Homer")}},
                          {str("❤️"), QJsonArray{str("Marge")}}}));
    QVERIFY(isOk(react(marge, id, QString())));
    QVERIFY(isOk(react(homer, id, QString())));
    events = homer.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("emoji")).toString(), QString());
    QCOMPARE(marge.sync().size(), 1);
    item = itemOf(historyOf(homer, "peer", str("Marge")), id);
    QVERIFY(!item.isEmpty());
    QVERIFY(!item.contains(QLatin1String("reactions")));
    // Removing what is not there is no change either.
    QVERIFY(isOk(react(homer, id, QString())));
    QVERIFY(marge.sync().isEmpty());
}

void ConversationTest::reactionsAreCheckedInTheContractsOrder()
{
    TestClient &homer = client("Homer");
    const qint64 id =
        homer.request(str("send"), {{str("to"), str("Bart")}, {str("text"), str("Why you...")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(id > 0);
    client("Bart").sync();
    client("Bart").sync();
    // Shape first, even without a session.
    TestClient stranger(m_server->port());
    QCOMPARE(errorOf(stranger.request(str("react"), {{str("msg_id"), id}})), str("bad_request"));
    QCOMPARE(errorOf(react(stranger, id, str("👍"))), str("auth_required"));
    QCOMPARE(errorOf(homer.request(str("react"), {{str("emoji"), str("👍")}})), str("bad_request"));
    QCOMPARE(errorOf(react(homer, 0, str("👍"))), str("bad_request"));
    QCOMPARE(errorOf(react(homer, id, QString(33, QLatin1Char('x')))), str("bad_request"));
    QCOMPARE(errorOf(react(homer, id, str("\u0007"))), str("bad_request"));
    QCOMPARE(errorOf(react(homer, id, str("a\nb"))), str("bad_request"));
    QCOMPARE(errorOf(homer.request(str("react"), {{str("msg_id"), id}, {str("emoji"), 5}})),
             str("bad_request"));
    // A family emoji of 25 bytes joined by ZWJs is one reaction.
    QVERIFY(isOk(react(homer, id, str("👨‍👩‍👧‍👦"))));
    // A message of a chat one is not in is as good as none.
    QCOMPARE(errorOf(react(client("Lisa"), id, str("👍"))), str("no_such_message"));
    QCOMPARE(errorOf(react(client("Moe"), id, str("👍"))), str("no_such_message"));
    QCOMPARE(errorOf(react(homer, 999999999, str("👍"))), str("no_such_message"));
    // Nothing reached anyone but Bart.
    QCOMPARE(kindsOf(client("Bart").sync()), QStringList{str("reaction")});
    QVERIFY(client("Lisa").sync().isEmpty());
    QVERIFY(client("Moe").sync().isEmpty());
}

void ConversationTest::reactionsInAGroupReachItsMembersOnly()
{
    TestClient &homer = client("Homer");
    const QJsonObject created = homer.request(
        str("group_create"),
        {{str("name"), str("Simpsons")}, {str("members"), QJsonArray{str("Marge"), str("Bart")}}});
    QVERIFY(isOk(created));
    m_group = created.value(QLatin1String("group")).toInteger();
    for (const char *name : {"Marge", "Bart"})
        client(name).sync();
    const qint64 id =
        client("Marge")
            .request(str("send"), {{str("group"), m_group}, {str("text"), str("Dinner!")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(id > 0);
    for (const char *name : {"Homer", "Bart"}) {
        client(name).sync();
        client(name).sync();
    }
    // Lisa, added after the message, never got it: she cannot react to it.
    QVERIFY(isOk(
        homer.request(str("group_add"), {{str("group"), m_group}, {str("user"), str("Lisa")}})));
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa"})
        client(name).sync();
    QCOMPARE(errorOf(react(client("Lisa"), id, str("👍"))), str("no_such_message"));
    QCOMPARE(errorOf(react(client("Moe"), id, str("👍"))), str("no_such_message"));

    QVERIFY(isOk(react(client("Bart"), id, str("😂"))));
    for (const char *name : {"Homer", "Marge"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(kindsOf(events), QStringList{str("reaction")});
        QCOMPARE(events.first().value(QLatin1String("group")).toInteger(), m_group);
        QCOMPARE(events.first().value(QLatin1String("user")).toString(), str("Bart"));
        QVERIFY(!events.first().contains(QLatin1String("peer")));
    }
    QVERIFY(client("Lisa").sync().isEmpty());
    QVERIFY(client("Bart").sync().isEmpty());
    QVERIFY(isOk(react(homer, id, str("😂"))));
    const QJsonObject item = itemOf(historyOf(client("Marge"), "group", m_group), id);
    QCOMPARE(item.value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{str("😂"), QJsonArray{str("Bart"), str("Homer")}}}));

    // A removed member can no longer react, nor is told.
    QVERIFY(isOk(
        homer.request(str("group_remove"), {{str("group"), m_group}, {str("user"), str("Bart")}})));
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa"})
        client(name).sync();
    QCOMPARE(errorOf(react(client("Bart"), id, str("👍"))), str("no_such_message"));
    QVERIFY(isOk(react(client("Marge"), id, str("👍"))));
    QCOMPARE(kindsOf(client("Homer").sync()), QStringList{str("reaction")});
    QVERIFY(client("Bart").sync().isEmpty());
    QVERIFY(client("Lisa").sync().isEmpty());
    // A system line is no message to react to.
    const QJsonArray history = historyOf(homer, "group", m_group);
    qint64 lineId = 0;
    for (const QJsonValue &value : history) {
        if (value.toObject().contains(QLatin1String("system")))
            lineId = value.toObject().value(QLatin1String("msg_id")).toInteger();
    }
    QVERIFY(lineId > 0);
    QCOMPARE(errorOf(react(homer, lineId, str("👍"))), str("no_such_message"));
}

void ConversationTest::groupAdminIsHandedOverByTheAdminOnly()
{
    QVERIFY(m_group > 0);
    TestClient &homer = client("Homer");
    auto handOver = [this](TestClient &by, const QJsonValue &group, const QString &user) {
        return by.request(str("group_admin"), {{str("group"), group}, {str("user"), user}});
    };
    QCOMPARE(errorOf(homer.request(str("group_admin"), {{str("group"), m_group}})),
             str("bad_request"));
    QCOMPARE(errorOf(handOver(homer, str("x"), str("Marge"))), str("bad_request"));
    TestClient stranger(m_server->port());
    QCOMPARE(errorOf(handOver(stranger, m_group, str("Marge"))), str("auth_required"));
    QCOMPARE(errorOf(handOver(client("Moe"), m_group, str("Marge"))), str("not_member"));
    QCOMPARE(errorOf(handOver(homer, 999999, str("Marge"))), str("no_such_group"));
    QCOMPARE(errorOf(handOver(client("Marge"), m_group, str("Marge"))), str("not_admin"));
    QCOMPARE(errorOf(handOver(homer, m_group, str("Nobody"))), str("no_such_user"));
    QCOMPARE(errorOf(handOver(homer, m_group, str("Moe"))), str("not_member"));
    QCOMPARE(errorOf(handOver(homer, m_group, str("Bart"))), str("not_member"));
    for (const char *name : {"Homer", "Marge", "Lisa"})
        QVERIFY(client(name).sync().isEmpty());

    QVERIFY(isOk(handOver(homer, m_group, str("lisa"))));
    for (const char *name : {"Homer", "Marge", "Lisa"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(kindsOf(events), QStringList{str("group_updated")});
        QCOMPARE(events.first().value(QLatin1String("admin")).toString(), str("Lisa"));
        QCOMPARE(events.first().value(QLatin1String("by")).toString(), str("Homer"));
        const QJsonArray lines = events.first().value(QLatin1String("lines")).toArray();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().toObject().value(QLatin1String("system")).toObject(),
                 (QJsonObject{{str("kind"), str("admin")},
                              {str("by"), str("Homer")},
                              {str("user"), str("Lisa")}}));
    }
    QVERIFY(client("Bart").sync().isEmpty());
    QCOMPARE(client("Marge")
                 .request(str("group_info"), {{str("group"), m_group}})
                 .value(QLatin1String("admin"))
                 .toString(),
             str("Lisa"));
    // Homer is no longer the admin; Lisa is.
    QCOMPARE(errorOf(handOver(homer, m_group, str("Marge"))), str("not_admin"));
    QVERIFY(isOk(handOver(client("Lisa"), m_group, str("Lisa")))); // already: nothing happens
    QVERIFY(client("Marge").sync().isEmpty());
}

void ConversationTest::everyMembershipChangeIsALine()
{
    TestClient &homer = client("Homer");
    const qint64 group =
        homer
            .request(str("group_create"), {{str("name"), str("Bowling")},
                                           {str("members"), QJsonArray{str("Marge"), str("Lisa")}}})
            .value(QLatin1String("group"))
            .toInteger();
    QVERIFY(group > 0);
    QList<QJsonObject> events = client("Marge").sync();
    QCOMPARE(kindsOf(events), QStringList{str("group_added")});
    const QJsonArray created = events.first().value(QLatin1String("lines")).toArray();
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.first().toObject().value(QLatin1String("text")).toString(), QString());
    QCOMPARE(created.first().toObject().value(QLatin1String("from")).toString(), str("Homer"));
    QCOMPARE(created.first().toObject().value(QLatin1String("group")).toInteger(), group);
    client("Lisa").sync();
    QVERIFY(
        isOk(homer.request(str("send"), {{str("group"), group}, {str("text"), str("Strike!")}})));
    QVERIFY(
        isOk(homer.request(str("group_add"), {{str("group"), group}, {str("user"), str("Bart")}})));
    QVERIFY(isOk(homer.request(str("group_rename"),
                               {{str("group"), group}, {str("name"), str("Pin Pals")}})));
    QVERIFY(isOk(
        homer.request(str("group_remove"), {{str("group"), group}, {str("user"), str("Lisa")}})));
    QVERIFY(isOk(client("Bart").request(str("group_leave"), {{str("group"), group}})));
    // The admin leaves: the role goes to the longest-standing member, a line too.
    QVERIFY(isOk(homer.request(str("group_leave"), {{str("group"), group}})));
    events = client("Marge").sync();
    QCOMPARE(kindsOf(events).count(str("group_updated")), 5);
    const QJsonArray last = events.last().value(QLatin1String("lines")).toArray();
    QCOMPARE(last.size(), 2);
    QCOMPARE(events.last().value(QLatin1String("admin")).toString(), str("Marge"));

    const QJsonArray history = historyOf(client("Marge"), "group", group);
    QCOMPARE(systemLines(history), (QStringList{
                                       str("created Homer Bowling"),
                                       str("added Homer Bart"),
                                       str("renamed Homer Pin Pals"),
                                       str("removed Homer Lisa"),
                                       str("left Bart"),
                                       str("left Homer"),
                                       str("admin Homer Marge"),
                                   }));
    // In order among the messages, with no text and no delivery status.
    QCOMPARE(history.size(), 8);
    QCOMPARE(history.at(6).toObject().value(QLatin1String("text")).toString(), str("Strike!"));
    for (const QJsonValue &value : history) {
        const QJsonObject item = value.toObject();
        if (item.contains(QLatin1String("system"))) {
            QCOMPARE(item.value(QLatin1String("text")).toString(), QString());
            QVERIFY(!item.contains(QLatin1String("status")));
        }
    }
    // The event's lines are the history's items.
    QCOMPARE(last.at(1).toObject(), history.at(0).toObject());
}

void ConversationTest::everyOpSeesMessagesByOneRule()
{
    TestClient &homer = client("Homer");
    const qint64 group =
        homer
            .request(str("group_create"), {{str("name"), str("Rule")},
                                           {str("members"), QJsonArray{str("Marge"), str("Bart")}}})
            .value(QLatin1String("group"))
            .toInteger();
    QVERIFY(group > 0);
    const auto groupSend = [&](const char *from, const char *text) {
        return client(from)
            .request(str("send"), {{str("group"), group}, {str("text"), str(text)}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    };
    // What each op answers for `id` from `who` (react, reply in the group,
    // forward to Homer): the same everywhere.
    const auto answers = [&](const char *who, qint64 id) {
        TestClient &c = client(who);
        return QStringList{
            errorOf(react(c, id, str("👍"))),
            errorOf(c.request(
                str("send"),
                {{str("group"), group}, {str("text"), str("re")}, {str("reply_to"), id}})),
            errorOf(c.request(str("forward"), {{str("msg_id"), id}, {str("to"), str("Homer")}})),
        };
    };
    const QStringList unseen{str("no_such_message"), str("no_such_message"),
                             str("no_such_message")};
    const qint64 early = groupSend("Marge", "before Lisa");
    QVERIFY(early > 0);
    QVERIFY(
        isOk(homer.request(str("group_add"), {{str("group"), group}, {str("user"), str("Lisa")}})));
    // Lisa joined after it was sent: not fanned out to her, not hers to touch.
    QCOMPARE(answers("Lisa", early), unseen);
    QCOMPARE(errorOf(react(client("Moe"), early, str("👍"))), str("no_such_message"));
    // Bart blocks Marge: her later group messages are hidden from him only.
    QVERIFY(isOk(client("Bart").request(str("block"), {{str("user"), str("Marge")}})));
    const qint64 hidden = groupSend("Marge", "Bart cannot see this");
    QVERIFY(hidden > 0);
    QCOMPARE(answers("Bart", hidden), unseen);
    QVERIFY(isOk(react(client("Lisa"), hidden, str("👍"))));
    QVERIFY(isOk(client("Bart").request(str("unblock"), {{str("user"), str("Marge")}})));
    // A system line (Homer's "added Lisa") is no message for any op, its
    // "sender" included.
    qint64 line = 0;
    for (const QJsonValue &value : historyOf(homer, "group", group)) {
        if (value.toObject()
                .value(QLatin1String("system"))
                .toObject()
                .value(QLatin1String("kind")) == str("added"))
            line = value.toObject().value(QLatin1String("msg_id")).toInteger();
    }
    QVERIFY(line > 0);
    QCOMPARE(answers("Marge", line), unseen);
    QCOMPARE(errorOf(homer.request(str("edit"), {{str("msg_id"), line}, {str("text"), str("x")}})),
             str("no_such_message"));
    QCOMPARE(errorOf(homer.request(str("delete"), {{str("msg_id"), line}})),
             str("no_such_message"));
    // A tombstone: reactions refuse it like the other ops.
    const qint64 gone = groupSend("Homer", "soon gone");
    QVERIFY(gone > 0);
    QVERIFY(isOk(homer.request(str("delete"), {{str("msg_id"), gone}})));
    QCOMPARE(answers("Marge", gone), unseen);
    // A member who leaves loses the group's messages, their own too.
    const qint64 own = groupSend("Bart", "mine, then I leave");
    QVERIFY(own > 0);
    QVERIFY(isOk(client("Bart").request(str("group_leave"), {{str("group"), group}})));
    QCOMPARE(errorOf(react(client("Bart"), own, str("👍"))), str("no_such_message"));
    QCOMPARE(errorOf(client("Bart").request(str("forward"),
                                            {{str("msg_id"), early}, {str("to"), str("Homer")}})),
             str("no_such_message"));
    QCOMPARE(errorOf(client("Bart").request(str("edit"),
                                            {{str("msg_id"), own}, {str("text"), str("x")}})),
             str("no_such_message"));
    // The members it reached still may: the rule is not simply "nothing".
    QVERIFY(isOk(react(client("Marge"), early, str("👍"))));
    QVERIFY(isOk(react(client("Lisa"), own, str("👍"))));
    QVERIFY(isOk(homer.request(str("forward"), {{str("msg_id"), own}, {str("to"), str("Marge")}})));
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa"}) {
        client(name).sync();
        client(name).sync();
    }
}

void ConversationTest::reactionAcrossTwoInstances()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("two instances need PostgreSQL (PALOMAR_TEST_BACKEND=postgresql)");
    ServerProcess second(QStringList{str("--rate"), str("0")}, m_server.get());
    QVERIFY(second.start());
    TestClient &homer = client("Homer");
    const qint64 id =
        homer.request(str("send"), {{str("to"), str("Lisa")}, {str("text"), str("Across")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(id > 0);
    client("Lisa").request(str("logout"));
    client.forget("Lisa");
    TestClient lisa(second.port());
    QVERIFY(isOk(lisa.login(str("Lisa"), kPassword)));
    lisa.sync();
    lisa.sync();
    homer.sync();
    // A long poll parked on A wakes for a reaction made on B.
    const int poll = homer.post(str("sync"), {{str("after"), homer.cursor()}, {str("wait"), 30}});
    QVERIFY(isOk(react(lisa, id, str("🎷"))));
    const QJsonArray events = homer.reply(poll, 20000).value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject().value(QLatin1String("kind")).toString(), str("reaction"));
    QCOMPARE(events.first().toObject().value(QLatin1String("user")).toString(), str("Lisa"));
    QCOMPARE(itemOf(historyOf(homer, "peer", str("Lisa")), id)
                 .value(QLatin1String("reactions"))
                 .toObject(),
             (QJsonObject{{str("🎷"), QJsonArray{str("Lisa")}}}));
    lisa.request(str("logout"));
}

QTEST_GUILESS_MAIN(ConversationTest)
#include "tst_conversation.moc"
