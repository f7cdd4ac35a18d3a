// Abuse limits over real sockets: connections per address, failed-login
// back-off, and a server that keeps answering everyone else while one client
// floods it. The latency figures printed here are measurements for the
// report, not assertions: only "answered" is asserted.
#include "servertest.h"

#include "protocol/frame.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <functional>

using namespace Palomar::Testing;

namespace {

// One client that writes `batch` (one or more frames) over and over, as fast
// as the socket takes it, on a thread of its own, and counts the replies.
class Flooder
{
public:
    Flooder(quint16 port, QByteArray preamble, QByteArray batch)
        : m_thread(QThread::create([this, port, preamble, batch] { run(port, preamble, batch); }))
    {}
    ~Flooder() { stop(); }

    void start() { m_thread->start(); }
    void stop()
    {
        m_stop = true;
        m_thread->wait();
    }
    qint64 sent() const { return m_sent; }
    qint64 answered() const { return m_answered; }
    qint64 limited() const { return m_limited; }

private:
    void run(quint16 port, const QByteArray &preamble, const QByteArray &batch)
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5000))
            return;
        socket.write(preamble);
        const qsizetype framesPerBatch = countFrames(batch);
        QByteArray buffer;
        while (!m_stop && socket.state() == QAbstractSocket::ConnectedState) {
            while (socket.bytesToWrite() < 64 * 1024) {
                socket.write(batch);
                m_sent += framesPerBatch;
            }
            socket.waitForBytesWritten(5);
            if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(1))
                buffer.append(socket.readAll());
            drain(&buffer);
        }
    }

    static qsizetype countFrames(QByteArray bytes)
    {
        qsizetype count = 0;
        while (true) {
            const auto frame = Palomar::Protocol::decodeFrame(bytes, 1 << 20);
            if (frame.status != Palomar::Protocol::DecodedFrame::Status::Frame)
                return count;
            bytes.remove(0, frame.consumed);
            ++count;
        }
    }

    void drain(QByteArray *buffer)
    {
        while (true) {
            const auto frame = Palomar::Protocol::decodeFrame(*buffer, 64 << 20);
            if (frame.status != Palomar::Protocol::DecodedFrame::Status::Frame)
                return;
            buffer->remove(0, frame.consumed);
            ++m_answered;
            if (errorOf(frame.object) == QLatin1String("rate_limited"))
                ++m_limited;
        }
    }

    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_sent{0};
    std::atomic<qint64> m_answered{0};
    std::atomic<qint64> m_limited{0};
};

QByteArray frames(const QList<QJsonObject> &requests, int repeat)
{
    QByteArray bytes;
    for (int i = 0; i < repeat; ++i) {
        for (QJsonObject request : requests) {
            request.insert(str("id"), i);
            bytes += Palomar::Protocol::encodeFrame(request);
        }
    }
    return bytes;
}

struct Latency
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

// Sends `count` pings one after another; false when one is not answered.
bool measurePings(TestClient &client, int count, Latency *latency)
{
    QList<double> ms;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!isOk(client.request(str("ping"), {}, 10000)))
            return false;
        ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    latency->p50 = ms.at(ms.size() / 2);
    latency->p99 = ms.at(qMin(ms.size() - 1, ms.size() * 99 / 100));
    latency->max = ms.last();
    return true;
}

void report(const char *phase, const Latency &latency, const Flooder *flooder = nullptr)
{
    qInfo("%-34s ping p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%s", phase, latency.p50, latency.p99,
          latency.max,
          flooder ? qPrintable(QStringLiteral("  (flood: %1 sent, %2 answered, %3 rate_limited)")
                                   .arg(flooder->sent())
                                   .arg(flooder->answered())
                                   .arg(flooder->limited()))
                  : "");
}

constexpr int kPings = 300;

// Logs in with a wrong password, as `name(i)` for the i-th attempt, until
// the server answers rate_limited; that reply, or the last bad_credentials.
// However slowly the attempts go, the block comes: each failure after the
// limit doubles the wait.
QJsonObject failUntilThrottled(TestClient &client, const std::function<QString(int)> &name)
{
    QJsonObject reply;
    for (int i = 0; i < 64; ++i) {
        reply = client.login(name(i), str("wrong password"));
        if (errorOf(reply) != QLatin1String("bad_credentials"))
            break;
    }
    return reply;
}

} // namespace

class AbuseTest : public QObject
{
    Q_OBJECT

private slots:
    void connectionsPerAddressAreCapped();
    void loggedInConnectionsDoNotCountPerAddress();
    void oneUserIsExemptOnce();
    void zeroMeansNoCapPerAddress();
    void loginBackOffGrows();
    void loginLimitsAreConfigurable();
    void accountLimitBlocksOnlyThatAccount();
    void usersBehindOneAddressAreNotBlocked();
    void addressLimitStillBlocksAGuessingAddress();
    void othersAreAnsweredDuringAFlood_data();
    void othersAreAnsweredDuringAFlood();
};

