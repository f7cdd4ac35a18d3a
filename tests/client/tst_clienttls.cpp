// ClientSession and palomar-cli over TLS against a real palomar-server with
// a self-signed certificate: trusted through a CA, refused without one,
// trusted by a pinned fingerprint, refused when the pin differs, and
// reconnect + resume after a restart.
#include "client/clientsession.h"
#include "client/tls.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;
using Palomar::Testing::TestCertificate;

Q_DECLARE_METATYPE(Palomar::Client::CertificateProblem)

class TestClientTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fingerprintText_data();
    void fingerprintText();
    void conversationOverTls();
    void refusedWithoutTheCa();
    void pinnedFingerprintIsTrusted();
    void differentPinIsRefused();
    void plainClientCannotTalkToTls();
    void reconnectAndResumeOverTls();
    void cliOverTls();

private:
    struct Trust
    {
        QList<QSslCertificate> ca;
        QByteArray pin;
    };
    std::unique_ptr<ClientSession> session(const Trust &trust);
    std::unique_ptr<ClientSession> connected(const Trust &trust);
    std::unique_ptr<ClientSession> loggedIn(const QString &user);
    QString newName(const QString &base)
    {
        return QStringLiteral("%1%2").arg(base).arg(++m_counter);
    }

    std::unique_ptr<TestCertificate> m_certificate;
    QTemporaryDir m_cliConfig; // palomar-cli's servers.conf
    std::unique_ptr<TestCertificate> m_otherCertificate;
    std::unique_ptr<ServerProcess> m_server;
    int m_counter = 0;
};

void TestClientTls::initTestCase()
{
    qRegisterMetaType<CertificateProblem>();
    m_certificate = std::make_unique<TestCertificate>();
    m_otherCertificate = std::make_unique<TestCertificate>();
    QVERIFY(m_certificate->isValid() && m_otherCertificate->isValid());
    QVERIFY(m_certificate->fingerprint() != m_otherCertificate->fingerprint());
    m_server = std::make_unique<ServerProcess>(m_certificate->serverArguments());
    QVERIFY2(m_server->start(), m_server->output().constData());
}

std::unique_ptr<ClientSession> TestClientTls::session(const Trust &trust)
{
    auto session = std::make_unique<ClientSession>();
    session->setReconnectDelays(100, 1000);
    session->setLongPollWait(20);
    session->setTls(true);
    session->setCaCertificates(trust.ca);
    session->setPinnedFingerprint(trust.pin);
    return session;
}

std::unique_ptr<ClientSession> TestClientTls::connected(const Trust &trust)
{
    auto result = session(trust);
    result->connectToServer(QStringLiteral("127.0.0.1"), m_server->port());
    if (!QTest::qWaitFor([&] { return result->state() == ClientSession::State::Connected; }, kWait))
        return nullptr;
    return result;
}

std::unique_ptr<ClientSession> TestClientTls::loggedIn(const QString &user)
{
    auto result = connected({{m_certificate->certificate()}, {}});
    if (!result)
        return nullptr;
    Answer answer = await(result->registerUser(user, kPassword));
    if (answer.ok)
        answer = await(result->login(user, kPassword));
    return answer.ok ? std::move(result) : nullptr;
}

void TestClientTls::fingerprintText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    const QString hex = QString::fromLatin1(QByteArray(32, '\xab').toHex());
    QTest::newRow("plain hex") << hex << true;
    QTest::newRow("upper case with colons")
        << formatFingerprint(QByteArray(32, '\xab')).toUpper() << true;
    QTest::newRow("openssl's form") << QStringLiteral("sha256 Fingerprint=") + hex << false;
    QTest::newRow("prefixed") << QStringLiteral("SHA-256:") + hex << true;
    QTest::newRow("spaces") << hex.left(32) + QStringLiteral("  ") + hex.mid(32) << true;
    QTest::newRow("too short") << hex.left(62) << false;
    QTest::newRow("not hex") << hex.left(62) + QStringLiteral("zz") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestClientTls::fingerprintText()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const QByteArray parsed = parseFingerprint(text);
    QCOMPARE(parsed == QByteArray(32, '\xab'), valid);
    if (!valid)
        QVERIFY(parsed.isEmpty());
    // The printed form reads back.
    const QByteArray digest = m_certificate->fingerprint();
    QCOMPARE(parseFingerprint(formatFingerprint(digest)), digest);
    QCOMPARE(parseFingerprint(formatFingerprint(digest, 8)), digest);
    QCOMPARE(formatFingerprint(digest, 8).count(QLatin1Char('\n')), 3);
}

