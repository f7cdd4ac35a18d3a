// Two palomar-server instances on one PostgreSQL database behave as one
// server: messages, receipts, wake-ups and sessions cross instances, one
// instance dying leaves the other serving, concurrent senders through both
// lose and double nothing, a file uploaded through one instance (even half
// through each) downloads through the other.
#include "filetest.h"

#include <QElapsedTimer>
#include <QSet>

using namespace Palomar::Testing;

class ScaleOutTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void messageAndReceiptsCrossInstances();
    void longPollWakesForASendOnTheOtherInstance();
    void secondLoginOnTheOtherInstanceIsRefused();
    void concurrentSendersThroughBothLoseNothing();
    void inboxWritesFromBothInstancesNeverDeadlock();
    void fileUploadedThroughOneDownloadsThroughTheOther();
    void blockProfileAndPasswordCrossInstances();
    void killingOneInstanceLeavesTheOtherServing(); // last: it stops an instance

private:
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
};

void ScaleOutTest::initTestCase()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("scale-out needs PostgreSQL (PALOMAR_TEST_BACKEND=postgresql)");
    m_a = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_a->start());
    m_b = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")}, m_a.get());
    QVERIFY(m_b->start());
    TestClient client(m_a->port());
    for (const char *name : {"Homer", "Mario", "Kenny", "Ned", "Lenny", "Carl"})
        QVERIFY(isOk(client.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_a->port(), str("Homer"), str("Mario")));
    QVERIFY(befriend(m_b->port(), str("Kenny"), str("Mario")));
    QVERIFY(befriend(m_b->port(), str("Kenny"), str("Homer")));
    QVERIFY(befriend(m_a->port(), str("Lenny"), str("Carl")));
}

void ScaleOutTest::messageAndReceiptsCrossInstances()
{
    TestClient homer(m_a->port());
    TestClient mario(m_b->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    homer.sync();
    mario.sync();
    const QJsonObject sent =
        homer.request(str("send"), {{str("to"), str("Mario")}, {str("text"), str("across")}});
    QVERIFY(isOk(sent));
    const qint64 id = sent.value(QLatin1String("msg_id")).toInteger();
    const QList<QJsonObject> events = mario.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("msg_id")).toInteger(), id);
    mario.sync(); // acknowledges
    QVERIFY(isOk(mario.request(str("read"), {{str("peer"), str("Homer")}, {str("up_to"), id}})));
    QStringList statuses;
    for (const QJsonObject &receipt : homer.sync())
        statuses.append(receipt.value(QLatin1String("status")).toString());
    QCOMPARE(statuses, (QStringList{str("delivered"), str("read")}));
    homer.request(str("logout"));
    mario.request(str("logout"));
}

