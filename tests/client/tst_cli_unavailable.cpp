// palomar-cli against a server whose storage is down, played by the relay
// (it answers chosen requests `unavailable`, retry_after 1 s): a one-shot
// send goes through once the server serves again, or gives up after
// --retry-for with `unavailable`; the interactive mode says it is retrying
// and sends what was typed later. A message is never reported failed. A
// restart of the server is ridden through the same way.
#include "clienttest.h"
#include "support/serverprocess.h"
#include "support/tcpproxy.h"

#include <QProcess>
#include <QtTest>

#include <memory>

using Palomar::Testing::ServerProcess;
using Palomar::Testing::TcpProxy;

namespace {
const QString kPassword = QStringLiteral("the storm will pass");
constexpr int kWait = 15000;
} // namespace

class TestCliUnavailable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void oneShotSendWaitsForTheServer();
    void oneShotGivesUpAfterRetryFor();
    void interactiveKeepsTheMessageQueued();
    void interactiveRidesThroughARestart_data();
    void interactiveRidesThroughARestart();

private:
    ClientTest::CliRunner direct() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY), m_server.address(), kPassword};
    }
    ClientTest::CliRunner relayed() const
    {
        return {QStringLiteral(PALOMAR_CLI_BINARY),
                QStringLiteral("127.0.0.1:%1").arg(m_proxy->port()), kPassword};
    }
    // palomar-cli's interactive mode with `environment`, its output collected
    // in `out` and `err`; true once it says it is logged in.
    bool startShell(QProcess *shell, const QProcessEnvironment &environment, QString *out,
                    QString *err);
    // "/quit", then a clean exit with status 0.
    static bool quitsCleanly(QProcess *shell);
    // How many messages with `text` the chat of m_homer and m_marge holds.
    int copiesOf(const QString &text) const;

    ServerProcess m_server;
    std::unique_ptr<TcpProxy> m_proxy;
    int m_counter = 0;
    QString m_homer, m_marge;
};