void TestClientTls::conversationOverTls()
{
    auto alice = loggedIn(newName(QStringLiteral("alice")));
    auto bob = loggedIn(newName(QStringLiteral("bob")));
    QVERIFY(alice && bob);
    QVERIFY(alice->isTls());
    CHECKED(befriend(alice.get(), bob.get()));
    QSignalSpy received(bob.get(), &ClientSession::messageReceived);
    QSignalSpy sent(alice.get(), &ClientSession::messageSent);
    alice->send(bob->user(), QStringLiteral("por el túnel"));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    QCOMPARE(received.first().first().value<Message>().text, QStringLiteral("por el túnel"));
}

void TestClientTls::refusedWithoutTheCa()
{
    auto refused = session({});
    QSignalSpy rejected(refused.get(), &ClientSession::certificateRejected);
    QSignalSpy errors(refused.get(), &ClientSession::errorOccurred);
    refused->connectToServer(QStringLiteral("127.0.0.1"), m_server->port());
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kWait);
    QCOMPARE(errors.first().at(0).toString(), LocalError::UntrustedCertificate);
    const QString message = errors.first().at(1).toString();
    QVERIFY2(message.contains(formatFingerprint(m_certificate->fingerprint())),
             qPrintable(message));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.first().at(0).value<QSslCertificate>(), m_certificate->certificate());
    QCOMPARE(rejected.first().at(1).toByteArray(), m_certificate->fingerprint());
    QCOMPARE(rejected.first().at(2).value<CertificateProblem>(), CertificateProblem::Untrusted);
    QCOMPARE(refused->state(), ClientSession::State::Disconnected);
    // No retrying behind the user's back.
    QTest::qWait(300);
    QCOMPARE(refused->state(), ClientSession::State::Disconnected);
    QCOMPARE(rejected.count(), 1);
}

void TestClientTls::pinnedFingerprintIsTrusted()
{
    // What the desktop does after "Trust this server": pin, connect again.
    auto pinned = connected({{}, m_certificate->fingerprint()});
    QVERIFY(pinned);
    QVERIFY(await(pinned->ping()).ok);
}

void TestClientTls::differentPinIsRefused()
{
    auto refused = session({{}, m_otherCertificate->fingerprint()});
    QSignalSpy rejected(refused.get(), &ClientSession::certificateRejected);
    QSignalSpy errors(refused.get(), &ClientSession::errorOccurred);
    refused->connectToServer(QStringLiteral("127.0.0.1"), m_server->port());
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kWait);
    QCOMPARE(errors.first().at(0).toString(), LocalError::UntrustedCertificate);
    QVERIFY(errors.first().at(1).toString().contains(QStringLiteral("changed")));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.first().at(1).toByteArray(), m_certificate->fingerprint());
    QCOMPARE(rejected.first().at(2).value<CertificateProblem>(), CertificateProblem::PinMismatch);
    QCOMPARE(refused->state(), ClientSession::State::Disconnected);
}

void TestClientTls::plainClientCannotTalkToTls()
{
    ClientSession plain;
    QSignalSpy errors(&plain, &ClientSession::errorOccurred);
    plain.connectToServer(QStringLiteral("127.0.0.1"), m_server->port());
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kWait);
    QCOMPARE(errors.first().at(0).toString(), LocalError::ConnectionFailed);
    QCOMPARE(plain.state(), ClientSession::State::Disconnected);
    // The server is none the worse.
    auto after = connected({{m_certificate->certificate()}, {}});
    QVERIFY(after);
}

