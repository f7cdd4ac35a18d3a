// palomar-server's configuration: the INI file of --config read strictly
// (ConfigFile), how it meets the command line (ServerConfig::parse), the
// sample file shipped in resources/, and what a real server does with a file
// it cannot use: exit status 2 and a message naming the file and the line,
// before it creates or opens anything.
#include "core/configfile.h"
#include "core/serverconfig.h"
#include "servertest.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Palomar::Testing;
using Palomar::Server::ConfigFile;
using Palomar::Server::ServerConfig;
using Palomar::Server::StoreConfig;

namespace {

// A configuration file in a folder of its own (at `name` in it), parsed
// with ServerConfig::parse as palomar-server --config FILE [more] would.
struct ParsedFile
{
    QTemporaryDir dir;
    ServerConfig config;
    QString error;

    QString path(const char *name = "palomar-server.ini") const
    {
        return dir.filePath(QString::fromUtf8(name));
    }
    ServerConfig::ParseResult parse(const QByteArray &content, const QStringList &more = {},
                                    const char *name = "palomar-server.ini")
    {
        const QString file = path(name);
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (!writeFile(file, content)) {
            error = str("cannot write ") + file;
            return ServerConfig::ParseResult::Error;
        }
        config = ServerConfig();
        return ServerConfig::parse(QStringList{str("palomar-server"), str("--config"), file} + more,
                                   &config, &error);
    }
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The sample with every `#name = value` line made a setting.
QByteArray uncommented(const QByteArray &sample, QStringList *names)
{
    static const QRegularExpression setting(QStringLiteral("^#([a-z][a-z-]*) = (.*)$"));
    QByteArrayList lines = sample.split('\n');
    for (QByteArray &line : lines) {
        const QRegularExpressionMatch match = setting.match(QString::fromUtf8(line));
        if (match.hasMatch()) {
            names->append(match.captured(1));
            line = line.mid(1);
        }
    }
    return lines.join('\n');
}

} // namespace

class ConfigTest : public QObject
{
    Q_OBJECT

private slots:
    void fileSyntax_data();
    void fileSyntax();
    void valuesAreLiteral();
    void relativePathsFollowTheFile();
    void commandLineWins();
    void valueErrorsNameTheLine();
    void unknownDatabaseScheme();
    void sampleParses();
    void unusableFileStopsTheServer_data();
    void unusableFileStopsTheServer();
    void unknownSchemeCreatesNothing();
    void serverResolvesPathsFromTheFile();
    void serverVersion();
};

void ConfigTest::fileSyntax_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("error"); // after "FILE:"

    QTest::newRow("empty") << QByteArray() << true << QString();
    QTest::newRow("comments and blanks")
        << QByteArray("# a comment\n; another\n\n   \nport = 7000\n") << true << QString();
    QTest::newRow("windows line ends and a BOM")
        << QByteArray("\xef\xbb\xbfport = 7000\r\nthreads = 2\r\n") << true << QString();
    QTest::newRow("misspelt name") << QByteArray("port = 7000\ntreads = 1\n") << false
                                   << str("2: unknown option treads (did you mean threads?)");
    QTest::newRow("unknown name") << QByteArray("\n\n\ncolour = blue\n") << false
                                  << str("4: unknown option colour");
    QTest::newRow("section") << QByteArray("# palomar\n[server]\nport = 7000\n") << false
                             << str("2: sections such as [server] are not supported");
    QTest::newRow("set twice") << QByteArray("port = 1\nthreads = 2\nport = 3\n") << false
                               << str("3: port is set twice (first on line 1)");
    QTest::newRow("no equals sign")
        << QByteArray("port 7000\n") << false << str("1: expected name = value, found port 7000");
    QTest::newRow("no name") << QByteArray("= 7000\n") << false << str("1: a value without a name");
    QTest::newRow("no value") << QByteArray("data =\n") << false << str("1: data has no value");
    QTest::newRow("config in the file")
        << QByteArray("config = other.ini\n") << false << str("1: unknown option config");
    QTest::newRow("not UTF-8") << QByteArray("data = \xff\xfe\n") << false
                               << str(" not UTF-8 text");
}

void ConfigTest::fileSyntax()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QString, error);
    ConfigFile file;
    QString why;
    const QString path = str("/etc/palomar/palomar-server.ini");
    QCOMPARE(ConfigFile::parse(text, path, ServerConfig::fileOptionNames(), &file, &why), ok);
    if (!ok)
        QVERIFY2(why.startsWith(path + u':' + error), qPrintable(why));
}

