// Groups over real sockets: the admin's rights, fan-out to members who are
// not friends, group ticks, admin hand-over, empty groups, removed members.
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

QString statusIn(TestClient &client, qint64 group, qint64 id)
{
    const QJsonObject history =
        client.request(str("history"), {{str("group"), group}, {str("limit"), 200}});
    for (const QJsonValue &value : history.value(QLatin1String("messages")).toArray()) {
        if (value.toObject().value(QLatin1String("msg_id")).toInteger() == id)
            return value.toObject().value(QLatin1String("status")).toString();
    }
    return QString();
}
} // namespace

class GroupsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createAddsOnlyTheAdminsFriends();
    void onlyTheAdminChangesTheGroup();
    void outsidersCannotSendOrRead();
    void everyMemberGetsEveryMessage();
    void ticksTurnWhenEveryMemberHas();
    void removedMemberGetsNothingMore();
    void adminWhoLeavesHandsOverAndEmptyGroupIsDeleted();
    void unregisterLeavesGroups();

private:
    TestClient &client(const char *name);

    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;           // the server's, once started
    ClientPool m_clients{m_port}; // logged-in clients by name
    qint64 m_group = 0;
};

TestClient &GroupsTest::client(const char *name)
{
    return m_clients(name);
}

void GroupsTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_server->start());
    m_port = m_server->port();
    TestClient setup(m_server->port());
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe", "Ned"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    // Homer is friends with Marge, Bart and Lisa; Marge and Bart are not friends.
    for (const char *name : {"Marge", "Bart", "Lisa"})
        QVERIFY(befriend(m_server->port(), str("Homer"), str(name)));
    // Everyone logged in, with the friendship events drained.
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe", "Ned"})
        (void)client(name);
}

void GroupsTest::createAddsOnlyTheAdminsFriends()
{
    TestClient &homer = client("Homer");
    QCOMPARE(
        errorOf(homer.request(str("group_create"), {{str("name"), str("Simpsons")},
                                                    {str("members"), QJsonArray{str("Moe")}}})),
        str("not_friends"));
    QCOMPARE(
        errorOf(homer.request(str("group_create"), {{str("name"), str("Simpsons")},
                                                    {str("members"), QJsonArray{str("Nobody")}}})),
        str("no_such_user"));
    QCOMPARE(errorOf(homer.request(str("group_create"),
                                   {{str("name"), QString()}, {str("members"), QJsonArray{}}})),
             str("bad_request"));
    QCOMPARE(
        errorOf(homer.request(str("group_create"), {{str("name"), QString(65, QLatin1Char('x'))},
                                                    {str("members"), QJsonArray{}}})),
        str("bad_request"));
    const QJsonObject created = homer.request(
        str("group_create"),
        {{str("name"), str("Simpsons")}, {str("members"), QJsonArray{str("Marge"), str("bart")}}});
    QVERIFY(isOk(created));
    m_group = created.value(QLatin1String("group")).toInteger();
    QVERIFY(m_group > 0);
    for (const char *name : {"Marge", "Bart"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(kindsOf(events), QStringList{str("group_added")});
        QCOMPARE(events.first().value(QLatin1String("group")).toInteger(), m_group);
        QCOMPARE(events.first().value(QLatin1String("name")).toString(), str("Simpsons"));
        QCOMPARE(events.first().value(QLatin1String("by")).toString(), str("Homer"));
    }
    const QJsonObject info = client("Marge").request(str("group_info"), {{str("group"), m_group}});
    QCOMPARE(info.value(QLatin1String("admin")).toString(), str("Homer"));
    // The creator is the longest-standing member, whatever the names' order.
    QCOMPARE(info.value(QLatin1String("members")).toArray(),
             (QJsonArray{str("Homer"), str("Marge"), str("Bart")}));
    const QJsonArray groups =
        client("Bart").request(str("groups")).value(QLatin1String("groups")).toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.first().toObject().value(QLatin1String("name")).toString(), str("Simpsons"));
}

