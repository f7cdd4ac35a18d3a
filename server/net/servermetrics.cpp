// The server's side of --metrics: the figures /metrics shows, and /readyz's
// round trip to the database.
#include "server.h"

#include "core/metrics.h"
#include "metricsserver.h"
#include "store/storeexecutor.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace Palomar::Server {

namespace {

// SELECT 1 on a store connection, its verdict handed to `target`'s thread.
class ProbeJob : public StoreJob
{
public:
    ProbeJob(QObject *target, MetricsServer::Verdict verdict)
        : m_target(target), m_verdict(std::move(verdict))
    {}

    Access access() const override { return Access::Read; }
    void run(StoreContext &context) override { context.store.ping(); }
    void done(StoreContext &) override { answer(true, {}); }
    void reset() override {}
    void failed(StoreError::Kind kind, int, const QString &why) override
    {
        answer(false, kind == StoreError::Kind::Unavailable
                          ? QStringLiteral("the database is unavailable: %1").arg(why)
                          : QStringLiteral("the database check failed: %1").arg(why));
    }

private:
    void answer(bool ready, const QString &why)
    {
        QMetaObject::invokeMethod(
            m_target, [verdict = m_verdict, ready, why] { verdict(ready, why); },
            Qt::QueuedConnection);
    }

    QObject *m_target;
    MetricsServer::Verdict m_verdict;
};

} // namespace

void Server::probeDatabase(std::function<void(bool ready, const QString &why)> verdict)
{
    if (m_stopping) {
        verdict(false, QStringLiteral("the server is stopping"));
        return;
    }
    // The metrics port is open before the store is (bindPorts()).
    if (!m_executor || m_running == 0) {
        verdict(false, QStringLiteral("the server is starting"));
        return;
    }
    m_executor->submit(std::make_unique<ProbeJob>(this, std::move(verdict)));
}

QByteArray Server::metrics() const
{
    const StoreCounters &store = Store::counters();
    const StoreExecutor *executor = m_executor.get();
    MetricsText text;
    text.family("palomar_server_info", "Always 1; its labels describe the server.", "gauge");
    text.sample(
        "palomar_server_info",
        MetricsText::label("version", QCoreApplication::applicationVersion()) + ',' +
            MetricsText::label("backend", m_config.store.backend == StoreConfig::Backend::Sqlite
                                              ? QStringLiteral("sqlite")
                                              : QStringLiteral("postgresql")) +
            ',' +
            MetricsText::label("tls", m_tls ? QStringLiteral("true") : QStringLiteral("false")),
        1);
    text.gauge("process_start_time_seconds", "When the server started, in Unix time.",
               double(m_started) / 1000.0);
    text.gauge("palomar_uptime_seconds", "Seconds since the server started.",
               double(m_uptime.elapsed()) / 1000.0);
    text.gauge("palomar_connections", "Open client connections.", m_limits.total());
    text.gauge("palomar_connections_unauthenticated",
               "Open client connections that have not logged in.", m_limits.unauthenticated());
    text.gauge("palomar_sessions_online", "Open client connections with a session logged in.",
               m_limits.total() - m_limits.unauthenticated());
    text.gauge("palomar_polls_parked", "Long polls waiting for events.", m_polls.parkedCount());
    text.counter("palomar_store_statements_total",
                 "Statements sent to the database (on PostgreSQL, round trips).",
                 double(store.statements.load()));
    text.counter("palomar_store_commits_total", "Transactions committed.",
                 double(store.commits.load()));
    text.counter("palomar_store_rollbacks_total", "Transactions rolled back.",
                 double(store.rollbacks.load()));
    text.counter("palomar_store_batches_total",
                 "Write transactions of the store executor (group commits).",
                 executor ? double(executor->batches()) : 0.0);
    text.counter("palomar_store_batched_requests_total",
                 "Write requests those transactions carried.",
                 executor ? double(executor->batchedJobs()) : 0.0);
    text.counter("palomar_store_unavailable_total",
                 "Statements that found the database unreachable or full.",
                 double(store.unavailable.load()));
    text.counter("palomar_store_conflicts_total", "Deadlocks and serialization failures, retried.",
                 double(store.conflicts.load()));
    text.counter("palomar_store_faults_total",
                 "Statements that failed otherwise (constraint, syntax, corruption).",
                 double(store.faults.load()));
    text.counter("palomar_store_reconnects_total",
                 "Lost database connections opened again (PostgreSQL).",
                 double(store.reconnects.load()));
    text.counter("palomar_store_reconnect_failures_total",
                 "Attempts to open a lost database connection that failed.",
                 double(store.reconnectFailures.load()));
    const auto [reads, writes] = executor ? executor->queueDepths() : std::pair<int, int>{0, 0};
    text.gauge("palomar_store_queue_depth", "Store jobs waiting for a database connection.",
               reads + writes);
    text.family("palomar_store_queued_jobs", "Store jobs waiting, by kind.", "gauge");
    text.sample("palomar_store_queued_jobs", MetricsText::label("kind", QStringLiteral("read")),
                reads);
    text.sample("palomar_store_queued_jobs", MetricsText::label("kind", QStringLiteral("write")),
                writes);
    Metrics::write(text);
    return text.text();
}

} // namespace Palomar::Server
