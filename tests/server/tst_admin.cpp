// palomar-admin on a running server (its admin socket): bans, kicks, new
// passwords and deleted accounts take effect at once, live connections
// close, and the tables keep nothing of a deleted account.
#include "admintest.h"

#include <QJsonArray>

using namespace Palomar::Testing;

class AdminTest : public QObject
{
    Q_OBJECT

private slots:
    void banClosesConnectionsAndRefusesLogin();
    void kickEndsTheSession();
    void resetPasswordEndsTheSession();
    void deleteUserLeavesNothingDangling();
    void unlockClearsLoginThrottling();
    void statsCount();
    void banReachesEveryInstance();
};

namespace {

QString tokenOf(const QJsonObject &reply)
{
    return reply.value(QLatin1String("token")).toString();
}

// Registers `name` on `client` and logs in: the login's reply.
QJsonObject signUp(TestClient &client, const QString &name)
{
    return isOk(client.registerUser(name, kPassword)) ? client.login(name, kPassword)
                                                      : QJsonObject();
}

QJsonObject userEntry(const AdminRun &run, const QString &name)
{
    for (const QJsonValue &value : run.json.value(QLatin1String("users")).toArray()) {
        if (value.toObject().value(QLatin1String("user")).toString() == name)
            return value.toObject();
    }
    return {};
}

} // namespace

void AdminTest::banClosesConnectionsAndRefusesLogin()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient bart(server.port());
    const QJsonObject login = signUp(bart, str("bart"));
    QVERIFY(isOk(login));

    AdminRun users = runAdmin(server, {str("--json"), str("users")});
    QCOMPARE(users.code, 0);
    QCOMPARE(userEntry(users, str("bart")).value(QLatin1String("online")).toBool(), true);

    const AdminRun ban =
        runAdmin(server, {str("--json"), str("ban"), str("bart"), str("--reason"), str("spam")});
    QVERIFY2(ban.code == 0, qPrintable(describe(ban)));
    QCOMPARE(ban.json.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(ban.json.value(QLatin1String("session_ended")).toBool(), true);
    QVERIFY(bart.waitForDisconnected(30000)); // closed at once, not at the next request

    TestClient again(server.port());
    // The password is checked first: a guesser learns nothing.
    QCOMPARE(errorOf(again.login(str("bart"), str("wrong password"))), str("bad_credentials"));
    QCOMPARE(errorOf(again.login(str("bart"), kPassword)), str("account_banned"));
    const QJsonObject resume = again.request(str("resume"), {{str("token"), tokenOf(login)}});
    QVERIFY(!isOk(resume));
    // The name stays taken.
    QCOMPARE(errorOf(again.registerUser(str("bart"), kPassword)), str("user_exists"));
    QCOMPARE(errorOf(again.registerUser(str("BART"), kPassword)), str("user_exists"));

    users = runAdmin(server, {str("--json"), str("users")});
    const QJsonObject entry = userEntry(users, str("bart"));
    QVERIFY(entry.value(QLatin1String("banned")).isDouble());
    QCOMPARE(entry.value(QLatin1String("ban_reason")).toString(), str("spam"));
    QCOMPARE(entry.value(QLatin1String("online")).toBool(), false);
    const AdminRun text = runAdmin(server, {str("users")});
    QVERIFY2(text.out.contains(str("banned")), qPrintable(text.out));

    const AdminRun unban = runAdmin(server, {str("unban"), str("bart")});
    QVERIFY2(unban.code == 0, qPrintable(describe(unban)));
    QVERIFY(unban.out.contains(str("unbanned bart")));
    QVERIFY(isOk(again.login(str("bart"), kPassword)));
    // Unknown users are failures, not usage errors.
    const AdminRun nobody = runAdmin(server, {str("ban"), str("nobody")});
    QCOMPARE(nobody.code, 1);
    QVERIFY(nobody.err.contains(str("no user named nobody")));
}

void AdminTest::kickEndsTheSession()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient lisa(server.port());
    const QJsonObject login = signUp(lisa, str("lisa"));
    QVERIFY(isOk(login));

    AdminRun sessions = runAdmin(server, {str("--json"), str("sessions")});
    QCOMPARE(sessions.code, 0);
    const QJsonArray list = sessions.json.value(QLatin1String("sessions")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QLatin1String("user")).toString(), str("lisa"));
    QCOMPARE(list.first().toObject().value(QLatin1String("online")).toBool(), true);

    const AdminRun kick = runAdmin(server, {str("kick"), str("lisa")});
    QVERIFY2(kick.code == 0, qPrintable(describe(kick)));
    QVERIFY(lisa.waitForDisconnected(30000));
    TestClient again(server.port());
    QCOMPARE(errorOf(again.request(str("resume"), {{str("token"), tokenOf(login)}})),
             str("bad_credentials"));
    sessions = runAdmin(server, {str("--json"), str("sessions")});
    QCOMPARE(sessions.json.value(QLatin1String("sessions")).toArray().size(), 0);
    QVERIFY(isOk(again.login(str("lisa"), kPassword))); // a kick is no ban
}

