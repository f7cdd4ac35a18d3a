// What an operator sees of a running palomar-server: the modes of the files
// it creates (umask 077: folder 0700, database 0600), its log lines (all on
// standard error, one per event, an ISO 8601 time with its offset, or the
// journal's priority prefix instead under systemd; names unquoted;
// connection ids; plurals), and that it binds its port before it touches the
// database.
#include "platform/logformat.h"
#include "servertest.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

using namespace Palomar::Testing;
namespace LogFormat = Palomar::Platform::LogFormat;

namespace {

// The permission bits of `path` (0 when it does not exist).
int modeOf(const QString &path)
{
    struct stat status = {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return 0;
    return int(status.st_mode & 07777);
}

// The log lines of a server, each without its '\n'.
QStringList logLines(const ServerProcess &server)
{
    return QString::fromUtf8(server.output()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString lineContaining(const QStringList &lines, const QString &text)
{
    for (const QString &line : lines) {
        if (line.contains(text))
            return line;
    }
    return {};
}

QStringList serverArguments(const QString &data, QStringList more = {})
{
    return QStringList{str("--host"), str("127.0.0.1"),   str("--port"), str("0"), str("--data"),
                       data,          str("--hash-cost"), str("minimum")} +
           more;
}

} // namespace

class ServerOpsTest : public QObject
{
    Q_OBJECT

private slots:
    void formatLine_data();
    void formatLine();
    void counted();
    void filesAreTheServersAlone();
    void logLinesGoToStandardError();
    void journalLinesCarryPriorities();
    void portInUseStopsBeforeTheDatabase();
};

void ServerOpsTest::formatLine_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("journal");
    QTest::addColumn<int>("offset"); // seconds east of UTC
    QTest::addColumn<QByteArray>("line");

    QTest::newRow("info, UTC") << int(QtInfoMsg) << QByteArray("default") << str("stopped cleanly")
                               << false << 0
                               << QByteArray("2026-12-05T19:55:42.123+00:00 stopped cleanly\n");
    QTest::newRow("warning, east")
        << int(QtWarningMsg) << QByteArray("palomar.store") << str("store connection 0 …") << false
        << 3600
        << QByteArray("2026-12-05T19:55:42.123+01:00 W palomar.store: store connection 0 "
                      "\xe2\x80\xa6\n");
    QTest::newRow("critical, west half hour")
        << int(QtCriticalMsg) << QByteArray("palomar.core") << str("x") << false
        << -(3 * 3600 + 1800) << QByteArray("2026-12-05T19:55:42.123-03:30 E palomar.core: x\n");
    QTest::newRow("debug") << int(QtDebugMsg) << QByteArray("palomar.net") << str("connection 7")
                           << false << 0
                           << QByteArray(
                                  "2026-12-05T19:55:42.123+00:00 D palomar.net: connection 7\n");
    QTest::newRow("journal info") << int(QtInfoMsg) << QByteArray("palomar.core")
                                  << str("homer logged in") << true << 0
                                  << QByteArray("<6>palomar.core: homer logged in\n");
    QTest::newRow("journal warning") << int(QtWarningMsg) << QByteArray("default") << str("w")
                                     << true << 0 << QByteArray("<4>w\n");
    QTest::newRow("journal debug") << int(QtDebugMsg) << QByteArray("palomar.net") << str("d")
                                   << true << 0 << QByteArray("<7>palomar.net: d\n");
    QTest::newRow("line breaks stay on one line")
        << int(QtWarningMsg) << QByteArray("palomar.store")
        << str("ERROR: relation\r\nLINE 1: SELECT") << true << 0
        << QByteArray("<4>palomar.store: ERROR: relation\\r\\nLINE 1: SELECT\n");
}

void ServerOpsTest::formatLine()
{
    QFETCH(int, type);
    QFETCH(QByteArray, category);
    QFETCH(QString, message);
    QFETCH(bool, journal);
    QFETCH(int, offset);
    QFETCH(QByteArray, line);
    const QDateTime now(QDate(2026, 12, 5), QTime(19, 55, 42, 123), QTimeZone(offset));
    QCOMPARE(LogFormat::formatLine(
                 QtMsgType(type), category.constData(), message,
                 journal ? LogFormat::Destination::Journal : LogFormat::Destination::Stream, now),
             line);
}

void ServerOpsTest::counted()
{
    QCOMPARE(LogFormat::counted(0, "worker thread", "worker threads"), str("0 worker threads"));
    QCOMPARE(LogFormat::counted(1, "worker thread", "worker threads"), str("1 worker thread"));
    QCOMPARE(LogFormat::counted(2, "batch", "batches"), str("2 batches"));
}

void ServerOpsTest::filesAreTheServersAlone()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(str("new/data")); // neither folder exists yet
    ServerProcess server(serverArguments(data));
    server.omitDefaultArguments();
    QVERIFY2(server.start(), server.output().constData());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("homer"), kPassword))); // committed: the WAL has it
    QCOMPARE(modeOf(dir.filePath(str("new"))), 0700);
    QCOMPARE(modeOf(data), 0700);
    for (const char *suffix : {"", "-wal", "-shm"}) {
        const QString file = data + str("/palomar.db") + str(suffix);
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        QCOMPARE(modeOf(file), 0600);
    }
    QVERIFY(server.terminate());
    QCOMPARE(modeOf(data + str("/palomar.db")), 0600);
}

