#pragma once

#include "protocol/errors.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <optional>
#include <vector>

namespace Palomar::Server {

// Prometheus' text exposition format (version 0.0.4): each family once, its
// HELP and TYPE lines first, then its samples.
class MetricsText
{
public:
    // A family of one unlabelled sample.
    void counter(const char *name, const char *help, double value);
    void gauge(const char *name, const char *help, double value);
    // A family whose samples follow (sample(), histogram()).
    void family(const char *name, const char *help, const char *type);
    // `labels` without braces (`op="send"`), or empty.
    void sample(const QByteArray &name, const QByteArray &labels, double value);
    // A histogram's series for one label set: `bounds` are the buckets'
    // upper bounds; `counts` holds one count per bucket (not cumulative)
    // plus one for what exceeds the last bound.
    void histogram(const QByteArray &name, const QByteArray &labels,
                   const std::vector<double> &bounds, const std::vector<quint64> &counts,
                   double sum);
    QByteArray text() const { return m_text; }
    // `name="value"` (values here need no escaping: op names, codes, words).
    static QByteArray label(const char *name, const QString &value);

private:
    QByteArray m_text;
};

// The process's request and store figures (--metrics). Recording is cheap
// and takes no lock: each thread counts in a shard of its own (relaxed
// atomics only it writes), and a scrape adds the shards up. A thread's
// shard outlives it in the totals.
class Metrics
{
public:
    using Duration = std::chrono::steady_clock::duration;

    // The label of `op`: each op the server knows has its own, anything
    // else shares "other" (the label set stays bounded whatever clients send).
    static int opIndex(const QString &op);
    // A request was answered (its reply queued) `elapsed` after its frame
    // was read; `error` is the reply's error code, if any.
    static void request(int op, std::optional<Protocol::Error> error, Duration elapsed);
    // A write transaction of the store executor carried `jobs` requests.
    static void storeBatch(size_t jobs);
    // A write transaction took `elapsed` from its begin through its commit.
    static void storeCommit(Duration elapsed);

    // The request and store families, summed over the shards.
    static void write(MetricsText &text);
};

} // namespace Palomar::Server
