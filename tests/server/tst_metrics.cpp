// --metrics: the HTTP endpoint of a real palomar-server, over real HTTP.
// /metrics is well-formed Prometheus text (each family declared once, every
// sample in a declared family, histograms cumulative up to +Inf = _count)
// and its counters move with the requests; /healthz answers; /readyz answers
// 200 while the database answers and 503 while PostgreSQL is down; other
// paths are 404; the endpoint listens on loopback unless told otherwise.
#include "pgcluster.h"
#include "servertest.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <unistd.h>

#include <memory>
#include <optional>

using namespace Palomar::Testing;

namespace {

constexpr int kHttpMs = 30000;

struct HttpAnswer
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
};

HttpAnswer get(const QUrl &url)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setTransferTimeout(kHttpMs);
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kHttpMs))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

QStringList metricsArguments()
{
    return {str("--metrics"), str("127.0.0.1:0")};
}

// Starts `server`; its metrics endpoint (http://ADDR:PORT) from its log
// line, or an invalid URL.
QUrl startWithMetrics(ServerProcess &server)
{
    if (!server.start())
        return {};
    static const QRegularExpression line(QStringLiteral("metrics on (http://[^/ ]+)/metrics"));
    for (int waited = 0; waited < kHttpMs; waited += 50) {
        const auto match = line.match(QString::fromUtf8(server.output()));
        if (match.hasMatch())
            return QUrl(match.captured(1));
        QTest::qWait(50);
    }
    return {};
}

QUrl at(const QUrl &base, const char *path)
{
    QUrl url = base;
    url.setPath(QString::fromLatin1(path));
    return url;
}

// Prometheus' text format, read strictly.
struct Sample
{
    QByteArray name;
    QByteArray family;
    QMap<QByteArray, QByteArray> labels;
    double value = 0;
};

struct Exposition
{
    QHash<QByteArray, QByteArray> types; // family → counter, gauge, histogram
    QList<Sample> samples;
    QString problem; // empty when well-formed

    // The sample of `name` with exactly `labels`; nullopt when absent.
    std::optional<double> value(const QByteArray &name,
                                const QMap<QByteArray, QByteArray> &labels = {}) const
    {
        for (const Sample &sample : samples) {
            if (sample.name == name && sample.labels == labels)
                return sample.value;
        }
        return std::nullopt;
    }
    double valueOr0(const QByteArray &name, const QMap<QByteArray, QByteArray> &labels = {}) const
    {
        return value(name, labels).value_or(0);
    }
};

QString checkHistograms(const Exposition &exposition);

Exposition parse(const QByteArray &text)
{
    static const QRegularExpression sampleLine(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})? (\\S+)$"));
    static const QRegularExpression labelPair(
        QStringLiteral("^([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"$"));
    Exposition exposition;
    QByteArray current; // the family declared last
    QSet<QByteArray> helped;
    const auto fail = [&](const QString &why, const QByteArray &line) {
        if (exposition.problem.isEmpty())
            exposition.problem = QStringLiteral("%1: %2").arg(why, QString::fromUtf8(line));
    };
    if (!text.endsWith('\n'))
        fail(QStringLiteral("no final newline"), text.right(40));
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith("# HELP ")) {
            const QByteArray name = line.mid(7).split(' ').value(0);
            if (helped.contains(name))
                fail(QStringLiteral("HELP twice"), line);
            helped.insert(name);
            continue;
        }
        if (line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.mid(7).split(' ');
            if (parts.size() != 2 || !helped.contains(parts[0]) ||
                exposition.types.contains(parts[0]))
                fail(QStringLiteral("TYPE without its HELP, or twice"), line);
            if (!QList<QByteArray>{"counter", "gauge", "histogram"}.contains(parts.value(1)))
                fail(QStringLiteral("unknown type"), line);
            if (parts.value(1) == "counter" && !parts[0].endsWith("_total"))
                fail(QStringLiteral("a counter's name ends in _total"), line);
            current = parts[0];
            exposition.types.insert(current, parts.value(1));
            continue;
        }
        if (line.startsWith('#'))
            continue;
        const auto match = sampleLine.match(QString::fromUtf8(line));
        if (!match.hasMatch()) {
            fail(QStringLiteral("not a sample"), line);
            continue;
        }
        Sample sample;
        sample.name = match.captured(1).toUtf8();
        bool ok = false;
        sample.value =
            match.captured(3) == QLatin1String("+Inf") ? qInf() : match.captured(3).toDouble(&ok);
        if (!ok)
            fail(QStringLiteral("not a number"), line);
        const QString labels = match.captured(2);
        if (!labels.isEmpty()) {
            for (const QString &pair : labels.split(QLatin1Char(','))) {
                const auto label = labelPair.match(pair);
                if (!label.hasMatch() || sample.labels.contains(label.captured(1).toUtf8()))
                    fail(QStringLiteral("bad label"), line);
                sample.labels.insert(label.captured(1).toUtf8(), label.captured(2).toUtf8());
            }
        }
        // Each sample belongs to the family declared just before it.
        const QByteArray type = exposition.types.value(current);
        bool belongs = sample.name == current;
        if (type == "histogram") {
            belongs = false;
            for (const char *suffix : {"_bucket", "_sum", "_count"})
                belongs = belongs || sample.name == current + suffix;
        }
        if (!belongs)
            fail(QStringLiteral("a sample outside its family"), line);
        sample.family = current;
        exposition.samples.append(sample);
    }
    if (exposition.problem.isEmpty())
        exposition.problem = checkHistograms(exposition);
    return exposition;
}

