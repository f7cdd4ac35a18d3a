// palomar-cli's file commands against a real server: send-file and get
// (byte-exact, to a user and to a group), progress on stderr, --json, file
// messages in history and inbox, the interactive /file and /get, and the
// errors with their codes and exit status.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using ClientTest::CliRun;
using Palomar::Testing::ServerProcess;

namespace {
const QString kCliPassword = QStringLiteral("embiggen the cromulent");
constexpr qint64 kMaxFile = 4 * 1024 * 1024; // the test server's max_file
constexpr int kShellWait = 30000;

QByteArray randomBytes(qint64 size)
{
    QList<quint32> words(size / 4 + 1);
    QRandomGenerator generator{quint32(size)};
    generator.fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), size);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

QJsonObject lastJsonLine(const QString &out)
{
    const QStringList lines = out.trimmed().split(QLatin1Char('\n'));
    return QJsonDocument::fromJson(lines.last().toUtf8()).object();
}

// The N of "as file #N." in send-file's output.
qint64 fileIdIn(const QString &out)
{
    static const QRegularExpression pattern(QStringLiteral("file #(\\d+)"));
    return pattern.match(out).captured(1).toLongLong();
}
} // namespace

class TestCliFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sendFileAndGet();
    void jsonOutput();
    void groupFile();
    void errorsGiveCodes();
    void interactiveFileAndGet();

private:
    ClientTest::CliRunner runner() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kCliPassword};
    }
    CliRun cli(const QStringList &arguments, const QString &user)
    {
        return runner().run(arguments, user, 60000);
    }
    // Two new users, friends.
    void makePair(QString *a, QString *b);
    QString writeFile(const QString &name, const QByteArray &bytes);

    ServerProcess m_server{{QStringLiteral("--max-file-size"), QString::number(kMaxFile)}};
    QTemporaryDir m_dir;
    int m_counter = 0;
};

void TestCliFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliFiles::makePair(QString *a, QString *b)
{
    ++m_counter;
    *a = QStringLiteral("Homer%1").arg(m_counter);
    *b = QStringLiteral("Marge%1").arg(m_counter);
    for (const QString &user : {*a, *b}) {
        const CliRun run = cli({QStringLiteral("register")}, user);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    runner().makeFriends(*a, *b);
}

QString TestCliFiles::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

void TestCliFiles::sendFileAndGet()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const QByteArray bytes = randomBytes(1536 * 1024 + 77);
    const QString path = writeFile(QStringLiteral("holiday.bin"), bytes);

    CliRun run = cli({QStringLiteral("send-file"), marge, path}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(
        run.out.contains(QStringLiteral("Sent holiday.bin (1.6 MB) to %1 as file #").arg(marge)),
        qPrintable(run.out));
    const qint64 fileId = fileIdIn(run.out);
    QVERIFY(fileId > 0);
    // Not a terminal: plain progress lines, the last at 100%.
    QVERIFY2(run.err.contains(QLatin1String("sending holiday.bin:")), qPrintable(run.err));
    QVERIFY2(run.err.trimmed().split(QLatin1Char('\n')).last().contains(QLatin1String("100%")),
             qPrintable(run.err));
    QVERIFY(!run.err.contains(QLatin1Char('\r')));

    // The message shows the file and its id, in history and in the inbox.
    const QString shown = QStringLiteral("[file #%1 holiday.bin, 1.6 MB]").arg(fileId);
    run = cli({QStringLiteral("history"), homer}, marge);
    QVERIFY2(run.out.contains(shown), qPrintable(run.out));
    run = cli({QStringLiteral("inbox")}, marge);
    QVERIFY2(run.out.contains(shown), qPrintable(run.out));

    const QString target = m_dir.filePath(QStringLiteral("got.bin"));
    run = cli({QStringLiteral("get"), QString::number(fileId), target}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Saved holiday.bin (1.6 MB) to %1.").arg(target)),
             qPrintable(run.out));
    QVERIFY2(run.err.contains(QLatin1String("getting holiday.bin:")), qPrintable(run.err));
    QVERIFY(readAll(target) == bytes);
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));

    // A directory as PATH gets the file's name; the sender may get it too.
    QDir(m_dir.path()).mkdir(QStringLiteral("inbox"));
    run = cli(
        {QStringLiteral("get"), QString::number(fileId), m_dir.filePath(QStringLiteral("inbox"))},
        homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(readAll(m_dir.filePath(QStringLiteral("inbox/holiday.bin"))) == bytes);
}

