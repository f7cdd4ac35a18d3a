// The Store's friends and messages: requests, friendships, presence, direct
// and group messages, history paging and read receipts (markReadUpTo), on
// every enabled backend (see storetest.h). Delivery receipts, which go through
// the event inbox, are in tst_store_events.
#include "storetest.h"

#include <QTest>

#include <algorithm>

using namespace Palomar::Server;
using namespace StoreTest;

class TestStoreMessages : public StoreTestCase
{
    Q_OBJECT

private slots:
    // Friends
    void friendRequests();
    void friendships();
    void friendsOfReportsPresence();

    // Messages
    void directChat_data();
    void directChat();
    void insertMessageAndClientId();
    void duplicateClientIdStoresNothing();
    void historyPaging();
    void groupMessageHistory();

    // Read receipts
    void markReadUpTo();
    void markReadUpToPerDirection();
    void markReadUpToKeepsAnEarlierDelivery();
    void markReadUpToRollsBack();
};

// ---------------------------------------------------------------- friends

void TestStoreMessages::friendRequests()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("Bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    QVERIFY(!m_store->requestExists(a, b));
    m_store->insertRequest(a, b, 100);
    QVERIFY(m_store->requestExists(a, b));
    QVERIFY(!m_store->requestExists(b, a)); // directed
    m_store->insertRequest(c, b, 50);
    m_store->insertRequest(b, c, 200); // both ways at once is storable

    QCOMPARE(m_store->incomingRequests(b),
             (QStringList{QStringLiteral("carol"), QStringLiteral("alice")})); // oldest first
    QCOMPARE(m_store->outgoingRequests(a), QStringList{QStringLiteral("Bob")});
    QCOMPARE(m_store->outgoingRequests(b), QStringList{QStringLiteral("carol")});
    QCOMPARE(m_store->incomingRequests(c), QStringList{QStringLiteral("Bob")});
    QVERIFY(m_store->incomingRequests(a).isEmpty());

    QVERIFY(!m_store->deleteRequest(b, a)); // wrong direction
    QVERIFY(m_store->deleteRequest(a, b));
    QVERIFY(!m_store->deleteRequest(a, b));
    QVERIFY(!m_store->requestExists(a, b));
    QCOMPARE(m_store->incomingRequests(b), QStringList{QStringLiteral("carol")});
    QVERIFY(m_store->outgoingRequests(a).isEmpty());
    QVERIFY(m_store->requestExists(c, b));
}

void TestStoreMessages::friendships()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    QVERIFY(!m_store->isFriend(a, b));
    m_store->insertFriendship(a, b, 100);
    QVERIFY(m_store->isFriend(a, b));
    QVERIFY(m_store->isFriend(b, a));
    QVERIFY(!m_store->isFriend(a, c));
    m_store->insertFriendship(b, a, 200); // again, either way round: no error, no duplicate
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM friendships")), qint64(2));

    m_store->insertFriendship(c, a, 300);
    QCOMPARE(names(m_store->friendsOf(a)),
             (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}));
    QCOMPARE(names(m_store->friendsOf(b)), QStringList{QStringLiteral("alice")});
    QCOMPARE(m_store->friendsOf(b).at(0).id, a);

    QVERIFY(m_store->deleteFriendship(b, a));
    QVERIFY(!m_store->isFriend(a, b));
    QVERIFY(!m_store->isFriend(b, a));
    QVERIFY(!m_store->deleteFriendship(a, b));
    QCOMPARE(names(m_store->friendsOf(a)), QStringList{QStringLiteral("carol")});
    QVERIFY(m_store->friendsOf(b).isEmpty());
}