void AdminTest::resetPasswordEndsTheSession()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient homer(server.port());
    QVERIFY(isOk(homer.registerUser(str("homer"), kPassword)));
    QVERIFY(isOk(homer.login(str("homer"), kPassword)));

    const AdminRun weak = runAdmin(server, {str("reset-password"), str("homer")}, "short\n");
    QCOMPARE(weak.code, 2);
    const AdminRun reset = runAdmin(server, {str("--json"), str("reset-password"), str("homer")},
                                    kAdminPassword.toUtf8() + '\n');
    QVERIFY2(reset.code == 0, qPrintable(describe(reset)));
    QCOMPARE(reset.json.value(QLatin1String("session_ended")).toBool(), true);
    QVERIFY(homer.waitForDisconnected(30000));
    TestClient again(server.port());
    QCOMPARE(errorOf(again.login(str("homer"), kPassword)), str("bad_credentials"));
    QVERIFY(isOk(again.login(str("homer"), kAdminPassword)));
}

void AdminTest::deleteUserLeavesNothingDangling()
{
    ServerProcess server;
    QVERIFY(server.start());
    const quint16 port = server.port();
    for (const QString &name : {str("bart"), str("lisa"), str("maggie")}) {
        TestClient client(port);
        QVERIFY(isOk(client.registerUser(name, kPassword)));
    }
    QVERIFY(befriend(port, str("bart"), str("lisa")));
    QVERIFY(befriend(port, str("lisa"), str("maggie")));
    TestClient lisa(port);
    QVERIFY(isOk(lisa.login(str("lisa"), kPassword)));
    const QJsonObject group = lisa.request(
        str("group_create"), {{str("name"), str("Springfield")},
                              {str("members"), QJsonArray{str("bart"), str("maggie")}}});
    QVERIFY(isOk(group));
    const qint64 groupId = group.value(QLatin1String("group")).toInteger();
    TestClient bart(port);
    QVERIFY(isOk(bart.login(str("bart"), kPassword)));
    QVERIFY(isOk(bart.request(str("send"), {{str("to"), str("lisa")}, {str("text"), str("hi")}})));
    QVERIFY(isOk(lisa.request(str("send"), {{str("to"), str("bart")}, {str("text"), str("yo")}})));
    QVERIFY(isOk(bart.request(str("send"), {{str("group"), groupId}, {str("text"), str("all")}})));
    QVERIFY(isOk(bart.request(str("friend_request"), {{str("user"), str("maggie")}})));
    QVERIFY(
        isOk(lisa.request(str("send"), {{str("to"), str("maggie")}, {str("text"), str("kept")}})));

    TestDatabase db(server);
    QVERIFY(db.isOpen());
    const qint64 id = db.count(str("SELECT id FROM users WHERE name_key = 'bart'"));
    QVERIFY(id > 0);
    const QString bartId = QString::number(id);

    const AdminRun removed = runAdmin(server, {str("--json"), str("delete-user"), str("bart")});
    QVERIFY2(removed.code == 0, qPrintable(describe(removed)));
    QVERIFY(bart.waitForDisconnected(30000));

    // Every row that named the account is gone: what sqlite3's DELETE left.
    const QStringList leftovers{
        str("SELECT COUNT(*) FROM users WHERE id = %1"),
        str("SELECT COUNT(*) FROM sessions WHERE user_id = %1"),
        str("SELECT COUNT(*) FROM replaced_sessions WHERE user_id = %1"),
        str("SELECT COUNT(*) FROM friendships WHERE user_id = %1 OR friend_id = %1"),
        str("SELECT COUNT(*) FROM friend_requests WHERE from_id = %1 OR to_id = %1"),
        str("SELECT COUNT(*) FROM events WHERE user_id = %1"),
        str("SELECT COUNT(*) FROM inbox_seqs WHERE user_id = %1"),
        str("SELECT COUNT(*) FROM group_members WHERE user_id = %1"),
        str("SELECT COUNT(*) FROM group_receipts WHERE user_id = %1"),
        str("SELECT COUNT(*) FROM files WHERE uploader_id = %1 OR recipient_id = %1"),
        str("SELECT COUNT(*) FROM messages WHERE group_id IS NULL AND "
            "(sender_id = %1 OR recipient_id = %1)"),
        str("SELECT COUNT(*) FROM chat_groups WHERE admin_id = %1"),
    };
    for (const QString &statement : leftovers)
        QVERIFY2(db.count(statement.arg(bartId)) == 0, qPrintable(statement.arg(bartId)));
    // Nothing wrong freed: the others, their group and their messages stay.
    QCOMPARE(db.count(str("SELECT COUNT(*) FROM users")), 2);
    QCOMPARE(db.count(str("SELECT COUNT(*) FROM group_members WHERE group_id = %1").arg(groupId)),
             2);
    QCOMPARE(db.count(str("SELECT COUNT(*) FROM messages WHERE group_id IS NULL")), 1);
    QVERIFY(isOk(lisa.request(str("group_info"), {{str("group"), groupId}})));
    const AdminRun check = runAdmin(server, {str("--json"), str("check")});
    QVERIFY2(check.code == 0, qPrintable(describe(check)));
    QCOMPARE(check.json.value(QLatin1String("sound")).toBool(), true);
    // As after unregister, the name is free again.
    TestClient newcomer(port);
    QVERIFY(isOk(newcomer.registerUser(str("bart"), kPassword)));
}

