// Sessions over real sockets: one live session per user, takeover, resume,
// expiry, logout, unregister, failed-login throttling.
#include "servertest.h"

#include <QThread>

using namespace Palomar::Testing;

class SessionsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void secondLoginIsRefusedWithoutTakeover();
    void takeoverReplacesTheOldConnection();
    void takeoverAnswersAParkedPoll();
    void replacedStaysReplacedAfterTheNewSessionEnds();
    void pingKeepsTheSessionAlive();
    void resumeBindsANewConnection();
    void aDroppedConnectionLeavesTheSessionDetached();
    void aRestartDetachesEverySession();
    void logoutEndsTheSessionAndItsToken();
    void sessionExpiresAfterTimeout();
    void opsNeedASession_data();
    void opsNeedASession();
    void unregisterDeletesTheAccount();
    void failedLoginsAreThrottled();
    void registrationRules_data();
    void registrationRules();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void SessionsTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--session-timeout"), str("3")});
    QVERIFY(m_server->start());
    TestClient client(m_server->port());
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Maggie", "Ned", "Kenny"})
        QVERIFY(isOk(client.registerUser(str(name), kPassword)));
}

void SessionsTest::secondLoginIsRefusedWithoutTakeover()
{
    TestClient first(m_server->port());
    QVERIFY(isOk(first.login(str("Homer"), kPassword)));
    TestClient second(m_server->port());
    const QJsonObject refused = second.login(str("Homer"), kPassword);
    QCOMPARE(errorOf(refused), str("session_active"));
    // The first session is untouched.
    QVERIFY(isOk(first.request(str("friends"))));
    QVERIFY(isOk(first.request(str("logout"))));
    // After logout a plain login works again.
    QVERIFY(isOk(second.login(str("Homer"), kPassword)));
    QVERIFY(isOk(second.request(str("logout"))));
}

void SessionsTest::takeoverReplacesTheOldConnection()
{
    TestClient first(m_server->port());
    QVERIFY(isOk(first.login(str("Marge"), kPassword)));
    TestClient second(m_server->port());
    QVERIFY(isOk(second.login(str("Marge"), kPassword, true)));
    QCOMPARE(errorOf(first.request(str("friends"))), str("session_replaced"));
    // ... and is logged out afterwards.
    QCOMPARE(errorOf(first.request(str("friends"))), str("auth_required"));
    QVERIFY(isOk(second.request(str("friends"))));
    QVERIFY(isOk(second.request(str("logout"))));
}

void SessionsTest::takeoverAnswersAParkedPoll()
{
    TestClient first(m_server->port());
    QVERIFY(isOk(first.login(str("Lisa"), kPassword)));
    const int parked = first.post(str("sync"), {{str("after"), 0}, {str("wait"), 30}});
    QTest::qWait(200);
    QVERIFY(!first.hasReply(parked));
    TestClient second(m_server->port());
    QVERIFY(isOk(second.login(str("Lisa"), kPassword, true)));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(errorOf(first.reply(parked, 5000)), str("session_replaced"));
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(isOk(second.request(str("logout"))));
}

void SessionsTest::replacedStaysReplacedAfterTheNewSessionEnds()
{
    TestClient first(m_server->port());
    QVERIFY(isOk(first.login(str("Homer"), kPassword)));
    {
        TestClient second(m_server->port());
        QVERIFY(isOk(second.login(str("Homer"), kPassword, true)));
        QVERIFY(isOk(second.request(str("logout"))));
    }
    QCOMPARE(errorOf(first.request(str("friends"))), str("session_replaced"));

    // An expired session, then a plain login: nothing was taken over, so the
    // old connection is told auth_required.
    TestClient stale(m_server->port());
    QVERIFY(isOk(stale.login(str("Homer"), kPassword)));
    QThread::sleep(4);
    TestClient fresh(m_server->port());
    QVERIFY(isOk(fresh.login(str("Homer"), kPassword)));
    QCOMPARE(errorOf(stale.request(str("friends"))), str("auth_required"));
    QVERIFY(isOk(fresh.request(str("logout"))));
}

void SessionsTest::pingKeepsTheSessionAlive()
{
    TestClient client(m_server->port());
    QVERIFY(isOk(client.login(str("Homer"), kPassword)));
    // --session-timeout 3: pings every 0.5 s for 5 s are requests from the session.
    for (int i = 0; i < 10; ++i) {
        QThread::msleep(500);
        QVERIFY(isOk(client.request(str("ping"))));
    }
    QVERIFY(isOk(client.request(str("friends"))));
    QVERIFY(isOk(client.request(str("logout"))));
}