void TestStoreMessages::friendsOfReportsPresence()
{
    const qint64 me = addUser(QStringLiteral("me"));
    const qint64 zed = addUser(QStringLiteral("Zed"));
    const qint64 amy = addUser(QStringLiteral("amy"));
    const qint64 max = addUser(QStringLiteral("Max"));
    QVERIFY(me > 0 && zed > 0 && amy > 0 && max > 0);
    for (const qint64 other : {zed, amy, max})
        m_store->insertFriendship(me, other, 1);

    // zed: never seen, no session. amy: seen at 5000, session older.
    // Max: seen at 1000, online in a session active at 7000, bound on
    // instance 7, alive (its heartbeat at 6000; on PostgreSQL it also holds
    // the instance's lock, as its listening connection does).
    const qint64 instance = 7;
    m_store->putInstance(instance, 6000);
    if (backend() == StoreConfig::Backend::Postgresql)
        QCOMPARE(execRaw(*m_store, QStringLiteral("SELECT pg_advisory_lock(78780, 7)")), QString());
    m_store->touchLastSeen(amy, 5000);
    m_store->putSession({amy, QByteArrayLiteral("amy"), 100, 4000, false, instance, {}});
    m_store->touchLastSeen(max, 1000);
    m_store->putSession({max, QByteArrayLiteral("max"), 100, 7000, true, instance, {}});

    const QList<FriendRecord> friends = m_store->friendsOf(me, 5000);
    QCOMPARE(names(friends), (QStringList{QStringLiteral("amy"), QStringLiteral("Max"),
                                          QStringLiteral("Zed")})); // case-insensitive order
    QCOMPARE(friends.at(0).id, amy);
    QCOMPARE(friends.at(0).online, false);
    QCOMPARE(friends.at(0).lastSeen, std::optional<qint64>(5000));
    QCOMPARE(friends.at(1).id, max);
    QCOMPARE(friends.at(1).online, true);
    QCOMPARE(friends.at(1).lastSeen, std::optional<qint64>(7000));
    QCOMPARE(friends.at(2).id, zed);
    QCOMPARE(friends.at(2).online, false);
    QVERIFY(!friends.at(2).lastSeen);

    // An instance that has not beaten since is dead: nobody is online there.
    QCOMPARE(m_store->friendsOf(me, 6001).at(1).online, false);
    if (backend() == StoreConfig::Backend::Postgresql) {
        // Nor when its lock is gone (its connection was).
        QCOMPARE(execRaw(*m_store, QStringLiteral("SELECT pg_advisory_unlock(78780, 7)")),
                 QString());
        QCOMPARE(m_store->friendsOf(me, 5000).at(1).online, false);
        QCOMPARE(execRaw(*m_store, QStringLiteral("SELECT pg_advisory_lock(78780, 7)")), QString());
    }
    QCOMPARE(m_store->friendsOf(me, 5000).at(1).online, true);
    m_store->clearOnline();
    QCOMPARE(m_store->friendsOf(me, 5000).at(1).online, false);
}

// ---------------------------------------------------------------- messages

void TestStoreMessages::directChat_data()
{
    QTest::addColumn<qint64>("a");
    QTest::addColumn<qint64>("b");
    QTest::addColumn<QString>("chat");

    QTest::newRow("ascending") << qint64(3) << qint64(7) << QStringLiteral("u3-7");
    QTest::newRow("descending") << qint64(7) << qint64(3) << QStringLiteral("u3-7");
    QTest::newRow("numeric, not text order") << qint64(10) << qint64(9) << QStringLiteral("u9-10");
    QTest::newRow("same user") << qint64(5) << qint64(5) << QStringLiteral("u5-5");
    QTest::newRow("large ids") << qint64(9007199254740991LL) << qint64(1)
                               << QStringLiteral("u1-9007199254740991");
}

void TestStoreMessages::directChat()
{
    QFETCH(qint64, a);
    QFETCH(qint64, b);
    QFETCH(QString, chat);
    QCOMPARE(Store::directChat(a, b), chat);
    QCOMPARE(Store::directChat(b, a), chat);
}

void TestStoreMessages::insertMessageAndClientId()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);

    const qint64 first = addMessage(a, b, QStringLiteral("hi"), 1000, QStringLiteral("c-1"));
    QVERIFY(first > 0);
    const qint64 second = addMessage(a, b, QStringLiteral("again"), 1001, QStringLiteral("c-2"));
    QVERIFY(second > first);

    const auto found = m_store->messageByClientId(a, QStringLiteral("c-1"));
    QVERIFY(found);
    QCOMPARE(found->first, first);
    QCOMPARE(found->second, qint64(1000));
    QCOMPARE(m_store->messageByClientId(a, QStringLiteral("c-2"))->first, second);
    QVERIFY(!m_store->messageByClientId(b, QStringLiteral("c-1"))); // per sender
    QVERIFY(!m_store->messageByClientId(a, QStringLiteral("c-3")));
    QVERIFY(!m_store->messageByClientId(a, QString()));

    // Another sender may use the same client id; no client id is never a clash.
    const qint64 fromBob = addMessage(b, a, QStringLiteral("hey"), 1002, QStringLiteral("c-1"));
    QVERIFY(fromBob > second);
    QCOMPARE(m_store->messageByClientId(b, QStringLiteral("c-1"))->first, fromBob);
    const qint64 plain1 = addMessage(a, b, QStringLiteral("no id"), 1003);
    const qint64 plain2 = addMessage(a, b, QStringLiteral("no id either"), 1004);
    QVERIFY(plain2 > plain1);
    QCOMPARE(
        count(*m_store, QStringLiteral("SELECT COUNT(*) FROM messages WHERE client_id IS NULL")),
        qint64(2));
}

