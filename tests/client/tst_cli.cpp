// palomar-cli as a user and a script would run it, against a real server:
// one-shot commands, the interactive mode through a pipe, signals, errors.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using Palomar::Testing::ServerProcess;

namespace {
const QString kPassword = QStringLiteral("d'oh d'oh d'oh");
constexpr int kWait = 15000;

using Run = ClientTest::CliRun;
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void usageErrors();
    void connectionFailure();
    void oneShotConversation();
    void jsonOutput();
    void errorsGiveCodes();
    void throttledLoginSaysHowLongToWait();
    void passwordFromFile();
    void interactiveShowsIncomingAndLogsOutOnSigint();
    void interactiveLeavesCleanly_data();
    void interactiveLeavesCleanly();
    void oneShotInterruptedLogsOut();
    void oneShotGroups();
    void groupUsageErrors();
    void interactiveGroups();

private:
    ClientTest::CliRunner runner() const;
    QProcessEnvironment environment(const QString &user = {}) const;
    Run cli(const QStringList &arguments, const QString &user = {});
    QString newName(const QString &base)
    {
        return QStringLiteral("%1%2").arg(base).arg(++m_counter);
    }
    void makeFriends(const QString &a, const QString &b);

    ServerProcess m_server;
    int m_counter = 0;
};

ClientTest::CliRunner TestCli::runner() const
{
    return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kPassword};
}

QProcessEnvironment TestCli::environment(const QString &user) const
{
    return runner().environment(user);
}

Run TestCli::cli(const QStringList &arguments, const QString &user)
{
    return runner().run(arguments, user);
}

void TestCli::makeFriends(const QString &a, const QString &b)
{
    runner().makeFriends(a, b);
}