void TestCliUnavailable::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestCliUnavailable::init()
{
    // A failed restart test must not take the following tests down with it.
    if (!m_server.isRunning())
        QVERIFY2(m_server.restart(), m_server.output().constData());
    m_proxy = std::make_unique<TcpProxy>(m_server.port());
    QVERIFY(m_proxy->listen());
    ++m_counter;
    m_homer = QStringLiteral("Homer%1").arg(m_counter);
    m_marge = QStringLiteral("Marge%1").arg(m_counter);
    for (const QString &user : {m_homer, m_marge}) {
        const ClientTest::CliRun run = direct().run({QStringLiteral("register")}, user);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    direct().makeFriends(m_homer, m_marge);
}

bool TestCliUnavailable::startShell(QProcess *shell, const QProcessEnvironment &environment,
                                    QString *out, QString *err)
{
    shell->setProcessEnvironment(environment);
    connect(shell, &QProcess::readyReadStandardOutput, this,
            [shell, out] { *out += QString::fromUtf8(shell->readAllStandardOutput()); });
    connect(shell, &QProcess::readyReadStandardError, this,
            [shell, err] { *err += QString::fromUtf8(shell->readAllStandardError()); });
    shell->start(QStringLiteral(PALOMAR_CLI_BINARY), QStringList{});
    if (!shell->waitForStarted(kWait))
        return false;
    return QTest::qWaitFor([&] { return out->contains(QLatin1String("Logged in as ") + m_homer); },
                           kWait);
}

bool TestCliUnavailable::quitsCleanly(QProcess *shell)
{
    shell->write("/quit\n");
    return QTest::qWaitFor([shell] { return shell->state() == QProcess::NotRunning; }, kWait) &&
           shell->exitStatus() == QProcess::NormalExit && shell->exitCode() == 0;
}

int TestCliUnavailable::copiesOf(const QString &text) const
{
    return direct().copiesOf(m_homer, m_marge, text);
}

void TestCliUnavailable::oneShotSendWaitsForTheServer()
{
    m_proxy->answerUnavailable({QStringLiteral("send")}, 2);
    const ClientTest::CliRun run = relayed().run(
        {QStringLiteral("send"), m_marge, QStringLiteral("through the storm")}, m_homer, 60000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(m_proxy->unavailableAnswered(QStringLiteral("send")), 2);
    QVERIFY2(run.out.contains(QLatin1String("through the storm")), qPrintable(run.out));
    // Said it was waiting, and never that anything failed.
    QVERIFY2(run.err.contains(QLatin1String("warning: unavailable: ")), qPrintable(run.err));
    QVERIFY2(!run.err.contains(QLatin1String("error:")), qPrintable(run.err));
    QCOMPARE(copiesOf(QStringLiteral("through the storm")), 1);
}

void TestCliUnavailable::oneShotGivesUpAfterRetryFor()
{
    ClientTest::CliRun run = relayed().run(
        {QStringLiteral("--retry-for"), QStringLiteral("soon"), QStringLiteral("friends")},
        m_homer);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("error: usage: ")), qPrintable(run.err));

    m_proxy->answerUnavailable({QStringLiteral("send")});
    run = relayed().run({QStringLiteral("--retry-for"), QStringLiteral("2"), QStringLiteral("send"),
                         m_marge, QStringLiteral("never stored")},
                        m_homer, 60000);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("error: unavailable: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("retrying for 2 s")), qPrintable(run.err));
    QVERIFY(m_proxy->unavailableAnswered(QStringLiteral("send")) >= 1);
    QCOMPARE(copiesOf(QStringLiteral("never stored")), 0);
    // It logged out on the way: a plain login works.
    run = direct().run({QStringLiteral("friends")}, m_homer);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCliUnavailable::interactiveKeepsTheMessageQueued()
{
    QProcess shell;
    QString out, err;
    QVERIFY2(startShell(&shell, relayed().environment(m_homer), &out, &err), qPrintable(out + err));

    m_proxy->answerUnavailable({}); // every request but hello and ping
    shell.write(QStringLiteral("/msg %1 hold the line\n").arg(m_marge).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(
        out.contains(QLatin1String("* server storage unavailable, retrying in ")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_proxy->unavailableAnswered() >= 2, kWait);
    QVERIFY2(!out.contains(QLatin1String(": hold the line")), qPrintable(out));
    QVERIFY2(!err.contains(QLatin1String("error:")), qPrintable(err));

    m_proxy->stopAnsweringUnavailable();
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral(u": hold the line  \u2713")), kWait);
    QVERIFY2(!err.contains(QLatin1String("error:")), qPrintable(err));
    QCOMPARE(copiesOf(QStringLiteral("hold the line")), 1);

    QVERIFY(quitsCleanly(&shell));
}

void TestCliUnavailable::interactiveRidesThroughARestart_data()
{
    QTest::addColumn<bool>("killed");
    QTest::newRow("stopped") << false;
    QTest::newRow("killed") << true;
}

void TestCliUnavailable::interactiveRidesThroughARestart()
{
    QFETCH(bool, killed);
    QProcess shell;
    QString out, err;
    QVERIFY2(startShell(&shell, direct().environment(m_homer), &out, &err), qPrintable(out + err));

    if (killed)
        m_server.kill();
    else
        QVERIFY(m_server.terminate());
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("* connection lost (")), kWait);
    shell.write(QStringLiteral("/msg %1 after the restart\n").arg(m_marge).toUtf8());
    QVERIFY2(m_server.restart(), m_server.output().constData());
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QLatin1String("* back online")), kWait);
    // Through a pipe, plain lines: one when it went, one when it came back.
    QCOMPARE(out.count(QStringLiteral(u"reconnecting\u2026")), 1);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains(QStringLiteral(u": after the restart  \u2713")), kWait);
    QCOMPARE(shell.state(), QProcess::Running);
    // Nothing but the notices: no error, no library log line.
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QCOMPARE(copiesOf(QStringLiteral("after the restart")), 1);

    QVERIFY(quitsCleanly(&shell));
}

QTEST_GUILESS_MAIN(TestCliUnavailable)
#include "tst_cli_unavailable.moc"