void TestStoreMessages::duplicateClientIdStoresNothing()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const qint64 first = addMessage(a, b, QStringLiteral("once"), 1000, QStringLiteral("dup"));

    // The unique index decides: nothing is stored, and no error either.
    QCOMPARE(addMessage(a, b, QStringLiteral("twice"), 2000, QStringLiteral("dup")), qint64(-1));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM messages")), qint64(1));
    QCOMPARE(m_store->messageByClientId(a, QStringLiteral("dup"))->first, first);

    // Inside a transaction (a batch): the transaction goes on and commits.
    {
        Store::Transaction transaction(*m_store, Store::Transaction::Nesting::Flat);
        QVERIFY(addMessage(a, b, QStringLiteral("in transaction"), 3000, QStringLiteral("fresh")) >
                first);
        QCOMPARE(addMessage(a, b, QStringLiteral("twice"), 3001, QStringLiteral("dup")),
                 qint64(-1));
        QVERIFY(!transaction.failed());
        transaction.commit();
    }
    QVERIFY(m_store->messageByClientId(a, QStringLiteral("fresh")));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM messages")), qint64(2));

    // The statement and the connection still work.
    const qint64 next = addMessage(a, b, QStringLiteral("later"), 4000, QStringLiteral("later"));
    QVERIFY(next > first);
    QCOMPARE(m_store->messageByClientId(a, QStringLiteral("later"))->first, next);
}

void TestStoreMessages::historyPaging()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("Bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    QList<qint64> sent; // oldest first
    const QStringList texts{QStringLiteral("one"), QStringLiteral("two \U0001F600"),
                            QStringLiteral("three"), QStringLiteral("four"),
                            QStringLiteral("five")};
    for (int i = 0; i < texts.size(); ++i) {
        const qint64 from = i % 2 == 0 ? a : b;
        sent.append(addMessage(from, from == a ? b : a, texts.at(i), 1000 + i));
        addMessage(a, c, QStringLiteral("elsewhere"), 1000 + i); // another chat
    }
    QList<qint64> newestFirst = sent;
    std::reverse(newestFirst.begin(), newestFirst.end());
    const QString chat = Store::directChat(b, a);

    const QList<MessageRecord> all = m_store->history(chat, kNoBefore, 50);
    QCOMPARE(ids(all), newestFirst);
    QCOMPARE(all.at(4).text, QStringLiteral("one"));
    QCOMPARE(all.at(4).from, QStringLiteral("alice"));
    QCOMPARE(all.at(4).to, QStringLiteral("Bob"));
    QCOMPARE(all.at(4).senderId, a);
    QCOMPARE(all.at(4).ts, qint64(1000));
    QCOMPARE(all.at(3).text, QStringLiteral("two \U0001F600"));
    QCOMPARE(all.at(3).from, QStringLiteral("Bob"));
    QCOMPARE(all.at(3).to, QStringLiteral("alice"));
    QCOMPARE(all.at(3).senderId, b);
    for (const MessageRecord &message : all) {
        QVERIFY(!message.group);
        QVERIFY(!message.delivered);
        QVERIFY(!message.read);
    }

    QCOMPARE(ids(m_store->history(chat, kNoBefore, 2)), newestFirst.mid(0, 2));
    QCOMPARE(ids(m_store->history(chat, sent.at(3), 2)), (QList<qint64>{sent.at(2), sent.at(1)}));
    QCOMPARE(ids(m_store->history(chat, sent.at(1), 50)), QList<qint64>{sent.at(0)});
    QVERIFY(m_store->history(chat, sent.at(0), 50).isEmpty());
    QVERIFY(m_store->history(chat, 1, 50).isEmpty());
    QCOMPARE(m_store->history(chat, kNoBefore, 1).size(), 1);

    // Walking back page by page with `before` = the last id seen gives
    // every message once.
    QList<qint64> walked;
    qint64 before = kNoBefore;
    for (int page = 0; page < 10; ++page) {
        const QList<MessageRecord> messages = m_store->history(chat, before, 2);
        if (messages.isEmpty())
            break;
        QVERIFY(messages.size() <= 2);
        walked += ids(messages);
        before = messages.last().id;
    }
    QCOMPARE(walked, newestFirst);

    QCOMPARE(m_store->history(Store::directChat(a, c), kNoBefore, 50).size(), 5);
    QVERIFY(m_store->history(Store::directChat(b, c), kNoBefore, 50).isEmpty());
}

