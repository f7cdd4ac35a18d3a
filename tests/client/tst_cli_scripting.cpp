// palomar-cli as scripts use it: errors in JSON with --json, exit status 2
// for usage errors, options anywhere on the line, the interactive mode
// through a pipe (in order, failing with 1), and what the interactive mode
// shows: the recent messages of a chat, receipts that name what was read.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using Palomar::Testing::ServerProcess;

namespace {
const QString kPassword = QStringLiteral("scripts all the way down");
constexpr int kWait = 15000;
} // namespace

class TestCliScripting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void jsonErrors();
    void usageErrorsExitTwo();
    void optionsAnywhere();
    void pipedLinesRunInOrderAndFail();
    void chatShowsRecentMessages();
    void receiptsNameWhatWasRead();
    void inboxNamesWhatWasRead();

private:
    ClientTest::CliRunner runner() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kPassword};
    }
    ClientTest::CliRun cli(const QStringList &arguments, const QString &user)
    {
        return runner().run(arguments, user);
    }
    // A session of `user` (registered), logged in; null when that fails.
    std::unique_ptr<ClientTest::ClientSession> loggedIn(const QString &user) const;
    // The interactive mode through a pipe: `input` written, then closed.
    ClientTest::CliRun piped(const QString &user, const QByteArray &input);

    ServerProcess m_server;
    int m_counter = 0;
    QString m_homer, m_marge;
};

void TestCliScripting::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliScripting::init()
{
    ++m_counter;
    m_homer = QStringLiteral("Homer%1").arg(m_counter);
    m_marge = QStringLiteral("Marge%1").arg(m_counter);
    for (const QString &user : {m_homer, m_marge}) {
        const ClientTest::CliRun run = cli({QStringLiteral("register")}, user);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    runner().makeFriends(m_homer, m_marge);
}

std::unique_ptr<ClientTest::ClientSession> TestCliScripting::loggedIn(const QString &user) const
{
    auto session = std::make_unique<ClientTest::ClientSession>();
    session->connectToServer(QStringLiteral("127.0.0.1"), m_server.port());
    if (!QTest::qWaitFor(
            [&] { return session->state() == ClientTest::ClientSession::State::Connected; },
            kWait) ||
        !ClientTest::await(session->login(user, kPassword)).ok)
        return nullptr;
    return session;
}

ClientTest::CliRun TestCliScripting::piped(const QString &user, const QByteArray &input)
{
    return runner().runPiped(user, input);
}

void TestCliScripting::jsonErrors()
{
    ClientTest::CliRun run = cli({QStringLiteral("--json"), QStringLiteral("send"),
                                  QStringLiteral("Nobody%1").arg(m_counter), QStringLiteral("hi")},
                                 m_homer);
    QCOMPARE(run.exitCode, 1);
    QJsonParseError error;
    QJsonObject object = QJsonDocument::fromJson(run.err.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.err));
    QCOMPARE(object.value(QLatin1String("ok")).toBool(true), false);
    QCOMPARE(object.value(QLatin1String("error")).toString(), QStringLiteral("no_such_user"));
    QVERIFY(!object.value(QLatin1String("message")).toString().isEmpty());

    // A usage error too, wherever --json is.
    run = cli({QStringLiteral("fly"), QStringLiteral("--json")}, m_homer);
    QCOMPARE(run.exitCode, 2);
    object = QJsonDocument::fromJson(run.err.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.err));
    QCOMPARE(object.value(QLatin1String("error")).toString(), QStringLiteral("usage"));
}

void TestCliScripting::usageErrorsExitTwo()
{
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("--frobnicate")}, QStringList{QStringLiteral("fly")},
          QStringList{QStringLiteral("history")},
          QStringList{QStringLiteral("--retry-for"), QStringLiteral("soon"),
                      QStringLiteral("inbox")},
          QStringList{QStringLiteral("history"), m_marge, QStringLiteral("--limit"),
                      QStringLiteral("0")}}) {
        const ClientTest::CliRun run = cli(arguments, m_homer);
        QVERIFY2(run.exitCode == 2 && run.err.startsWith(QLatin1String("error: usage: ")),
                 qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1String(": ") + run.err));
    }
    const ClientTest::CliRun version = cli({QStringLiteral("--version")}, m_homer);
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.startsWith(QLatin1String("palomar-cli ")), qPrintable(version.out));
}

void TestCliScripting::optionsAnywhere()
{
    ClientTest::CliRun run =
        cli({QStringLiteral("send"), m_marge, QStringLiteral("--json"), QStringLiteral("anywhere")},
            m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QLatin1String("ok")).toBool(),
             true);

    run = cli({QStringLiteral("history"), m_homer, QStringLiteral("--takeover"),
               QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--json")},
              m_marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(
        QJsonDocument::fromJson(run.out.toUtf8()).object().value(QLatin1String("text")).toString(),
        QStringLiteral("anywhere"));

    // After `--`, a text that looks like an option is text.
    run = cli({QStringLiteral("send"), m_marge, QStringLiteral("--"), QStringLiteral("--json")},
              m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String(": --json")), qPrintable(run.out));
}

