// palomar-cli and the server's registration policy: `register --invite CODE`,
// the errors of invite and closed servers, and the interactive offer to
// create the account on a terminal (a pseudo-terminal here), which asks for
// an invitation code or explains that registration is closed.
#include "clienttest.h"
#include "support/serverprocess.h"
#include "support/serverstore.h"

#include <QSocketNotifier>
#include <QtTest>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

using Palomar::Testing::ServerProcess;

namespace {

const QString kPassword = QStringLiteral("d'oh d'oh d'oh");
constexpr int kWait = 15000;

// palomar-cli in interactive mode with a pseudo-terminal as its standard
// input, output and error, as a user at a terminal runs it.
class TerminalRun
{
public:
    TerminalRun(const QProcessEnvironment &environment)
    {
        m_master = ::posix_openpt(O_RDWR | O_NOCTTY);
        if (m_master < 0 || ::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0)
            return;
        const QByteArray slave = ::ptsname(m_master);
        m_process.setProcessEnvironment(environment);
        m_process.setChildProcessModifier([slave] {
            ::setsid();
            const int fd = ::open(slave.constData(), O_RDWR);
            ::ioctl(fd, TIOCSCTTY, 0);
            ::dup2(fd, STDIN_FILENO);
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
            if (fd > STDERR_FILENO)
                ::close(fd);
        });
        m_process.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
        m_notifier = std::make_unique<QSocketNotifier>(m_master, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
            char buffer[4096];
            const ssize_t n = ::read(m_master, buffer, sizeof buffer);
            if (n > 0)
                m_output += QString::fromUtf8(buffer, n);
            else
                m_notifier->setEnabled(false); // the other side is gone
        });
    }
    ~TerminalRun()
    {
        m_notifier.reset();
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
        if (m_master >= 0)
            ::close(m_master);
    }
    bool waitFor(const QString &text)
    {
        return QTest::qWaitFor([&] { return m_output.contains(text); }, kWait);
    }
    void type(const QByteArray &line) { (void)!::write(m_master, line.constData(), line.size()); }
    int exitCode()
    {
        if (!QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, kWait))
            return -1;
        return m_process.exitCode();
    }
    const QString &output() const { return m_output; }

private:
    int m_master = -1;
    QProcess m_process;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QString m_output;
};

} // namespace

class TestCliRegistration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void oneShotRegisterWithAnInvite();
    void oneShotOnAClosedServer();
    void emptyInviteIsAUsageError();
    void interactiveAsksForAnInvite();
    void interactiveExplainsClosedRegistration();

private:
    ClientTest::CliRunner runner(const ServerProcess &server) const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), server.address(), kPassword};
    }
    QString newInvite()
    {
        const QString code = QStringLiteral("CLI%1-TEST-CODE").arg(++m_counter);
        return m_store->createInvite(code, std::nullopt, QString()) ? code : QString();
    }

    ServerProcess m_invite{{QStringLiteral("--registration"), QStringLiteral("invite")}};
    ServerProcess m_closed{{QStringLiteral("--registration"), QStringLiteral("closed")}};
    std::unique_ptr<Palomar::Server::Store> m_store;
    int m_counter = 0;
};

void TestCliRegistration::initTestCase()
{
    QVERIFY(m_invite.start());
    QVERIFY(m_closed.start());
    m_store = Palomar::Testing::openServerStore(m_invite, QStringLiteral("cli-test"));
    QVERIFY(m_store);
}

void TestCliRegistration::oneShotRegisterWithAnInvite()
{
    const ClientTest::CliRunner cli = runner(m_invite);
    ClientTest::CliRun run = cli.run({QStringLiteral("register")}, QStringLiteral("Kent"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: invite_required: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("register --invite CODE")), qPrintable(run.err));

    run = cli.run({QStringLiteral("register"), QStringLiteral("--invite"), QStringLiteral("NOPE")},
                  QStringLiteral("Kent"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: invalid_invite: ")), qPrintable(run.err));

    const QString code = newInvite();
    QVERIFY(!code.isEmpty());
    run = cli.run({QStringLiteral("register"), QStringLiteral("--invite=") + code.toLower()},
                  QStringLiteral("Kent"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Registered Kent.")), qPrintable(run.out));
    QCOMPARE(m_store->invite(code)->usedBy, QStringLiteral("Kent"));
    QCOMPARE(cli.run({QStringLiteral("friends")}, QStringLiteral("Kent")).exitCode, 0);
}

void TestCliRegistration::oneShotOnAClosedServer()
{
    const ClientTest::CliRun run =
        runner(m_closed).run({QStringLiteral("register")}, QStringLiteral("Kent"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: registration_closed: ")),
             qPrintable(run.err));
}

void TestCliRegistration::emptyInviteIsAUsageError()
{
    const ClientTest::CliRunner cli = runner(m_invite);
    ClientTest::CliRun run =
        cli.run({QStringLiteral("register"), QStringLiteral("--invite=")}, QStringLiteral("Kent"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: --invite needs")),
             qPrintable(run.err));
    run = cli.run({QStringLiteral("friends"), QStringLiteral("--invite"), QStringLiteral("X")},
                  QStringLiteral("Kent"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: unknown option --invite")),
             qPrintable(run.err));
}

void TestCliRegistration::interactiveAsksForAnInvite()
{
    const QString code = newInvite();
    QVERIFY(!code.isEmpty());
    TerminalRun shell(runner(m_invite).environment(QStringLiteral("Luann")));
    QVERIFY2(shell.waitFor(QStringLiteral("Create it? [y/N]")), qPrintable(shell.output()));
    shell.type("y\n");
    QVERIFY2(shell.waitFor(QStringLiteral("Invitation code (empty to give up): ")),
             qPrintable(shell.output()));
    QVERIFY(shell.output().contains(QLatin1String("by invitation only")));
    shell.type(code.toUtf8() + "\n");
    QVERIFY2(shell.waitFor(QStringLiteral("Logged in as Luann")), qPrintable(shell.output()));
    QCOMPARE(m_store->invite(code)->usedBy, QStringLiteral("Luann"));
    shell.type("/quit\n");
    QCOMPARE(shell.exitCode(), 0);

    // Without a code, nothing is created.
    TerminalRun again(runner(m_invite).environment(QStringLiteral("Kirk")));
    QVERIFY2(again.waitFor(QStringLiteral("Create it? [y/N]")), qPrintable(again.output()));
    again.type("y\n");
    QVERIFY2(again.waitFor(QStringLiteral("Invitation code")), qPrintable(again.output()));
    again.type("\n");
    QCOMPARE(again.exitCode(), 1);
    QVERIFY2(again.output().contains(QLatin1String("invite_required")), qPrintable(again.output()));
}

void TestCliRegistration::interactiveExplainsClosedRegistration()
{
    TerminalRun shell(runner(m_closed).environment(QStringLiteral("Luann")));
    QCOMPARE(shell.exitCode(), 1);
    QVERIFY2(shell.output().contains(QLatin1String("registration is closed on this server")),
             qPrintable(shell.output()));
    QVERIFY(!shell.output().contains(QLatin1String("Create it?")));
}

QTEST_GUILESS_MAIN(TestCliRegistration)
#include "tst_cli_registration.moc"
