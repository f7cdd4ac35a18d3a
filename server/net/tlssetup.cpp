#include "tlssetup.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <memory>

namespace Palomar::Server {

namespace {

constexpr int kSelfTestTimeoutMs = 5000;

bool readFile(const QString &path, const QString &what, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString());
        return false;
    }
    *out = file.readAll();
    return true;
}

QSslKey readKey(const QByteArray &pem)
{
    // The PEM label names the algorithm, except PKCS#8's generic one.
    QList<QSsl::KeyAlgorithm> candidates{QSsl::Ec, QSsl::Rsa, QSsl::Dsa};
    if (pem.contains("BEGIN RSA PRIVATE KEY"))
        candidates = {QSsl::Rsa};
    else if (pem.contains("BEGIN EC PRIVATE KEY"))
        candidates = {QSsl::Ec};
    for (const QSsl::KeyAlgorithm algorithm : std::as_const(candidates)) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

// One handshake with ourselves over loopback: the TLS library checks the key
// against the certificate only when a connection sets up its context.
class SelfTest : public QTcpServer
{
public:
    explicit SelfTest(const QSslConfiguration &configuration) : m_configuration(configuration) {}

    bool run(QString *error)
    {
        if (!listen(QHostAddress::LocalHost, 0)) {
            *error =
                QStringLiteral("cannot test the certificate over loopback: %1").arg(errorString());
            return false;
        }
        QSslSocket client;
        client.setPeerVerifyMode(QSslSocket::VerifyNone);
        QObject::connect(&client, &QSslSocket::encrypted, &m_loop, [this] {
            m_clientDone = true;
            exitWhenBothDone();
        });
        QObject::connect(&client, &QSslSocket::errorOccurred, &m_loop, [this, &client] {
            if (m_failure.isEmpty())
                m_clientFailure = client.errorString();
            m_loop.exit(1);
        });
        QTimer::singleShot(kSelfTestTimeoutMs, &m_loop, [this] {
            if (m_failure.isEmpty())
                m_failure = QStringLiteral("the loopback handshake did not finish");
            m_loop.exit(1);
        });
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), serverPort());
        const bool ok = m_loop.exec() == 0 && m_clientDone && m_serverDone;
        if (!ok)
            *error = !m_failure.isEmpty() ? m_failure : m_clientFailure;
        return ok;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        m_server = std::make_unique<QSslSocket>();
        if (!m_server->setSocketDescriptor(descriptor)) {
            m_failure = m_server->errorString();
            m_loop.exit(1);
            return;
        }
        m_server->setSslConfiguration(m_configuration);
        QObject::connect(m_server.get(), &QSslSocket::encrypted, &m_loop, [this] {
            m_serverDone = true;
            exitWhenBothDone();
        });
        QObject::connect(m_server.get(), &QSslSocket::errorOccurred, &m_loop, [this] {
            if (m_failure.isEmpty())
                m_failure = m_server->errorString();
            m_loop.exit(1);
        });
        m_server->startServerEncryption();
    }

private:
    void exitWhenBothDone()
    {
        if (m_clientDone && m_serverDone)
            m_loop.exit(0);
    }

    QSslConfiguration m_configuration;
    QEventLoop m_loop;
    std::unique_ptr<QSslSocket> m_server;
    bool m_clientDone = false;
    bool m_serverDone = false;
    QString m_failure;
    QString m_clientFailure;
};

} // namespace

bool loadTlsConfiguration(const QString &certificatePath, const QString &keyPath,
                          QSslConfiguration *configuration, QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("no TLS library is available (Qt found no OpenSSL)");
        return false;
    }
    QByteArray certificatePem;
    QByteArray keyPem;
    if (!readFile(certificatePath, QStringLiteral("certificate"), &certificatePem, error) ||
        !readFile(keyPath, QStringLiteral("private key"), &keyPem, error))
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certificatePath);
        return false;
    }
    if (keyPem.contains("ENCRYPTED")) {
        *error = QStringLiteral("the private key %1 is protected by a passphrase; palomar-server "
                                "needs it without one (openssl pkey -in KEY -out PLAIN-KEY)")
                     .arg(keyPath);
        return false;
    }
    const QSslKey key = readKey(keyPem);
    if (key.isNull()) {
        *error = QStringLiteral("%1 holds no PEM private key (RSA or EC)").arg(keyPath);
        return false;
    }

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove themselves with passwords
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);

    SelfTest test(tls);
    QString why;
    if (!test.run(&why)) {
        *error = QStringLiteral("the private key %1 does not work with the certificate %2: %3")
                     .arg(keyPath, certificatePath, why);
        return false;
    }
    *configuration = tls;
    return true;
}

QString describeCertificate(const QSslConfiguration &configuration)
{
    const QSslCertificate leaf = configuration.localCertificate();
    if (leaf.isNull())
        return QStringLiteral("no certificate");
    return QStringLiteral("subject %1, expires %2, SHA-256 %3")
        .arg(leaf.subjectDisplayName(),
             leaf.expiryDate().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")),
             QString::fromLatin1(leaf.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));
}

} // namespace Palomar::Server