void SessionsTest::resumeBindsANewConnection()
{
    QString token;
    {
        TestClient first(m_server->port());
        const QJsonObject login = first.login(str("Bart"), kPassword);
        token = login.value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());
    } // the connection drops; the session lives on
    TestClient second(m_server->port());
    const QJsonObject resumed = second.request(str("resume"), {{str("token"), token}});
    QVERIFY(isOk(resumed));
    QCOMPARE(resumed.value(QLatin1String("user")).toString(), str("Bart"));
    QVERIFY(isOk(second.request(str("friends"))));
    QCOMPARE(errorOf(second.request(str("resume"), {{str("token"), str("not-a-token")}})),
             str("bad_credentials"));
    QVERIFY(isOk(second.request(str("logout"))));
}

// shared/PROTOCOL.md: a session whose connection dropped is detached; a
// plain login (no takeover) ends it, since nobody is there to protect.
void SessionsTest::aDroppedConnectionLeavesTheSessionDetached()
{
    QString token;
    {
        TestClient first(m_server->port());
        token = first.login(str("Maggie"), kPassword).value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());
        TestClient refused(m_server->port());
        QCOMPARE(errorOf(refused.login(str("Maggie"), kPassword)), str("session_active"));
    } // the connections drop
    // The server detaches the session as soon as it sees the drop.
    TestClient second(m_server->port());
    QVERIFY(QTest::qWaitFor([&] { return isOk(second.login(str("Maggie"), kPassword)); }, 20000));
    // That login ended the detached session: its token no longer resumes.
    TestClient third(m_server->port());
    QCOMPARE(errorOf(third.request(str("resume"), {{str("token"), token}})),
             str("bad_credentials"));
    QVERIFY(isOk(second.request(str("logout"))));
}

// A restart, even a kill -9, drops every connection: right after it every
// session is detached, and a plain login succeeds at once. The sessions
// themselves survive: resume works too.
void SessionsTest::aRestartDetachesEverySession()
{
    ServerProcess server;
    QVERIFY(server.start());
    QString token;
    {
        TestClient setup(server.port());
        for (const char *name : {"Homer", "Marge"})
            QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
        TestClient homer(server.port());
        TestClient marge(server.port());
        token = homer.login(str("Homer"), kPassword).value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());
        QVERIFY(isOk(marge.login(str("Marge"), kPassword)));
        server.kill();
        QVERIFY(homer.waitForDisconnected());
    }
    QVERIFY(server.restart());
    TestClient homer(server.port());
    QVERIFY(isOk(homer.request(str("resume"), {{str("token"), token}})));
    TestClient marge(server.port());
    QVERIFY(isOk(marge.login(str("Marge"), kPassword))); // no takeover needed
    QVERIFY(isOk(marge.request(str("friends"))));
}

void SessionsTest::logoutEndsTheSessionAndItsToken()
{
    TestClient client(m_server->port());
    const QString token =
        client.login(str("Maggie"), kPassword).value(QLatin1String("token")).toString();
    QVERIFY(isOk(client.request(str("logout"))));
    QCOMPARE(errorOf(client.request(str("friends"))), str("auth_required"));
    TestClient other(m_server->port());
    QCOMPARE(errorOf(other.request(str("resume"), {{str("token"), token}})),
             str("bad_credentials"));
}

void SessionsTest::sessionExpiresAfterTimeout()
{
    QString token;
    {
        TestClient client(m_server->port());
        token = client.login(str("Ned"), kPassword).value(QLatin1String("token")).toString();
    }
    // --session-timeout 3: a session without requests for longer has ended;
    // a new login needs no takeover and the old token is dead.
    QThread::sleep(4);
    TestClient client(m_server->port());
    QCOMPARE(errorOf(client.request(str("resume"), {{str("token"), token}})),
             str("bad_credentials"));
    QVERIFY(isOk(client.login(str("Ned"), kPassword)));
    // A connection that keeps making requests keeps its session alive.
    for (int i = 0; i < 5; ++i) {
        QThread::msleep(1000);
        QVERIFY(isOk(client.request(str("ping"))) && isOk(client.request(str("friends"))));
    }
    QVERIFY(isOk(client.request(str("logout"))));
}

void SessionsTest::opsNeedASession_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonObject>("fields");
    const QJsonObject user{{str("user"), str("Homer")}};
    QTest::newRow("logout") << str("logout") << QJsonObject{};
    QTest::newRow("unregister") << str("unregister") << QJsonObject{{str("password"), kPassword}};
    QTest::newRow("friend_request") << str("friend_request") << user;
    QTest::newRow("friend_respond")
        << str("friend_respond") << QJsonObject{{str("user"), str("Homer")}, {str("accept"), true}};
    QTest::newRow("unfriend") << str("unfriend") << user;
    QTest::newRow("friends") << str("friends") << QJsonObject{};
    QTest::newRow("send") << str("send")
                          << QJsonObject{{str("to"), str("Homer")}, {str("text"), str("hi")}};
    QTest::newRow("read") << str("read")
                          << QJsonObject{{str("peer"), str("Homer")}, {str("up_to"), 1}};
    QTest::newRow("history") << str("history") << QJsonObject{{str("peer"), str("Homer")}};
    QTest::newRow("sync") << str("sync") << QJsonObject{{str("after"), 0}};
}

