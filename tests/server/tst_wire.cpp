// The wire contract over real sockets: framing errors close, request errors
// do not, replies keep request order, limits and timeouts hold.
#include "servertest.h"

#include "protocol/frame.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>

using namespace Palomar::Testing;

namespace {
QByteArray header(quint32 length)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian(length, bytes.data());
    return bytes;
}

QByteArray rawFrame(const QByteArray &body)
{
    return header(quint32(body.size())) + body;
}
} // namespace

class WireTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badFrameClosesTheConnection_data();
    void badFrameClosesTheConnection();
    void badRequestKeepsTheConnection_data();
    void badRequestKeepsTheConnection();
    void helloAdvertisesTheLimits();
    void unsupportedVersion();
    void repliesKeepRequestOrder();
    void tooLargeText();
    void frameSplitAcrossWrites();
    void idleConnectionIsClosed();
    void stalledHalfFrameIsClosed();
    void parkedPollIsNotIdle();
    void requestFloodIsRateLimited();
    void aStuckStoreLeavesTheNetworkServing();
    void sigtermStopsCleanly();
    void portInUseFailsCleanly();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void WireTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{str("--idle-timeout"), str("2"), str("--max-text"), str("100")});
    QVERIFY(m_server->start());
    TestClient client(m_server->port());
    for (const char *name : {"Homer", "Mario"})
        QVERIFY(isOk(client.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_server->port(), str("Homer"), str("Mario")));
}

void WireTest::badFrameClosesTheConnection_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("zero length") << header(0);
    QTest::newRow("huge length, no body") << header(0xFFFFFFFFu);
    QTest::newRow("just over max_frame") << header(1024 * 1024 + 1);
    QTest::newRow("broken UTF-8") << rawFrame(QByteArray("{\"op\":\"ping\",\"id\":\"\xC3\x28\"}"));
    QTest::newRow("lone continuation byte") << rawFrame(QByteArray("{\"id\":1,\"op\":\"\x80\"}"));
    QTest::newRow("not JSON") << rawFrame(QByteArray("hello"));
    QTest::newRow("JSON array") << rawFrame(QByteArray("[1,2,3]"));
    QTest::newRow("JSON string") << rawFrame(QByteArray("\"ping\""));
    QTest::newRow("truncated JSON") << rawFrame(QByteArray("{\"id\":1,\"op\":"));
}

void WireTest::badFrameClosesTheConnection()
{
    QFETCH(QByteArray, bytes);
    TestClient client(m_server->port());
    QVERIFY(isOk(client.request(str("ping"))));
    client.sendRaw(bytes);
    const QJsonObject answer = client.nextFrame(5000);
    QCOMPARE(errorOf(answer), str("bad_frame"));
    QCOMPARE(answer.value(QLatin1String("ok")).toBool(true), false);
    QVERIFY(answer.value(QLatin1String("id")).isNull());
    QVERIFY(!answer.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(client.waitForDisconnected(5000));
}

void WireTest::badRequestKeepsTheConnection_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("idEchoed");
    QTest::newRow("no op") << QByteArray(R"({"id":1})") << str("bad_request") << true;
    QTest::newRow("op not a string")
        << QByteArray(R"({"id":1,"op":7})") << str("bad_request") << true;
    QTest::newRow("no id") << QByteArray(R"({"op":"ping"})") << str("bad_request") << false;
    QTest::newRow("id an object") << QByteArray(R"({"id":{},"op":"ping"})") << str("bad_request")
                                  << false;
    QTest::newRow("unknown op") << QByteArray(R"({"id":1,"op":"fly"})") << str("unknown_op")
                                << true;
    QTest::newRow("login without password")
        << QByteArray(R"({"id":1,"op":"login","user":"Homer"})") << str("bad_request") << true;
    QTest::newRow("login user a number")
        << QByteArray(R"({"id":1,"op":"login","user":5,"password":"x"})") << str("bad_request")
        << true;
    QTest::newRow("register password a list")
        << QByteArray(R"({"id":1,"op":"register","user":"Zed","password":[]})")
        << str("bad_request") << true;
    QTest::newRow("hello version a string")
        << QByteArray(R"({"id":1,"op":"hello","version":"1"})") << str("bad_request") << true;
}

void WireTest::badRequestKeepsTheConnection()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(bool, idEchoed);
    TestClient client(m_server->port());
    client.sendRaw(rawFrame(body));
    const QJsonObject answer = client.nextFrame(5000);
    QCOMPARE(errorOf(answer), error);
    if (idEchoed)
        QCOMPARE(answer.value(QLatin1String("id")).toInt(), 1);
    else
        QVERIFY(answer.value(QLatin1String("id")).isNull());
    QVERIFY(isOk(client.request(str("ping"))));
}

