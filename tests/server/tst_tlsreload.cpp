// SIGHUP reloads --tls-cert and --tls-key (a renewed certificate, as an ACME
// client's deploy hook leaves it): new connections get the new certificate,
// open ones go on; a file that cannot be used keeps the old certificate; a
// server without TLS just says so. The test waits for the server's log line,
// the event that says the reload is done, never for a length of time.
#include "servertest.h"

#include <QDir>
#include <QFile>
#include <QSslSocket>

#include <csignal>
#include <cstdio>

using namespace Palomar::Testing;

namespace {

constexpr int kLogWaitMs = 20000;

// Replaces `target` with a copy of `source` the way deploy hooks do: a new
// file renamed over the old one, so the server never reads half of it.
bool replaceFile(const QString &source, const QString &target)
{
    const QString next = target + QStringLiteral(".next");
    QFile::remove(next);
    return QFile::copy(source, next) && QFile::setPermissions(next, QFile::ReadOwner) &&
           std::rename(QFile::encodeName(next).constData(),
                       QFile::encodeName(target).constData()) == 0;
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile::remove(path);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

int countOf(const ServerProcess &server, const char *text)
{
    return int(server.output().count(text));
}

// The certificate a new TLS connection to `server` is shown, whether or not
// anyone trusts it (null when the handshake fails).
QSslCertificate presentedCertificate(const ServerProcess &server)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
    if (!socket.waitForEncrypted(10000))
        return QSslCertificate();
    const QSslCertificate certificate = socket.peerCertificate();
    socket.disconnectFromHost();
    return certificate;
}

} // namespace

class TlsReloadTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void newConnectionsGetTheNewCertificate();
    void unusableFilesKeepTheOldCertificate_data();
    void unusableFilesKeepTheOldCertificate();
    void withoutTlsThereIsNothingToReload();

private:
    QString livePath(const char *name) const { return m_live->filePath(str(name)); }
    QStringList serverArguments() const
    {
        return {str("--tls-cert"),   livePath("cert.pem"), str("--tls-key"),
                livePath("key.pem"), str("--hash-cost"),   str("minimum")};
    }
    // A TLS client that trusts `certificate` alone.
    static std::unique_ptr<TestClient> tlsClient(const ServerProcess &server,
                                                 const TestCertificate &certificate)
    {
        return std::make_unique<TestClient>(server.port(), QList{certificate.certificate()});
    }

    std::unique_ptr<TestCertificate> m_first;
    std::unique_ptr<TestCertificate> m_second;
    std::unique_ptr<QTemporaryDir> m_live; // where the server reads its files
};

void TlsReloadTest::initTestCase()
{
    m_first = std::make_unique<TestCertificate>();
    m_second = std::make_unique<TestCertificate>();
    QVERIFY(m_first->isValid());
    QVERIFY(m_second->isValid());
    QVERIFY(m_first->fingerprint() != m_second->fingerprint());
}

void TlsReloadTest::init()
{
    m_live = std::make_unique<QTemporaryDir>();
    QVERIFY(replaceFile(m_first->certificatePath(), livePath("cert.pem")));
    QVERIFY(replaceFile(m_first->keyPath(), livePath("key.pem")));
}

void TlsReloadTest::newConnectionsGetTheNewCertificate()
{
    ServerProcess server(serverArguments());
    QVERIFY(server.start());
    std::unique_ptr<TestClient> before = tlsClient(server, *m_first);
    QVERIFY(before->isConnected());
    QCOMPARE(before->peerCertificate(), m_first->certificate());
    QVERIFY(isOk(before->registerUser(str("Frink"), kPassword)));
    QVERIFY(isOk(before->login(str("Frink"), kPassword)));

    QVERIFY(replaceFile(m_second->certificatePath(), livePath("cert.pem")));
    QVERIFY(replaceFile(m_second->keyPath(), livePath("key.pem")));
    QVERIFY(server.sendSignal(SIGHUP));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(server, "reloaded the TLS certificate") == 1, kLogWaitMs);
    const QByteArray output = server.output();
    QVERIFY2(output.contains("expires"), output.constData());
    QVERIFY2(output.contains(m_second->fingerprint().toHex(':').toUpper()), output.constData());

    QCOMPARE(presentedCertificate(server), m_second->certificate());
    std::unique_ptr<TestClient> after = tlsClient(server, *m_second);
    QVERIFY(after->isConnected());
    QVERIFY(isOk(after->request(str("ping"))));
    // The connection opened before goes on, logged in, with its certificate.
    QCOMPARE(before->peerCertificate(), m_first->certificate());
    QVERIFY(isOk(before->request(str("friends"))));
    QVERIFY(server.isRunning());
    QVERIFY(server.terminate());
}

void TlsReloadTest::unusableFilesKeepTheOldCertificate_data()
{
    QTest::addColumn<QString>("broken"); // what the renewal left behind
    QTest::addColumn<QString>("message");
    QTest::newRow("not PEM") << str("not pem") << str("holds no PEM certificate");
    QTest::newRow("someone else's key") << str("other key") << str("does not work with");
    QTest::newRow("unreadable key") << str("no key") << str("cannot read the private key");
}

void TlsReloadTest::unusableFilesKeepTheOldCertificate()
{
    QFETCH(QString, broken);
    QFETCH(QString, message);
    ServerProcess server(serverArguments());
    QVERIFY(server.start());
    if (broken == QLatin1String("not pem")) {
        QVERIFY(writeBytes(livePath("cert.pem"), "this is not a certificate\n"));
    } else if (broken == QLatin1String("other key")) {
        QVERIFY(replaceFile(m_second->keyPath(), livePath("key.pem")));
    } else {
        QVERIFY(QFile::remove(livePath("key.pem")));
    }
    QVERIFY(server.sendSignal(SIGHUP));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(server, "keeping the current TLS certificate") == 1,
                             kLogWaitMs);
    QVERIFY2(server.output().contains(message.toUtf8()), server.output().constData());
    QCOMPARE(countOf(server, "reloaded the TLS certificate"), 0);

    QCOMPARE(presentedCertificate(server), m_first->certificate());
    std::unique_ptr<TestClient> client = tlsClient(server, *m_first);
    QVERIFY(client->isConnected());
    QVERIFY(isOk(client->request(str("ping"))));

    // Once the files are right, the next SIGHUP takes them.
    QVERIFY(replaceFile(m_second->certificatePath(), livePath("cert.pem")));
    QVERIFY(replaceFile(m_second->keyPath(), livePath("key.pem")));
    QVERIFY(server.sendSignal(SIGHUP));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(server, "reloaded the TLS certificate") == 1, kLogWaitMs);
    QCOMPARE(presentedCertificate(server), m_second->certificate());
    QVERIFY(isOk(client->request(str("ping")))); // the open one goes on
    QVERIFY(server.terminate());
}

void TlsReloadTest::withoutTlsThereIsNothingToReload()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.request(str("ping"))));
    QVERIFY(server.sendSignal(SIGHUP));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(server, "no TLS certificate to reload") == 1, kLogWaitMs);
    QVERIFY(server.isRunning());
    QVERIFY(isOk(client.request(str("ping"))));
    QVERIFY(isOk(TestClient(server.port()).request(str("ping"))));
    QVERIFY(server.terminate()); // exit 0: still the clean shutdown
}

QTEST_GUILESS_MAIN(TlsReloadTest)
#include "tst_tlsreload.moc"
