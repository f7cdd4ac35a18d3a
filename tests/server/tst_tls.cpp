// palomar-server over TLS: the same framing inside TLS, clients that do not
// speak TLS or never finish the handshake, backpressure on encrypted
// replies, and certificates that cannot be used.
#include "servertest.h"

#include <QJsonArray>
#include <QProcess>
#include <QTcpSocket>

using namespace Palomar::Testing;

class TlsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void conversationOverTls();
    void plaintextClientIsClosed();
    void untrustedClientIsClosed();
    void largeRepliesDrainOverTls();
    void stalledHandshakeTimesOut();
    void stalledHandshakeCountsAgainstTheLimit();
    void stopsWithAHandshakeUnderWay();
    void unusableCertificateStopsTheServer_data();
    void unusableCertificateStopsTheServer();

private:
    TestClient *tlsClient();
    std::unique_ptr<TestCertificate> m_certificate;
    std::unique_ptr<ServerProcess> m_server;
    std::vector<std::unique_ptr<TestClient>> m_clients;
};

void TlsTest::initTestCase()
{
    m_certificate = std::make_unique<TestCertificate>();
    QVERIFY(m_certificate->isValid());
    m_server = std::make_unique<ServerProcess>(m_certificate->serverArguments());
    QVERIFY(m_server->start());
    QVERIFY(m_server->output().contains(QByteArrayLiteral(" (TLS)")));
}

TestClient *TlsTest::tlsClient()
{
    m_clients.push_back(
        std::make_unique<TestClient>(m_server->port(), QList{m_certificate->certificate()}));
    return m_clients.back().get();
}

void TlsTest::conversationOverTls()
{
    TestClient &alice = *tlsClient();
    TestClient &bob = *tlsClient();
    QVERIFY(alice.isConnected());
    QVERIFY(bob.isConnected());
    const QJsonObject hello =
        alice.request(str("hello"), {{str("version"), 1}, {str("client"), str("tst_tls")}});
    QVERIFY2(isOk(hello), qPrintable(errorOf(hello)));
    QVERIFY(hello.value(str("limits")).isObject());
    QVERIFY(isOk(alice.registerUser(str("alice"), kPassword)));
    QVERIFY(isOk(bob.registerUser(str("bob"), kPassword)));
    QVERIFY(isOk(alice.login(str("alice"), kPassword)));
    QVERIFY(isOk(bob.login(str("bob"), kPassword)));
    QVERIFY(isOk(alice.request(str("friend_request"), {{str("user"), str("bob")}})));
    QVERIFY(isOk(
        bob.request(str("friend_respond"), {{str("user"), str("alice")}, {str("accept"), true}})));

    const QJsonObject sent =
        alice.request(str("send"), {{str("to"), str("bob")}, {str("text"), str("hola, cifrado")}});
    QVERIFY2(isOk(sent), qPrintable(errorOf(sent)));
    bool found = false;
    for (const QJsonObject &event : bob.sync()) {
        if (event.value(str("kind")).toString() == str("message"))
            found = event.value(str("text")).toString() == str("hola, cifrado");
    }
    QVERIFY(found);
}

void TlsTest::plaintextClientIsClosed()
{
    TestClient plain(m_server->port());
    QVERIFY(plain.isConnected()); // TCP is fine; the handshake is not
    plain.post(str("hello"), {{str("version"), 1}});
    QVERIFY(plain.waitForDisconnected(10000));
    // Nobody else noticed.
    TestClient &after = *tlsClient();
    QVERIFY(isOk(after.request(str("ping"))));
    QVERIFY(m_server->isRunning());
}

void TlsTest::untrustedClientIsClosed()
{
    // Trusting nothing, the client refuses the self-signed certificate.
    TestClient refusing(m_server->port(), {});
    QVERIFY(!refusing.isConnected());
    QVERIFY(isOk(tlsClient()->request(str("ping"))));
}