// Every histogram series: its buckets' bounds rise, their counts never
// fall, the last is +Inf and equals _count; _sum is there.
QString checkHistograms(const Exposition &exposition)
{
    struct Series
    {
        QList<std::pair<double, double>> buckets; // le, count
        std::optional<double> count;
        std::optional<double> sum;
    };
    QMap<QByteArray, Series> series; // by family{labels but le}
    for (const Sample &sample : exposition.samples) {
        if (exposition.types.value(sample.family) != "histogram")
            continue;
        QMap<QByteArray, QByteArray> labels = sample.labels;
        const QByteArray le = labels.take("le");
        QByteArray key = sample.family + '{';
        for (auto label = labels.cbegin(); label != labels.cend(); ++label)
            key += label.key() + "=\"" + label.value() + "\",";
        Series &one = series[key + '}'];
        if (sample.name.endsWith("_bucket")) {
            const double bound = le == "+Inf" ? qInf() : le.toDouble();
            one.buckets.append({bound, sample.value});
        } else if (sample.name.endsWith("_count")) {
            one.count = sample.value;
        } else {
            one.sum = sample.value;
        }
    }
    if (series.isEmpty())
        return QStringLiteral("no histogram");
    for (auto it = series.cbegin(); it != series.cend(); ++it) {
        const QString name = QString::fromUtf8(it.key());
        const Series &one = it.value();
        if (one.buckets.isEmpty() || !one.count || !one.sum)
            return QStringLiteral("%1: buckets, _sum or _count missing").arg(name);
        for (qsizetype i = 1; i < one.buckets.size(); ++i) {
            if (one.buckets[i].first <= one.buckets[i - 1].first ||
                one.buckets[i].second < one.buckets[i - 1].second)
                return QStringLiteral("%1: buckets not cumulative").arg(name);
        }
        if (!qIsInf(one.buckets.last().first) || one.buckets.last().second != *one.count)
            return QStringLiteral("%1: the last bucket is not +Inf = _count").arg(name);
    }
    return {};
}

Exposition scrape(const QUrl &base)
{
    const HttpAnswer answer = get(at(base, "/metrics"));
    if (answer.status != 200) {
        Exposition failed;
        failed.problem = QStringLiteral("/metrics answered %1").arg(answer.status);
        return failed;
    }
    return parse(answer.body);
}

QMap<QByteArray, QByteArray> op(const char *name)
{
    return {{"op", name}};
}

QMap<QByteArray, QByteArray> opCode(const char *name, const QString &code)
{
    return {{"op", name}, {"code", code.toUtf8()}};
}

} // namespace

class MetricsTest : public QObject
{
    Q_OBJECT

private slots:
    void exposition();
    void countersMove();
    void endpoints();
    void loopbackByDefault();
    void readyzFollowsPostgresql();
};

