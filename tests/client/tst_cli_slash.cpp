// palomar-cli against a real server: message ids (#ID) in the plain-text
// output of history, inbox, send and search, and the interactive slash
// commands /search, /react and /admin with their errors.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using ClientTest::jsonLines;
using Palomar::Testing::ServerProcess;
using Run = ClientTest::CliRun;

namespace {
// The lines of `out` that contain `text`.
QStringList linesWith(const QString &out, const QString &text)
{
    QStringList lines;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.contains(text))
            lines.append(line);
    }
    return lines;
}
} // namespace

class TestCliSlash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), m_server.output().constData()); }
    void init();
    void idsInPlainText();
    void slashSearch();
    void slashReact();
    void slashAdmin();

private:
    Run cli(const QStringList &arguments, const QString &user) const
    {
        return runner().run(arguments, user);
    }
    Run piped(const QString &user, const QString &input) const
    {
        return runner().runPiped(user, input.toUtf8());
    }
    ClientTest::CliRunner runner() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), ClientTest::kPassword};
    }
    // `send --json`: the new msg_id (0 on failure).
    qint64 send(const QString &from, const QStringList &to, const QString &text) const;

    ServerProcess m_server;
    int m_counter = 0;
    QString m_homer, m_marge, m_bart;
};

void TestCliSlash::init()
{
    ++m_counter;
    m_homer = QStringLiteral("Homer%1").arg(m_counter);
    m_marge = QStringLiteral("Marge%1").arg(m_counter);
    m_bart = QStringLiteral("Bart%1").arg(m_counter);
    runner().registerFriendsOf(m_homer, {m_marge, m_bart});
}

qint64 TestCliSlash::send(const QString &from, const QStringList &to, const QString &text) const
{
    return runner().sentId(from, to + QStringList{text});
}

