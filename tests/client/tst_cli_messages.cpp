// palomar-cli on messages already sent: reply, edit, delete (for everyone)
// and forward as one-shot commands (text and --json, their errors and exit
// statuses), as slash commands of the interactive mode, and how history and
// inbox and a running interactive mode show replies, edits, forwards, tombstones
// and the edited/deleted events.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using ClientTest::jsonLines;
using Palomar::Testing::ServerProcess;

namespace {
const QString kPassword = QStringLiteral("reply all the things");
constexpr int kWait = 15000;
} // namespace

class TestCliMessages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void replyShowsInHistory();
    void replyNeedsItsChat();
    void editShowsEdited();
    void editErrors();
    void deleteLeavesTombstone();
    void forwardToFriendAndGroup();
    void searchFindsWordsInChats();
    void inboxShowsEditedAndDeleted();
    void shellSlashCommands();
    void shellShowsEditsLive();

private:
    ClientTest::CliRunner runner() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kPassword};
    }
    ClientTest::CliRun cli(const QStringList &arguments, const QString &user) const
    {
        return runner().run(arguments, user);
    }
    // `send --json`: the new msg_id (0 on failure).
    qint64 send(const QString &from, const QString &to, const QString &text) const;
    // `history --json` of `user` with `peer`, oldest first.
    QList<QJsonObject> history(const QString &user, const QString &peer) const;
    // The interactive mode through a pipe: `input` written, then closed.
    ClientTest::CliRun piped(const QString &user, const QByteArray &input) const;

    ServerProcess m_server;
    int m_counter = 0;
    QString m_homer, m_marge, m_bart;
};

void TestCliMessages::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliMessages::init()
{
    ++m_counter;
    m_homer = QStringLiteral("Homer%1").arg(m_counter);
    m_marge = QStringLiteral("Marge%1").arg(m_counter);
    m_bart = QStringLiteral("Bart%1").arg(m_counter);
    runner().registerFriendsOf(m_homer, {m_marge, m_bart});
}

qint64 TestCliMessages::send(const QString &from, const QString &to, const QString &text) const
{
    return runner().sentId(from, {to, text});
}

QList<QJsonObject> TestCliMessages::history(const QString &user, const QString &peer) const
{
    const ClientTest::CliRun run =
        cli({QStringLiteral("--json"), QStringLiteral("history"), peer}, user);
    return run.exitCode == 0 ? jsonLines(run.out) : QList<QJsonObject>{};
}

ClientTest::CliRun TestCliMessages::piped(const QString &user, const QByteArray &input) const
{
    return runner().runPiped(user, input);
}

void TestCliMessages::replyShowsInHistory()
{
    const qint64 question = send(m_marge, m_homer, QStringLiteral("Donut?"));
    QVERIFY(question > 0);
    const QString id = QString::number(question);

    ClientTest::CliRun run = cli({QStringLiteral("reply"), id, QStringLiteral("--to"), m_marge,
                                  QStringLiteral("Mmm"), QStringLiteral("yes")},
                                 m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral(u"\u21AA #%1 Mmm yes").arg(question)),
             qPrintable(run.out));

    run = cli({QStringLiteral("--json"), QStringLiteral("reply"), id, QStringLiteral("--to"),
               m_marge, QStringLiteral("again")},
              m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(result.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(result.value(QLatin1String("reply_to")).toInteger(), question);
    QCOMPARE(result.value(QLatin1String("to")).toString(), m_marge);
    QVERIFY(result.value(QLatin1String("msg_id")).toInteger() > question);

    const QList<QJsonObject> items = history(m_marge, m_homer);
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(1).value(QLatin1String("text")).toString(), QStringLiteral("Mmm yes"));
    QCOMPARE(items.at(1).value(QLatin1String("reply_to")).toInteger(), question);
    QVERIFY(!items.at(0).contains(QLatin1String("reply_to")));

    run = cli({QStringLiteral("history"), m_homer}, m_marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral(u"%1: \u21AA #%2 Mmm yes").arg(m_homer).arg(question)),
             qPrintable(run.out));
}

