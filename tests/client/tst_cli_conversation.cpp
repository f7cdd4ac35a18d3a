// palomar-cli's react and group-admin against a real server: reactions and
// system lines in history (for people and with --json), usage errors.
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using Palomar::Testing::ServerProcess;
using Run = ClientTest::CliRun;

class TestCliConversation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), m_server.output().constData()); }
    void reactAndGroupAdmin();

private:
    Run cli(const QStringList &arguments, const QString &user)
    {
        return runner().run(arguments, user);
    }
    ClientTest::CliRunner runner() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), ClientTest::kPassword};
    }

    ServerProcess m_server;
};

void TestCliConversation::reactAndGroupAdmin()
{
    const QString homer = QStringLiteral("Homer");
    const QString marge = QStringLiteral("Marge");
    for (const QString &user : {homer, marge})
        QCOMPARE(cli({QStringLiteral("register")}, user).exitCode, 0);
    runner().makeFriends(homer, marge);
    if (QTest::currentTestFailed())
        return;
    Run run =
        cli({QStringLiteral("--json"), QStringLiteral("send"), marge, QStringLiteral("Hi")}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString id =
        QString::number(ClientTest::jsonNumber(run.out.trimmed(), QStringLiteral("msg_id")));

    run = cli({QStringLiteral("react"), id, QStringLiteral("👍")}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Reacted 👍 to #") + id), qPrintable(run.out));
    run = cli({QStringLiteral("history"), marge}, homer);
    QVERIFY2(run.out.contains(QStringLiteral("👍 Marge")), qPrintable(run.out));
    run = cli({QStringLiteral("--json"), QStringLiteral("history"), marge}, homer);
    const QJsonObject item = QJsonDocument::fromJson(run.out.trimmed().toUtf8()).object();
    QCOMPARE(item.value(QLatin1String("reactions")).toObject(),
             (QJsonObject{{QStringLiteral("👍"), QJsonArray{marge}}}));
    // Homer is told in his inbox.
    run = cli({QStringLiteral("inbox")}, homer);
    QVERIFY2(run.out.contains(QStringLiteral("Marge reacted 👍 to #") + id), qPrintable(run.out));
    run = cli({QStringLiteral("react"), id, QString()}, marge);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("react"), QStringLiteral("x"), QStringLiteral("👍")}, marge);
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("react"), QStringLiteral("999999"), QStringLiteral("👍")}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: no_such_message: ")), qPrintable(run.err));

    run = cli({QStringLiteral("group-create"), QStringLiteral("Couch"), marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("group-admin"), QStringLiteral("Couch"), homer}, marge);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("error: not_admin: ")), qPrintable(run.err));
    run = cli({QStringLiteral("group-admin"), QStringLiteral("Couch"), marge}, homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QLatin1String("Marge is now the admin")), qPrintable(run.out));
    run =
        cli({QStringLiteral("history"), QStringLiteral("--group"), QStringLiteral("Couch")}, marge);
    QVERIFY2(run.out.contains(QStringLiteral("— Homer created the group “Couch”")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("— Homer made Marge the admin")), qPrintable(run.out));
    run = cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--group"),
               QStringLiteral("Couch")},
              marge);
    const QStringList lines = run.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.last().toUtf8())
                 .object()
                 .value(QLatin1String("system"))
                 .toObject()
                 .value(QLatin1String("kind"))
                 .toString(),
             QStringLiteral("admin"));
}

QTEST_GUILESS_MAIN(TestCliConversation)
#include "tst_cli_conversation.moc"
