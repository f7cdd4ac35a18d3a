#pragma once

#include "client/clientsession.h"

#include <QList>
#include <QString>

#include <functional>

namespace Palomar::Bench {

// Runs the event loop until `reply` finishes (or `timeoutMs` passes); the
// bench drives its scenario step by step, the sessions stay asynchronous.
bool await(Client::Reply *reply, int timeoutMs = 60000, QString *error = nullptr);
// Runs the event loop until `done()` holds or `timeoutMs` passes.
bool awaitCondition(const std::function<bool()> &done, int timeoutMs);
// Waits for every reply; false (with the first error) if any failed.
bool awaitAll(const QList<Client::Reply *> &replies, int timeoutMs, QString *error);

struct Statistics
{
    double median = 0;
    double minimum = 0;
    double maximum = 0;
    double p90 = 0;
    double p99 = 0;
};
Statistics statistics(QList<double> values);

// Peak resident memory of a process, from /proc (kB; 0 when unknown).
qint64 peakRssKb(qint64 pid);
// Current resident memory of a process, from /proc (kB; 0 when unknown).
qint64 rssKb(qint64 pid);
// Memory the kernel holds for TCP sockets, system-wide (/proc/net/sockstat
// "TCP: … mem", pages → kB).
qint64 tcpSocketMemoryKb();
// User + system CPU seconds of a process, from /proc; with
// `Children::Reaped`, plus those of its children it has waited for.
enum class Children
{
    Excluded,
    Reaped
};
double cpuSeconds(qint64 pid, Children children = Children::Excluded);

} // namespace Palomar::Bench