void AdminTest::unlockClearsLoginThrottling()
{
    ServerProcess server({str("--login-failures-per-account"), str("2")});
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("moe"), kPassword)));
    for (int i = 0; i < 2; ++i)
        QCOMPARE(errorOf(client.login(str("moe"), str("wrong password"))), str("bad_credentials"));
    QCOMPARE(errorOf(client.login(str("moe"), kPassword)), str("rate_limited"));
    AdminRun stats = runAdmin(server, {str("--json"), str("stats")});
    QCOMPARE(stats.json.value(QLatin1String("throttled_logins")).toInteger(), 1);

    const AdminRun unlock = runAdmin(server, {str("unlock"), str("moe")});
    QVERIFY2(unlock.code == 0, qPrintable(describe(unlock)));
    QVERIFY(isOk(client.login(str("moe"), kPassword)));
    const AdminRun all = runAdmin(server, {str("--json"), str("unlock"), str("--all")});
    QCOMPARE(all.code, 0);
}

void AdminTest::statsCount()
{
    ServerProcess server;
    QVERIFY(server.start());
    for (const QString &name : {str("ned"), str("maude")}) {
        TestClient client(server.port());
        QVERIFY(isOk(client.registerUser(name, kPassword)));
    }
    QVERIFY(befriend(server.port(), str("ned"), str("maude")));
    TestClient ned(server.port());
    QVERIFY(isOk(ned.login(str("ned"), kPassword)));
    for (int i = 0; i < 3; ++i)
        QVERIFY(
            isOk(ned.request(str("send"), {{str("to"), str("maude")}, {str("text"), str("hi")}})));
    const AdminRun stats = runAdmin(server, {str("--json"), str("stats")});
    QVERIFY2(stats.code == 0, qPrintable(describe(stats)));
    QCOMPARE(stats.json.value(QLatin1String("users")).toInteger(), 2);
    QCOMPARE(stats.json.value(QLatin1String("direct_messages")).toInteger(), 3);
    QCOMPARE(stats.json.value(QLatin1String("group_messages")).toInteger(), 0);
    QCOMPARE(stats.json.value(QLatin1String("sessions")).toInteger(), 1);
    QCOMPARE(stats.json.value(QLatin1String("online")).toInteger(), 1);
    QCOMPARE(stats.json.value(QLatin1String("files")).toInteger(), 0);
    QVERIFY(stats.json.value(QLatin1String("database_bytes")).toInteger() > 0);
    const AdminRun text = runAdmin(server, {str("stats")});
    QVERIFY2(text.out.contains(str("one-to-one messages  3")), qPrintable(text.out));
}

void AdminTest::banReachesEveryInstance()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("several instances share a PostgreSQL database only");
    ServerProcess first;
    QVERIFY(first.start());
    ServerProcess second({}, &first);
    QVERIFY(second.start());
    TestClient bart(second.port());
    QVERIFY(isOk(bart.registerUser(str("bart"), kPassword)));
    QVERIFY(isOk(bart.login(str("bart"), kPassword)));
    // Through the first instance's socket; the connection is on the second.
    const AdminRun ban = runAdmin(first, {str("ban"), str("bart")});
    QVERIFY2(ban.code == 0, qPrintable(describe(ban)));
    QVERIFY(bart.waitForDisconnected(30000));
    TestClient again(second.port());
    QCOMPARE(errorOf(again.login(str("bart"), kPassword)), str("account_banned"));
}

QTEST_GUILESS_MAIN(AdminTest)
#include "tst_admin.moc"
