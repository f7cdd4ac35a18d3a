#pragma once

#include <QJsonObject>
#include <QList>

namespace Palomar::Bench {

// Collects every run's JSON result and prints them: one table row per run,
// then the median, minimum and maximum of each figure per workload and
// target, the Palomar/Prosody ratios, and one JSON line with all of it.
class Report
{
public:
    void add(const QJsonObject &result) { m_results.append(result); }
    // `server`: the spawned servers' CPU seconds and peak RSS.
    void print(const QJsonObject &server) const;

private:
    QJsonObject summary() const;
    QList<QJsonObject> m_results;
};

} // namespace Palomar::Bench