void TestCli::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCli::usageErrors()
{
    Run run = cli({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QLatin1String("usage: palomar-cli")));

    run = cli({QStringLiteral("fly")}, QStringLiteral("someone"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: ")), qPrintable(run.err));

    run = cli({QStringLiteral("send"), QStringLiteral("bob")}, QStringLiteral("someone"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: ")), qPrintable(run.err));

    run = cli({QStringLiteral("friends")}); // no user anywhere
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: ")), qPrintable(run.err));
}

void TestCli::connectionFailure()
{
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
    const QString address = QStringLiteral("127.0.0.1:%1").arg(placeholder.serverPort());
    placeholder.close();
    const Run run = cli({QStringLiteral("--server"), address, QStringLiteral("friends")},
                        QStringLiteral("someone"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: connection_failed: ")), qPrintable(run.err));
}

void TestCli::oneShotConversation()
{
    const QString homer = newName(QStringLiteral("Homer"));
    const QString marge = newName(QStringLiteral("Marge"));
    Run run = cli({QStringLiteral("register")}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(homer));
    run = cli({QStringLiteral("--user"), marge, QStringLiteral("register")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = cli({QStringLiteral("add"), marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Friend request sent")), qPrintable(run.out));

    run = cli({QStringLiteral("friends")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Asking you: ") + homer), qPrintable(run.out));

    run = cli({QStringLiteral("inbox")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(homer + QLatin1String(" wants to be your friend")),
             qPrintable(run.out));

    run = cli({QStringLiteral("accept"), homer}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = cli({QStringLiteral("friends")}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Friends:")) && run.out.contains(marge),
             qPrintable(run.out));

    run = cli({QStringLiteral("send"), marge, QStringLiteral("Mmm..."), QStringLiteral("donuts")},
              homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Mmm... donuts")), qPrintable(run.out));

    run = cli({QStringLiteral("send"), homer, QStringLiteral("Homie!")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // Marge's inbox: the friend event for Homer's acceptance, the message.
    run = cli({QStringLiteral("inbox")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(homer + QLatin1String(": Mmm... donuts")), qPrintable(run.out));
    // Acknowledged: a second look shows nothing new.
    run = cli({QStringLiteral("inbox")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(!run.out.contains(QLatin1String("donuts")), qPrintable(run.out));

    // History, oldest first, each with its id, with ticks on my own
    // messages: delivered (✓✓) because Marge's inbox acknowledged it.
    run = cli({QStringLiteral("history"), marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    static const QRegularExpression mine(
        QStringLiteral("^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\] #\\d+ %1: Mmm\\.\\.\\. donuts  "
                       "\u2713\u2713$")
            .arg(homer));
    QVERIFY2(mine.match(lines.at(0)).hasMatch(), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).endsWith(marge + QLatin1String(": Homie!")), qPrintable(lines.at(1)));

    run = cli({QStringLiteral("history"), marge, QStringLiteral("--limit"), QStringLiteral("1")},
              homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
    QVERIFY(run.out.contains(QLatin1String("Homie!")));

    run = cli({QStringLiteral("unfriend"), marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("send"), marge, QStringLiteral("hello?")}, homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_friends: ")), qPrintable(run.err));

    run = cli({QStringLiteral("unregister")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("friends")}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: bad_credentials: ")), qPrintable(run.err));
}

void TestCli::jsonOutput()
{
    const QString patty = newName(QStringLiteral("Patty"));
    const QString selma = newName(QStringLiteral("Selma"));
    QCOMPARE(cli({QStringLiteral("register")}, patty).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("register")}, selma).exitCode, 0);
    makeFriends(patty, selma);
    if (QTest::currentTestFailed())
        return;

    Run run =
        cli({QStringLiteral("--json"), QStringLiteral("send"), selma, QStringLiteral("hi")}, patty);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject object = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(object.value(QLatin1String("ok")).toBool(), true);
    QVERIFY(object.value(QLatin1String("msg_id")).toDouble() > 0);

    run = cli({QStringLiteral("--json"), QStringLiteral("inbox")}, selma);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    bool sawMessage = false;
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), qPrintable(line));
        object = document.object();
        if (object.value(QLatin1String("kind")).toString() == QLatin1String("message")) {
            QCOMPARE(object.value(QLatin1String("from")).toString(), patty);
            QCOMPARE(object.value(QLatin1String("text")).toString(), QStringLiteral("hi"));
            sawMessage = true;
        }
    }
    QVERIFY(sawMessage);

    run = cli({QStringLiteral("--json"), QStringLiteral("friends")}, patty);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    object = QJsonDocument::fromJson(run.out.trimmed().toUtf8()).object();
    QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("friend"));
    QCOMPARE(object.value(QLatin1String("user")).toString(), selma);
}

void TestCli::errorsGiveCodes()
{
    const QString bart = newName(QStringLiteral("Bart"));
    const QString stranger = newName(QStringLiteral("Nelson"));
    QCOMPARE(cli({QStringLiteral("register")}, bart).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("register")}, stranger).exitCode, 0);

    Run run = cli({QStringLiteral("register")}, bart);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: user_exists: ")), qPrintable(run.err));

    QProcess process;
    QProcessEnvironment env = environment(bart);
    env.insert(QStringLiteral("PALOMAR_PASSWORD"), QStringLiteral("not the password"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PALOMAR_CLI_BINARY), {QStringLiteral("friends")});
    QVERIFY(process.waitForFinished(kWait));
    QCOMPARE(process.exitCode(), 1);
    const QString wrong = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(wrong.startsWith(QLatin1String("error: bad_credentials: ")), qPrintable(wrong));

    run = cli({QStringLiteral("friends")}, newName(QStringLiteral("nobody")));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: bad_credentials: ")), qPrintable(run.err));

    run = cli({QStringLiteral("send"), stranger, QStringLiteral("psst")}, bart);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_friends: ")), qPrintable(run.err));

    run = cli({QStringLiteral("add"), newName(QStringLiteral("ghost"))}, bart);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: no_such_user: ")), qPrintable(run.err));

    run = cli({QStringLiteral("accept"), stranger}, bart);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: no_such_request: ")), qPrintable(run.err));

    // Every failure above logged out: a login without --takeover still works.
    run = cli({QStringLiteral("friends")}, bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCli::throttledLoginSaysHowLongToWait()
{
    // A server of its own, blocking an account after one failure.
    ServerProcess server({QStringLiteral("--hash-cost"), QStringLiteral("minimum"),
                          QStringLiteral("--login-failures-per-account"), QStringLiteral("1")});
    QVERIFY2(server.start(), server.output().constData());
    const ClientTest::CliRunner right{QStringLiteral(PALOMAR_CLI_BINARY), server.address(),
                                      kPassword};
    const ClientTest::CliRunner wrong{QStringLiteral(PALOMAR_CLI_BINARY), server.address(),
                                      QStringLiteral("not the password")};
    const QString moe = newName(QStringLiteral("Moe"));
    QCOMPARE(right.run({QStringLiteral("register")}, moe).exitCode, 0);
    // However slowly the runs go, the block comes: each failure doubles the wait.
    Run run;
    for (int i = 0; i < 12; ++i) {
        run = wrong.run({QStringLiteral("friends")}, moe);
        if (!run.err.startsWith(QLatin1String("error: bad_credentials: ")))
            break;
    }
    QCOMPARE(run.exitCode, 1);
    static const QRegularExpression waitLine(
        QStringLiteral("^error: rate_limited: too many failed logins; try again in (\\d+) s\n$"));
    const QRegularExpressionMatch match = waitLine.match(run.err);
    QVERIFY2(match.hasMatch(), qPrintable(run.err));
    QVERIFY(match.captured(1).toInt() >= 1);
}

void TestCli::passwordFromFile()
{
    const QString lisa = newName(QStringLiteral("Lisa"));
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("password")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("saxophone solo\nsecond line is ignored\n");
    file.close();
    const QStringList common{QStringLiteral("--user"), lisa, QStringLiteral("--password-file"),
                             file.fileName()};
    Run run = cli(common + QStringList{QStringLiteral("register")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli(common + QStringList{QStringLiteral("friends")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The environment's password is not Lisa's: the file took precedence.
    run = cli({QStringLiteral("friends")}, lisa);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: bad_credentials: ")), qPrintable(run.err));
}

void TestCli::interactiveShowsIncomingAndLogsOutOnSigint()
{
    const QString bart = newName(QStringLiteral("Bart"));
    const QString lisa = newName(QStringLiteral("Lisa"));
    QCOMPARE(cli({QStringLiteral("register")}, bart).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("register")}, lisa).exitCode, 0);
    makeFriends(bart, lisa);
    if (QTest::currentTestFailed())
        return;

    QProcess shell;
    shell.setProcessEnvironment(environment(bart));
    QString out;
    connect(&shell, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromUtf8(shell.readAllStandardOutput()); });
    shell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    QVERIFY(shell.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("Logged in as ") + bart), kWait);

    // While logged in there, a one-shot command of the same user shares that
    // session (the token it saved, in a file only Bart may read) and leaves it running.
    const QDir sessions(ClientTest::cliStateFolder() +
                        QStringLiteral("/data/palomar-cli/sessions"));
    const QFileInfoList saved = sessions.entryInfoList(QDir::Files);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().permissions() &
                 ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
             QFile::Permissions());
    Run run = cli({QStringLiteral("friends")}, bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(lisa), qPrintable(run.out));
    QCOMPARE(shell.state(), QProcess::Running);

    // Incoming messages print as they arrive.
    run = cli({QStringLiteral("send"), bart, QStringLiteral("Bart, stop it")}, lisa);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(lisa + QLatin1String(": Bart, stop it")), kWait);

    // Typed lines: /msg sends and makes Lisa the current chat; plain text goes there.
    shell.write(QStringLiteral("/msg %1 eat my shorts\n").arg(lisa).toUtf8());
    shell.write("ay caramba\n");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral(u": eat my shorts  \u2713")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral(u": ay caramba  \u2713")), kWait);

    run = cli({QStringLiteral("inbox")}, lisa);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(bart + QLatin1String(": eat my shorts")), qPrintable(run.out));
    QVERIFY2(run.out.contains(bart + QLatin1String(": ay caramba")), qPrintable(run.out));
    // Lisa's inbox acknowledged them: the ticks change on Bart's screen.
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(lisa + QStringLiteral(u" received \u201Ceat my shorts\u201D")), kWait);

    // Friend events too.
    const QString milhouse = newName(QStringLiteral("Milhouse"));
    QCOMPARE(cli({QStringLiteral("register")}, milhouse).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("add"), bart}, milhouse).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(milhouse + QLatin1String(" wants to be your friend")),
                             kWait);

    shell.write("/friends\n");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("Asking you: ") + milhouse), kWait);

    ::kill(pid_t(shell.processId()), SIGINT);
    QVERIFY(shell.waitForFinished(kWait));
    QCOMPARE(shell.exitStatus(), QProcess::NormalExit);
    QCOMPARE(shell.exitCode(), 0);

    // Logged out, its token forgotten: a fresh login without --takeover succeeds.
    QVERIFY(sessions.entryInfoList(QDir::Files).isEmpty());
    run = cli({QStringLiteral("friends")}, bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCli::interactiveLeavesCleanly_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("end of input") << QStringLiteral("eof");
    QTest::newRow("/quit") << QStringLiteral("quit");
    QTest::newRow("SIGTERM") << QStringLiteral("sigterm");
}

void TestCli::interactiveLeavesCleanly()
{
    QFETCH(QString, how);
    const QString maggie = newName(QStringLiteral("Maggie"));
    QCOMPARE(cli({QStringLiteral("register")}, maggie).exitCode, 0);
    QProcess shell;
    shell.setProcessEnvironment(environment(maggie));
    QString out;
    connect(&shell, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromUtf8(shell.readAllStandardOutput()); });
    shell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    QVERIFY(shell.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("Logged in as ")), kWait);
    shell.write("/help\n");
    shell.write("no chat yet\n");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("/quit")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("No current chat")), kWait);
    if (how == QLatin1String("eof"))
        shell.closeWriteChannel();
    else if (how == QLatin1String("quit"))
        shell.write("/quit\n");
    else
        ::kill(pid_t(shell.processId()), SIGTERM);
    QVERIFY(shell.waitForFinished(kWait));
    QCOMPARE(shell.exitStatus(), QProcess::NormalExit);
    QCOMPARE(shell.exitCode(), 0);
    const Run run = cli({QStringLiteral("friends")}, maggie);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCli::oneShotInterruptedLogsOut()
{
    const QString abe = newName(QStringLiteral("Abe"));
    QCOMPARE(cli({QStringLiteral("register")}, abe).exitCode, 0);
    QProcess waiting;
    waiting.setProcessEnvironment(environment(abe));
    waiting.start(QStringLiteral(PALOMAR_CLI_BINARY),
                  {QStringLiteral("inbox"), QStringLiteral("--wait"), QStringLiteral("30")});
    QVERIFY(waiting.waitForStarted(kWait));
    // Logged in and parked once a second login is refused as session_active.
    QTRY_VERIFY_WITH_TIMEOUT(cli({QStringLiteral("friends")}, abe)
                                 .err.startsWith(QLatin1String("error: session_active: ")),
                             kWait);
    ::kill(pid_t(waiting.processId()), SIGINT);
    QVERIFY(waiting.waitForFinished(kWait));
    QCOMPARE(waiting.exitCode(), 1);
    const QString err = QString::fromUtf8(waiting.readAllStandardError());
    QVERIFY2(err.startsWith(QLatin1String("error: interrupted: ")), qPrintable(err));
    const Run run = cli({QStringLiteral("friends")}, abe);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCli::oneShotGroups()
{
    const QString homer = newName(QStringLiteral("Homer"));
    const QString marge = newName(QStringLiteral("Marge"));
    const QString bart = newName(QStringLiteral("Bart"));
    const QString moe = newName(QStringLiteral("Moe"));
    for (const QString &user : {homer, marge, bart, moe})
        QCOMPARE(cli({QStringLiteral("register")}, user).exitCode, 0);
    makeFriends(homer, marge);
    makeFriends(homer, bart);
    if (QTest::currentTestFailed())
        return;

    Run run = cli({QStringLiteral("groups")}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("No groups yet.")), qPrintable(run.out));

    run = cli({QStringLiteral("group-create"), QStringLiteral("Simpsons"), marge, moe}, homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_friends: ")), qPrintable(run.err));

    run = cli({QStringLiteral("--json"), QStringLiteral("group-create"), QStringLiteral("Simpsons"),
               marge},
              homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const qint64 group = qint64(QJsonDocument::fromJson(run.out.toUtf8())
                                    .object()
                                    .value(QLatin1String("group"))
                                    .toDouble());
    QVERIFY2(group > 0, qPrintable(run.out));
    const QString id = QString::number(group);

    // By id, and by name when the name is unambiguous.
    run = cli({QStringLiteral("group-add"), QStringLiteral("simpsons"), bart}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Added ") + bart), qPrintable(run.out));
    run = cli({QStringLiteral("group-add"), id, moe}, homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_friends: ")), qPrintable(run.err));
    run = cli({QStringLiteral("group-add"), id, bart}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_admin: ")), qPrintable(run.err));

    run = cli({QStringLiteral("groups")}, bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("#%1  Simpsons").arg(group)), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("admin ") + homer), qPrintable(run.out));

    run = cli({QStringLiteral("group-info"), id}, bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Members: %1, %2, %3").arg(homer, marge, bart)),
             qPrintable(run.out));

    // Marge and Bart are not friends; the group carries their messages all the same.
    run = cli({QStringLiteral("send"), QStringLiteral("--group"), id, QStringLiteral("Dinner!")},
              marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("[Simpsons] %1: Dinner!").arg(marge)),
             qPrintable(run.out));
    run = cli({QStringLiteral("send"), QStringLiteral("--group=Simpsons"), QStringLiteral("Eat"),
               QStringLiteral("my"), QStringLiteral("shorts")},
              bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = cli({QStringLiteral("inbox")}, bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(homer + QLatin1String(" added you to the group Simpsons")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("[Simpsons] %1: Dinner!").arg(marge)),
             qPrintable(run.out));

    run = cli({QStringLiteral("history"), QStringLiteral("--group"), id}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // The group's system lines (created, Bart added) are among the messages.
    QCOMPARE(
        lines.removeIf([](const QString &line) { return line.contains(QStringLiteral("] — ")); }),
        2);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).endsWith(QStringLiteral("[Simpsons] %1: Dinner!").arg(marge)),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).endsWith(QStringLiteral("[Simpsons] %1: Eat my shorts").arg(bart)),
             qPrintable(lines.at(1)));
    run = cli({QStringLiteral("history"), QStringLiteral("--group"), QStringLiteral("Simpsons"),
               QStringLiteral("--limit"), QStringLiteral("1")},
              homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);

    run = cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--group"), id},
              marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QStringList jsonLines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    jsonLines.removeIf(
        [](const QString &line) { return line.contains(QLatin1String("\"system\"")); });
    QVERIFY(!jsonLines.isEmpty());
    const QJsonObject first = QJsonDocument::fromJson(jsonLines.first().toUtf8()).object();
    QCOMPARE(qint64(first.value(QLatin1String("group")).toDouble()), group);
    QVERIFY(first.contains(QLatin1String("status"))); // Marge's own message

    run = cli({QStringLiteral("send"), QStringLiteral("--group"), id, QStringLiteral("hi")}, moe);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_member: ")), qPrintable(run.err));
    run = cli({QStringLiteral("history"), QStringLiteral("--group"), QStringLiteral("Simpsons")},
              moe);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: no_such_group: ")), qPrintable(run.err));

    // A second group with the same name makes the name ambiguous.
    QCOMPARE(cli({QStringLiteral("group-create"), QStringLiteral("Simpsons")}, homer).exitCode, 0);
    run = cli({QStringLiteral("group-info"), QStringLiteral("Simpsons")}, homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: ambiguous_group: ")), qPrintable(run.err));

    run =
        cli({QStringLiteral("group-rename"), id, QStringLiteral("The"), QStringLiteral("Simpsons")},
            homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("group-remove"), id, bart}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("group-leave"), QStringLiteral("the simpsons")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("You left The Simpsons.")), qPrintable(run.out));
    run = cli({QStringLiteral("group-info"), id}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Members: %1\n").arg(homer)), qPrintable(run.out));
    run = cli({QStringLiteral("inbox")}, bart);
    QVERIFY2(run.out.contains(QLatin1String("you are no longer in the group The Simpsons")),
             qPrintable(run.out));
}

void TestCli::groupUsageErrors()
{
    const QString user = QStringLiteral("someone");
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("group-create")},
          QStringList{QStringLiteral("group-add"), QStringLiteral("1")},
          QStringList{QStringLiteral("group-leave")},
          QStringList{QStringLiteral("group-leave"), QStringLiteral("1"), QStringLiteral("2")},
          QStringList{QStringLiteral("groups"), QStringLiteral("x")},
          QStringList{QStringLiteral("send"), QStringLiteral("--group"), QStringLiteral("1")},
          QStringList{QStringLiteral("friends"), QStringLiteral("--group"), QStringLiteral("1")},
          QStringList{QStringLiteral("history"), QStringLiteral("--group"), QStringLiteral("1"),
                      QStringLiteral("bob")}}) {
        const Run run = cli(arguments, user);
        QVERIFY2(run.exitCode == 2 && run.err.startsWith(QLatin1String("error: usage: ")),
                 qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1String(": ") + run.err));
    }
}

void TestCli::interactiveGroups()
{
    const QString lisa = newName(QStringLiteral("Lisa"));
    const QString milhouse = newName(QStringLiteral("Milhouse"));
    const QString nelson = newName(QStringLiteral("Nelson"));
    for (const QString &user : {lisa, milhouse, nelson})
        QCOMPARE(cli({QStringLiteral("register")}, user).exitCode, 0);
    makeFriends(lisa, milhouse);
    makeFriends(lisa, nelson);
    if (QTest::currentTestFailed())
        return;

    QProcess shell;
    shell.setProcessEnvironment(environment(lisa));
    QString out;
    connect(&shell, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromUtf8(shell.readAllStandardOutput()); });
    shell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    QVERIFY(shell.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("Logged in as ") + lisa), kWait);

    shell.write(QStringLiteral("/gcreate Treehouse %1 %2\n").arg(milhouse, nelson).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("* created the group Treehouse (#")),
                             kWait);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("* now chatting in Treehouse")), kWait);
    // Plain lines go to the current group.
    shell.write("Meeting at noon\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QStringLiteral(u"[Treehouse] %1: Meeting at noon  \u2713").arg(lisa)), kWait);

    // Milhouse and Nelson are not friends: Nelson's message still reaches Milhouse.
    Run run = cli({QStringLiteral("send"), QStringLiteral("--group"), QStringLiteral("Treehouse"),
                   QStringLiteral("Haw haw")},
                  nelson);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral("[Treehouse] %1: Haw haw").arg(nelson)),
                             kWait);
    run = cli({QStringLiteral("inbox")}, milhouse);
    QVERIFY2(run.out.contains(QStringLiteral("[Treehouse] %1: Haw haw").arg(nelson)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("[Treehouse] %1: Meeting at noon").arg(lisa)),
             qPrintable(run.out));

    shell.write("/groups\n");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("you are the admin")), kWait);
    shell.write("/ginfo\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QStringLiteral("Members: %1, %2, %3").arg(lisa, milhouse, nelson)), kWait);
    // Nelson's inbox acknowledged: every member has it, the tick turns.
    QCOMPARE(cli({QStringLiteral("inbox")}, nelson).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("(received by everyone)")), kWait);

    shell.write(QStringLiteral("/gremove Treehouse %1\n").arg(nelson).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QStringLiteral("* removed %1 from Treehouse").arg(nelson)), kWait);
    shell.write(QStringLiteral("/gadd Treehouse %1\n").arg(nelson).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral("* added %1 to Treehouse").arg(nelson)),
                             kWait);
    shell.write("/history\n");
    QTRY_VERIFY_WITH_TIMEOUT(out.count(QLatin1String("Meeting at noon")) >= 2, kWait);

    shell.write("/gleave Treehouse\n");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("* you left Treehouse")), kWait);
    shell.write("/quit\n");
    QVERIFY(shell.waitForFinished(kWait));
    QCOMPARE(shell.exitCode(), 0);
    run = cli({QStringLiteral("group-info"), QStringLiteral("Treehouse")}, milhouse);
    QVERIFY2(run.out.contains(QLatin1String(", admin ") + milhouse), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
