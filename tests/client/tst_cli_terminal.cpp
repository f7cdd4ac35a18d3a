// palomar-cli on a pseudo-terminal, as a person types: readline's line
// editing (Left, Ctrl-A/E, Up), Tab completion of commands and friends'
// names, the history kept between runs, Ctrl-C and Ctrl-D, colour, and the
// status line while the server restarts.
#include "clienttest.h"
#include "ptyprocess.h"
#include "support/serverprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using Palomar::Testing::ServerProcess;

namespace {
const QString kPassword = QStringLiteral("type it like you mean it");
const QByteArray kLeft = QByteArrayLiteral("\x1b[D");
const QByteArray kUp = QByteArrayLiteral("\x1b[A");
const QByteArray kCtrlA = QByteArrayLiteral("\x01");
const QByteArray kCtrlC = QByteArrayLiteral("\x03");
const QByteArray kCtrlD = QByteArrayLiteral("\x04");
const QByteArray kCtrlE = QByteArrayLiteral("\x05");
} // namespace

class TestCliTerminal : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void lineEditing();
    void completion();
    void historyKeptBetweenRuns();
    void ctrlCClearsTheLineThenQuits();
    void ctrlDQuits();
    void colourOnlyOnATerminal();
    void statusLineThroughARestart();

private:
    ClientTest::CliRunner runner() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kPassword};
    }
    QProcessEnvironment environment(bool colour = false) const;
    // palomar-cli for Homer on a terminal, logged in and in the chat with Marge.
    bool startChat(PtyProcess *pty, bool colour = false);
    // How many of Homer's messages to Marge have exactly `text`.
    int copiesOf(const QString &text) const;
    QByteArray bytes(const QString &text) const { return text.toUtf8(); }

    ServerProcess m_server;
    QTemporaryDir m_home;
    int m_counter = 0;
    QString m_homer, m_marge;
};