void AbuseTest::connectionsPerAddressAreCapped()
{
    ServerProcess server({str("--max-connections-per-address"), str("3")});
    QVERIFY(server.start());
    QList<std::shared_ptr<TestClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.append(std::make_shared<TestClient>(server.port()));
        QVERIFY(isOk(clients.last()->request(str("ping"))));
    }
    // The fourth from the same address is closed at once, without a frame.
    TestClient refused(server.port());
    QVERIFY(refused.waitForDisconnected(5000));
    QVERIFY(refused.nextFrame(100).isEmpty());
    // The others are untouched, and a slot freed is a slot to use again.
    QVERIFY(isOk(clients.first()->request(str("ping"))));
    clients.removeFirst();
    // The server frees the slot once it sees the close; until then a new
    // connection may still be refused, so try again for a while.
    QDeadlineTimer deadline(10000);
    bool admitted = false;
    while (!admitted && !deadline.hasExpired()) {
        TestClient again(server.port());
        admitted = isOk(again.request(str("ping"), {}, 2000));
        if (!admitted)
            QTest::qWait(50);
    }
    QVERIFY(admitted);
    server.kill();
    QVERIFY(server.output().contains("per address"));
}

void AbuseTest::loggedInConnectionsDoNotCountPerAddress()
{
    // A school behind one NAT address: hundreds of pupils logged in from it,
    // while connections that never log in are still capped. The idle timeout
    // is long so that no connection idles out while the others log in.
    constexpr int kCap = 16;
    constexpr int kUsers = 300;
    ServerProcess server({str("--max-connections-per-address"), QString::number(kCap),
                          str("--hash-cost"), str("minimum"), str("--idle-timeout"), str("3600")});
    QVERIFY(server.start());
    std::vector<std::unique_ptr<TestClient>> pupils;
    for (int i = 0; i < kUsers; ++i) {
        auto pupil = std::make_unique<TestClient>(server.port());
        const QString name = QStringLiteral("pupil%1").arg(i);
        QVERIFY2(isOk(pupil->registerUser(name, kPassword)), qPrintable(name));
        QVERIFY2(isOk(pupil->login(name, kPassword)), qPrintable(name));
        pupils.push_back(std::move(pupil));
    }
    // Pairs of friends; every pupil sends to the other one of the pair.
    for (int i = 0; i < kUsers; i += 2) {
        const QString other = QStringLiteral("pupil%1").arg(i + 1);
        QVERIFY(isOk(pupils[i]->request(str("friend_request"), {{str("user"), other}})));
        QVERIFY(isOk(pupils[i + 1]->request(
            str("friend_respond"),
            {{str("user"), QStringLiteral("pupil%1").arg(i)}, {str("accept"), true}})));
    }
    for (int i = 0; i < kUsers; ++i) {
        const QString to = QStringLiteral("pupil%1").arg(i ^ 1);
        const QJsonObject sent =
            pupils[i]->request(str("send"), {{str("to"), to}, {str("text"), str("hi")}});
        QVERIFY2(isOk(sent), qPrintable(QStringLiteral("pupil%1: %2").arg(i).arg(errorOf(sent))));
    }

    // Connections that do not log in: kCap of them are served...
    std::vector<std::unique_ptr<TestClient>> silent;
    for (int i = 0; i < kCap; ++i) {
        silent.push_back(std::make_unique<TestClient>(server.port()));
        QVERIFY(isOk(silent.back()->request(str("ping"))));
    }
    // ...and the next one is closed at once, without a frame.
    {
        TestClient refused(server.port());
        QVERIFY(refused.waitForDisconnected(5000));
        QVERIFY(refused.nextFrame(100).isEmpty());
    }
    // One of them logging in frees its place (before its login is answered).
    QVERIFY(isOk(silent.front()->registerUser(str("latecomer"), kPassword)));
    QVERIFY(isOk(silent.front()->login(str("latecomer"), kPassword)));
    TestClient admitted(server.port());
    QVERIFY(isOk(admitted.request(str("ping"))));
    // A pupil logging out counts again: it stays connected, beyond the cap,
    // and a new connection is refused.
    QVERIFY(isOk(pupils.front()->request(str("logout"))));
    QVERIFY(isOk(pupils.front()->request(str("ping"))));
    {
        TestClient refused(server.port());
        QVERIFY(refused.waitForDisconnected(5000));
    }
    // Every pupil still logged in is still connected and served.
    for (std::size_t i = 1; i < pupils.size(); ++i)
        QVERIFY(isOk(pupils[i]->request(str("ping"))));
    QVERIFY(isOk(pupils.back()->request(str("friends"))));
    QVERIFY(server.output().contains("connections per address that have not logged in"));
}