void WireTest::helloAdvertisesTheLimits()
{
    TestClient client(m_server->port());
    const QJsonObject hello =
        client.request(str("hello"), {{str("version"), 1}, {str("client"), str("tst_wire")}});
    QVERIFY(isOk(hello));
    QCOMPARE(hello.value(QLatin1String("version")).toInt(), 1);
    QVERIFY(hello.value(QLatin1String("server")).toString().startsWith(str("palomar-server")));
    const QJsonObject limits = hello.value(QLatin1String("limits")).toObject();
    QCOMPARE(limits.value(QLatin1String("max_text")).toInt(), 100);
    QCOMPARE(limits.value(QLatin1String("idle_timeout")).toInt(), 2);
    QCOMPARE(limits.value(QLatin1String("max_frame")).toInt(), 1024 * 1024);
    for (const char *key :
         {"max_file", "chunk", "poll_interval", "session_timeout", "sync_limit", "rate", "burst"})
        QVERIFY2(limits.value(QLatin1String(key)).isDouble(), key);
}

void WireTest::unsupportedVersion()
{
    TestClient client(m_server->port());
    QCOMPARE(errorOf(client.request(str("hello"), {{str("version"), 2}})),
             str("unsupported_version"));
    QVERIFY(isOk(client.request(str("ping"))));
}

void WireTest::repliesKeepRequestOrder()
{
    TestClient client(m_server->port());
    // Pipelined, with a slow (hashed) login in the middle.
    QByteArray burst;
    burst += Palomar::Protocol::encodeFrame({{str("id"), str("a")}, {str("op"), str("ping")}});
    burst += Palomar::Protocol::encodeFrame({{str("id"), str("b")},
                                             {str("op"), str("login")},
                                             {str("user"), str("Homer")},
                                             {str("password"), kPassword}});
    burst += Palomar::Protocol::encodeFrame({{str("id"), str("c")}, {str("op"), str("friends")}});
    burst += Palomar::Protocol::encodeFrame({{str("id"), 4.5}, {str("op"), str("ping")}});
    client.sendRaw(burst);
    QStringList order;
    for (int i = 0; i < 4; ++i) {
        const QJsonObject frame = client.nextFrame(5000);
        QVERIFY2(isOk(frame), qPrintable(errorOf(frame)));
        order.append(frame.value(QLatin1String("id")).toVariant().toString());
    }
    QCOMPARE(order, (QStringList{str("a"), str("b"), str("c"), str("4.5")}));
    QVERIFY(isOk(client.request(str("logout"))));
}

void WireTest::tooLargeText()
{
    TestClient client(m_server->port());
    QVERIFY(isOk(client.login(str("Homer"), kPassword)));
    // --max-text 100 counts UTF-8 bytes: 34 three-byte characters are 102.
    const QString text(34, QChar(0x20AC));
    QCOMPARE(errorOf(client.request(str("send"), {{str("to"), str("Mario")}, {str("text"), text}})),
             str("too_large"));
    QVERIFY(isOk(
        client.request(str("send"), {{str("to"), str("Mario")}, {str("text"), text.left(33)}})));
    QCOMPARE(
        errorOf(client.request(str("send"), {{str("to"), str("Mario")}, {str("text"), QString()}})),
        str("bad_request"));
    QCOMPARE(
        errorOf(client.request(str("send"), {{str("to"), str("Mario")},
                                             {str("text"), str("hi")},
                                             {str("client_id"), QString(65, QLatin1Char('c'))}})),
        str("bad_request"));
    QCOMPARE(
        errorOf(client.request(
            str("send"), {{str("to"), str("Mario")}, {str("group"), 1}, {str("text"), str("hi")}})),
        str("bad_request"));
    QCOMPARE(errorOf(client.request(str("send"),
                                    {{str("to"), str("Nobody")}, {str("text"), str("hi")}})),
             str("no_such_user"));
    QVERIFY(isOk(client.request(str("logout"))));
}

void WireTest::frameSplitAcrossWrites()
{
    TestClient client(m_server->port());
    const QByteArray frame =
        Palomar::Protocol::encodeFrame({{str("id"), 9}, {str("op"), str("ping")}});
    for (const char byte : frame) {
        client.sendRaw(QByteArray(1, byte));
        QTest::qWait(5);
    }
    const QJsonObject answer = client.nextFrame(5000);
    QVERIFY(isOk(answer));
    QCOMPARE(answer.value(QLatin1String("id")).toInt(), 9);
}

void WireTest::idleConnectionIsClosed()
{
    TestClient client(m_server->port());
    QVERIFY(isOk(client.request(str("ping"))));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitForDisconnected(8000));
    QVERIFY(timer.elapsed() >= 1500);
}

void WireTest::stalledHalfFrameIsClosed()
{
    TestClient client(m_server->port());
    // Half a frame, then a byte now and then: not a whole frame within the
    // idle timeout, so the connection is closed (no slow-loris).
    const QByteArray frame =
        Palomar::Protocol::encodeFrame({{str("id"), 1}, {str("op"), str("ping")}});
    client.sendRaw(frame.left(6));
    QElapsedTimer timer;
    timer.start();
    int sent = 6;
    while (client.isConnected() && timer.elapsed() < 8000 && sent < frame.size() - 1) {
        QTest::qWait(500);
        client.sendRaw(frame.mid(sent++, 1));
    }
    QVERIFY(client.waitForDisconnected(8000));
    QVERIFY(timer.elapsed() < 8000);
}