void ServerOpsTest::logLinesGoToStandardError()
{
    QTemporaryDir dir;
    ServerProcess server(serverArguments(dir.filePath(str("data")), {str("--threads"), str("1")}));
    server.omitDefaultArguments();
    server.keepStandardOutputApart();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(str("QT_LOGGING_RULES"),
                       str("palomar.*.debug=false;palomar.net.debug=true"));
    environment.insert(str("JOURNAL_STREAM"), str("0:0")); // some other stream: not the journal
    server.setEnvironment(environment);
    QVERIFY2(server.start(), server.output().constData());
    {
        TestClient client(server.port());
        QVERIFY(isOk(client.registerUser(str("homer"), kPassword)));
        QVERIFY(isOk(client.login(str("homer"), kPassword)));
        client.sendRaw(QByteArray("\xff\xff\xff\xff", 4)); // a 4 GiB frame
        QCOMPARE(errorOf(client.nextFrame()), str("bad_frame"));
    }
    QVERIFY(server.terminate());
    QCOMPARE(server.standardOutput(), QByteArray());

    const QStringList lines = logLines(server);
    static const QRegularExpression stamped(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d "));
    for (const QString &line : lines)
        QVERIFY2(stamped.match(line).hasMatch(), qPrintable(line));
    const QString listening = lineContaining(lines, str(" listening on 127.0.0.1:"));
    QVERIFY2(listening.endsWith(str(", 1 worker thread)")), qPrintable(listening));

    const QString registered = lineContaining(lines, str("registered"));
    QVERIFY2(registered.endsWith(str(" palomar.core: registered homer")), qPrintable(registered));
    const QString login = lineContaining(lines, str("logged in"));
    QVERIFY2(login.endsWith(str(" palomar.core: homer logged in from 127.0.0.1")),
             qPrintable(login));
    QVERIFY(!server.output().contains("\"homer\""));
    QVERIFY(!server.output().contains("\"127.0.0.1\""));

    // The connection's id: in its debug line and in the line of its bad frame.
    static const QRegularExpression opened(
        QStringLiteral("D palomar\\.net: connection (\\d+) from 127\\.0\\.0\\.1$"));
    QString id;
    for (const QString &line : lines) {
        const QRegularExpressionMatch match = opened.match(line);
        if (match.hasMatch())
            id = match.captured(1);
    }
    QVERIFY2(!id.isEmpty(), server.output().constData());
    const QString badFrame = lineContaining(lines, str("bad frame"));
    QVERIFY2(badFrame.contains(str("palomar.net: bad frame on connection ") + id +
                               str(" from 127.0.0.1: ")),
             qPrintable(badFrame));
    QVERIFY(lines.last().endsWith(str(" stopped cleanly")));
}

void ServerOpsTest::journalLinesCarryPriorities()
{
    QTemporaryDir dir;
    ServerProcess server(serverArguments(dir.filePath(str("data"))));
    server.omitDefaultArguments();
    // The server's standard error is this file: JOURNAL_STREAM names it, as
    // systemd names the journal's socket.
    {
        QFile log(server.logPath());
        QVERIFY(log.open(QIODevice::WriteOnly));
    }
    struct stat status = {};
    QCOMPARE(::stat(QFile::encodeName(server.logPath()).constData(), &status), 0);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(str("JOURNAL_STREAM"),
                       str("%1:%2").arg(qulonglong(status.st_dev)).arg(qulonglong(status.st_ino)));
    server.setEnvironment(environment);
    QVERIFY2(server.start(), server.output().constData());
    {
        TestClient client(server.port());
        QVERIFY(isOk(client.registerUser(str("marge"), kPassword)));
    }
    QVERIFY(server.terminate());
    const QStringList lines = logLines(server);
    const QString listening = lineContaining(lines, str(" listening on 127.0.0.1:"));
    QVERIFY2(listening.startsWith(str("<6>palomar-server ")), qPrintable(listening));
    QVERIFY(lines.contains(str("<6>palomar.core: registered marge")));
    QCOMPARE(lines.last(), str("<6>stopped cleanly"));
    for (const QString &line : lines)
        QVERIFY2(line.startsWith(QLatin1Char('<')), qPrintable(line));
}

void ServerOpsTest::portInUseStopsBeforeTheDatabase()
{
    ServerProcess first;
    QVERIFY2(first.start(), first.output().constData());
    QTemporaryDir dir;
    const QString data = dir.filePath(str("data"));
    const ServerExit exit = runServerToExit({str("--host"), str("127.0.0.1"), str("--port"),
                                             QString::number(first.port()), str("--data"), data});
    QCOMPARE(exit.code, 1);
    QVERIFY2(exit.err.contains(str("palomar-server: cannot listen on 127.0.0.1:") +
                               QString::number(first.port())),
             qPrintable(exit.err));
    QVERIFY(!QFileInfo::exists(data)); // no database was created
}

QTEST_GUILESS_MAIN(ServerOpsTest)
#include "tst_serverops.moc"