// Every message line says its id, so that /reply, /edit, /react can name it;
// a group system line has none.
void TestCliSlash::idsInPlainText()
{
    Run run = cli({QStringLiteral("send"), m_marge, QStringLiteral("Donuts?")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QRegularExpression sent(QStringLiteral("^\\[\\d\\d:\\d\\d\\] #(\\d+) %1 \u2192 %2: "
                                                 "Donuts\\?  \u2713$")
                                      .arg(m_homer, m_marge));
    const QRegularExpressionMatch match = sent.match(run.out.trimmed());
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    const qint64 id = match.captured(1).toLongLong();
    QVERIFY(id > 0);

    // The inbox (the recipient's incoming messages) and history, both sides.
    run = cli({QStringLiteral("inbox")}, m_marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("] #%1 %2: Donuts?").arg(id).arg(m_homer)),
             qPrintable(run.out));
    for (const auto &[user, peer] : {std::pair{m_homer, m_marge}, std::pair{m_marge, m_homer}}) {
        run = cli({QStringLiteral("history"), peer}, user);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        static const QRegularExpression line(
            QStringLiteral("^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\] #(\\d+) (\\w+): Donuts\\?"));
        const QRegularExpressionMatch item = line.match(run.out.trimmed());
        QVERIFY2(item.hasMatch(), qPrintable(run.out));
        QCOMPARE(item.captured(1).toLongLong(), id);
        QCOMPARE(item.captured(2), m_homer);
    }

    // A group: the id before the group's name; its system lines have none.
    const QString group = QStringLiteral("Ids%1").arg(m_counter);
    run = cli({QStringLiteral("group-create"), group, m_marge}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const qint64 inGroup = send(m_marge, {QStringLiteral("--group"), group}, QStringLiteral("Hi"));
    QVERIFY(inGroup > 0);
    run = cli({QStringLiteral("history"), QStringLiteral("--group"), group}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(linesWith(run.out, QStringLiteral("#%1 [%2] %3: Hi").arg(inGroup).arg(group, m_marge))
                 .size(),
             1);
    const QStringList created = linesWith(run.out, QStringLiteral("created the group"));
    QCOMPARE(created.size(), 1);
    QVERIFY2(!created.first().contains(QLatin1Char('#')), qPrintable(created.first()));
    // --json is unchanged: the id is its msg_id.
    run = cli({QStringLiteral("--json"), QStringLiteral("history"), m_marge}, m_homer);
    QCOMPARE(jsonLines(run.out).value(0).value(QLatin1String("msg_id")).toInteger(), id);
}

// /search: the current chat (a person's or a group's), --all, nothing found,
// and its usage error.
void TestCliSlash::slashSearch()
{
    const qint64 fromMarge = send(m_marge, {m_homer}, QStringLiteral("Caf\u00e9 at noon?"));
    const qint64 fromBart = send(m_bart, {m_homer}, QStringLiteral("the cafe is closed"));
    QVERIFY(fromMarge > 0 && fromBart > fromMarge);
    const QString group = QStringLiteral("Cafe%1").arg(m_counter);
    QCOMPARE(cli({QStringLiteral("group-create"), group, m_bart}, m_homer).exitCode, 0);
    const qint64 inGroup =
        send(m_bart, {QStringLiteral("--group"), group}, QStringLiteral("cafe meeting"));
    QVERIFY(inGroup > 0);
    // Taken from Homer's inbox first: his shell would print them as they came.
    QCOMPARE(cli({QStringLiteral("inbox")}, m_homer).exitCode, 0);

    const Run run = piped(m_homer, QStringLiteral("/chat %1\n"
                                                  "/search CAFE\n"
                                                  "/search --all cafe\n"
                                                  "/group %2\n"
                                                  "/search cafe\n"
                                                  "/search zeppelin\n"
                                                  "/search\n")
                                       .arg(m_marge, group));
    QCOMPARE(run.exitCode, 1); // the bare /search
    QVERIFY2(run.out.contains(QLatin1String("error: usage: /search takes WORDS")),
             qPrintable(run.out));
    // In the chat with Marge: her message only (once), with its id and chat.
    const QString margeLine =
        QStringLiteral("#%1 (with %2) %2: Caf\u00e9 at noon?").arg(fromMarge).arg(m_marge);
    const QString bartLine =
        QStringLiteral("#%1 (with %2) %2: the cafe is closed").arg(fromBart).arg(m_bart);
    const QString groupLine =
        QStringLiteral("#%1 [%2] %3: cafe meeting").arg(inGroup).arg(group, m_bart);
    QCOMPARE(linesWith(run.out, margeLine).size(), 2); // /search CAFE and --all
    QCOMPARE(linesWith(run.out, bartLine).size(), 1);  // --all only
    QCOMPARE(linesWith(run.out, groupLine).size(), 2); // --all and in the group
    // --all (after the first search's line) lists newest first.
    const qsizetype all = run.out.indexOf(margeLine) + 1;
    QVERIFY(all > 0);
    QVERIFY(run.out.indexOf(groupLine, all) < run.out.indexOf(bartLine, all));
    QVERIFY(run.out.indexOf(bartLine, all) < run.out.indexOf(margeLine, all));
    QVERIFY2(run.out.contains(
                 QStringLiteral("* no messages match \u201czeppelin\u201d in %1").arg(group)),
             qPrintable(run.out));
}

// /react ID EMOJI sets (also "#ID"), /react ID removes; errors.
void TestCliSlash::slashReact()
{
    const qint64 id = send(m_marge, {m_homer}, QStringLiteral("Beer?"));
    QVERIFY(id > 0);
    Run run = piped(m_homer, QStringLiteral("/react #%1 \U0001F37A\n").arg(id));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("* reacted \U0001F37A to #%1").arg(id)),
             qPrintable(run.out));
    run = cli({QStringLiteral("--json"), QStringLiteral("history"), m_homer}, m_marge);
    QCOMPARE(jsonLines(run.out).value(0).value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{QStringLiteral("\U0001F37A"), QJsonArray{m_homer}}}));
    // In plain text: the emoji and who reacted.
    run = cli({QStringLiteral("history"), m_homer}, m_marge);
    QVERIFY2(run.out.contains(QStringLiteral("\U0001F37A %1").arg(m_homer)), qPrintable(run.out));

    run = piped(m_homer, QStringLiteral("/react %1\n"
                                        "/react x \U0001F37A\n"
                                        "/react %1 two words\n"
                                        "/react 999999999 \U0001F37A\n")
                             .arg(id));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QStringLiteral("* removed your reaction to #%1").arg(id)),
             qPrintable(run.out));
    QCOMPARE(linesWith(run.out, QStringLiteral("error: usage: /react takes ID EMOJI")).size(), 2);
    QVERIFY2(run.out.contains(QLatin1String("error: no_such_message: ")), qPrintable(run.out));
    run = cli({QStringLiteral("--json"), QStringLiteral("history"), m_homer}, m_marge);
    QVERIFY(!jsonLines(run.out).value(0).contains(QLatin1String("reactions")));
    QVERIFY(!jsonLines(run.out).isEmpty());
}

// /admin USER hands the current group over; only in a group, only the admin.
void TestCliSlash::slashAdmin()
{
    const QString group = QStringLiteral("Couch%1").arg(m_counter);
    Run run = cli({QStringLiteral("group-create"), group, m_marge, m_bart}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = piped(m_homer, QStringLiteral("/admin %1\n"
                                        "/chat %1\n"
                                        "/admin %1\n")
                             .arg(m_marge));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(linesWith(run.out, QStringLiteral("error: usage: /admin hands the current group over"))
                 .size(),
             2);
    run = piped(m_homer, QStringLiteral("/group %1\n"
                                        "/admin\n"
                                        "/admin %2\n"
                                        "/admin %3\n")
                             .arg(group, m_marge, m_bart));
    QCOMPARE(run.exitCode, 1); // the bare /admin, and the second hand-over: no longer admin
    QVERIFY2(run.out.contains(QLatin1String("error: usage: /admin takes one USER")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("* %1 is now the admin of %2").arg(m_marge, group)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("error: not_admin: ")), qPrintable(run.out));
    QVERIFY2(!run.out.contains(QStringLiteral("* %1 is now the admin").arg(m_bart)),
             qPrintable(run.out));
    run = cli({QStringLiteral("--json"), QStringLiteral("group-info"), group}, m_bart);
    QCOMPARE(jsonLines(run.out).value(0).value(QLatin1String("admin")).toString(), m_marge);
    // The hand-over is a line of the conversation.
    run = cli({QStringLiteral("history"), QStringLiteral("--group"), group}, m_bart);
    QVERIFY2(run.out.contains(QStringLiteral("— %1 made %2 the admin").arg(m_homer, m_marge)),
             qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCliSlash)
#include "tst_cli_slash.moc"