void WireTest::parkedPollIsNotIdle()
{
    TestClient client(m_server->port());
    QVERIFY(isOk(client.login(str("Mario"), kPassword)));
    client.sync();
    const int poll = client.post(str("sync"), {{str("after"), client.cursor()}, {str("wait"), 4}});
    // Longer than the 2 s idle timeout: the poll times out empty, the
    // connection stays.
    const QJsonObject answer = client.reply(poll, 8000);
    QVERIFY(isOk(answer));
    QVERIFY(answer.value(QLatin1String("events")).toArray().isEmpty());
    QVERIFY(client.isConnected());
    QVERIFY(isOk(client.request(str("logout"))));
}

void WireTest::requestFloodIsRateLimited()
{
    ServerProcess server({str("--rate"), str("50"), str("--burst"), str("20")});
    QVERIFY(server.start());
    TestClient client(server.port());
    QByteArray burst;
    for (int i = 1; i <= 60; ++i)
        burst += Palomar::Protocol::encodeFrame({{str("id"), i}, {str("op"), str("ping")}});
    client.sendRaw(burst);
    int ok = 0;
    int limited = 0;
    for (int i = 1; i <= 60; ++i) {
        const QJsonObject answer = client.reply(i, 5000);
        if (isOk(answer)) {
            ++ok;
        } else {
            QCOMPARE(errorOf(answer), str("rate_limited"));
            QVERIFY(answer.value(QLatin1String("retry_after")).toDouble() > 0);
            ++limited;
        }
    }
    QVERIFY2(ok >= 20 && ok < 40, qPrintable(QString::number(ok)));
    QCOMPARE(ok + limited, 60);
    // The budget refills.
    QTest::qWait(500);
    QVERIFY(isOk(client.request(str("ping"))));
}

// The network threads never wait for the database: while the store cannot
// write (its lock held from outside), other connections are still read and
// answered, and a send waits for its commit; it is answered once it is
// durable.
void WireTest::aStuckStoreLeavesTheNetworkServing()
{
    // SQLite's writer would give up on the lock after its busy timeout.
    qputenv("PALOMAR_SQLITE_BUSY_TIMEOUT_MS", "600000");
    ServerProcess server;
    const bool started = server.start();
    qunsetenv("PALOMAR_SQLITE_BUSY_TIMEOUT_MS");
    QVERIFY(started);
    TestClient setup(server.port());
    for (const char *name : {"Homer", "Mario"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(server.port(), str("Homer"), str("Mario")));
    TestClient homer(server.port());
    TestClient mario(server.port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();

    DatabaseLock lock(server);
    QVERIFY(lock.isLocked());
    const int sent =
        homer.post(str("send"), {{str("to"), str("Mario")}, {str("text"), str("stuck")}});
    // Pings, a hello and a new connection are served meanwhile, on the
    // network thread of the stuck send and on the other.
    for (int i = 0; i < 20; ++i) {
        TestClient visitor(server.port());
        QVERIFY(isOk(visitor.request(str("hello"), {{str("version"), 1}})));
        QVERIFY(isOk(visitor.request(str("ping"))));
        QVERIFY(isOk(mario.request(str("ping"))));
    }
    QVERIFY(!homer.hasReply(sent)); // still waiting for its commit
    lock.release();
    const QJsonObject answer = homer.reply(sent, 30000);
    QVERIFY2(isOk(answer), qPrintable(errorOf(answer)));
    const QList<QJsonObject> events = mario.sync();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().value(QLatin1String("text")).toString(), str("stuck"));
}

void WireTest::sigtermStopsCleanly()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("Homer"), kPassword)));
    QVERIFY(isOk(client.login(str("Homer"), kPassword)));
    const int parked = client.post(str("sync"), {{str("after"), 0}, {str("wait"), 30}});
    QTest::qWait(200);
    QVERIFY(server.terminate()); // exit code 0
    // The parked poll was answered before the connection closed.
    QVERIFY(isOk(client.reply(parked, 2000)));
    QVERIFY(server.output().contains("stopped cleanly"));
}

void WireTest::portInUseFailsCleanly()
{
    ServerProcess first;
    QVERIFY(first.start());
    QTemporaryDir data;
    QProcess second;
    second.setProcessChannelMode(QProcess::MergedChannels);
    second.start(ServerProcess::binaryPath(),
                 {str("--host"), str("127.0.0.1"), str("--port"), QString::number(first.port()),
                  str("--data"), data.path()});
    QVERIFY(second.waitForFinished(30000));
    const QByteArray output = second.readAll();
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 1);
    QVERIFY2(output.contains("cannot listen on 127.0.0.1:"), output.constData());
    // Its worker threads were wound down in their own threads: no Qt
    // warning about timers stopped from another thread, no sanitizer report.
    QVERIFY2(!output.contains("another thread"), output.constData());
    QVERIFY2(!output.contains("ERROR:"), output.constData());
    QVERIFY(first.isRunning());
}

QTEST_GUILESS_MAIN(WireTest)
#include "tst_wire.moc"