void TlsTest::largeRepliesDrainOverTls()
{
    // More encrypted reply bytes than the server lets pile up (4 MiB), asked
    // for before reading any: the connection must pause and resume as the
    // ciphertext drains, not stall.
    TestClient &carol = *tlsClient();
    TestClient &dave = *tlsClient();
    QVERIFY(isOk(carol.registerUser(str("carol"), kPassword)));
    QVERIFY(isOk(dave.registerUser(str("dave"), kPassword)));
    QVERIFY(isOk(carol.login(str("carol"), kPassword)));
    QVERIFY(isOk(dave.login(str("dave"), kPassword)));
    QVERIFY(isOk(carol.request(str("friend_request"), {{str("user"), str("dave")}})));
    QVERIFY(isOk(
        dave.request(str("friend_respond"), {{str("user"), str("carol")}, {str("accept"), true}})));
    const QString text(16000, QLatin1Char('x'));
    constexpr int kMessages = 10;
    for (int i = 0; i < kMessages; ++i)
        QVERIFY(isOk(carol.request(str("send"), {{str("to"), str("dave")}, {str("text"), text}})));

    constexpr int kRequests = 80; // ~160 KB each: ~13 MB of replies
    QList<int> ids;
    for (int i = 0; i < kRequests; ++i)
        ids.append(carol.post(str("history"), {{str("peer"), str("dave")}}));
    for (const int id : std::as_const(ids)) {
        const QJsonObject reply = carol.reply(id, 20000);
        QVERIFY2(isOk(reply),
                 qPrintable(QStringLiteral("reply %1: %2").arg(id).arg(errorOf(reply))));
        QCOMPARE(reply.value(str("messages")).toArray().size(), kMessages);
    }
}

void TlsTest::stalledHandshakeTimesOut()
{
    ServerProcess server(m_certificate->serverArguments(1));
    QVERIFY(server.start());
    QTcpSocket stalled;
    stalled.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(stalled.waitForConnected(5000));
    QVERIFY(stalled.state() != QAbstractSocket::UnconnectedState);
    // Well past the 1 s timeout, but no test of how fast: only that it closes.
    QVERIFY(stalled.waitForDisconnected(15000) ||
            stalled.state() == QAbstractSocket::UnconnectedState);
    QVERIFY(server.terminate());
    QVERIFY2(server.output().contains("TLS handshake with 127.0.0.1 failed: no handshake within"),
             server.output().constData());
}

void TlsTest::stalledHandshakeCountsAgainstTheLimit()
{
    QStringList arguments = m_certificate->serverArguments(2);
    arguments += {str("--max-connections"), str("1")};
    ServerProcess server(arguments);
    QVERIFY(server.start());
    QTcpSocket stalled;
    stalled.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(stalled.waitForConnected(5000));
    {
        TestClient refused(server.port(), {m_certificate->certificate()});
        QVERIFY(!refused.isConnected());
    }
    QVERIFY(stalled.waitForDisconnected(15000) ||
            stalled.state() == QAbstractSocket::UnconnectedState);
    // The slot is free again once the handshake has timed out.
    TestClient admitted(server.port(), {m_certificate->certificate()});
    QVERIFY(admitted.isConnected());
    QVERIFY(isOk(admitted.request(str("ping"))));
}

void TlsTest::stopsWithAHandshakeUnderWay()
{
    ServerProcess server(m_certificate->serverArguments(60));
    QVERIFY(server.start());
    QTcpSocket stalled;
    stalled.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(stalled.waitForConnected(5000));
    // Let the listener hand it to a worker: a TLS client after it proves that.
    TestClient other(server.port(), {m_certificate->certificate()});
    QVERIFY(isOk(other.request(str("ping"))));
    QVERIFY(server.terminate());
}

void TlsTest::unusableCertificateStopsTheServer_data()
{
    QTest::addColumn<int>("certificate"); // 0: missing, 1: the key file, 2: own
    QTest::addColumn<int>("key");         // 0: missing, 1: own, 2: another one's
    QTest::addColumn<QString>("message");
    QTest::newRow("missing certificate") << 0 << 1 << str("cannot read the certificate");
    QTest::newRow("missing key") << 2 << 0 << str("cannot read the private key");
    QTest::newRow("not a certificate") << 1 << 1 << str("holds no PEM certificate");
    QTest::newRow("someone else's key") << 2 << 2 << str("does not work with the certificate");
}

void TlsTest::unusableCertificateStopsTheServer()
{
    QFETCH(int, certificate);
    QFETCH(int, key);
    QFETCH(QString, message);
    TestCertificate other;
    QVERIFY(other.isValid());
    const QString missing = m_certificate->certificatePath() + str(".missing");
    const QStringList certificates{missing, m_certificate->keyPath(),
                                   m_certificate->certificatePath()};
    const QStringList keys{missing, m_certificate->keyPath(), other.keyPath()};
    QTemporaryDir data;
    QProcess server;
    server.start(ServerProcess::binaryPath(),
                 {str("--host"), str("127.0.0.1"), str("--port"), str("0"), str("--data"),
                  data.path(), str("--tls-cert"), certificates.at(certificate), str("--tls-key"),
                  keys.at(key)});
    QVERIFY(server.waitForFinished(20000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 1);
    const QString errors = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(errors.startsWith(str("palomar-server: TLS: ")), qPrintable(errors));
    QVERIFY2(errors.contains(message), qPrintable(errors));
    QVERIFY(!errors.contains(str("listening")));
    QVERIFY(server.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TlsTest)
#include "tst_tls.moc"