void ConfigTest::valuesAreLiteral()
{
    const QByteArray text = "db = postgresql://palomar:a,b#c;d@db.example.org/palomar\n"
                            "data = /srv/d6,school\n"
                            "tls-cert = \" /etc/palomar/with spaces.crt \"\n"
                            "tls-key = 'key'\n"
                            "host = \"127.0.0.1\n";
    ConfigFile file;
    QString error;
    QVERIFY2(
        ConfigFile::parse(text, str("/etc/p.ini"), ServerConfig::fileOptionNames(), &file, &error),
        qPrintable(error));
    QCOMPARE(file.find(str("db"))->value,
             str("postgresql://palomar:a,b#c;d@db.example.org/palomar"));
    QCOMPARE(file.find(str("data"))->value, str("/srv/d6,school"));
    QCOMPARE(file.find(str("tls-cert"))->value, str(" /etc/palomar/with spaces.crt "));
    QCOMPARE(file.find(str("tls-key"))->value, str("key"));
    QCOMPARE(file.find(str("host"))->value, str("\"127.0.0.1")); // one quote is no pair
    QCOMPARE(file.find(str("host"))->line, 5);

    // And the password reaches the store whole.
    ParsedFile parsed;
    QVERIFY2(parsed.parse(text.left(text.indexOf("tls-cert"))) == ServerConfig::ParseResult::Ok,
             qPrintable(parsed.error));
    QCOMPARE(parsed.config.store.backend, StoreConfig::Backend::Postgresql);
    QCOMPARE(parsed.config.store.password, str("a,b#c;d"));
    QCOMPARE(parsed.config.dataPath, str("/srv/d6,school"));
}

void ConfigTest::relativePathsFollowTheFile()
{
    ParsedFile parsed;
    QVERIFY2(parsed.parse("data = ../state\n"
                          "db = sqlite:db/chat.db\n"
                          "tls-cert = tls/palomar.crt\n"
                          "tls-key = /absolute/palomar.key\n",
                          {}, "etc/palomar-server.ini") == ServerConfig::ParseResult::Ok,
             qPrintable(parsed.error));
    QCOMPARE(parsed.config.dataPath, parsed.path("state"));
    QCOMPARE(parsed.config.store.sqlitePath, parsed.path("etc/db/chat.db"));
    QCOMPARE(parsed.config.tlsCertificate, parsed.path("etc/tls/palomar.crt"));
    QCOMPARE(parsed.config.tlsKey, str("/absolute/palomar.key"));

    // Without a db line, the database follows the (resolved) data folder.
    QVERIFY(parsed.parse("data = state\n", {}, "etc/palomar-server.ini") ==
            ServerConfig::ParseResult::Ok);
    QCOMPARE(parsed.config.store.sqlitePath, parsed.path("etc/state/palomar.db"));
}

void ConfigTest::commandLineWins()
{
    ParsedFile parsed;
    QVERIFY(parsed.parse("data = from-file\nthreads = 3\nport = 7001\n",
                         {str("--data"), str("relative-here"), str("--threads"), str("5")}) ==
            ServerConfig::ParseResult::Ok);
    QCOMPARE(parsed.config.dataPath, str("relative-here")); // the command line's own, as given
    QCOMPARE(parsed.config.threads, 5);
    QCOMPARE(parsed.config.port, quint16(7001));
}

void ConfigTest::valueErrorsNameTheLine()
{
    ParsedFile parsed;
    QCOMPARE(parsed.parse("port = 7000\nthreads = 4 # four\n"), ServerConfig::ParseResult::Error);
    QCOMPARE(parsed.error,
             str("config file ") + parsed.path() +
                 str(":2: threads must be a whole number from 1 to 256, not 4 # four"));
    QCOMPARE(parsed.parse("tls-cert = a.crt\n"), ServerConfig::ParseResult::Error);
    QCOMPARE(parsed.error,
             str("config file ") + parsed.path() + str(":1: tls-cert needs tls-key too"));
}

void ConfigTest::unknownDatabaseScheme()
{
    ServerConfig config;
    QString error;
    QCOMPARE(ServerConfig::parse({str("palomar-server"), str("--db"), str("mysql://x@y/z")},
                                 &config, &error),
             ServerConfig::ParseResult::Error);
    QVERIFY2(error.startsWith(str("--db: unknown database type mysql:")), qPrintable(error));
}

