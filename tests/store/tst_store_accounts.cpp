// The Store's accounts: users, sessions, replaced sessions and login
// throttling, on every enabled backend (see storetest.h).
#include "storetest.h"

#include <QTest>

using namespace Palomar::Server;
using namespace StoreTest;

class TestStoreAccounts : public StoreTestCase
{
    Q_OBJECT

private slots:
    // Users
    void createUserAndLookUp();
    void userByNameIsCaseInsensitive_data();
    void userByNameIsCaseInsensitive();
    void duplicateNameIsRefused_data();
    void duplicateNameIsRefused();
    void deleteUserCascades();

    // Sessions
    void sessionPutAndReplace();
    void sessionDeleteNeedsTheToken();
    void sessionTouchAndOnline();
    void deleteExpiredSessions();

    // Replaced sessions
    void replacedSessions();
    void insertReplacedTwiceKeepsTheFirst();
    void insertReplacedForUnknownUserThrows();
    void expireReplacedBoundary();
    void replacedSessionsGoWithTheirUser();

    // Login throttling
    void loginFailures();
    void expireLoginFailures();
};

// ---------------------------------------------------------------- users

void TestStoreAccounts::createUserAndLookUp()
{
    const std::optional<qint64> homer =
        m_store->createUser(QStringLiteral("Homer"), QStringLiteral("argon2:homer"), 1000);
    QVERIFY(homer);
    QVERIFY(*homer > 0);
    const std::optional<qint64> marge =
        m_store->createUser(QStringLiteral("marge"), QStringLiteral("argon2:marge"), 2000);
    QVERIFY(marge);
    QVERIFY(*marge != *homer);

    const std::optional<UserRecord> byId = m_store->userById(*homer);
    QVERIFY(byId);
    QCOMPARE(byId->id, *homer);
    QCOMPARE(byId->name, QStringLiteral("Homer"));
    QCOMPARE(byId->passwordHash, QStringLiteral("argon2:homer"));
    QVERIFY(!byId->lastSeen);

    QVERIFY(!m_store->userById(*homer + *marge + 100));
    QVERIFY(!m_store->userByName(QStringLiteral("bart")));
    QVERIFY(!m_store->userByName(QStringLiteral("Home")));
    QVERIFY(!m_store->userByName(QString()));

    m_store->touchLastSeen(*homer, 123456789012LL);
    QCOMPARE(m_store->userById(*homer)->lastSeen, std::optional<qint64>(123456789012LL));
    QVERIFY(!m_store->userById(*marge)->lastSeen);
    QCOMPARE(m_store->lastSeq(*homer), qint64(0));
}

void TestStoreAccounts::userByNameIsCaseInsensitive_data()
{
    QTest::addColumn<QString>("registered");
    QTest::addColumn<QString>("lookup");

    QTest::newRow("same spelling") << QStringLiteral("Homer") << QStringLiteral("Homer");
    QTest::newRow("lower") << QStringLiteral("Homer") << QStringLiteral("homer");
    QTest::newRow("upper") << QStringLiteral("Homer") << QStringLiteral("HOMER");
    QTest::newRow("mixed") << QStringLiteral("homer.J") << QStringLiteral("HoMeR.j");
    QTest::newRow("digits and dashes") << QStringLiteral("A-1_b") << QStringLiteral("a-1_B");
}

void TestStoreAccounts::userByNameIsCaseInsensitive()
{
    QFETCH(QString, registered);
    QFETCH(QString, lookup);

    const qint64 id = addUser(registered);
    QVERIFY(id > 0);
    const std::optional<UserRecord> found = m_store->userByName(lookup);
    QVERIFY(found);
    QCOMPARE(found->id, id);
    QCOMPARE(found->name, registered); // spelled as registered
}

void TestStoreAccounts::duplicateNameIsRefused_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");

    QTest::newRow("identical") << QStringLiteral("homer") << QStringLiteral("homer");
    QTest::newRow("upper after lower") << QStringLiteral("homer") << QStringLiteral("HOMER");
    QTest::newRow("lower after capitalised") << QStringLiteral("Homer") << QStringLiteral("homer");
}