void ScaleOutTest::longPollWakesForASendOnTheOtherInstance()
{
    TestClient homer(m_a->port());
    TestClient mario(m_b->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();
    mario.sync();
    const int poll = mario.post(str("sync"), {{str("after"), mario.cursor()}, {str("wait"), 30}});
    QTest::qWait(300);
    QVERIFY(!mario.hasReply(poll));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(
        isOk(homer.request(str("send"), {{str("to"), str("Mario")}, {str("text"), str("wake")}})));
    const QJsonObject answer = mario.reply(poll, 5000);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(answer.value(QLatin1String("events")).toArray().size(), 1);
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    qInfo("a long poll on instance B woke %lld ms after a send on instance A", elapsed);
    homer.request(str("logout"));
    mario.request(str("logout"));
}

void ScaleOutTest::secondLoginOnTheOtherInstanceIsRefused()
{
    TestClient first(m_a->port());
    QVERIFY(isOk(first.login(str("Ned"), kPassword)));
    TestClient second(m_b->port());
    QCOMPARE(errorOf(second.login(str("Ned"), kPassword)), str("session_active"));
    QVERIFY(isOk(second.login(str("Ned"), kPassword, true)));
    QCOMPARE(errorOf(first.request(str("friends"))), str("session_replaced"));
    QVERIFY(isOk(second.request(str("logout"))));
}

void ScaleOutTest::concurrentSendersThroughBothLoseNothing()
{
    constexpr int kEach = 300;
    TestClient mario(m_a->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();
    mario.sync(); // an empty inbox to start from
    TestClient homer(m_a->port());
    TestClient kenny(m_b->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    // Pipeline both senders at once, with a retried client_id for each
    // message (an outbox resending after a timeout).
    QList<int> homerIds;
    QList<int> kennyIds;
    for (int i = 0; i < kEach; ++i) {
        const QString text = QString::number(i);
        for (int copy = 0; copy < 2; ++copy) {
            homerIds.append(
                homer.post(str("send"), {{str("to"), str("Mario")},
                                         {str("text"), text},
                                         {str("client_id"), QString(str("h") + text)}}));
            kennyIds.append(
                kenny.post(str("send"), {{str("to"), str("Mario")},
                                         {str("text"), text},
                                         {str("client_id"), QString(str("k") + text)}}));
        }
    }
    QSet<qint64> homerMessages;
    QSet<qint64> kennyMessages;
    for (const int id : homerIds) {
        const QJsonObject answer = homer.reply(id, 60000);
        QVERIFY2(isOk(answer), qPrintable(errorOf(answer)));
        homerMessages.insert(answer.value(QLatin1String("msg_id")).toInteger());
    }
    for (const int id : kennyIds) {
        const QJsonObject answer = kenny.reply(id, 60000);
        QVERIFY2(isOk(answer), qPrintable(errorOf(answer)));
        kennyMessages.insert(answer.value(QLatin1String("msg_id")).toInteger());
    }
    QCOMPARE(homerMessages.size(), kEach); // each client_id stored once
    QCOMPARE(kennyMessages.size(), kEach);

    QHash<QString, int> nextText{{str("Homer"), 0}, {str("Kenny"), 0}};
    QSet<qint64> seen;
    qint64 lastSeq = mario.cursor();
    for (int round = 0; round < 50; ++round) {
        const QJsonObject answer = mario.request(str("sync"), {{str("after"), lastSeq}}, 30000);
        const QJsonArray events = answer.value(QLatin1String("events")).toArray();
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            QVERIFY(event.value(QLatin1String("seq")).toInteger() > lastSeq);
            lastSeq = event.value(QLatin1String("seq")).toInteger();
            if (event.value(QLatin1String("kind")).toString() != str("message"))
                continue;
            const qint64 id = event.value(QLatin1String("msg_id")).toInteger();
            QVERIFY2(!seen.contains(id), "a message arrived twice");
            seen.insert(id);
            const QString from = event.value(QLatin1String("from")).toString();
            // Per-conversation order is send order.
            QCOMPARE(event.value(QLatin1String("text")).toString().toInt(), nextText[from]);
            ++nextText[from];
        }
        if (!answer.value(QLatin1String("more")).toBool())
            break;
    }
    QCOMPARE(nextText.value(str("Homer")), kEach);
    QCOMPARE(nextText.value(str("Kenny")), kEach);
    QVERIFY(seen.contains(homerMessages) && seen.contains(kennyMessages));
    mario.request(str("sync"), {{str("after"), lastSeq}});
    homer.request(str("logout"));
    kenny.request(str("logout"));
    mario.request(str("logout"));
}

// Many connections on two instances write to the same inboxes at once:
// messages, and the receipts their acknowledgements queue for the senders.
// Each transaction locks the inboxes it adds to in one order (user id), so
// no two wait for each other in a circle: PostgreSQL never has to break a
// deadlock, no client sees an error, nothing is lost or doubled.
void ScaleOutTest::inboxWritesFromBothInstancesNeverDeadlock()
{
    constexpr int kUsers = 8;
    constexpr int kEach = 12; // messages from each user to each other user
    ServerProcess a(QStringList{str("--rate"), str("0")});
    QVERIFY(a.start());
    ServerProcess b(QStringList{str("--rate"), str("0")}, &a);
    QVERIFY(b.start());
    QStringList names;
    {
        TestClient setup(a.port());
        for (int i = 0; i < kUsers; ++i) {
            names.append(QStringLiteral("lock%1").arg(i));
            QVERIFY(isOk(setup.registerUser(names.last(), kPassword)));
        }
    }
    for (int i = 0; i < kUsers; ++i) {
        for (int j = i + 1; j < kUsers; ++j)
            QVERIFY(befriend(a.port(), names.at(i), names.at(j)));
    }
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < kUsers; ++i) {
        clients.push_back(std::make_unique<TestClient>(i % 2 == 0 ? a.port() : b.port()));
        QVERIFY(isOk(clients.back()->login(names.at(i), kPassword)));
        clients.back()->sync();
    }
    // Every send of every client in flight at once.
    QList<QList<int>> sends(kUsers);
    for (int n = 0; n < kEach; ++n) {
        for (int i = 0; i < kUsers; ++i) {
            for (int j = 0; j < kUsers; ++j) {
                if (i != j)
                    sends[i].append(
                        clients[size_t(i)]->post(str("send"), {{str("to"), names.at(j)},
                                                               {str("text"), QString::number(n)}}));
            }
        }
    }
    // Every client acknowledges what it got, all at once, round after round:
    // receipts pile into the senders' inboxes from both instances.
    QList<QHash<QString, int>> next(kUsers);
    QList<qint64> cursors(kUsers, 0);
    int received = 0;
    for (int round = 0; round < 400 && received < kUsers * (kUsers - 1) * kEach; ++round) {
        QList<int> polls;
        for (int i = 0; i < kUsers; ++i)
            polls.append(clients[size_t(i)]->post(str("sync"), {{str("after"), cursors[i]}}));
        for (int i = 0; i < kUsers; ++i) {
            const QJsonObject reply = clients[size_t(i)]->reply(polls[i], 60000);
            QVERIFY2(isOk(reply), qPrintable(errorOf(reply)));
            cursors[i] = reply.value(QLatin1String("cursor")).toInteger();
            for (const QJsonValue &value : reply.value(QLatin1String("events")).toArray()) {
                const QJsonObject event = value.toObject();
                if (event.value(QLatin1String("kind")).toString() != str("message"))
                    continue;
                const QString from = event.value(QLatin1String("from")).toString();
                // Each conversation in send order, each message once.
                QCOMPARE(event.value(QLatin1String("text")).toString().toInt(), next[i][from]);
                ++next[i][from];
                ++received;
            }
        }
    }
    for (int i = 0; i < kUsers; ++i) {
        for (const int id : std::as_const(sends[i])) {
            const QJsonObject reply = clients[size_t(i)]->reply(id, 60000);
            QVERIFY2(isOk(reply), qPrintable(errorOf(reply)));
        }
    }
    QCOMPARE(received, kUsers * (kUsers - 1) * kEach);
    clients.clear();
    QVERIFY(a.terminate());
    QVERIFY(b.terminate());
    QVERIFY2(a.output().contains(" 0 conflicts retried"), a.output().right(400).constData());
    QVERIFY2(b.output().contains(" 0 conflicts retried"), b.output().right(400).constData());
}

void ScaleOutTest::fileUploadedThroughOneDownloadsThroughTheOther()
{
    constexpr qint64 kChunk = 256 * 1024;
    const QByteArray data = randomBytes(3 * kChunk + 4321, 99);
    TestClient homer(m_a->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword, true)));
    TestClient mario(m_b->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword, true)));
    mario.sync();
    mario.sync();
    const qint64 id =
        integerIn(beginFile(homer, str("Mario"), 0, str("across.bin"), data), "file_id");
    QVERIFY(id > 0);
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Mixed, 0, 2 * kChunk).isEmpty());
    // The upload moves to the other instance halfway and resumes there.
    TestClient homerOnB(m_b->port());
    QVERIFY(isOk(homerOnB.login(str("Homer"), kPassword, true)));
    const QJsonObject refused = sendChunk(homerOnB, id, 0, data.left(10), false);
    QCOMPARE(errorOf(refused), str("bad_offset"));
    QCOMPARE(integerIn(refused, "received"), 2 * kChunk);
    QVERIFY(sendChunks(homerOnB, id, data, kChunk, ChunkMode::Mixed, 2 * kChunk).isEmpty());
    const QJsonObject ended = homerOnB.request(str("file_end"), {{str("file_id"), id}});
    QVERIFY2(isOk(ended), qPrintable(errorOf(ended)));
    const QList<QJsonObject> events = mario.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("file")).toObject().value(QLatin1String("size")),
             QJsonValue(qint64(data.size())));
    // Downloads through either instance are byte-exact.
    QVERIFY(downloadFile(mario, id, kChunk).data == data);
    TestClient marioOnA(m_a->port());
    QVERIFY(isOk(marioOnA.login(str("Mario"), kPassword, true)));
    QVERIFY(downloadFile(marioOnA, id, kChunk).data == data);
    marioOnA.request(str("logout"));
    homerOnB.request(str("logout"));
}