void ConfigTest::sampleParses()
{
    const QByteArray sample = readFile(str(PALOMAR_SAMPLE_CONFIG));
    QVERIFY(!sample.isEmpty());
    ConfigFile file;
    QString error;
    // As shipped: everything commented out, so every default holds.
    QVERIFY2(ConfigFile::parse(sample, str(PALOMAR_SAMPLE_CONFIG), ServerConfig::fileOptionNames(),
                               &file, &error),
             qPrintable(error));
    QVERIFY(file.entries().isEmpty());

    // Every option is there, once, with an example value the server takes.
    QStringList names;
    const QByteArray everything = uncommented(sample, &names);
    QStringList expected = ServerConfig::fileOptionNames();
    expected.sort();
    names.sort();
    QCOMPARE(names, expected);
    ParsedFile parsed;
    QVERIFY2(parsed.parse(everything) == ServerConfig::ParseResult::Ok, qPrintable(parsed.error));
    QCOMPARE(parsed.config.dataPath, str("/var/lib/palomar"));
    QCOMPARE(parsed.config.store.backend, StoreConfig::Backend::Postgresql);
    QCOMPARE(parsed.config.tlsKey, str("/etc/palomar/palomar.key"));
}

void ConfigTest::unusableFileStopsTheServer_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: no file at all
    QTest::addColumn<int>("kind"); // 0 file, 1 folder, 2 mode 000, 3 a socket (even root fails)
    QTest::addColumn<QString>("message"); // after "config file PATH"

    QTest::newRow("missing") << QByteArray() << 0 << str(": no such file");
    QTest::newRow("folder") << QByteArray() << 1 << str(": is a folder, not a file");
    QTest::newRow("unreadable") << QByteArray("port = 1\n") << 2 << str(": cannot be read: ");
    QTest::newRow("misspelt") << QByteArray("host = 127.0.0.1\ntreads = 1\n") << 0
                              << str(":2: unknown option treads (did you mean threads?)");
    QTest::newRow("section") << QByteArray("[palomar]\n") << 0
                             << str(":1: sections such as [palomar] are not supported");
    QTest::newRow("socket") << QByteArray() << 3 << str(": cannot be read: ");
    QTest::newRow("bad value") << QByteArray("threads = 4,8\n") << 0
                               << str(":1: threads must be a whole number");
}

void ConfigTest::unusableFileStopsTheServer()
{
    QFETCH(QByteArray, content);
    QFETCH(int, kind);
    QFETCH(QString, message);
    if (kind == 2 && ::geteuid() == 0)
        QSKIP("root reads a file of mode 000 all the same");
    QTemporaryDir dir;
    const QString path = dir.filePath(str("palomar-server.ini"));
    if (kind == 1)
        QVERIFY(QDir().mkpath(path));
    else if (!content.isEmpty())
        QVERIFY(writeFile(path, content));
    if (kind == 2)
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    QLocalServer socket;
    if (kind == 3)
        QVERIFY(socket.listen(path));
    const QString data = dir.filePath(str("data"));
    const ServerExit exit =
        runServerToExit({str("--config"), path, str("--port"), str("0"), str("--data"), data});
    QCOMPARE(exit.code, 2);
    QVERIFY2(exit.err.startsWith(str("palomar-server: config file ") + path + message),
             qPrintable(exit.err));
    QVERIFY(!exit.err.contains(str("listening")));
    QVERIFY(!QFileInfo::exists(data)); // it stopped before touching anything
}

void ConfigTest::unknownSchemeCreatesNothing()
{
    QTemporaryDir dir;
    const ServerExit exit =
        runServerToExit({str("--port"), str("0"), str("--db"), str("mysql://x@y/z")}, dir.path());
    QCOMPARE(exit.code, 2);
    QVERIFY2(exit.err.contains(str("unknown database type mysql:")), qPrintable(exit.err));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void ConfigTest::serverResolvesPathsFromTheFile()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(str("etc")));
    QVERIFY(QDir(dir.path()).mkpath(str("elsewhere")));
    const QString path = dir.filePath(str("etc/palomar-server.ini"));
    QVERIFY(writeFile(path, "# a test server\nhost = 127.0.0.1\nport = 0\ndata = ../state\n"
                            "hash-cost = minimum\n"));
    ServerProcess server({str("--config"), path});
    server.omitDefaultArguments();
    server.setWorkingDirectory(dir.filePath(str("elsewhere")));
    QVERIFY2(server.start(), server.output().constData());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("homer"), str("doh-nuts-42"))));
    QVERIFY(QFileInfo::exists(dir.filePath(str("state/palomar.db"))));
    QCOMPARE(
        QDir(dir.filePath(str("elsewhere"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        QStringList());
    QVERIFY(server.terminate());
}

void ConfigTest::serverVersion()
{
    const ServerExit exit = runServerToExit({str("--version")});
    QCOMPARE(exit.code, 0);
    QCOMPARE(exit.out, str("palomar-server " PALOMAR_VERSION "\n"));
}

QTEST_GUILESS_MAIN(ConfigTest)
#include "tst_config.moc"