void GroupsTest::onlyTheAdminChangesTheGroup()
{
    TestClient &marge = client("Marge");
    QCOMPARE(errorOf(marge.request(str("group_add"),
                                   {{str("group"), m_group}, {str("user"), str("Lisa")}})),
             str("not_admin"));
    QCOMPARE(errorOf(marge.request(str("group_remove"),
                                   {{str("group"), m_group}, {str("user"), str("Bart")}})),
             str("not_admin"));
    QCOMPARE(errorOf(marge.request(str("group_rename"),
                                   {{str("group"), m_group}, {str("name"), str("Bouviers")}})),
             str("not_admin"));
    TestClient &homer = client("Homer");
    QCOMPARE(errorOf(homer.request(str("group_add"),
                                   {{str("group"), m_group}, {str("user"), str("Moe")}})),
             str("not_friends"));
    QVERIFY(isOk(homer.request(str("group_rename"),
                               {{str("group"), m_group}, {str("name"), str("Springfield")}})));
    for (const char *name : {"Marge", "Bart", "Homer"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(kindsOf(events), QStringList{str("group_updated")});
        QCOMPARE(events.first().value(QLatin1String("name")).toString(), str("Springfield"));
    }
    QVERIFY(isOk(
        homer.request(str("group_add"), {{str("group"), m_group}, {str("user"), str("Lisa")}})));
    QCOMPARE(kindsOf(client("Lisa").sync()), QStringList{str("group_added")});
    QCOMPARE(kindsOf(marge.sync()), QStringList{str("group_updated")});
    client("Bart").sync();
    homer.sync();
}

void GroupsTest::outsidersCannotSendOrRead()
{
    TestClient &moe = client("Moe");
    QCOMPARE(errorOf(moe.request(str("send"), {{str("group"), m_group}, {str("text"), str("hi")}})),
             str("not_member"));
    QCOMPARE(errorOf(moe.request(str("history"), {{str("group"), m_group}})), str("not_member"));
    QCOMPARE(errorOf(moe.request(str("read"), {{str("group"), m_group}, {str("up_to"), 1}})),
             str("not_member"));
    QCOMPARE(errorOf(moe.request(str("group_info"), {{str("group"), m_group}})), str("not_member"));
    QCOMPARE(errorOf(moe.request(str("group_leave"), {{str("group"), m_group}})),
             str("not_member"));
    QCOMPARE(errorOf(moe.request(str("send"), {{str("group"), 999999}, {str("text"), str("hi")}})),
             str("no_such_group"));
}

void GroupsTest::everyMemberGetsEveryMessage()
{
    // Marge and Bart are not friends, yet each gets the other's messages.
    const QJsonObject sent = client("Marge").request(
        str("send"), {{str("group"), m_group}, {str("text"), str("Dinner!")}});
    QVERIFY(isOk(sent));
    for (const char *name : {"Homer", "Bart", "Lisa"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().value(QLatin1String("kind")).toString(), str("message"));
        QCOMPARE(events.first().value(QLatin1String("from")).toString(), str("Marge"));
        QCOMPARE(events.first().value(QLatin1String("group")).toInteger(), m_group);
        QCOMPARE(events.first().value(QLatin1String("text")).toString(), str("Dinner!"));
    }
    QVERIFY(kindsOf(client("Marge").sync()).count(str("message")) == 0);
    QVERIFY(client("Moe").sync().isEmpty());
}

void GroupsTest::ticksTurnWhenEveryMemberHas()
{
    TestClient &bart = client("Bart");
    const qint64 id =
        bart.request(str("send"), {{str("group"), m_group}, {str("text"), str("Eat my shorts")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(id > 0);
    QCOMPARE(statusIn(bart, m_group, id), str("sent"));
    // Homer and Marge acknowledge; Lisa has not yet: still "sent".
    client("Homer").sync();
    client("Homer").sync();
    client("Marge").sync();
    client("Marge").sync();
    QCOMPARE(statusIn(bart, m_group, id), str("sent"));
    QList<QJsonObject> receipts = bart.sync();
    QCOMPARE(receipts.size(), 2);
    for (const QJsonObject &receipt : receipts) {
        QCOMPARE(receipt.value(QLatin1String("status")).toString(), str("delivered"));
        QCOMPARE(receipt.value(QLatin1String("complete")).toBool(), false);
    }
    client("Lisa").sync();
    client("Lisa").sync();
    QCOMPARE(statusIn(bart, m_group, id), str("delivered"));
    receipts = bart.sync();
    QCOMPARE(receipts.size(), 1);
    QCOMPARE(receipts.first().value(QLatin1String("by")).toString(), str("Lisa"));
    QCOMPARE(receipts.first().value(QLatin1String("complete")).toBool(), true);

    // Reads: read only when all three have read.
    for (const char *name : {"Homer", "Marge"})
        QVERIFY(
            isOk(client(name).request(str("read"), {{str("group"), m_group}, {str("up_to"), id}})));
    QCOMPARE(statusIn(bart, m_group, id), str("delivered"));
    const QJsonObject info = bart.request(str("message_info"), {{str("msg_id"), id}});
    QVERIFY(isOk(info));
    int read = 0;
    for (const QJsonValue &value : info.value(QLatin1String("receipts")).toArray())
        read += value.toObject().value(QLatin1String("read")).isDouble();
    QCOMPARE(info.value(QLatin1String("receipts")).toArray().size(), 3);
    QCOMPARE(read, 2);
    QCOMPARE(errorOf(client("Homer").request(str("message_info"), {{str("msg_id"), id}})),
             str("bad_request"));
    QVERIFY(
        isOk(client("Lisa").request(str("read"), {{str("group"), m_group}, {str("up_to"), id}})));
    QCOMPARE(statusIn(bart, m_group, id), str("read"));
    receipts = bart.sync();
    QCOMPARE(receipts.size(), 3);
    QCOMPARE(receipts.last().value(QLatin1String("complete")).toBool(), true);
}

void GroupsTest::removedMemberGetsNothingMore()
{
    TestClient &homer = client("Homer");
    // A message queued for Bart before his removal...
    client("Marge").sync();
    const qint64 last =
        client("Marge")
            .request(str("send"), {{str("group"), m_group}, {str("text"), str("Last one")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(last > 0);
    QVERIFY(isOk(
        homer.request(str("group_remove"), {{str("group"), m_group}, {str("user"), str("Bart")}})));
    const QList<QJsonObject> told = client("Bart").sync();
    QCOMPARE(kindsOf(told), (QStringList{str("message"), str("group_removed")}));
    client("Bart").sync(); // ... acknowledged after it: no receipt from a non-member.
    const QList<QJsonObject> margeEvents = client("Marge").sync();
    QCOMPARE(kindsOf(margeEvents).count(str("group_updated")), 1);
    for (const QJsonObject &event : margeEvents) {
        QVERIFY(event.value(QLatin1String("msg_id")).toInteger() != last ||
                event.value(QLatin1String("by")).toString() != str("Bart"));
    }
    for (const char *name : {"Homer", "Lisa"}) {
        const QStringList kinds = kindsOf(client(name).sync());
        QVERIFY2(kinds.count(str("group_updated")) == 1, qPrintable(kinds.join(QLatin1Char(' '))));
    }
    QVERIFY(isOk(client("Marge").request(
        str("send"), {{str("group"), m_group}, {str("text"), str("Bart left")}})));
    QVERIFY(client("Bart").sync().isEmpty());
    QCOMPARE(errorOf(client("Bart").request(str("send"),
                                            {{str("group"), m_group}, {str("text"), str("hey")}})),
             str("not_member"));
    QCOMPARE(errorOf(homer.request(str("group_remove"),
                                   {{str("group"), m_group}, {str("user"), str("Bart")}})),
             str("not_member"));
    for (const char *name : {"Homer", "Lisa"})
        client(name).sync();
}

void GroupsTest::adminWhoLeavesHandsOverAndEmptyGroupIsDeleted()
{
    QVERIFY(isOk(client("Homer").request(str("group_leave"), {{str("group"), m_group}})));
    // Marge joined before Lisa: she is the admin now.
    const QJsonObject info = client("Lisa").request(str("group_info"), {{str("group"), m_group}});
    QCOMPARE(info.value(QLatin1String("admin")).toString(), str("Marge"));
    QCOMPARE(info.value(QLatin1String("members")).toArray(),
             (QJsonArray{str("Marge"), str("Lisa")}));
    QCOMPARE(kindsOf(client("Marge").sync()).count(str("group_updated")), 1);
    QVERIFY(isOk(client("Lisa").request(str("group_leave"), {{str("group"), m_group}})));
    QVERIFY(isOk(client("Marge").request(str("group_leave"), {{str("group"), m_group}})));
    QCOMPARE(errorOf(client("Marge").request(str("group_info"), {{str("group"), m_group}})),
             str("no_such_group"));
}

void GroupsTest::unregisterLeavesGroups()
{
    TestClient &homer = client("Homer");
    const qint64 group =
        homer
            .request(str("group_create"),
                     {{str("name"), str("Bowling")}, {str("members"), QJsonArray{str("Lisa")}}})
            .value(QLatin1String("group"))
            .toInteger();
    QVERIFY(group > 0);
    client("Lisa").sync();
    QVERIFY(isOk(homer.request(str("unregister"), {{str("password"), kPassword}})));
    const QJsonObject info = client("Lisa").request(str("group_info"), {{str("group"), group}});
    QCOMPARE(info.value(QLatin1String("admin")).toString(), str("Lisa"));
    QCOMPARE(info.value(QLatin1String("members")).toArray(), QJsonArray{str("Lisa")});
}

QTEST_GUILESS_MAIN(GroupsTest)
#include "tst_groups.moc"
