#include "phasemeter.h"

#include "servermetrics.h"

namespace Palomar::Bench {

void PhaseMeter::start()
{
    sample(0);
}

void PhaseMeter::finish()
{
    sample(1);
}

void PhaseMeter::sample(int at)
{
    // CPU next to the clock readings, the scrape (milliseconds) outside:
    // before the CPU at the start, after it at the end.
    if (at == 1) {
        m_serverCpu[1] = m_target.serverCpuSeconds();
        m_databaseCpu[1] = m_target.database ? m_target.database->cpuSeconds() : 0;
    }
    if (!m_target.metricsUrls.isEmpty()) {
        QString error;
        m_metricsOk[at] = scrapeMetricsSum(m_target.metricsUrls, &m_metrics[at], &error);
        if (!m_metricsOk[at] && m_metricsError.isEmpty())
            m_metricsError = error;
    }
    if (at == 0) {
        m_serverCpu[0] = m_target.serverCpuSeconds();
        m_databaseCpu[0] = m_target.database ? m_target.database->cpuSeconds() : 0;
    }
}

void PhaseMeter::addTo(QJsonObject *result, double units, const QString &unit,
                       const QString &prefix) const
{
    const auto put = [&](const QString &name, double value) {
        result->insert(prefix + name, value);
    };
    const auto perUnit = [&](const QString &name) -> QString {
        return name + QStringLiteral("_per_") + unit;
    };
    const auto delta = [this](const char *name) {
        const QByteArray key(name);
        return m_metrics[1].value(key) - m_metrics[0].value(key);
    };
    if (units <= 0)
        return;
    if (m_metricsOk[0] && m_metricsOk[1]) {
        put(perUnit(QStringLiteral("statements")), delta("palomar_store_statements_total") / units);
        put(perUnit(QStringLiteral("commits")), delta("palomar_store_commits_total") / units);
        const double batches = delta("palomar_store_batches_total");
        if (batches > 0)
            put(QStringLiteral("requests_per_batch"),
                delta("palomar_store_batched_requests_total") / batches);
    } else if (!m_metricsError.isEmpty()) {
        result->insert(prefix + QStringLiteral("metrics_error"), m_metricsError);
    }
    if (!m_target.serverPids.isEmpty()) {
        put(QStringLiteral("server_cpu_s"), serverCpuSeconds());
        put(perUnit(QStringLiteral("server_cpu_us")), serverCpuSeconds() * 1e6 / units);
    }
    if (m_target.database)
        put(perUnit(QStringLiteral("db_cpu_us")),
            (m_databaseCpu[1] - m_databaseCpu[0]) * 1e6 / units);
}

} // namespace Palomar::Bench