void SessionsTest::opsNeedASession()
{
    QFETCH(QString, op);
    QFETCH(QJsonObject, fields);
    TestClient client(m_server->port());
    QCOMPARE(errorOf(client.request(op, fields)), str("auth_required"));
    // The request's shape is checked before the session.
    if (!fields.isEmpty())
        QCOMPARE(errorOf(client.request(op, {{str("junk"), 1}})), str("bad_request"));
    // The connection stays open, and session-free ops work.
    QVERIFY(isOk(client.request(str("ping"))));
    QCOMPARE(errorOf(client.request(str("no_such_op"))), str("unknown_op"));
}

void SessionsTest::unregisterDeletesTheAccount()
{
    TestClient client(m_server->port());
    QVERIFY(isOk(client.registerUser(str("Moe"), kPassword)));
    QVERIFY(befriend(m_server->port(), str("Moe"), str("Kenny")));
    QVERIFY(isOk(client.login(str("Moe"), kPassword)));
    QCOMPARE(errorOf(client.request(str("unregister"), {{str("password"), str("wrong password")}})),
             str("bad_credentials"));
    QVERIFY(isOk(client.request(str("unregister"), {{str("password"), kPassword}})));
    QCOMPARE(errorOf(client.request(str("friends"))), str("auth_required"));
    QCOMPARE(errorOf(client.login(str("Moe"), kPassword)), str("bad_credentials"));

    TestClient kenny(m_server->port());
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    const QJsonObject friends = kenny.request(str("friends"));
    QVERIFY(friends.value(QLatin1String("friends")).toArray().isEmpty());
    bool told = false;
    for (const QJsonObject &event : kenny.sync()) {
        told = told || (event.value(QLatin1String("kind")).toString() == str("friend_removed") &&
                        event.value(QLatin1String("user")).toString() == str("Moe"));
    }
    QVERIFY(told);
    QCOMPARE(errorOf(kenny.request(str("friend_request"), {{str("user"), str("Moe")}})),
             str("no_such_user"));
    // The name is free again.
    QVERIFY(isOk(client.registerUser(str("moe"), kPassword)));
    QVERIFY(isOk(kenny.request(str("logout"))));
}

void SessionsTest::failedLoginsAreThrottled()
{
    // A server of its own: failures from this address in other tests count too.
    ServerProcess server;
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("Barney"), kPassword)));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(errorOf(client.login(str("Barney"), str("wrong password"))),
                 str("bad_credentials"));
    const QJsonObject limited = client.login(str("Barney"), kPassword);
    QCOMPARE(errorOf(limited), str("rate_limited"));
    const int wait = limited.value(QLatin1String("retry_after")).toInt();
    QVERIFY(wait >= 1);
    // Another account from the same address is not: five failures are far
    // below the address's limit (--login-failures-per-address, 50).
    QVERIFY(isOk(client.registerUser(str("Lenny"), kPassword)));
    QVERIFY(isOk(client.login(str("Lenny"), kPassword)));
    QVERIFY(isOk(client.request(str("logout"))));
    QThread::sleep(wait);
    QThread::msleep(200);
    QVERIFY(isOk(client.login(str("Barney"), kPassword)));
    QVERIFY(isOk(client.request(str("logout"))));
}

void SessionsTest::registrationRules_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty name") << QString() << kPassword << str("invalid_username");
    QTest::newRow("space") << str("Homer Simpson") << kPassword << str("invalid_username");
    QTest::newRow("33 characters")
        << QString(33, QLatin1Char('a')) << kPassword << str("invalid_username");
    QTest::newRow("accent") << str("José") << kPassword << str("invalid_username");
    QTest::newRow("short password") << str("Apu") << str("1234567") << str("weak_password");
    QTest::newRow("long password")
        << str("Apu") << QString(257, QLatin1Char('x')) << str("weak_password");
    QTest::newRow("taken, other case") << str("HOMER") << kPassword << str("user_exists");
}

void SessionsTest::registrationRules()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, error);
    TestClient client(m_server->port());
    QCOMPARE(errorOf(client.registerUser(user, password)), error);
}

QTEST_GUILESS_MAIN(SessionsTest)
#include "tst_sessions.moc"