void AbuseTest::oneUserIsExemptOnce()
{
    // One account cannot hold any number of connections past the cap: a
    // connection it took over from learns so only at its next request, and
    // until then it counts per address like one that never logged in.
    ServerProcess server(
        {str("--max-connections-per-address"), str("2"), str("--hash-cost"), str("minimum")});
    QVERIFY(server.start());
    TestClient first(server.port());
    QVERIFY(isOk(first.registerUser(str("Nelson"), kPassword)));
    QVERIFY(isOk(first.login(str("Nelson"), kPassword)));
    TestClient second(server.port());
    QVERIFY(isOk(second.login(str("Nelson"), kPassword, true))); // takeover
    TestClient silent(server.port());
    QVERIFY(isOk(silent.request(str("ping"))));
    TestClient refused(server.port()); // `first` and `silent` fill the cap of 2
    QVERIFY(refused.waitForDisconnected(5000));
    // Another user logging in is exempt as ever.
    QVERIFY(isOk(silent.registerUser(str("Jimbo"), kPassword)));
    QVERIFY(isOk(silent.login(str("Jimbo"), kPassword)));
    TestClient admitted(server.port());
    QVERIFY(isOk(admitted.request(str("ping"))));
    QVERIFY(isOk(second.request(str("friends"))));
}

void AbuseTest::zeroMeansNoCapPerAddress()
{
    ServerProcess server({str("--max-connections-per-address"), str("0")});
    QVERIFY(server.start());
    QList<std::shared_ptr<TestClient>> clients;
    for (int i = 0; i < 70; ++i) // more than the default of 64
        clients.append(std::make_shared<TestClient>(server.port()));
    for (const auto &client : std::as_const(clients))
        QVERIFY(isOk(client->request(str("ping"))));
}

void AbuseTest::loginBackOffGrows()
{
    ServerProcess server({str("--hash-cost"), str("minimum")});
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("Moe"), kPassword)));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(errorOf(client.login(str("Moe"), str("wrong password"))), str("bad_credentials"));
    const QJsonObject first = client.login(str("Moe"), kPassword);
    QCOMPARE(errorOf(first), str("rate_limited"));
    const int firstWait = first.value(QLatin1String("retry_after")).toInt();
    QVERIFY(firstWait >= 1);
    // Once the wait has passed, one more failure blocks for longer.
    QDeadlineTimer deadline((firstWait + 3) * 1000);
    QJsonObject failed;
    do {
        QTest::qWait(200);
        failed = client.login(str("Moe"), str("wrong password"));
    } while (errorOf(failed) == str("rate_limited") && !deadline.hasExpired());
    QCOMPARE(errorOf(failed), str("bad_credentials"));
    const QJsonObject second = client.login(str("Moe"), kPassword);
    QCOMPARE(errorOf(second), str("rate_limited"));
    const int secondWait = second.value(QLatin1String("retry_after")).toInt();
    QVERIFY2(secondWait > firstWait,
             qPrintable(QStringLiteral("%1 then %2").arg(firstWait).arg(secondWait)));
}

void AbuseTest::loginLimitsAreConfigurable()
{
    ServerProcess server({str("--hash-cost"), str("minimum"), str("--login-failures"), str("2"),
                          str("--login-max-wait"), str("2")});
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("Carl"), kPassword)));
    for (int i = 0; i < 2; ++i)
        QCOMPARE(errorOf(client.login(str("Carl"), str("wrong password"))), str("bad_credentials"));
    const QJsonObject first = client.login(str("Carl"), kPassword);
    QCOMPARE(errorOf(first), str("rate_limited"));
    QDeadlineTimer deadline(5000);
    QJsonObject failed;
    do {
        QTest::qWait(200);
        failed = client.login(str("Carl"), str("wrong password"));
    } while (errorOf(failed) == str("rate_limited") && !deadline.hasExpired());
    QCOMPARE(errorOf(failed), str("bad_credentials"));
    // The doubled wait (4 s) is capped at --login-max-wait.
    const QJsonObject second = client.login(str("Carl"), kPassword);
    QCOMPARE(errorOf(second), str("rate_limited"));
    QVERIFY(second.value(QLatin1String("retry_after")).toInt() <= 2);
}

void AbuseTest::accountLimitBlocksOnlyThatAccount()
{
    ServerProcess server({str("--hash-cost"), str("minimum")});
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("Moe"), kPassword)));
    QVERIFY(isOk(client.registerUser(str("Lenny"), kPassword)));
    const QJsonObject blocked = failUntilThrottled(client, [](int) { return str("Moe"); });
    QCOMPARE(errorOf(blocked), str("rate_limited"));
    QVERIFY(blocked.value(QLatin1String("retry_after")).toInt() >= 1);
    // Lenny, from the same address, is not blocked.
    QVERIFY(isOk(client.login(str("Lenny"), kPassword)));
    QVERIFY(isOk(client.request(str("logout"))));
    // The log names the account and the address.
    QVERIFY2(server.output().contains("failed login for Moe from 127.0.0.1"),
             server.output().constData());
}