void TestCliMessages::replyNeedsItsChat()
{
    const qint64 toBart = send(m_homer, m_bart, QStringLiteral("Why you little"));
    QVERIFY(toBart > 0);
    // Without --to/--group, and with a bad id: usage errors, exit 2.
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("reply"), QString::number(toBart), QStringLiteral("hi")},
          QStringList{QStringLiteral("reply"), QStringLiteral("abc"), QStringLiteral("--to"),
                      m_bart, QStringLiteral("hi")},
          QStringList{QStringLiteral("delete")},
          QStringList{QStringLiteral("edit"), QStringLiteral("-3"), QStringLiteral("x")}}) {
        const ClientTest::CliRun run = cli(arguments, m_homer);
        QVERIFY2(run.exitCode == 2 && run.err.startsWith(QLatin1String("error: usage: ")),
                 qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1String(": ") + run.err));
    }
    // A message of another chat: no_such_message, nothing sent.
    const ClientTest::CliRun run =
        cli({QStringLiteral("--json"), QStringLiteral("reply"), QString::number(toBart),
             QStringLiteral("--to"), m_marge, QStringLiteral("hi")},
            m_homer);
    QCOMPARE(run.exitCode, 1);
    const QJsonObject error = QJsonDocument::fromJson(run.err.toUtf8()).object();
    QCOMPARE(error.value(QLatin1String("error")).toString(), QStringLiteral("no_such_message"));
    QCOMPARE(history(m_marge, m_homer).size(), 0);
}

void TestCliMessages::editShowsEdited()
{
    const qint64 sent = send(m_homer, m_marge, QStringLiteral("D'oh"));
    QVERIFY(sent > 0);
    ClientTest::CliRun run =
        cli({QStringLiteral("edit"), QString::number(sent), QStringLiteral("Woohoo")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Edited message #%1.").arg(sent)),
             qPrintable(run.out));

    run = cli({QStringLiteral("edit"), QString::number(sent), QStringLiteral("--json"),
               QStringLiteral("Woohoo!")},
              m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(result.value(QLatin1String("msg_id")).toInteger(), sent);
    QVERIFY(result.value(QLatin1String("edited")).toInteger() > 0);

    const QList<QJsonObject> items = history(m_marge, m_homer);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).value(QLatin1String("text")).toString(), QStringLiteral("Woohoo!"));
    QVERIFY(items.at(0).value(QLatin1String("edited")).toInteger() > 0);
    run = cli({QStringLiteral("history"), m_homer}, m_marge);
    QVERIFY2(run.out.contains(QStringLiteral("%1: Woohoo! (edited)").arg(m_homer)),
             qPrintable(run.out));
}

void TestCliMessages::editErrors()
{
    const qint64 sent = send(m_homer, m_marge, QStringLiteral("mine"));
    QVERIFY(sent > 0);
    // Marge did not send it; Bart cannot see it; 999999 does not exist.
    ClientTest::CliRun run =
        cli({QStringLiteral("edit"), QString::number(sent), QStringLiteral("hers")}, m_marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_sender: ")), qPrintable(run.err));
    run = cli({QStringLiteral("--json"), QStringLiteral("delete"), QString::number(sent)}, m_bart);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(
        QJsonDocument::fromJson(run.err.toUtf8()).object().value(QLatin1String("error")).toString(),
        QStringLiteral("no_such_message"));
    run = cli({QStringLiteral("delete"), QStringLiteral("999999")}, m_homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: no_such_message: ")), qPrintable(run.err));
    // Nothing changed.
    const QList<QJsonObject> items = history(m_marge, m_homer);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).value(QLatin1String("text")).toString(), QStringLiteral("mine"));
}

void TestCliMessages::deleteLeavesTombstone()
{
    const qint64 sent = send(m_homer, m_marge, QStringLiteral("secret"));
    QVERIFY(sent > 0);
    ClientTest::CliRun run = cli({QStringLiteral("delete"), QString::number(sent)}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Deleted message #%1 for everyone.").arg(sent)),
             qPrintable(run.out));

    const QList<QJsonObject> items = history(m_marge, m_homer);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).value(QLatin1String("deleted")).toBool(), true);
    QCOMPARE(items.at(0).value(QLatin1String("text")).toString(), QString());
    run = cli({QStringLiteral("history"), m_homer}, m_marge);
    QVERIFY2(run.out.contains(QStringLiteral("%1: (message deleted)").arg(m_homer)),
             qPrintable(run.out));
    QVERIFY2(!run.out.contains(QLatin1String("secret")), qPrintable(run.out));

    // A tombstone is no longer a message: deleting it again fails.
    run = cli({QStringLiteral("--json"), QStringLiteral("delete"), QString::number(sent)}, m_homer);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(
        QJsonDocument::fromJson(run.err.toUtf8()).object().value(QLatin1String("error")).toString(),
        QStringLiteral("no_such_message"));
}

