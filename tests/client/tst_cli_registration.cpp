// palomar-cli and the server's registration policy: `register --invite CODE`,
// the errors of invite and closed servers, and what the interactive mode
// offers on a terminal (a pseudo-terminal here) after a wrong password: to
// type it again, or to create the account (a new password typed twice, then
// an invitation code where the server asks for one); on a closed server it
// says that registration is closed.
#include "clienttest.h"
#include "ptyprocess.h"
#include "support/serverprocess.h"
#include "support/serverstore.h"

#include <QtTest>

using Palomar::Testing::ServerProcess;

namespace {

const QString kPassword = QStringLiteral("d'oh d'oh d'oh");
constexpr int kWait = 15000;

// palomar-cli's interactive mode for `user` on a pseudo-terminal, as a
// person at a terminal runs it.
bool startOnTerminal(PtyProcess *shell, const ClientTest::CliRunner &runner, const QString &user)
{
    return shell->start(QStringLiteral(PALOMAR_CLI_BINARY), {}, runner.environment(user));
}

const QByteArray kChoices = "[r]etry, [c]reate it, or [q]uit? ";

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
    void interactiveRetriesAWrongPassword();
    void newPasswordIsTypedTwice();

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
    QCOMPARE(run.exitCode, 2); // usage errors exit 2
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: --invite needs")),
             qPrintable(run.err));
    run = cli.run({QStringLiteral("friends"), QStringLiteral("--invite"), QStringLiteral("X")},
                  QStringLiteral("Kent"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: unknown option --invite")),
             qPrintable(run.err));
}

void TestCliRegistration::interactiveAsksForAnInvite()
{
    const QString code = newInvite();
    QVERIFY(!code.isEmpty());
    PtyProcess shell;
    QVERIFY(startOnTerminal(&shell, runner(m_invite), QStringLiteral("Luann")));
    QVERIFY2(shell.waitFor(kChoices), shell.output().constData());
    shell.type("c\n");
    QVERIFY2(shell.waitFor("New password for Luann: "), shell.output().constData());
    shell.type(kPassword.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Type it again: "), shell.output().constData());
    shell.type(kPassword.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Invitation code (empty to give up): "), shell.output().constData());
    QVERIFY(shell.output().contains("by invitation only"));
    shell.type(code.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Logged in as Luann"), shell.output().constData());
    QCOMPARE(m_store->invite(code)->usedBy, QStringLiteral("Luann"));
    // Never echoed.
    QVERIFY(!shell.output().contains(kPassword.toUtf8()));
    shell.type("/quit\n");
    QCOMPARE(shell.waitForExit(), 0);

    // Without a code, nothing is created.
    PtyProcess again;
    QVERIFY(startOnTerminal(&again, runner(m_invite), QStringLiteral("Kirk")));
    QVERIFY2(again.waitFor(kChoices), again.output().constData());
    again.type("c\n");
    QVERIFY2(again.waitFor("New password for Kirk: "), again.output().constData());
    again.type(kPassword.toUtf8() + "\n");
    QVERIFY2(again.waitFor("Type it again: "), again.output().constData());
    again.type(kPassword.toUtf8() + "\n");
    QVERIFY2(again.waitFor("Invitation code"), again.output().constData());
    again.type("\n");
    QCOMPARE(again.waitForExit(), 1);
    QVERIFY2(again.output().contains("invite_required"), again.output().constData());
}

void TestCliRegistration::interactiveExplainsClosedRegistration()
{
    PtyProcess shell;
    QVERIFY(startOnTerminal(&shell, runner(m_closed), QStringLiteral("Luann")));
    QVERIFY2(shell.waitFor("(registration closed). [r]etry or [q]uit? "),
             shell.output().constData());
    QVERIFY(!shell.output().contains("[c]reate"));
    shell.type("q\n");
    QCOMPARE(shell.waitForExit(), 1);
    QVERIFY2(shell.output().contains("ask its administrator for an account"),
             shell.output().constData());
}

void TestCliRegistration::interactiveRetriesAWrongPassword()
{
    const QString code = newInvite();
    const ClientTest::CliRunner cli = runner(m_invite);
    const ClientTest::CliRun made = cli.run(
        {QStringLiteral("register"), QStringLiteral("--invite"), code}, QStringLiteral("Homer"));
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));

    const ClientTest::CliRunner wrong{QStringLiteral(PALOMAR_CLI_BINARY), m_invite.address(),
                                      QStringLiteral("not the password")};
    PtyProcess shell;
    QVERIFY(startOnTerminal(&shell, wrong, QStringLiteral("Homer")));
    QVERIFY2(shell.waitFor(kChoices), shell.output().constData());
    // Wrong again: the choice comes back.
    shell.type("r\n");
    QVERIFY2(shell.waitFor("Password for Homer: "), shell.output().constData());
    qsizetype from = shell.mark();
    shell.type("still not it\n");
    QVERIFY2(shell.waitFor(kChoices, from), shell.output().constData());
    // Creating it says it exists, so the password was wrong, and asks again.
    shell.type("c\n");
    QVERIFY2(shell.waitFor("New password for Homer: "), shell.output().constData());
    shell.type("a new password\n");
    QVERIFY2(shell.waitFor("Type it again: "), shell.output().constData());
    shell.type("a new password\n");
    // The server asks for a code before it says the name is taken.
    QVERIFY2(shell.waitFor("Invitation code"), shell.output().constData());
    from = shell.mark();
    shell.type("NOT-A-CODE\n");
    QVERIFY2(shell.waitFor("Homer exists, so the password was wrong.", from),
             shell.output().constData());
    QVERIFY2(shell.waitFor(kChoices, from), shell.output().constData());
    // An empty answer retries.
    from = shell.mark();
    shell.type("\n");
    QVERIFY2(shell.waitFor("Password for Homer: ", from), shell.output().constData());
    shell.type(kPassword.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Logged in as Homer"), shell.output().constData());
    shell.type("/quit\n");
    QCOMPARE(shell.waitForExit(), 0);
}

void TestCliRegistration::newPasswordIsTypedTwice()
{
    const QString code = newInvite();
    PtyProcess shell;
    QVERIFY(startOnTerminal(&shell, runner(m_invite), QStringLiteral("Lenny")));
    QVERIFY2(shell.waitFor(kChoices), shell.output().constData());
    shell.type("c\n");
    QVERIFY2(shell.waitFor("New password for Lenny: "), shell.output().constData());
    shell.type(kPassword.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Type it again: "), shell.output().constData());
    qsizetype from = shell.mark();
    shell.type("a typo in it\n");
    QVERIFY2(shell.waitFor("The two passwords differ; once more.", from),
             shell.output().constData());
    QVERIFY2(shell.waitFor("New password for Lenny: ", from), shell.output().constData());
    shell.type(kPassword.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Type it again: ", from), shell.output().constData());
    shell.type(kPassword.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Invitation code", from), shell.output().constData());
    shell.type(code.toUtf8() + "\n");
    QVERIFY2(shell.waitFor("Logged in as Lenny"), shell.output().constData());
    shell.type("/quit\n");
    QCOMPARE(shell.waitForExit(), 0);
    // The password typed twice is the account's.
    QCOMPARE(runner(m_invite).run({QStringLiteral("friends")}, QStringLiteral("Lenny")).exitCode,
             0);
}

QTEST_GUILESS_MAIN(TestCliRegistration)
#include "tst_cli_registration.moc"