void MetricsTest::exposition()
{
    ServerProcess server(metricsArguments());
    const QUrl base = startWithMetrics(server);
    QVERIFY(base.isValid());
    TestClient client(server.port());
    QVERIFY(isOk(client.request(str("ping"))));

    const Exposition metrics = scrape(base);
    QVERIFY2(metrics.problem.isEmpty(), qPrintable(metrics.problem));
    const QList<std::pair<const char *, const char *>> families{
        {"palomar_server_info", "gauge"},
        {"process_start_time_seconds", "gauge"},
        {"palomar_uptime_seconds", "gauge"},
        {"palomar_connections", "gauge"},
        {"palomar_sessions_online", "gauge"},
        {"palomar_requests_total", "counter"},
        {"palomar_request_errors_total", "counter"},
        {"palomar_request_duration_seconds", "histogram"},
        {"palomar_store_batch_size", "histogram"},
        {"palomar_store_commit_duration_seconds", "histogram"},
        {"palomar_store_unavailable_total", "counter"},
        {"palomar_store_conflicts_total", "counter"},
        {"palomar_store_faults_total", "counter"},
        {"palomar_store_reconnects_total", "counter"},
        {"palomar_store_reconnect_failures_total", "counter"},
        {"palomar_store_queue_depth", "gauge"},
        {"palomar_store_queued_jobs", "gauge"},
    };
    for (const auto &[name, type] : families)
        QCOMPARE(metrics.types.value(name), QByteArray(type));
    // The ping is counted (this client's connection is open) and timed.
    QVERIFY(metrics.valueOr0("palomar_requests_total", op("ping")) >= 1);
    QVERIFY(metrics.valueOr0("palomar_request_duration_seconds_count", op("ping")) >= 1);
    QVERIFY(metrics.valueOr0("palomar_connections") >= 1);
    QVERIFY(metrics.value("palomar_requests_total", op("other")).has_value());
    const QByteArray backend = ServerProcess::usesPostgresql() ? "postgresql" : "sqlite";
    bool described = false;
    for (const Sample &sample : metrics.samples)
        described = described || (sample.name == "palomar_server_info" &&
                                  sample.labels.value("backend") == backend &&
                                  sample.labels.value("tls") == "false");
    QVERIFY(described);
    QVERIFY(metrics.valueOr0("process_start_time_seconds") > 1.7e9);
    QVERIFY(server.terminate());
}