void TestCliFiles::jsonOutput()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const QByteArray bytes = "Dear Marge,\n" + QByteArray(100000, 'x');
    const QString path = writeFile(QStringLiteral("letter.txt"), bytes);
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());

    CliRun run = cli({QStringLiteral("--json"), QStringLiteral("send-file"), marge, path}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject object = lastJsonLine(run.out);
    QCOMPARE(object.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(object.value(QLatin1String("to")).toString(), marge);
    QVERIFY(object.value(QLatin1String("msg_id")).toDouble() > 0);
    QJsonObject file = object.value(QLatin1String("file")).toObject();
    const qint64 fileId = qint64(file.value(QLatin1String("file_id")).toDouble());
    QVERIFY(fileId > 0);
    QCOMPARE(file.value(QLatin1String("name")).toString(), QStringLiteral("letter.txt"));
    QCOMPARE(qint64(file.value(QLatin1String("size")).toDouble()), qint64(bytes.size()));
    QCOMPARE(file.value(QLatin1String("sha256")).toString(), sha);

    run = cli({QStringLiteral("--json"), QStringLiteral("inbox")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    object = lastJsonLine(run.out);
    QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("message"));
    QCOMPARE(object.value(QLatin1String("file")).toObject().value(QLatin1String("sha256")),
             QJsonValue(sha));

    const QString target = m_dir.filePath(QStringLiteral("letter-copy.txt"));
    run = cli({QStringLiteral("--json"), QStringLiteral("get"), QString::number(fileId), target},
              marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    object = lastJsonLine(run.out);
    QCOMPARE(object.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(object.value(QLatin1String("command")).toString(), QStringLiteral("get"));
    QCOMPARE(object.value(QLatin1String("path")).toString(), target);
    QCOMPARE(object.value(QLatin1String("file")).toObject().value(QLatin1String("file_id")),
             QJsonValue(double(fileId)));
    QVERIFY(readAll(target) == bytes);
}

void TestCliFiles::groupFile()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const QString group = QStringLiteral("Family%1").arg(m_counter);
    CliRun run = cli({QStringLiteral("group-create"), group, marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QByteArray bytes = randomBytes(400 * 1000);
    run = cli({QStringLiteral("send-file"), QStringLiteral("--group"), group,
               writeFile(QStringLiteral("family.jpg"), bytes)},
              homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("to %1 as file #").arg(group)), qPrintable(run.out));
    const qint64 fileId = fileIdIn(run.out);

    run = cli({QStringLiteral("history"), QStringLiteral("--group"), group}, marge);
    QVERIFY2(run.out.contains(
                 QStringLiteral("[%1] %2: [file #%3 family.jpg").arg(group, homer).arg(fileId)),
             qPrintable(run.out));
    const QString target = m_dir.filePath(QStringLiteral("family-copy.jpg"));
    run = cli({QStringLiteral("get"), QString::number(fileId), target}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(readAll(target) == bytes);
}

void TestCliFiles::errorsGiveCodes()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const auto expectError = [this, &homer](const QStringList &arguments, const QString &code) {
        const CliRun run = cli(arguments, homer);
        // Usage errors exit 2, as the server's do.
        const int expected = code == QLatin1String("usage") ? 2 : 1;
        QVERIFY2(run.exitCode == expected, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(QStringLiteral("error: %1: ").arg(code)), qPrintable(run.err));
    };
    const QString missing = m_dir.filePath(QStringLiteral("no-such-file"));
    CHECKED(
        expectError({QStringLiteral("send-file"), marge, missing}, QStringLiteral("read_failed")));
    // A folder: said so, not "Unknown error".
    CHECKED(expectError({QStringLiteral("send-file"), marge, m_dir.path()},
                        QStringLiteral("read_failed")));
    const CliRun folder = cli({QStringLiteral("send-file"), marge, m_dir.path()}, homer);
    QVERIFY2(folder.err.contains(QLatin1String("is a folder")), qPrintable(folder.err));
    // Over the server's max_file: refused before a byte is sent.
    QString huge = m_dir.filePath(QStringLiteral("huge.bin"));
    {
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(kMaxFile + 1));
    }
    CHECKED(expectError({QStringLiteral("send-file"), marge, huge}, QStringLiteral("too_large")));
    const QString small = writeFile(QStringLiteral("small.txt"), "small");
    CHECKED(
        expectError({QStringLiteral("send-file"), QStringLiteral("Nobody%1").arg(m_counter), small},
                    QStringLiteral("no_such_user")));
    CHECKED(expectError(
        {QStringLiteral("get"), QStringLiteral("999999"), m_dir.filePath(QStringLiteral("x"))},
        QStringLiteral("no_such_file")));
    CHECKED(expectError({QStringLiteral("get"), QStringLiteral("abc")}, QStringLiteral("usage")));
    CHECKED(expectError({QStringLiteral("send-file"), marge}, QStringLiteral("usage")));
    CHECKED(expectError(
        {QStringLiteral("get"), QStringLiteral("1"), QStringLiteral("a"), QStringLiteral("b")},
        QStringLiteral("usage")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.part"))));
}

void TestCliFiles::interactiveFileAndGet()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const QByteArray bytes = randomBytes(1024 * 1024 + 5);
    const QString path = writeFile(QStringLiteral("song.mp3"), bytes);

    QProcess homerShell, margeShell;
    QString homerOut, margeOut, margeErr;
    connect(&homerShell, &QProcess::readyReadStandardOutput, this,
            [&] { homerOut += QString::fromUtf8(homerShell.readAllStandardOutput()); });
    connect(&margeShell, &QProcess::readyReadStandardOutput, this,
            [&] { margeOut += QString::fromUtf8(margeShell.readAllStandardOutput()); });
    connect(&margeShell, &QProcess::readyReadStandardError, this,
            [&] { margeErr += QString::fromUtf8(margeShell.readAllStandardError()); });
    homerShell.setProcessEnvironment(runner().environment(homer));
    margeShell.setProcessEnvironment(runner().environment(marge));
    homerShell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    margeShell.start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    QTRY_VERIFY_WITH_TIMEOUT(homerOut.contains(QLatin1String("Logged in as ")), kShellWait);
    QTRY_VERIFY_WITH_TIMEOUT(margeOut.contains(QLatin1String("Logged in as ")), kShellWait);

    homerShell.write(QStringLiteral("/file %1 %2\n").arg(marge, path).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(homerOut.contains(QLatin1String("* sent song.mp3 (1 MB) to ")),
                             kShellWait);
    const qint64 fileId = fileIdIn(homerOut.mid(homerOut.indexOf(QLatin1String("* sent song"))));
    QVERIFY(fileId > 0);
    // Marge sees it arrive with its id, and gets it by that id.
    QTRY_VERIFY_WITH_TIMEOUT(
        margeOut.contains(QStringLiteral("[file #%1 song.mp3, 1 MB]").arg(fileId)), kShellWait);
    const QString target = m_dir.filePath(QStringLiteral("song-copy.mp3"));
    margeShell.write(QStringLiteral("/get %1 %2\n").arg(fileId).arg(target).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(
        margeOut.contains(QStringLiteral("* saved song.mp3 (1 MB) to %1").arg(target)), kShellWait);
    QVERIFY(readAll(target) == bytes);
    margeShell.write("/get 999999 nowhere\n");
    QTRY_VERIFY_WITH_TIMEOUT(margeErr.contains(QLatin1String("error: no_such_file: ")), kShellWait);

    for (QProcess *shell : {&homerShell, &margeShell}) {
        shell->write("/quit\n");
        QVERIFY(shell->waitForFinished(kShellWait));
        QCOMPARE(shell->exitCode(), 0);
    }
}

QTEST_GUILESS_MAIN(TestCliFiles)
#include "tst_cli_files.moc"
