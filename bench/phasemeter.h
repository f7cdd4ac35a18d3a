#pragma once

#include "population.h"

#include <QHash>
#include <QJsonObject>

namespace Palomar::Bench {

// What one measured phase of a workload cost the servers: the store's
// statements (on PostgreSQL, round trips), commits and group-commit batches
// from the servers' /metrics, summed over the instances; palomar-server's
// CPU; and the PostgreSQL server's CPU when there is one. start() and
// finish() bracket the phase and read everything outside it (a scrape is an
// HTTP request); addTo() writes the figures per unit of work into a result.
class PhaseMeter
{
public:
    explicit PhaseMeter(const Target &target) : m_target(target) {}

    void start();
    void finish();
    // Members "statements_per_<unit>", "commits_per_<unit>",
    // "requests_per_batch", "server_cpu_s", "server_cpu_us_per_<unit>" and
    // "db_cpu_us_per_<unit>", each prefixed with `prefix` (e.g. "upload_"),
    // for what is known; "metrics_error" when a scrape failed.
    void addTo(QJsonObject *result, double units, const QString &unit,
               const QString &prefix = QString()) const;
    // CPU seconds of palomar-server over the phase (the servers of --server
    // only with --server-pid).
    double serverCpuSeconds() const { return m_serverCpu[1] - m_serverCpu[0]; }

private:
    void sample(int at);

    const Target &m_target;
    QHash<QByteArray, double> m_metrics[2];
    bool m_metricsOk[2] = {false, false};
    QString m_metricsError;
    double m_serverCpu[2] = {0, 0};
    double m_databaseCpu[2] = {0, 0};
};

} // namespace Palomar::Bench