void MetricsTest::countersMove()
{
    ServerProcess server(metricsArguments());
    const QUrl base = startWithMetrics(server);
    QVERIFY(base.isValid());
    TestClient setup(server.port());
    for (const char *name : {"Homer", "Mario"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(server.port(), str("Homer"), str("Mario")));

    const Exposition before = scrape(base);
    QVERIFY2(before.problem.isEmpty(), qPrintable(before.problem));
    TestClient homer(server.port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(homer.request(
        str("send"),
        {{str("to"), str("Mario")}, {str("text"), str("hi")}, {str("client_id"), str("c1")}})));
    const QJsonObject bad = homer.request(str("send"), {{str("text"), str("to nobody")}});
    QVERIFY(!isOk(bad));
    const QString badCode = errorOf(bad);
    QCOMPARE(badCode, str("bad_request"));
    QCOMPARE(errorOf(homer.request(str("frobnicate"))), str("unknown_op"));
    const Exposition after = scrape(base);
    QVERIFY2(after.problem.isEmpty(), qPrintable(after.problem));

    const auto moved = [&](const QByteArray &name, const QMap<QByteArray, QByteArray> &labels) {
        return after.valueOr0(name, labels) - before.valueOr0(name, labels);
    };
    QCOMPARE(moved("palomar_requests_total", op("login")), 1.0);
    QCOMPARE(moved("palomar_requests_total", op("send")), 2.0);
    QCOMPARE(moved("palomar_requests_total", op("other")), 1.0);
    QCOMPARE(moved("palomar_request_errors_total", opCode("send", badCode)), 1.0);
    QCOMPARE(moved("palomar_request_errors_total", opCode("other", str("unknown_op"))), 1.0);
    QCOMPARE(moved("palomar_request_errors_total", opCode("login", str("bad_credentials"))), 0.0);
    QCOMPARE(moved("palomar_request_duration_seconds_count", op("send")), 2.0);
    QVERIFY(moved("palomar_request_duration_seconds_sum", op("send")) > 0);
    // The send (and the login's session) were committed.
    QVERIFY(moved("palomar_store_batch_size_count", {}) >= 1);
    QVERIFY(moved("palomar_store_commit_duration_seconds_count", {}) >= 1);
    QCOMPARE(moved("palomar_sessions_online", {}), 1.0); // Homer's

    // A wrong password is an error of login, by its code.
    TestClient intruder(server.port());
    QCOMPARE(errorOf(intruder.login(str("Mario"), str("wrong password"))), str("bad_credentials"));
    const Exposition last = scrape(base);
    QCOMPARE(last.valueOr0("palomar_request_errors_total", opCode("login", str("bad_credentials"))),
             1.0);
    QVERIFY(server.terminate());
}

void MetricsTest::endpoints()
{
    ServerProcess server(metricsArguments());
    const QUrl base = startWithMetrics(server);
    QVERIFY(base.isValid());
    const HttpAnswer health = get(at(base, "/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body, QByteArray("ok\n"));
    const HttpAnswer ready = get(at(base, "/readyz"));
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.body, QByteArray("ready\n"));
    QCOMPARE(get(at(base, "/nothing-here")).status, 404);
    QCOMPARE(get(at(base, "/metrics/extra")).status, 404);
    QVERIFY(server.terminate());
}

void MetricsTest::loopbackByDefault()
{
    // A port alone: the address is 127.0.0.1.
    ServerProcess server({str("--metrics"), str("0")});
    const QUrl base = startWithMetrics(server);
    QVERIFY(base.isValid());
    QCOMPARE(base.host(), str("127.0.0.1"));
    QCOMPARE(get(at(base, "/healthz")).status, 200);
    // Not on this machine's other addresses.
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket socket;
        socket.connectToHost(address, quint16(base.port()));
        QVERIFY2(!socket.waitForConnected(5000), qPrintable(address.toString()));
    }
    QVERIFY(server.terminate());
}

void MetricsTest::readyzFollowsPostgresql()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("a PostgreSQL test (PALOMAR_TEST_BACKEND=postgresql)");
    if (getuid() != 0)
        QSKIP("stopping a PostgreSQL cluster of its own needs root (runuser postgres)");
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(QFile::setPermissions(folder.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                     QFile::ExeOwner | QFile::ExeGroup |
                                                     QFile::ExeOther));
    const QString clusterDir = folder.filePath(str("cluster"));
    const quint16 port = freeClusterPort();
    QVERIFY(port > 0);
    const QString url = cluster({str("start"), clusterDir, QString::number(port)});
    QVERIFY2(!url.isEmpty(), "the test's PostgreSQL cluster did not start");
    // Stops the cluster and gives the suite's URL back, whatever happens.
    const QByteArray previousUrl = qgetenv("PALOMAR_TEST_PG_URL");
    const auto restore = qScopeGuard([&] {
        runCluster({str("stop"), clusterDir});
        qputenv("PALOMAR_TEST_PG_URL", previousUrl);
    });
    qputenv("PALOMAR_TEST_PG_URL", url.toUtf8());
    {
        ServerProcess server(metricsArguments());
        const QUrl base = startWithMetrics(server);
        QVERIFY(base.isValid());
        QCOMPARE(get(at(base, "/readyz")).status, 200);

        QVERIFY(runCluster({str("down"), clusterDir}));
        HttpAnswer down;
        QTRY_VERIFY_WITH_TIMEOUT((down = get(at(base, "/readyz"))).status == 503, 60000);
        QVERIFY2(down.body.contains("unavailable") || down.body.contains("did not answer"),
                 down.body.constData());
        // The server itself is alive, and says what it sees.
        QCOMPARE(get(at(base, "/healthz")).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(
            scrape(base).valueOr0("palomar_store_reconnect_failures_total") > 0, 60000);

        QVERIFY(runCluster({str("up"), clusterDir}));
        QTRY_COMPARE_WITH_TIMEOUT(get(at(base, "/readyz")).status, 200, 60000);
        const Exposition metrics = scrape(base);
        QVERIFY2(metrics.problem.isEmpty(), qPrintable(metrics.problem));
        QVERIFY(metrics.valueOr0("palomar_store_reconnects_total") >= 1);
        QVERIFY(metrics.valueOr0("palomar_store_unavailable_total") >= 1);
        QVERIFY(server.terminate());
    }
}

QTEST_GUILESS_MAIN(MetricsTest)
#include "tst_metrics.moc"