void AbuseTest::usersBehindOneAddressAreNotBlocked()
{
    // Many users mistyping from one address, under --login-failures-per-address
    // (default 50) and each under the account limit (5).
    ServerProcess server({str("--hash-cost"), str("minimum")});
    QVERIFY(server.start());
    TestClient client(server.port());
    constexpr int kUsers = 16;
    for (int i = 0; i < kUsers; ++i)
        QVERIFY(isOk(client.registerUser(QStringLiteral("pupil%1").arg(i), kPassword)));
    for (int round = 0; round < 3; ++round) { // 48 failures in all
        for (int i = 0; i < kUsers; ++i) {
            const QJsonObject failed =
                client.login(QStringLiteral("pupil%1").arg(i), str("wrong password"));
            QCOMPARE(errorOf(failed), str("bad_credentials"));
        }
    }
    for (int i = 0; i < kUsers; ++i) {
        const QJsonObject reply = client.login(QStringLiteral("pupil%1").arg(i), kPassword);
        QVERIFY2(isOk(reply), qPrintable(QStringLiteral("pupil%1: %2").arg(i).arg(errorOf(reply))));
    }
}

void AbuseTest::addressLimitStillBlocksAGuessingAddress()
{
    ServerProcess server({str("--hash-cost"), str("minimum"), str("--login-failures-per-address"),
                          str("6"), str("--login-failures"), str("1000")});
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("Apu"), kPassword)));
    // A new name each time: only the address's count grows.
    const QJsonObject blocked =
        failUntilThrottled(client, [](int i) { return QStringLiteral("guess%1").arg(i); });
    QCOMPARE(errorOf(blocked), str("rate_limited"));
}

void AbuseTest::othersAreAnsweredDuringAFlood_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("flood");
    // One worker thread, so the flooder and the pinger share an event loop.
    const QStringList oneWorker{str("--threads"), str("1"), str("--hash-cost"), str("minimum")};
    QTest::newRow("pipelined, default rate limit") << oneWorker << str("requests");
    QTest::newRow("pipelined, no rate limit")
        << (oneWorker + QStringList{str("--rate"), str("0")}) << str("requests");
    QTest::newRow("login storm") << oneWorker << str("logins");
}

void AbuseTest::othersAreAnsweredDuringAFlood()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, flood);
    ServerProcess server(arguments);
    QVERIFY(server.start());
    {
        TestClient setup(server.port());
        for (const char *name : {"Flood", "Calm", "Friend"})
            QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    }
    QVERIFY(befriend(server.port(), str("Flood"), str("Friend")));

    TestClient calm(server.port());
    QVERIFY(isOk(calm.login(str("Calm"), kPassword)));
    Latency quiet;
    QVERIFY(measurePings(calm, kPings, &quiet));
    report(
        qPrintable(QStringLiteral("%1: no flood").arg(QString::fromUtf8(QTest::currentDataTag()))),
        quiet);

    QByteArray preamble;
    QByteArray batch;
    if (flood == QLatin1String("requests")) {
        preamble = frames({{{str("op"), str("login")},
                            {str("user"), str("Flood")},
                            {str("password"), kPassword}}},
                          1);
        batch = frames({{{str("op"), str("history")}, {str("peer"), str("Friend")}},
                        {{str("op"), str("friends")}},
                        {{str("op"), str("sync")}, {str("after"), 0}},
                        {{str("op"), str("ping")}}},
                       16);
    } else {
        batch = frames({{{str("op"), str("login")},
                         {str("user"), str("Friend")},
                         {str("password"), str("wrong password")}}},
                       16);
    }
    Flooder flooder(server.port(), preamble, batch);
    flooder.start();
    QTRY_VERIFY_WITH_TIMEOUT(flooder.answered() > 100, 10000); // the flood is on
    Latency flooded;
    const bool answered = measurePings(calm, kPings, &flooded);
    const qint64 answeredBefore = flooder.answered();
    flooder.stop();
    report(qPrintable(QStringLiteral("%1: flood").arg(QString::fromUtf8(QTest::currentDataTag()))),
           flooded, &flooder);
    QVERIFY2(answered, "a ping of the other client went unanswered during the flood");
    QVERIFY(answeredBefore > 100);
    // The flooded server still serves a fresh client and the calm one's session.
    QVERIFY(isOk(calm.request(str("friends"))));
    QVERIFY(isOk(TestClient(server.port()).request(str("ping"))));
}

QTEST_GUILESS_MAIN(AbuseTest)
#include "tst_abuse.moc"