void TestCliMessages::forwardToFriendAndGroup()
{
    const qint64 sent = send(m_marge, m_homer, QStringLiteral("pass it on"));
    QVERIFY(sent > 0);
    ClientTest::CliRun run =
        cli({QStringLiteral("--json"), QStringLiteral("forward"), QString::number(sent), m_bart},
            m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(result.value(QLatin1String("source_msg_id")).toInteger(), sent);
    QCOMPARE(result.value(QLatin1String("to")).toString(), m_bart);
    QList<QJsonObject> items = history(m_bart, m_homer);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).value(QLatin1String("text")).toString(), QStringLiteral("pass it on"));
    QCOMPARE(items.at(0).value(QLatin1String("forwarded")).toBool(), true);
    run = cli({QStringLiteral("history"), m_homer}, m_bart);
    QVERIFY2(run.out.contains(QStringLiteral("%1: (forwarded) pass it on").arg(m_homer)),
             qPrintable(run.out));

    // To a group, by name.
    const QString group = QStringLiteral("Family%1").arg(m_counter);
    run = cli({QStringLiteral("group-create"), group, m_bart}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("forward"), QString::number(sent), QStringLiteral("--group"), group},
              m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Forwarded message #%1 to %2").arg(sent).arg(group)),
             qPrintable(run.out));
    run = cli({QStringLiteral("history"), QStringLiteral("--group"), group}, m_bart);
    QVERIFY2(run.out.contains(QStringLiteral("(forwarded) pass it on")), qPrintable(run.out));

    // Marge is no friend of Bart's: not_friends, nothing sent.
    run = cli({QStringLiteral("forward"), QString::number(sent), m_bart}, m_marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_friends: ")), qPrintable(run.err));
    QCOMPARE(history(m_bart, m_marge).size(), 0);
}

// search: every chat or one (--to, --group), accents folded, ids shown,
// --json with the chat, nothing found, and usage errors.
void TestCliMessages::searchFindsWordsInChats()
{
    const qint64 first = send(m_marge, m_homer, QStringLiteral("Caf\u00e9 at noon?"));
    const qint64 second = send(m_bart, m_homer, QStringLiteral("the cafe is closed"));
    QVERIFY(first > 0 && second > 0);
    ClientTest::CliRun run = cli({QStringLiteral("search"), QStringLiteral("CAFE")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    // Newest first, each with its id and chat.
    QVERIFY2(lines.at(0).contains(QStringLiteral("] #%1 (with %2) %2: ").arg(second).arg(m_bart)),
             qPrintable(run.out));
    QVERIFY2(lines.at(1).contains(QStringLiteral("] #%1 (with %2) %2: ").arg(first).arg(m_marge)),
             qPrintable(run.out));

    run = cli({QStringLiteral("--json"), QStringLiteral("search"), QStringLiteral("--to"), m_marge,
               QStringLiteral("caf\u00e9")},
              m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QList<QJsonObject> found = jsonLines(run.out);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).value(QLatin1String("msg_id")).toInteger(), first);
    QCOMPARE(found.at(0).value(QLatin1String("peer")).toString(), m_marge);

    const QString group = QStringLiteral("Search%1").arg(m_counter);
    run = cli({QStringLiteral("group-create"), group, m_bart}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli(
        {QStringLiteral("send"), QStringLiteral("--group"), group, QStringLiteral("cafe meeting")},
        m_bart);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("search"), QStringLiteral("--group"), group, QStringLiteral("cafe")},
              m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
    QVERIFY2(run.out.contains(QStringLiteral("cafe meeting")), qPrintable(run.out));

    run = cli({QStringLiteral("search"), QStringLiteral("zeppelin")}, m_homer);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("No messages match")), qPrintable(run.out));
    // Someone else's chat never matches.
    run = cli({QStringLiteral("--json"), QStringLiteral("search"), QStringLiteral("noon")}, m_bart);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.trimmed().isEmpty(), qPrintable(run.out));
    // Usage: no words, a bad limit.
    QCOMPARE(cli({QStringLiteral("search")}, m_homer).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("search"), QStringLiteral("--limit"), QStringLiteral("0"),
                  QStringLiteral("cafe")},
                 m_homer)
                 .exitCode,
             2);
}