void TestStoreAccounts::duplicateNameIsRefused()
{
    QFETCH(QString, first);
    QFETCH(QString, second);

    const qint64 id = addUser(first);
    QVERIFY(id > 0);
    QVERIFY(!m_store->createUser(second, QStringLiteral("other hash"), 5000));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM users")), qint64(1));
    const std::optional<UserRecord> kept = m_store->userByName(second);
    QVERIFY(kept);
    QCOMPARE(kept->id, id);
    QCOMPARE(kept->name, first);
    QCOMPARE(kept->passwordHash, QStringLiteral("hash of ") + first);
    // The store is usable after the refusal.
    QVERIFY(addUser(QStringLiteral("bart")) > 0);
}

void TestStoreAccounts::deleteUserCascades()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    m_store->putSession({a, QByteArrayLiteral("token-a"), 10, 10, true});
    m_store->putSession({b, QByteArrayLiteral("token-b"), 10, 10, true});
    m_store->insertFriendship(a, b, 20);
    m_store->insertFriendship(b, c, 20);
    m_store->insertRequest(a, c, 30);
    m_store->insertRequest(c, a, 31);
    m_store->insertRequest(b, c, 32);
    const qint64 ab = addMessage(a, b, QStringLiteral("a to b"), 40);
    const qint64 ba = addMessage(b, a, QStringLiteral("b to a"), 41);
    const qint64 bc = addMessage(b, c, QStringLiteral("b to c"), 42);
    const qint64 groupMessage = m_store
                                    ->insertMessage(QStringLiteral("g9"), a, std::nullopt, 9, {},
                                                    QStringLiteral("to the group"), 43)
                                    .value();
    m_store->appendEvent(a, QStringLiteral("message"), {{QStringLiteral("x"), 1}}, ba);
    m_store->appendEvent(a, QStringLiteral("friend_request"), {{QStringLiteral("x"), 2}});
    m_store->appendEvent(b, QStringLiteral("message"), {{QStringLiteral("x"), 3}}, ab);
    m_store->putLoginFailures(QStringLiteral("user:alice"), {1, 50, 0});
    m_store->insertReplaced(QByteArrayLiteral("old-token-a"), a, 60);
    m_store->insertReplaced(QByteArrayLiteral("old-token-b"), b, 60);

    m_store->deleteUser(a);

    QVERIFY(!m_store->userById(a));
    QVERIFY(!m_store->userByName(QStringLiteral("alice")));
    QVERIFY(!m_store->sessionOfUser(a));
    QVERIFY(!m_store->sessionByToken(QByteArrayLiteral("token-a")));
    QVERIFY(!m_store->isFriend(b, a));
    QVERIFY(!m_store->isFriend(a, b));
    QCOMPARE(names(m_store->friendsOf(b)), QStringList{QStringLiteral("carol")});
    QVERIFY(!m_store->requestExists(a, c));
    QVERIFY(!m_store->requestExists(c, a));
    QCOMPARE(m_store->incomingRequests(c), QStringList{QStringLiteral("bob")});
    QVERIFY(m_store->outgoingRequests(c).isEmpty());
    QCOMPARE(
        count(*m_store, QStringLiteral("SELECT COUNT(*) FROM events WHERE user_id = %1").arg(a)),
        qint64(0));
    QVERIFY(m_store->pendingEvents(a, 0, 100).isEmpty());
    QCOMPARE(
        count(*m_store,
              QStringLiteral("SELECT COUNT(*) FROM messages WHERE id IN (%1, %2)").arg(ab).arg(ba)),
        qint64(0));
    QVERIFY(m_store->history(Store::directChat(a, b), kNoBefore, 50).isEmpty());
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("old-token-a")));
    QCOMPARE(
        count(*m_store,
              QStringLiteral("SELECT COUNT(*) FROM replaced_sessions WHERE user_id = %1").arg(a)),
        qint64(0));

    // Everybody else keeps their things.
    QVERIFY(m_store->userById(b));
    QVERIFY(m_store->sessionOfUser(b));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("old-token-b")));
    QVERIFY(m_store->isFriend(b, c) && m_store->isFriend(c, b));
    QVERIFY(m_store->requestExists(b, c));
    QCOMPARE(ids(m_store->history(Store::directChat(b, c), kNoBefore, 50)), QList<qint64>{bc});
    QCOMPARE(seqs(m_store->pendingEvents(b, 0, 100)), QList<qint64>{1});
    // Group messages are not 1:1 messages: they stay in the group's history.
    QCOMPARE(ids(m_store->history(QStringLiteral("g9"), kNoBefore, 50)),
             QList<qint64>{groupMessage});
}

