// palomar-cli's privacy commands against a real server: block, unblock,
// blocked, profile, set-profile (name and avatar file) and passwd, in text
// and --json, with their errors and exit codes.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using ClientTest::CliRun;
using Palomar::Testing::ServerProcess;

namespace {

const QString kCliPassword = QStringLiteral("embiggen the cromulent");

QJsonObject lastJsonLine(const QString &out)
{
    const QStringList lines = out.trimmed().split(QLatin1Char('\n'));
    return QJsonDocument::fromJson(lines.last().toUtf8()).object();
}

} // namespace

class TestCliPrivacy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void blockUnblockBlocked();
    void profiles();
    void passwd();

private:
    ClientTest::CliRunner runner(const QString &password = kCliPassword) const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), password};
    }
    CliRun cli(const QStringList &arguments, const QString &user)
    {
        return runner().run(arguments, user, 60000);
    }
    void makePair(QString *a, QString *b);

    ServerProcess m_server;
    QTemporaryDir m_dir;
    int m_counter = 0;
};

void TestCliPrivacy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliPrivacy::makePair(QString *a, QString *b)
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

void TestCliPrivacy::blockUnblockBlocked()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    CliRun run = cli({QStringLiteral("block"), marge}, homer);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("Blocked %1").arg(marge)), qPrintable(run.out));
    run = cli({QStringLiteral("--json"), QStringLiteral("blocked")}, homer);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(lastJsonLine(run.out).value(QLatin1String("user")).toString(), marge);
    // Marge's message is refused; nothing reaches Homer.
    run = cli({QStringLiteral("send"), homer, QStringLiteral("hi")}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("not_friends")), qPrintable(run.err));
    run = cli({QStringLiteral("--json"), QStringLiteral("unblock"), marge}, homer);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(lastJsonLine(run.out).value(QLatin1String("ok")).toBool(), true);
    run = cli({QStringLiteral("blocked")}, homer);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.trimmed().isEmpty());
    run = cli({QStringLiteral("block"), QStringLiteral("nobody_at_all")}, homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QStringLiteral("no_such_user")));
    QCOMPARE(cli({QStringLiteral("block")}, homer).exitCode, 2);
}

void TestCliPrivacy::profiles()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const QString avatar = m_dir.filePath(QStringLiteral("marge.png"));
    {
        QFile file(avatar);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x89PNG\r\n\x1A\n", 8) + QByteArray(100, 'x'));
    }
    CliRun run =
        cli({QStringLiteral("--json"), QStringLiteral("set-profile"), QStringLiteral("--name"),
             QStringLiteral("Marge S."), QStringLiteral("--avatar"), avatar},
            marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject json = lastJsonLine(run.out);
    QCOMPARE(json.value(QLatin1String("display_name")).toString(), QStringLiteral("Marge S."));
    QCOMPARE(json.value(QLatin1String("avatar")).toObject().value(QLatin1String("size")).toInt(),
             108);
    run = cli({QStringLiteral("profile"), marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Marge S.")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("image/png")));
    run = cli({QStringLiteral("--json"), QStringLiteral("profile")}, homer);
    QCOMPARE(run.exitCode, 0);
    json = lastJsonLine(run.out);
    QCOMPARE(json.value(QLatin1String("user")).toString(), homer);
    QVERIFY(json.value(QLatin1String("avatar")).isNull());
    // Errors: no option, a file that is not a picture, a stranger's profile.
    QCOMPARE(cli({QStringLiteral("set-profile")}, marge).exitCode, 2);
    const QString text = m_dir.filePath(QStringLiteral("note.txt"));
    {
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a picture");
    }
    run = cli({QStringLiteral("set-profile"), QStringLiteral("--avatar"), text}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QStringLiteral("bad_request")));
    QString moe, ned;
    CHECKED(makePair(&moe, &ned));
    run = cli({QStringLiteral("profile"), marge}, moe);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QStringLiteral("no_such_user")));
}

void TestCliPrivacy::passwd()
{
    QString homer, marge;
    CHECKED(makePair(&homer, &marge));
    const QString newPassword = QStringLiteral("a brand new one");
    const QString file = m_dir.filePath(QStringLiteral("new-password"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(newPassword.toUtf8() + "\n");
    }
    CliRun run = cli({QStringLiteral("--json"), QStringLiteral("passwd"),
                      QStringLiteral("--new-password-file"), file},
                     homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(lastJsonLine(run.out).value(QLatin1String("ok")).toBool(), true);
    // The old password no longer logs in; the new one does.
    run = cli({QStringLiteral("friends")}, homer);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QStringLiteral("bad_credentials")));
    run = runner(newPassword).run({QStringLiteral("friends")}, homer, 60000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // A weak new password is refused, and nothing changes.
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write("short\n");
    }
    run = cli({QStringLiteral("passwd"), QStringLiteral("--new-password-file"), file}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QStringLiteral("weak_password")));
    QCOMPARE(cli({QStringLiteral("friends")}, marge).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestCliPrivacy)
#include "tst_cli_privacy.moc"