void ScaleOutTest::killingOneInstanceLeavesTheOtherServing()
{
    QString token;
    {
        TestClient homer(m_a->port());
        token = homer.login(str("Homer"), kPassword).value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());
        TestClient ned(m_a->port());
        QVERIFY(isOk(ned.login(str("Ned"), kPassword)));
        m_a->kill();
        QVERIFY(homer.waitForDisconnected(5000));
        QVERIFY(ned.waitForDisconnected(5000));
    }
    // The dead instance's sessions are detached as soon as PostgreSQL sees
    // its connections close (their lock goes with them), long before the
    // heartbeat's idle_timeout (60 s): a plain login needs no takeover.
    TestClient ned(m_b->port());
    QVERIFY(QTest::qWaitFor([&] { return isOk(ned.login(str("Ned"), kPassword)); }, 20000));
    // The session lives in the database: resume on the surviving instance.
    TestClient homer(m_b->port());
    QVERIFY(isOk(homer.request(str("resume"), {{str("token"), token}})));
    TestClient mario(m_b->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();
    QVERIFY(isOk(
        homer.request(str("send"), {{str("to"), str("Mario")}, {str("text"), str("still up")}})));
    const QList<QJsonObject> events = mario.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("text")).toString(), str("still up"));
}

// A block, a profile change and a password change on instance A take effect
// on instance B at once, whatever B had cached (friendships, users).
void ScaleOutTest::blockProfileAndPasswordCrossInstances()
{
    TestClient lenny(m_a->port());
    TestClient carl(m_b->port());
    QVERIFY(isOk(lenny.login(str("Lenny"), kPassword)));
    QVERIFY(isOk(carl.login(str("Carl"), kPassword)));
    lenny.sync();
    lenny.sync();
    carl.sync();
    carl.sync();
    // B learns (and caches) that they are friends.
    QVERIFY(isOk(carl.request(str("send"), {{str("to"), str("Lenny")}, {str("text"), str("a")}})));
    QVERIFY(isOk(lenny.request(str("set_profile"), {{str("display_name"), str("Lenny L.")}})));
    const QList<QJsonObject> events = carl.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("kind")).toString(), str("profile"));
    QCOMPARE(events.first().value(QLatin1String("display_name")).toString(), str("Lenny L."));
    QVERIFY(isOk(lenny.request(str("block"), {{str("user"), str("Carl")}})));
    // B's cached friendship goes when A's invalidation reaches it (NOTIFY,
    // as for unfriend); from then on Carl neither sees nor reaches Lenny.
    QTRY_COMPARE_WITH_TIMEOUT(errorOf(carl.request(str("profile"), {{str("user"), str("Lenny")}})),
                              str("no_such_user"), 20000);
    QCOMPARE(
        errorOf(carl.request(str("send"), {{str("to"), str("Lenny")}, {str("text"), str("b")}})),
        str("not_friends"));
    const QString newPassword = str("lenny's new one");
    QVERIFY(isOk(
        lenny.request(str("set_password"), {{str("old"), kPassword}, {str("new"), newPassword}})));
    QVERIFY(isOk(lenny.request(str("logout"))));
    TestClient again(m_b->port());
    QCOMPARE(errorOf(again.login(str("Lenny"), kPassword)), str("bad_credentials"));
    QVERIFY(isOk(again.login(str("Lenny"), newPassword)));
    QVERIFY(isOk(again.request(str("logout"))));
    QVERIFY(isOk(carl.request(str("logout"))));
}

QTEST_GUILESS_MAIN(ScaleOutTest)
#include "tst_scaleout.moc"