void TestCliTerminal::initTestCase()
{
    QVERIFY(m_home.isValid());
    QFile inputrc(m_home.filePath(QStringLiteral("inputrc")));
    QVERIFY(inputrc.open(QIODevice::WriteOnly)); // no one's own key bindings
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliTerminal::init()
{
    if (!m_server.isRunning())
        QVERIFY2(m_server.restart(), m_server.output().constData());
    ++m_counter;
    m_homer = QStringLiteral("Homer%1").arg(m_counter);
    m_marge = QStringLiteral("Marge%1").arg(m_counter);
    for (const QString &user : {m_homer, m_marge}) {
        const ClientTest::CliRun run = runner().run({QStringLiteral("register")}, user);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    runner().makeFriends(m_homer, m_marge);
}

QProcessEnvironment TestCliTerminal::environment(bool colour) const
{
    QProcessEnvironment env = runner().environment(m_homer);
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("INPUTRC"), m_home.filePath(QStringLiteral("inputrc")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("NO_COLOR"));
    if (!colour)
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    return env;
}

bool TestCliTerminal::startChat(PtyProcess *pty, bool colour)
{
    if (!pty->start(QStringLiteral(PALOMAR_CLI_BINARY), {}, environment(colour)))
        return false;
    if (!pty->waitFor(bytes(QLatin1String("Logged in as ") + m_homer)))
        return false;
    const qsizetype from = pty->mark();
    pty->type(bytes(QStringLiteral("/chat %1\r").arg(m_marge)));
    return pty->waitFor(bytes(QStringLiteral("[%1]> ").arg(m_marge)), from);
}

int TestCliTerminal::copiesOf(const QString &text) const
{
    return runner().copiesOf(m_homer, m_marge, text);
}

void TestCliTerminal::lineEditing()
{
    PtyProcess pty;
    QVERIFY2(startChat(&pty), pty.output().constData());

    // Left three times, then X: typed before "def".
    qsizetype from = pty.mark();
    pty.type("abc def" + kLeft + kLeft + kLeft + "X\r");
    QVERIFY2(pty.waitFor(": abc Xdef", from), pty.output().constData());
    QCOMPARE(copiesOf(QStringLiteral("abc Xdef")), 1);

    // Ctrl-A goes to the start, Ctrl-E to the end.
    from = pty.mark();
    pty.type("ello" + kCtrlA + "h" + kCtrlE + "!\r");
    QVERIFY2(pty.waitFor(": hello!", from), pty.output().constData());
    QCOMPARE(copiesOf(QStringLiteral("hello!")), 1);

    // Up brings the last line back.
    from = pty.mark();
    pty.type(kUp + "\r");
    QVERIFY2(pty.waitFor(": hello!", from), pty.output().constData());
    QTRY_COMPARE_WITH_TIMEOUT(copiesOf(QStringLiteral("hello!")), 2, 15000);

    pty.type("/quit\r");
    QCOMPARE(pty.waitForExit(), 0);
}

void TestCliTerminal::completion()
{
    const ClientTest::CliRun created = runner().run(
        {QStringLiteral("group-create"), QStringLiteral("Springfield%1").arg(m_counter), m_marge},
        m_homer);
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    PtyProcess pty;
    QVERIFY2(pty.start(QStringLiteral(PALOMAR_CLI_BINARY), {}, environment()),
             "cannot start on a pseudo-terminal");
    QVERIFY2(pty.waitFor(bytes(QLatin1String("Logged in as ") + m_homer)),
             pty.output().constData());

    // A command: "/fri" Tab is /friends.
    qsizetype from = pty.mark();
    pty.type("/fri\t\r");
    QVERIFY2(pty.waitFor("Friends:", from), pty.output().constData());

    // A friend's name, whatever its case: "marg" Tab is Marge.
    from = pty.mark();
    pty.type(bytes(QStringLiteral("/msg %1\ttabbed\r").arg(m_marge.left(4).toLower())));
    QVERIFY2(pty.waitFor(": tabbed", from), pty.output().constData());
    QCOMPARE(copiesOf(QStringLiteral("tabbed")), 1);
    QVERIFY2(pty.output().indexOf(bytes(QStringLiteral("[%1]> ").arg(m_marge)), from) >= 0,
             pty.output().constData());

    // A group's name after a group command: "/ginfo spring" Tab.
    from = pty.mark();
    pty.type("/ginfo spring\t\r");
    QVERIFY2(
        pty.waitFor(bytes(QStringLiteral("Springfield%1, admin %2").arg(m_counter).arg(m_homer)),
                    from),
        pty.output().constData());

    pty.type(kCtrlD);
    QCOMPARE(pty.waitForExit(), 0);
}

void TestCliTerminal::historyKeptBetweenRuns()
{
    {
        PtyProcess pty;
        QVERIFY2(startChat(&pty), pty.output().constData());
        const qsizetype from = pty.mark();
        pty.type("remember me\r");
        QVERIFY2(pty.waitFor(": remember me", from), pty.output().constData());
        pty.type("/quit\r");
        QCOMPARE(pty.waitForExit(), 0);
    }
    const QString path = m_home.filePath(QStringLiteral("data/palomar-cli/history"));
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray kept = file.readAll();
    QVERIFY2(kept.contains("remember me"), kept.constData());
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));

    // A new run: Up, Up is "remember me" again (after the "/quit").
    PtyProcess pty;
    QVERIFY2(startChat(&pty), pty.output().constData());
    const qsizetype from = pty.mark();
    pty.type(kUp + kUp + kUp + "\r"); // "/quit", "/chat …" (this run), "remember me"
    QVERIFY2(pty.waitFor(": remember me", from), pty.output().constData());
    QTRY_COMPARE_WITH_TIMEOUT(copiesOf(QStringLiteral("remember me")), 2, 15000);
    pty.type(kCtrlD);
    QCOMPARE(pty.waitForExit(), 0);
}