void TestCliScripting::pipedLinesRunInOrderAndFail()
{
    const ClientTest::CliRun run = piped(m_homer, QStringLiteral("/msg %1 first\n"
                                                                 "/nosuch\n"
                                                                 "second\n")
                                                      .arg(m_marge)
                                                      .toUtf8());
    const qsizetype first = run.out.indexOf(QLatin1String(": first"));
    const qsizetype failed = run.out.indexOf(QLatin1String("error: unknown_command: /nosuch"));
    const qsizetype second = run.out.indexOf(QLatin1String(": second"));
    QVERIFY2(first >= 0 && failed > first && second > failed, qPrintable(run.out));
    QCOMPARE(run.exitCode, 1);

    // Nothing failed: 0.
    const ClientTest::CliRun fine =
        piped(m_homer, QStringLiteral("/msg %1 third\n").arg(m_marge).toUtf8());
    QVERIFY2(fine.out.contains(QLatin1String(": third")), qPrintable(fine.out));
    QCOMPARE(fine.exitCode, 0);
}

void TestCliScripting::chatShowsRecentMessages()
{
    for (const QString &text : {QStringLiteral("one"), QStringLiteral("two")}) {
        const ClientTest::CliRun run = cli({QStringLiteral("send"), m_homer, text}, m_marge);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    const ClientTest::CliRun run =
        piped(m_homer, QStringLiteral("/chat %1\n").arg(m_marge).toUtf8());
    QCOMPARE(run.exitCode, 0);
    const qsizetype one = run.out.indexOf(m_marge + QLatin1String(": one"));
    const qsizetype two = run.out.indexOf(m_marge + QLatin1String(": two"));
    QVERIFY2(one >= 0 && two > one, qPrintable(run.out)); // oldest first
}

void TestCliScripting::receiptsNameWhatWasRead()
{
    // A group, so that its receipts come with the group's name.
    ClientTest::CliRun run = cli({QStringLiteral("--json"), QStringLiteral("group-create"),
                                  QStringLiteral("Kwik-E-Mart"), m_marge},
                                 m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const qint64 group = ClientTest::jsonNumber(run.out, QStringLiteral("group"));
    QVERIFY2(group > 0, qPrintable(run.out));
    const auto sent = [&](const QStringList &arguments) {
        const ClientTest::CliRun result =
            cli(QStringList{QStringLiteral("--json")} + arguments, m_homer);
        return ClientTest::jsonNumber(result.out, QStringLiteral("msg_id"));
    };
    const qint64 inGroup = sent({QStringLiteral("send"), QStringLiteral("--group"),
                                 QString::number(group), QStringLiteral("thank you, come again")});
    const qint64 direct =
        sent({QStringLiteral("send"), m_marge, QStringLiteral("sent before this run")});
    QVERIFY(inGroup > 0 && direct > 0);

    // Homer's interactive client, started after both were sent.
    QProcess shell;
    shell.setProcessEnvironment(runner().environment(m_homer));
    QString out;
    connect(&shell, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromUtf8(shell.readAllStandardOutput()); });
    shell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    QVERIFY(shell.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("Logged in as ") + m_homer), kWait);

    // Marge reads both.
    const auto marge = loggedIn(m_marge);
    QVERIFY(marge);
    ClientTest::Answer answer = ClientTest::await(marge->markRead(m_homer, direct));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    answer = ClientTest::await(marge->markGroupRead(group, inGroup));
    QVERIFY2(answer.ok, qPrintable(answer.error));

    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(m_marge + QStringLiteral(u" read \u201Csent before this run\u201D")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QStringLiteral(u"[Kwik-E-Mart] %1 read \u201Cthank you, come again\u201D")
                         .arg(m_marge)),
        kWait);
    QVERIFY2(!out.contains(QLatin1String("message #")), qPrintable(out));
    shell.closeWriteChannel();
    QTRY_COMPARE_WITH_TIMEOUT(shell.state(), QProcess::NotRunning, kWait);
    QCOMPARE(shell.exitCode(), 0);
}

void TestCliScripting::inboxNamesWhatWasRead()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("notes.txt"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("for marge") > 0);
    }
    const ClientTest::CliRun sent =
        cli({QStringLiteral("--json"), QStringLiteral("send-file"), m_marge, path}, m_homer);
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
    const qint64 fileMessage = ClientTest::jsonNumber(sent.out, QStringLiteral("msg_id"));
    QVERIFY2(fileMessage > 0, qPrintable(sent.out));

    const auto marge = loggedIn(m_marge);
    QVERIFY(marge);
    ClientTest::Answer answer = ClientTest::await(marge->markRead(m_homer, fileMessage));
    QVERIFY2(answer.ok, qPrintable(answer.error));

    // Homer's inbox: the receipt names the file, though this run never saw it.
    const ClientTest::CliRun inbox = cli({QStringLiteral("inbox")}, m_homer);
    QVERIFY2(inbox.exitCode == 0, qPrintable(inbox.err));
    QVERIFY2(inbox.out.contains(m_marge + QStringLiteral(u" read the file \u201Cnotes.txt\u201D")),
             qPrintable(inbox.out));
    QVERIFY2(!inbox.out.contains(QLatin1String("message #")), qPrintable(inbox.out));
}

QTEST_GUILESS_MAIN(TestCliScripting)
#include "tst_cli_scripting.moc"
