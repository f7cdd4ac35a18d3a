// palomar-cli's interactive mode shows typing and presence notices: a friend
// coming online, typing (one line while it holds), going offline; with
// --json, one JSON object per notice.
#include "client/livenotices.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QProcess>
#include <QtTest>

#include <memory>

using Palomar::Testing::ServerProcess;
using namespace ClientTest;

namespace {
const QString kCliPassword = QStringLiteral("typing all the way down");
} // namespace

class TestCliLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shellShowsTypingAndPresence_data();
    void shellShowsTypingAndPresence();

private:
    ServerProcess m_server;
    int m_counter = 0;
};

void TestCliLive::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliLive::shellShowsTypingAndPresence_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("text") << false;
    QTest::newRow("json") << true;
}

void TestCliLive::shellShowsTypingAndPresence()
{
    QFETCH(bool, json);
    ++m_counter;
    const QString bart = QStringLiteral("Bart%1").arg(m_counter);
    const QString lisa = QStringLiteral("Lisa%1").arg(m_counter);
    const CliRunner runner(QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kCliPassword);
    for (const QString &user : {bart, lisa})
        QCOMPARE(runner.run({QStringLiteral("register")}, user).exitCode, 0);
    runner.makeFriends(bart, lisa);
    if (QTest::currentTestFailed())
        return;

    QProcess shell;
    shell.setProcessEnvironment(runner.environment(bart));
    QString out;
    connect(&shell, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromUtf8(shell.readAllStandardOutput()); });
    shell.start(QStringLiteral(PALOMAR_CLI_BINARY),
                json ? QStringList{QStringLiteral("--json")} : QStringList{});
    QVERIFY(shell.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(bart), kWait); // logged in

    ClientSession session;
    session.connectToServer(QStringLiteral("127.0.0.1"), m_server.port());
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == ClientSession::State::Connected, kWait);
    QVERIFY(await(session.login(lisa, kCliPassword)).ok);
    const QString online = json ? QStringLiteral("\"kind\":\"presence\",\"last_seen\":")
                                : lisa + QStringLiteral(" is online");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(online), kWait);

    Palomar::Client::LiveNotices live(&session);
    QVERIFY(live.sendTyping(bart));
    const QString typing =
        json ? QStringLiteral("{\"expires_in\":5,\"from\":\"%1\",\"kind\":\"typing\"}").arg(lisa)
             : lisa + QStringLiteral(u" is typing\u2026");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(typing), kWait);

    QVERIFY(await(session.logout()).ok);
    const QString offline = json ? QStringLiteral("\"online\":false,\"user\":\"%1\"").arg(lisa)
                                 : lisa + QStringLiteral(" went offline");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(offline), kWait);
    QCOMPARE(out.count(typing), 1);

    shell.closeWriteChannel();
    QVERIFY(shell.waitForFinished(kWait));
}

QTEST_GUILESS_MAIN(TestCliLive)
#include "tst_cli_live.moc"