void TestCliTerminal::ctrlCClearsTheLineThenQuits()
{
    PtyProcess pty;
    QVERIFY2(startChat(&pty), pty.output().constData());

    // The first Ctrl-C drops the half-typed line and leaves us chatting.
    pty.type("half typed");
    QVERIFY2(pty.waitFor("half typed"), pty.output().constData());
    qsizetype from = pty.mark();
    pty.type(kCtrlC);
    QVERIFY2(pty.waitFor("^C", from), pty.output().constData());
    from = pty.mark();
    pty.type("after\r");
    QVERIFY2(pty.waitFor(": after", from), pty.output().constData());
    QVERIFY(pty.isRunning());
    QCOMPARE(copiesOf(QStringLiteral("after")), 1);
    QCOMPARE(copiesOf(QStringLiteral("half typedafter")), 0);

    // On an empty line, Ctrl-C leaves (and logs out: a one-shot login works).
    pty.type(kCtrlC);
    QCOMPARE(pty.waitForExit(), 0);
    const ClientTest::CliRun run = runner().run({QStringLiteral("friends")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCliTerminal::ctrlDQuits()
{
    PtyProcess pty;
    QVERIFY2(startChat(&pty), pty.output().constData());
    pty.type(kCtrlD);
    QCOMPARE(pty.waitForExit(), 0);
    const ClientTest::CliRun run = runner().run({QStringLiteral("friends")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCliTerminal::colourOnlyOnATerminal()
{
    const ClientTest::CliRun sent =
        runner().run({QStringLiteral("send"), m_marge, QStringLiteral("in colour")}, m_homer);
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
    const QStringList history{QStringLiteral("history"), m_marge};

    // On a terminal: the sender's name in colour.
    PtyProcess coloured;
    QVERIFY(coloured.start(QStringLiteral(PALOMAR_CLI_BINARY), history, environment(true)));
    QCOMPARE(coloured.waitForExit(), 0);
    QVERIFY2(coloured.output().contains(
                 bytes(QStringLiteral("\033[1;32m%1\033[0m: in colour").arg(m_homer))),
             coloured.output().constData());

    // NO_COLOR, or a pipe: none.
    PtyProcess plain;
    QVERIFY(plain.start(QStringLiteral(PALOMAR_CLI_BINARY), history, environment(false)));
    QCOMPARE(plain.waitForExit(), 0);
    QVERIFY2(plain.output().contains(bytes(m_homer + QLatin1String(": in colour"))),
             plain.output().constData());
    QVERIFY2(!plain.output().contains("\033["), plain.output().constData());

    const ClientTest::CliRun piped = runner().run(history, m_homer);
    QVERIFY2(piped.exitCode == 0, qPrintable(piped.err));
    QVERIFY2(piped.out.contains(m_homer + QLatin1String(": in colour")), qPrintable(piped.out));
    QVERIFY2(!piped.out.contains(QLatin1String("\033[")), qPrintable(piped.out));
}

void TestCliTerminal::statusLineThroughARestart()
{
    // Nothing pending for Homer (the friend events are acknowledged), so no
    // event line comes between the two status lines after the resume.
    const ClientTest::CliRun inbox = runner().run({QStringLiteral("inbox")}, m_homer);
    QVERIFY2(inbox.exitCode == 0, qPrintable(inbox.err));
    PtyProcess pty;
    QVERIFY2(startChat(&pty), pty.output().constData());
    // /chat's history is in (not asked again after the restart, between the lines).
    QVERIFY2(pty.waitFor(bytes(QLatin1String("No messages with ") + m_marge)),
             pty.output().constData());
    pty.type("half");
    QVERIFY(pty.waitFor("half"));

    qsizetype from = pty.mark();
    QVERIFY(m_server.terminate());
    QVERIFY2(pty.waitFor("reconnecting\xe2\x80\xa6", from), pty.output().constData());
    QVERIFY2(m_server.restart(), m_server.output().constData());
    // "back online" takes the place of the reconnecting line: up a line, cleared.
    QVERIFY2(pty.waitFor("\033[A\r\033[K* back online", from), pty.output().constData());
    QVERIFY(!pty.output().mid(from).contains("palomar.client"));
    QVERIFY(!pty.output().mid(from).contains("error:"));

    // The half-typed line is still there to finish.
    from = pty.mark();
    pty.type(" way\r");
    QVERIFY2(pty.waitFor(": half way", from), pty.output().constData());
    QTRY_COMPARE_WITH_TIMEOUT(copiesOf(QStringLiteral("half way")), 1, 15000);
    pty.type(kCtrlD);
    QCOMPARE(pty.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestCliTerminal)
#include "tst_cli_terminal.moc"