void TestClientTls::reconnectAndResumeOverTls()
{
    // Trusted by pin only: the reconnection must reuse it.
    auto carol = loggedIn(newName(QStringLiteral("carol")));
    QVERIFY(carol);
    const QString user = carol->user();
    auto pinned = connected({{}, m_certificate->fingerprint()});
    QVERIFY(pinned);
    QVERIFY(await(pinned->login(user, kPassword, ClientSession::LoginOption::Takeover)).ok);
    QSignalSpy reconnected(pinned.get(), &ClientSession::reconnected);
    QSignalSpy rejected(pinned.get(), &ClientSession::certificateRejected);
    m_server->kill();
    QTRY_COMPARE_WITH_TIMEOUT(pinned->state(), ClientSession::State::Reconnecting, kWait);
    QVERIFY2(m_server->restart(), m_server->output().constData());
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, kWait);
    QCOMPARE(pinned->state(), ClientSession::State::LoggedIn);
    QCOMPARE(pinned->user(), user);
    QCOMPARE(rejected.count(), 0);
    QVERIFY(await(pinned->ping()).ok);
}

void TestClientTls::cliOverTls()
{
    const QString user = newName(QStringLiteral("dora"));
    const auto run = [&](QStringList arguments, int *exitCode, QString *errors) {
        arguments.prepend(m_server->address());
        arguments.prepend(QStringLiteral("--server"));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PALOMAR_PASSWORD"), kPassword);
        environment.insert(QStringLiteral("PALOMAR_USER"), user);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_cliConfig.path());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PALOMAR_CLI_BINARY), arguments);
        QVERIFY(process.waitForFinished(30000));
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        *errors = QString::fromUtf8(process.readAllStandardError());
    };
    int exitCode = -1;
    QString errors;
    // Plaintext to the TLS port: the hint says to add --tls.
    CHECKED(run({QStringLiteral("register")}, &exitCode, &errors));
    QCOMPARE(exitCode, 1);
    QVERIFY2(errors.contains(QLatin1String("add --tls")), qPrintable(errors));

    CHECKED(run({QStringLiteral("--tls"), QStringLiteral("--ca"), m_certificate->certificatePath(),
                 QStringLiteral("register")},
                &exitCode, &errors));
    QVERIFY2(exitCode == 0, qPrintable(errors));
    auto friendOf = loggedIn(newName(QStringLiteral("eve")));
    QVERIFY(friendOf);
    QVERIFY(await(friendOf->friendRequest(user)).ok);
    CHECKED(run({QStringLiteral("--ca"), m_certificate->certificatePath(), QStringLiteral("accept"),
                 friendOf->user()},
                &exitCode, &errors));
    QVERIFY2(exitCode == 0, qPrintable(errors));

    // One-shot send, trusted by the CA file.
    QSignalSpy received(friendOf.get(), &ClientSession::messageReceived);
    CHECKED(run({QStringLiteral("--tls"), QStringLiteral("--ca"), m_certificate->certificatePath(),
                 QStringLiteral("send"), friendOf->user(), QStringLiteral("desde la terminal")},
                &exitCode, &errors));
    QVERIFY2(exitCode == 0, qPrintable(errors));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    QCOMPARE(received.first().first().value<Message>().text, QStringLiteral("desde la terminal"));

    // Without the CA: refused, with the fingerprint and how to trust it.
    const QString fingerprint = formatFingerprint(m_certificate->fingerprint());
    CHECKED(run({QStringLiteral("--tls"), QStringLiteral("friends")}, &exitCode, &errors));
    QCOMPARE(exitCode, 1);
    QVERIFY2(errors.contains(QStringLiteral("error: untrusted_certificate:")), qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("--pin ") + fingerprint), qPrintable(errors));

    // Pinned: trusted.
    CHECKED(
        run({QStringLiteral("--pin"), fingerprint, QStringLiteral("friends")}, &exitCode, &errors));
    QVERIFY2(exitCode == 0, qPrintable(errors));
    // Remembered for this server: the pin need not be given again.
    CHECKED(run({QStringLiteral("friends")}, &exitCode, &errors));
    QVERIFY2(exitCode == 0, qPrintable(errors));
    QVERIFY(QFile::exists(m_cliConfig.filePath(QStringLiteral("palomar-cli/servers.conf"))));

    // A CA file that is not one: a usage error before connecting.
    CHECKED(run({QStringLiteral("--ca"), m_certificate->keyPath(), QStringLiteral("friends")},
                &exitCode, &errors));
    QCOMPARE(exitCode, 2);
    QVERIFY2(errors.contains(QStringLiteral("--ca:")), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestClientTls)
#include "tst_clienttls.moc"