// ---------------------------------------------------------------- sessions

void TestStoreAccounts::sessionPutAndReplace()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    QVERIFY(!m_store->sessionOfUser(a));

    // Token hashes are bytes, NULs and high bytes included.
    const QByteArray first = QByteArrayLiteral("\x00\x01\xFE\xFF-first");
    m_store->putSession({a, first, 100, 150, true});
    std::optional<SessionRecord> session = m_store->sessionOfUser(a);
    QVERIFY(session);
    QCOMPARE(session->userId, a);
    QCOMPARE(session->tokenHash, first);
    QCOMPARE(session->created, qint64(100));
    QCOMPARE(session->lastActive, qint64(150));
    QCOMPARE(session->online, true);

    session = m_store->sessionByToken(first);
    QVERIFY(session);
    QCOMPARE(session->userId, a);
    QCOMPARE(session->created, qint64(100));
    QCOMPARE(session->lastActive, qint64(150));
    QVERIFY(session->online);
    QVERIFY(!m_store->sessionByToken(QByteArrayLiteral("\x00\x01\xFE\xFF-firs")));

    // One session per user: a new one replaces the old, whose token dies.
    const QByteArray second = QByteArrayLiteral("second");
    m_store->putSession({a, second, 200, 200, false});
    QVERIFY(!m_store->sessionByToken(first));
    session = m_store->sessionOfUser(a);
    QVERIFY(session);
    QCOMPARE(session->tokenHash, second);
    QCOMPARE(session->created, qint64(200));
    QCOMPARE(session->online, false);
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM sessions")), qint64(1));

    m_store->putSession({b, QByteArrayLiteral("bob's"), 300, 300, true});
    QCOMPARE(m_store->sessionByToken(QByteArrayLiteral("bob's"))->userId, b);
    QCOMPARE(m_store->sessionByToken(second)->userId, a);
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM sessions")), qint64(2));
}

void TestStoreAccounts::sessionDeleteNeedsTheToken()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    m_store->putSession({a, QByteArrayLiteral("alice-token"), 1, 1, true});
    m_store->putSession({b, QByteArrayLiteral("bob-token"), 1, 1, true});

    QVERIFY(!m_store->deleteSession(a, QByteArrayLiteral("wrong")));
    QVERIFY(!m_store->deleteSession(a, QByteArrayLiteral("bob-token"))); // someone else's
    QVERIFY(!m_store->deleteSession(b, QByteArrayLiteral("alice-token")));
    QVERIFY(m_store->sessionOfUser(a));
    QVERIFY(m_store->sessionOfUser(b));

    QVERIFY(m_store->deleteSession(a, QByteArrayLiteral("alice-token")));
    QVERIFY(!m_store->sessionOfUser(a));
    QVERIFY(!m_store->sessionByToken(QByteArrayLiteral("alice-token")));
    QVERIFY(!m_store->deleteSession(a, QByteArrayLiteral("alice-token"))); // already gone
    QVERIFY(m_store->sessionOfUser(b));
}

void TestStoreAccounts::sessionTouchAndOnline()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const QByteArray tokenA = QByteArrayLiteral("ta");
    const QByteArray tokenB = QByteArrayLiteral("tb");
    m_store->putSession({a, tokenA, 100, 100, false});
    m_store->putSession({b, tokenB, 100, 100, false});

    m_store->touchSession(a, tokenA, 500);
    QCOMPARE(m_store->sessionOfUser(a)->lastActive, qint64(500));
    QCOMPARE(m_store->sessionOfUser(a)->created, qint64(100));
    m_store->touchSession(a, QByteArrayLiteral("stale"), 900); // an old token: no effect
    QCOMPARE(m_store->sessionOfUser(a)->lastActive, qint64(500));
    QCOMPARE(m_store->sessionOfUser(b)->lastActive, qint64(100));

    m_store->setOnline(a, tokenA, true, 600);
    QCOMPARE(m_store->sessionOfUser(a)->online, true);
    QCOMPARE(m_store->sessionOfUser(a)->lastActive, qint64(600));
    m_store->setOnline(b, QByteArrayLiteral("stale"), true, 600);
    QCOMPARE(m_store->sessionOfUser(b)->online, false);
    m_store->setOnline(b, tokenB, true, 650);
    QCOMPARE(m_store->sessionOfUser(b)->online, true);

    m_store->setOnline(a, tokenA, false, 700);
    QCOMPARE(m_store->sessionOfUser(a)->online, false);
    QCOMPARE(m_store->sessionOfUser(a)->lastActive, qint64(700));

    m_store->setOnline(a, tokenA, true, 800);
    m_store->clearOnline(); // a server start: nobody is connected
    QCOMPARE(m_store->sessionOfUser(a)->online, false);
    QCOMPARE(m_store->sessionOfUser(b)->online, false);
    QCOMPARE(m_store->sessionOfUser(a)->lastActive, qint64(800)); // kept
    QCOMPARE(m_store->sessionOfUser(a)->tokenHash, tokenA);
}

