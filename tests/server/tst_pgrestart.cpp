// PostgreSQL restarting under running palomar-servers (a minor upgrade, a
// failover) is a normal event: while it is down, requests answer
// `unavailable` with retry_after (never `internal`) and have no effect; once
// it is back, the servers reconnect by themselves and go on, nothing
// acknowledged is lost or doubled, and wake-ups between instances work
// again. The test runs a PostgreSQL cluster of its own
// (scripts/pg-cluster.sh), which it restarts.
#include "pgcluster.h"
#include "servertest.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <unistd.h>

using namespace Palomar::Testing;

namespace {

QJsonObject send(TestClient &client, const QString &to, int n)
{
    return client.request(str("send"), {{str("to"), to},
                                        {str("text"), QStringLiteral("m%1").arg(n)},
                                        {str("client_id"), QStringLiteral("c%1").arg(n)}});
}

} // namespace

class PgRestartTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sendsSurviveARestart();
    void instancesWakeEachOtherAfterARestart();

private:
    // Sends m<n> until it is stored: every failure must be `unavailable`
    // with a retry_after, which it then waits.
    void sendUntilStored(TestClient &client, const QString &to, int n);
    // Everything `client` receives from now on, by sync with acknowledgement.
    QStringList receive(TestClient &client, int count);

    QTemporaryDir m_folder;
    QString m_clusterDir;
    QString m_url;
    QByteArray m_previousUrl;
    int m_unavailable = 0;
};

void PgRestartTest::initTestCase()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("a PostgreSQL test (PALOMAR_TEST_BACKEND=postgresql)");
    if (getuid() != 0)
        QSKIP("starting a PostgreSQL cluster of its own needs root (runuser postgres)");
    QVERIFY(m_folder.isValid());
    // The postgres user must reach the cluster's folder inside.
    QVERIFY(QFile::setPermissions(m_folder.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                       QFile::ExeOwner | QFile::ExeGroup |
                                                       QFile::ExeOther));
    m_clusterDir = m_folder.filePath(str("cluster"));
    const quint16 port = freeClusterPort();
    QVERIFY(port > 0);
    m_url = cluster({str("start"), m_clusterDir, QString::number(port)});
    QVERIFY2(!m_url.isEmpty(), "the test's PostgreSQL cluster did not start");
    // Every ServerProcess of this test makes its database there.
    m_previousUrl = qgetenv("PALOMAR_TEST_PG_URL");
    qputenv("PALOMAR_TEST_PG_URL", m_url.toUtf8());
}

void PgRestartTest::cleanupTestCase()
{
    if (!m_clusterDir.isEmpty())
        cluster({str("stop"), m_clusterDir});
    if (!m_previousUrl.isEmpty())
        qputenv("PALOMAR_TEST_PG_URL", m_previousUrl);
}

void PgRestartTest::sendUntilStored(TestClient &client, const QString &to, int n)
{
    for (int attempt = 0; attempt < 120; ++attempt) {
        const QJsonObject reply = send(client, to, n);
        if (isOk(reply))
            return;
        QCOMPARE(errorOf(reply), str("unavailable"));
        const int wait = reply.value(QLatin1String("retry_after")).toInt();
        QVERIFY(wait > 0);
        ++m_unavailable;
        QThread::msleep(200); // retry_after is the most to wait; a test needs less
    }
    QFAIL("the send was never stored");
}

QStringList PgRestartTest::receive(TestClient &client, int count)
{
    QStringList texts;
    qint64 cursor = 0;
    for (int round = 0; round < 200 && texts.size() < count; ++round) {
        const QJsonObject reply =
            client.request(str("sync"), {{str("after"), cursor}, {str("wait"), 2}}, 30000);
        if (!isOk(reply))
            return {QStringLiteral("error: %1").arg(errorOf(reply))};
        cursor = reply.value(QLatin1String("cursor")).toInteger();
        for (const QJsonValue &event : reply.value(QLatin1String("events")).toArray()) {
            const QJsonObject object = event.toObject();
            if (object.value(QLatin1String("kind")).toString() == str("message"))
                texts.append(object.value(QLatin1String("text")).toString());
        }
    }
    return texts;
}

void PgRestartTest::sendsSurviveARestart()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient setup(server.port());
    for (const char *name : {"Homer", "Mario"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(server.port(), str("Homer"), str("Mario")));
    TestClient homer(server.port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    for (int n = 0; n < 5; ++n)
        sendUntilStored(homer, str("Mario"), n);

    // PostgreSQL restarts while Homer goes on sending.
    QProcess restart;
    restart.start(clusterScript(), {str("restart"), m_clusterDir});
    QVERIFY(restart.waitForStarted());
    int n = 5;
    while (restart.state() != QProcess::NotRunning && n < 200)
        sendUntilStored(homer, str("Mario"), n++);
    QVERIFY(restart.waitForFinished(kClusterScriptMs));
    QCOMPARE(restart.exitCode(), 0);
    for (const int last = n + 5; n < last; ++n)
        sendUntilStored(homer, str("Mario"), n);

    // Homer's session lives on; Mario gets every message once, in order.
    TestClient mario(server.port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    QStringList expected;
    for (int i = 0; i < n; ++i)
        expected.append(QStringLiteral("m%1").arg(i));
    QCOMPARE(receive(mario, n), expected);
    QVERIFY(isOk(homer.request(str("friends"))));
    qInfo("%d sends stored, %d answers unavailable during the restart", n, m_unavailable);
    QVERIFY(server.terminate());
    QVERIFY(server.output().contains("finds the database unavailable"));
    QVERIFY(!server.output().contains("internal"));
}

void PgRestartTest::instancesWakeEachOtherAfterARestart()
{
    ServerProcess first;
    QVERIFY(first.start());
    ServerProcess second({}, &first);
    QVERIFY(second.start());
    TestClient setup(first.port());
    for (const char *name : {"Ned", "Kenny"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(first.port(), str("Ned"), str("Kenny")));
    TestClient ned(first.port());
    TestClient kenny(second.port());
    QVERIFY(isOk(ned.login(str("Ned"), kPassword)));
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    kenny.sync();

    QCOMPARE(cluster({str("restart"), m_clusterDir}), QString());
    // Kenny's store connection finds out first, and answers unavailable.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QJsonObject reply = kenny.request(str("friends"));
        if (isOk(reply))
            break;
        QCOMPARE(errorOf(reply), str("unavailable"));
        QThread::msleep(200);
    }
    // Kenny's long poll on the second instance, Ned's send on the first:
    // the wake-up crosses once the second instance listens again (or its
    // reconnection wakes every poll to look).
    const int poll = kenny.post(str("sync"), {{str("after"), kenny.cursor()}, {str("wait"), 30}});
    sendUntilStored(ned, str("Kenny"), 0);
    const QJsonObject woken = kenny.reply(poll, 60000);
    QVERIFY2(isOk(woken), qPrintable(errorOf(woken)));
    const QJsonArray events = woken.value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject().value(QLatin1String("text")).toString(), str("m0"));
    QVERIFY(first.terminate());
    QVERIFY(second.terminate());
}

QTEST_GUILESS_MAIN(PgRestartTest)
#include "tst_pgrestart.moc"