void TestStoreMessages::groupMessageHistory()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    const qint64 id = m_store
                          ->insertMessage(QStringLiteral("g42"), a, std::nullopt, 42,
                                          QStringLiteral("gc"), QStringLiteral("hello all"), 9)
                          .value();
    const QList<MessageRecord> history = m_store->history(QStringLiteral("g42"), kNoBefore, 50);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).id, id);
    QCOMPARE(history.at(0).group, std::optional<qint64>(42));
    QCOMPARE(history.at(0).from, QStringLiteral("alice"));
    QVERIFY(history.at(0).to.isEmpty());
    QCOMPARE(m_store->messageByClientId(a, QStringLiteral("gc"))->first, id);
}

// ---------------------------------------------------------------- read receipts

void TestStoreMessages::markReadUpTo()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    const qint64 m1 = addMessage(a, b, QStringLiteral("1"), 10);
    const qint64 reply = addMessage(b, a, QStringLiteral("r"), 11);
    const qint64 m2 = addMessage(a, b, QStringLiteral("2"), 12);
    const qint64 other = addMessage(c, b, QStringLiteral("c"), 13);
    const qint64 m3 = addMessage(a, b, QStringLiteral("3"), 14);

    QCOMPARE(m_store->markReadUpTo(b, a, m1 - 1, 100), QList<qint64>());
    QCOMPARE(m_store->markReadUpTo(b, a, m2, 200), (QList<qint64>{m1, m2}));
    QCOMPARE(m_store->markReadUpTo(b, a, m2, 250), QList<qint64>()); // only once
    // Up to an id that is not alice's: her older unread ones only.
    QCOMPARE(m_store->markReadUpTo(b, a, other, 260), QList<qint64>());
    QCOMPARE(m_store->markReadUpTo(b, a, kNoBefore, 300), QList<qint64>{m3});
    QCOMPARE(m_store->markReadUpTo(b, a, kNoBefore, 350), QList<qint64>());

    const QList<MessageRecord> history = m_store->history(Store::directChat(a, b), kNoBefore, 50);
    QCOMPARE(ids(history), (QList<qint64>{m3, m2, reply, m1}));
    // Read implies delivered, at the same time when not delivered before.
    QCOMPARE(history.at(3).read, std::optional<qint64>(200));
    QCOMPARE(history.at(3).delivered, std::optional<qint64>(200));
    QCOMPARE(history.at(1).read, std::optional<qint64>(200));
    QCOMPARE(history.at(1).delivered, std::optional<qint64>(200));
    QCOMPARE(history.at(0).read, std::optional<qint64>(300));
    QCOMPARE(history.at(0).delivered, std::optional<qint64>(300));
    QVERIFY(!history.at(2).read); // bob's reply: alice has not read it
    QVERIFY(!history.at(2).delivered);

    // carol's message to bob is a chat of its own.
    const QList<MessageRecord> fromCarol = m_store->history(Store::directChat(b, c), kNoBefore, 50);
    QCOMPARE(ids(fromCarol), QList<qint64>{other});
    QVERIFY(!fromCarol.at(0).read);
    QCOMPARE(m_store->markReadUpTo(b, c, m3, 400), QList<qint64>{other});
    QCOMPARE(m_store->history(Store::directChat(b, c), kNoBefore, 50).at(0).read,
             std::optional<qint64>(400));
}