void TestStoreAccounts::deleteExpiredSessions()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);
    m_store->putSession({a, QByteArrayLiteral("a"), 0, 1000, false});
    m_store->putSession({b, QByteArrayLiteral("b"), 0, 2000, true});
    m_store->putSession({c, QByteArrayLiteral("c"), 0, 3000, false});

    QCOMPARE(m_store->deleteExpiredSessions(1000), 0); // strictly older only
    QCOMPARE(m_store->deleteExpiredSessions(2001), 2);
    QVERIFY(!m_store->sessionOfUser(a));
    QVERIFY(!m_store->sessionOfUser(b));
    QVERIFY(m_store->sessionOfUser(c));
    QCOMPARE(m_store->deleteExpiredSessions(2001), 0);
    QCOMPARE(m_store->deleteExpiredSessions(3001), 1);
    QVERIFY(!m_store->sessionOfUser(c));
}

// ---------------------------------------------------------------- replaced sessions

void TestStoreAccounts::replacedSessions()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    // Token hashes are bytes, NULs and high bytes included.
    const QByteArray old = QByteArrayLiteral("\x00\x01\xFE\xFF-old");
    const QByteArray live = QByteArrayLiteral("\x00\x01\xFE\xFF-live");
    QVERIFY(!m_store->wasReplaced(old));
    QVERIFY(!m_store->wasReplaced(QByteArray()));

    // A takeover: the old token is remembered, the new one is the session.
    m_store->putSession({a, old, 100, 100, true});
    m_store->putSession({a, live, 200, 200, true});
    m_store->insertReplaced(old, a, 200);
    QVERIFY(m_store->wasReplaced(old));
    QVERIFY(!m_store->wasReplaced(live));
    QVERIFY(!m_store->sessionByToken(old));
    QCOMPARE(m_store->sessionByToken(live)->userId, a);

    // Exact bytes only.
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("\x00\x01\xFE\xFF-ol")));
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("\x00\x01\xFE\xFF-OLD")));
    QVERIFY(!m_store->wasReplaced(old + QByteArrayLiteral("\x00")));

    // Independent of the sessions table: ending the live session forgets
    // nothing, and another user's replaced token is told apart.
    QVERIFY(m_store->deleteSession(a, live));
    QVERIFY(m_store->wasReplaced(old));
    QVERIFY(!m_store->wasReplaced(live));
    m_store->insertReplaced(QByteArrayLiteral("bob-old"), b, 300);
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("bob-old")));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM replaced_sessions")), qint64(2));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM replaced_sessions "
                                            "WHERE user_id = %1")
                                 .arg(b)),
             qint64(1));
}

void TestStoreAccounts::insertReplacedTwiceKeepsTheFirst()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    const QByteArray token = QByteArrayLiteral("token");
    m_store->insertReplaced(token, a, 1000);
    m_store->insertReplaced(token, a, 5000); // no error, no second row
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM replaced_sessions")), qint64(1));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT replaced_ts FROM replaced_sessions")),
             qint64(1000));

    // Inside a transaction too (handlers run there): it stays usable.
    {
        Store::Transaction transaction(*m_store);
        m_store->insertReplaced(token, a, 6000);
        m_store->insertReplaced(QByteArrayLiteral("other"), a, 6000);
        transaction.commit();
    }
    QVERIFY(m_store->wasReplaced(token));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("other")));
    m_store->expireReplaced(1001); // the first time counts
    QVERIFY(!m_store->wasReplaced(token));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("other")));
}

void TestStoreAccounts::insertReplacedForUnknownUserThrows()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    QVERIFY_THROWS_EXCEPTION(StoreError,
                             m_store->insertReplaced(QByteArrayLiteral("t"), a + 1000, 1));
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("t")));
    m_store->insertReplaced(QByteArrayLiteral("t"), a, 1);
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("t")));
}