void TestCliMessages::inboxShowsEditedAndDeleted()
{
    const qint64 first = send(m_homer, m_marge, QStringLiteral("first"));
    const qint64 second = send(m_homer, m_marge, QStringLiteral("second"));
    QVERIFY(first > 0 && second > 0);
    ClientTest::CliRun run = cli({QStringLiteral("inbox")}, m_marge); // takes the messages
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("edit"), QString::number(first), QStringLiteral("First!")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("delete"), QString::number(second)}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = cli({QStringLiteral("inbox")}, m_marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(
        run.out.contains(QStringLiteral("* %1 edited message #%2: First!").arg(m_homer).arg(first)),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("* %1 deleted message #%2").arg(m_homer).arg(second)),
             qPrintable(run.out));

    // --json: the events as they came.
    const qint64 third = send(m_homer, m_marge, QStringLiteral("third"));
    run = cli({QStringLiteral("inbox")}, m_marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("edit"), QString::number(third), QStringLiteral("3rd")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("--json"), QStringLiteral("inbox")}, m_marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QList<QJsonObject> events = jsonLines(run.out);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).value(QLatin1String("kind")).toString(), QStringLiteral("edited"));
    QCOMPARE(events.at(0).value(QLatin1String("msg_id")).toInteger(), third);
    QCOMPARE(events.at(0).value(QLatin1String("text")).toString(), QStringLiteral("3rd"));
}

void TestCliMessages::shellSlashCommands()
{
    const qint64 question = send(m_marge, m_homer, QStringLiteral("Beer?"));
    const qint64 mine = send(m_homer, m_marge, QStringLiteral("typo"));
    const qint64 gone = send(m_homer, m_marge, QStringLiteral("oops"));
    QVERIFY(question > 0 && mine > 0 && gone > 0);
    const ClientTest::CliRun run = piped(m_homer, QStringLiteral("/chat %1\n"
                                                                 "/reply %2 Sure\n"
                                                                 "/edit %3 fixed\n"
                                                                 "/delete %4\n"
                                                                 "/forward %2 %5\n"
                                                                 "/edit %2 not mine\n")
                                                      .arg(m_marge)
                                                      .arg(question)
                                                      .arg(mine)
                                                      .arg(gone)
                                                      .arg(m_bart)
                                                      .toUtf8());
    QVERIFY2(run.out.contains(QStringLiteral(u"\u21AA #%1 Sure").arg(question)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("* edited message #%1").arg(mine)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("* deleted message #%1 for everyone").arg(gone)),
             qPrintable(run.out));
    QVERIFY2(
        run.out.contains(QStringLiteral("* forwarded message #%1 to %2").arg(question).arg(m_bart)),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("error: not_sender: ")), qPrintable(run.out));
    QCOMPARE(run.exitCode, 1); // the failed /edit

    const QList<QJsonObject> items = history(m_marge, m_homer);
    QCOMPARE(items.size(), 4);
    QCOMPARE(items.at(1).value(QLatin1String("text")).toString(), QStringLiteral("fixed"));
    QCOMPARE(items.at(2).value(QLatin1String("deleted")).toBool(), true);
    QCOMPARE(items.at(3).value(QLatin1String("reply_to")).toInteger(), question);
    const QList<QJsonObject> forwarded = history(m_bart, m_homer);
    QCOMPARE(forwarded.size(), 1);
    QCOMPARE(forwarded.at(0).value(QLatin1String("text")).toString(), QStringLiteral("Beer?"));
}

void TestCliMessages::shellShowsEditsLive()
{
    QProcess shell;
    shell.setProcessEnvironment(runner().environment(m_marge));
    QString out;
    connect(&shell, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromUtf8(shell.readAllStandardOutput()); });
    shell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    QVERIFY(shell.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("Logged in as ") + m_marge), kWait);

    const qint64 sent = send(m_homer, m_marge, QStringLiteral("Hi Marge"));
    QVERIFY(sent > 0);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral("%1: Hi Marge").arg(m_homer)), kWait);
    ClientTest::CliRun run =
        cli({QStringLiteral("edit"), QString::number(sent), QStringLiteral("Hi Midge")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QStringLiteral("* %1 edited message #%2: Hi Midge").arg(m_homer).arg(sent)),
        kWait);
    run = cli({QStringLiteral("delete"), QString::number(sent)}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QStringLiteral("* %1 deleted message #%2").arg(m_homer).arg(sent)), kWait);
    QVERIFY2(!out.contains(QLatin1String("edited event")), qPrintable(out));

    shell.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, kWait);
    QCOMPARE(shell.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestCliMessages)
#include "tst_cli_messages.moc"