void TestStoreMessages::markReadUpToPerDirection()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    QList<qint64> aToB;
    QList<qint64> bToA;
    for (int i = 0; i < 3; ++i) {
        aToB.append(addMessage(a, b, QStringLiteral("a%1").arg(i), 10 + i));
        bToA.append(addMessage(b, a, QStringLiteral("b%1").arg(i), 20 + i));
    }
    const qint64 aToC = addMessage(a, c, QStringLiteral("to carol"), 30);
    // A group message from alice has no recipient: never a 1:1 read.
    const qint64 group =
        m_store
            ->insertMessage(QStringLiteral("g5"), a, std::nullopt, 5, {}, QStringLiteral("all"), 31)
            .value();

    // Nobody reads what was not sent to them, nor their own messages.
    QCOMPARE(m_store->markReadUpTo(c, b, kNoBefore, 90), QList<qint64>());
    QCOMPARE(m_store->markReadUpTo(a, a, kNoBefore, 90), QList<qint64>());
    QCOMPARE(m_store->markReadUpTo(a, c, kNoBefore, 90), QList<qint64>());
    QCOMPARE(m_store->markReadUpTo(a + b + c + 100, a, kNoBefore, 90), QList<qint64>());

    // alice reads bob's: bob's messages to her, not hers to him.
    QCOMPARE(m_store->markReadUpTo(a, b, bToA.at(1), 100), bToA.mid(0, 2));
    QCOMPARE(m_store->markReadUpTo(a, b, kNoBefore, 110), bToA.mid(2));
    for (const MessageRecord &message : m_store->history(Store::directChat(a, b), kNoBefore, 50)) {
        if (message.senderId == a) {
            QVERIFY(!message.read);
            QVERIFY(!message.delivered);
        } else {
            QVERIFY(message.read);
        }
    }

    // Then bob reads alice's: all three, sorted, once.
    QCOMPARE(m_store->markReadUpTo(b, a, kNoBefore, 120), aToB);
    QCOMPARE(m_store->markReadUpTo(b, a, kNoBefore, 130), QList<qint64>());
    QCOMPARE(m_store->markReadUpTo(a, b, kNoBefore, 130), QList<qint64>());

    // carol's and the group's copies are untouched.
    const QList<MessageRecord> toCarol = m_store->history(Store::directChat(a, c), kNoBefore, 50);
    QCOMPARE(ids(toCarol), QList<qint64>{aToC});
    QVERIFY(!toCarol.at(0).read && !toCarol.at(0).delivered);
    const QList<MessageRecord> groupHistory = m_store->history(QStringLiteral("g5"), kNoBefore, 50);
    QCOMPARE(ids(groupHistory), QList<qint64>{group});
    QVERIFY(!groupHistory.at(0).read && !groupHistory.at(0).delivered);
    QCOMPARE(m_store->markReadUpTo(c, a, kNoBefore, 140), QList<qint64>{aToC});
}

void TestStoreMessages::markReadUpToKeepsAnEarlierDelivery()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const qint64 m1 = addMessage(a, b, QStringLiteral("1"), 10);
    const qint64 m2 = addMessage(a, b, QStringLiteral("2"), 11);
    const qint64 m3 = addMessage(a, b, QStringLiteral("3"), 12);

    // m2 reaches bob's device first (its message event acknowledged).
    const qint64 seq = m_store->appendEvent(b, QStringLiteral("message"), {}, m2);
    const QList<AckedMessage> delivered = m_store->deliverAcked(b, seq, 100);
    QCOMPARE(delivered.size(), 1);
    QCOMPARE(delivered.at(0).messageId, m2);

    QCOMPARE(m_store->markReadUpTo(b, a, m3, 500), (QList<qint64>{m1, m2, m3}));
    const QList<MessageRecord> history = m_store->history(Store::directChat(a, b), kNoBefore, 50);
    QCOMPARE(ids(history), (QList<qint64>{m3, m2, m1}));
    for (const MessageRecord &message : history)
        QCOMPARE(message.read, std::optional<qint64>(500));
    QCOMPARE(history.at(1).delivered, std::optional<qint64>(100)); // kept
    QCOMPARE(history.at(0).delivered, std::optional<qint64>(500));
    QCOMPARE(history.at(2).delivered, std::optional<qint64>(500));

    // Read messages are delivered: acknowledging their events later
    // reports nothing new.
    m_store->appendEvent(b, QStringLiteral("message"), {}, m1);
    QVERIFY(m_store->deliverAcked(b, kNoBefore, 900).isEmpty());
    QCOMPARE(m_store->history(Store::directChat(a, b), kNoBefore, 50).at(2).delivered,
             std::optional<qint64>(500));
}

void TestStoreMessages::markReadUpToRollsBack()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const qint64 m1 = addMessage(a, b, QStringLiteral("1"), 10);
    {
        Store::Transaction transaction(*m_store);
        QCOMPARE(m_store->markReadUpTo(b, a, m1, 100), QList<qint64>{m1});
        QCOMPARE(m_store->markReadUpTo(b, a, m1, 100), QList<qint64>());
    } // no commit
    QVERIFY(!m_store->history(Store::directChat(a, b), kNoBefore, 50).at(0).read);
    {
        Store::Transaction transaction(*m_store);
        QCOMPARE(m_store->markReadUpTo(b, a, m1, 200), QList<qint64>{m1});
        transaction.commit();
    }
    QCOMPARE(m_store->history(Store::directChat(a, b), kNoBefore, 50).at(0).read,
             std::optional<qint64>(200));
}

QTEST_GUILESS_MAIN(TestStoreMessages)
#include "tst_store_messages.moc"