void TestStoreAccounts::expireReplacedBoundary()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    m_store->insertReplaced(QByteArrayLiteral("t1000"), a, 1000);
    m_store->insertReplaced(QByteArrayLiteral("t2000"), b, 2000);
    m_store->insertReplaced(QByteArrayLiteral("t3000"), a, 3000);

    m_store->expireReplaced(0);
    m_store->expireReplaced(1000); // strictly older only
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("t1000")));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM replaced_sessions")), qint64(3));

    m_store->expireReplaced(1001);
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("t1000")));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("t2000")));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("t3000")));

    m_store->expireReplaced(2000); // t2000 sits at the cutoff: kept
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("t2000")));
    m_store->expireReplaced(3000);
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("t2000")));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("t3000")));

    m_store->expireReplaced(std::numeric_limits<qint64>::max());
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM replaced_sessions")), qint64(0));
    m_store->expireReplaced(std::numeric_limits<qint64>::max()); // nothing left: fine
    // Expiry touches neither users nor live sessions.
    QVERIFY(m_store->userById(a) && m_store->userById(b));
}

void TestStoreAccounts::replacedSessionsGoWithTheirUser()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    m_store->insertReplaced(QByteArrayLiteral("a1"), a, 10);
    m_store->insertReplaced(QByteArrayLiteral("a2"), a, 20);
    m_store->insertReplaced(QByteArrayLiteral("b1"), b, 10);

    m_store->deleteUser(a);
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("a1")));
    QVERIFY(!m_store->wasReplaced(QByteArrayLiteral("a2")));
    QVERIFY(m_store->wasReplaced(QByteArrayLiteral("b1")));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM replaced_sessions")), qint64(1));
}

// ---------------------------------------------------------------- login throttling

void TestStoreAccounts::loginFailures()
{
    const QString key = QStringLiteral("user:homer");
    LoginFailures none = m_store->loginFailures(key);
    QCOMPARE(none.failures, 0);
    QCOMPARE(none.windowStart, qint64(0));
    QCOMPARE(none.blockedUntil, qint64(0));

    m_store->putLoginFailures(key, {3, 1700000000000LL, 0});
    LoginFailures stored = m_store->loginFailures(key);
    QCOMPARE(stored.failures, 3);
    QCOMPARE(stored.windowStart, qint64(1700000000000LL));
    QCOMPARE(stored.blockedUntil, qint64(0));

    m_store->putLoginFailures(key, {5, 1700000000000LL, 1700000060000LL}); // replaces
    stored = m_store->loginFailures(key);
    QCOMPARE(stored.failures, 5);
    QCOMPARE(stored.blockedUntil, qint64(1700000060000LL));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM login_failures")), qint64(1));

    const QString address = QStringLiteral("addr:::1");
    m_store->putLoginFailures(address, {1, 10, 0});
    QCOMPARE(m_store->loginFailures(address).failures, 1);
    QCOMPARE(m_store->loginFailures(QStringLiteral("user:HOMER")).failures, 0); // keys are exact

    m_store->clearLoginFailures(key);
    QCOMPARE(m_store->loginFailures(key).failures, 0);
    QCOMPARE(m_store->loginFailures(address).failures, 1);
    m_store->clearLoginFailures(key); // clearing nothing is fine
}

void TestStoreAccounts::expireLoginFailures()
{
    m_store->putLoginFailures(QStringLiteral("old"), {5, 100, 200});
    m_store->putLoginFailures(QStringLiteral("still blocked"), {9, 100, 5000});
    m_store->putLoginFailures(QStringLiteral("recent window"), {2, 4000, 0});
    m_store->putLoginFailures(QStringLiteral("at the cutoff"), {1, 1000, 0});

    m_store->expireLoginFailures(1000);
    QCOMPARE(m_store->loginFailures(QStringLiteral("old")).failures, 0);
    QCOMPARE(m_store->loginFailures(QStringLiteral("still blocked")).failures, 9);
    QCOMPARE(m_store->loginFailures(QStringLiteral("recent window")).failures, 2);
    QCOMPARE(m_store->loginFailures(QStringLiteral("at the cutoff")).failures, 1);

    m_store->expireLoginFailures(10000);
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM login_failures")), qint64(0));
}

QTEST_GUILESS_MAIN(TestStoreAccounts)
#include "tst_store_accounts.moc"
