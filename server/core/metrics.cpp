#include "metrics.h"

#include "handlerset.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <numeric>

namespace Palomar::Server {

void MetricsText::family(const char *name, const char *help, const char *type)
{
    m_text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void MetricsText::sample(const QByteArray &name, const QByteArray &labels, double value)
{
    m_text += name;
    if (!labels.isEmpty())
        m_text += '{' + labels + '}';
    m_text += ' ' + QByteArray::number(value, 'g', 17) + '\n';
}

void MetricsText::histogram(const QByteArray &name, const QByteArray &labels,
                            const std::vector<double> &bounds, const std::vector<quint64> &counts,
                            double sum)
{
    const QByteArray prefix = labels.isEmpty() ? QByteArray() : labels + ',';
    quint64 cumulative = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        cumulative += counts[i];
        const QByteArray le = i < bounds.size() ? QByteArray::number(bounds[i], 'g', 6) : "+Inf";
        sample(name + "_bucket", prefix + "le=\"" + le + '"', double(cumulative));
    }
    sample(name + "_sum", labels, sum);
    sample(name + "_count", labels, double(cumulative));
}

QByteArray MetricsText::label(const char *name, const QString &value)
{
    return QByteArray(name) + "=\"" + value.toUtf8() + '"';
}

void MetricsText::counter(const char *name, const char *help, double value)
{
    family(name, help, "counter");
    sample(name, {}, value);
}

void MetricsText::gauge(const char *name, const char *help, double value)
{
    family(name, help, "gauge");
    sample(name, {}, value);
}

namespace {

using Nanos = std::chrono::nanoseconds;

// Request latency and commit time: 0.5 ms to 10 s.
const std::vector<double> kSecondsBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,    0.25,  0.5,    1,     2.5,  5,     10};
constexpr size_t kSecondsBuckets = 15; // with +Inf
// Requests per write transaction (the executor takes at most 256).
const std::vector<double> kBatchBounds{1, 2, 4, 8, 16, 32, 64, 128, 256};
constexpr size_t kBatchBuckets = 10;
// Protocol::Error's codes, then one for a code newer than this table.
constexpr size_t kCodes = size_t(Protocol::Error::Unavailable) + 2;

// Only the owning thread writes: a relaxed load and store, no locked
// instruction; a scrape reads with relaxed loads.
void bump(std::atomic<quint64> &counter, quint64 by = 1)
{
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

template<size_t Buckets> struct Histogram
{
    std::array<std::atomic<quint64>, Buckets> buckets{};
    std::atomic<quint64> sum{0}; // in the unit the bounds are scaled to

    void observe(const std::vector<double> &bounds, double scale, quint64 value)
    {
        size_t i = 0;
        while (i < bounds.size() && double(value) > bounds[i] * scale)
            ++i;
        bump(buckets[i]);
        bump(sum, value);
    }
};

struct OpFigures
{
    Histogram<kSecondsBuckets> latency; // nanoseconds
    std::array<std::atomic<quint64>, kCodes> errors{};
};

// The names of the op labels, "other" last.
const QStringList &opNames()
{
    static const QStringList names = [] {
        QStringList ops = HandlerSet::ops();
        ops << QStringLiteral("hello") << QStringLiteral("ping");
        std::sort(ops.begin(), ops.end());
        ops << QStringLiteral("other");
        return ops;
    }();
    return names;
}

struct Shard
{
    Shard() : ops(opNames().size()) {}

    std::vector<OpFigures> ops;
    Histogram<kBatchBuckets> batchSize;
    Histogram<kSecondsBuckets> commit; // nanoseconds
};

// The sums of the shards, as one scrape saw them.
struct Totals
{
    struct Op
    {
        std::vector<quint64> latency = std::vector<quint64>(kSecondsBuckets);
        quint64 latencySum = 0;
        std::vector<quint64> errors = std::vector<quint64>(kCodes);
    };
    std::vector<Op> ops = std::vector<Op>(opNames().size());
    std::vector<quint64> batchSize = std::vector<quint64>(kBatchBuckets);
    quint64 batchSum = 0;
    std::vector<quint64> commit = std::vector<quint64>(kSecondsBuckets);
    quint64 commitSum = 0;
};

template<size_t Buckets>
void addTo(std::vector<quint64> &counts, quint64 &sum, const Histogram<Buckets> &histogram)
{
    for (size_t i = 0; i < Buckets; ++i)
        counts[i] += histogram.buckets[i].load(std::memory_order_relaxed);
    sum += histogram.sum.load(std::memory_order_relaxed);
}

void addTo(Totals &totals, const Shard &shard)
{
    for (size_t op = 0; op < shard.ops.size(); ++op) {
        const OpFigures &from = shard.ops[op];
        Totals::Op &to = totals.ops[op];
        addTo(to.latency, to.latencySum, from.latency);
        for (size_t code = 0; code < kCodes; ++code)
            to.errors[code] += from.errors[code].load(std::memory_order_relaxed);
    }
    addTo(totals.batchSize, totals.batchSum, shard.batchSize);
    addTo(totals.commit, totals.commitSum, shard.commit);
}

// Every live thread's shard, and what the threads that ended counted.
class Registry
{
public:
    static Registry &instance()
    {
        static Registry *registry = new Registry; // threads may end after main()
        return *registry;
    }

    Shard *enter()
    {
        const std::lock_guard locker(m_mutex);
        m_live.push_back(std::make_unique<Shard>());
        return m_live.back().get();
    }

    void leave(Shard *shard)
    {
        const std::lock_guard locker(m_mutex);
        addTo(m_ended, *shard);
        std::erase_if(m_live, [shard](const auto &live) { return live.get() == shard; });
    }

    Totals totals()
    {
        const std::lock_guard locker(m_mutex);
        Totals totals = m_ended;
        for (const auto &shard : m_live)
            addTo(totals, *shard);
        return totals;
    }

private:
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Shard>> m_live;
    Totals m_ended;
};

struct LocalShard
{
    LocalShard() : shard(Registry::instance().enter()) {}
    ~LocalShard() { Registry::instance().leave(shard); }
    Shard *shard;
};

Shard &localShard()
{
    thread_local LocalShard local;
    return *local.shard;
}

} // namespace

int Metrics::opIndex(const QString &op)
{
    static const QHash<QString, int> indexes = [] {
        QHash<QString, int> indexes;
        const QStringList &names = opNames();
        for (int i = 0; i < names.size() - 1; ++i) // not "other"
            indexes.insert(names.at(i), i);
        return indexes;
    }();
    return indexes.value(op, int(opNames().size()) - 1);
}

void Metrics::request(int op, std::optional<Protocol::Error> error, Duration elapsed)
{
    OpFigures &figures = localShard().ops[size_t(op)];
    figures.latency.observe(kSecondsBounds, 1e9,
                            quint64(std::max<qint64>(0, Nanos(elapsed).count())));
    if (error)
        bump(figures.errors[std::min(size_t(*error), kCodes - 1)]);
}

void Metrics::storeBatch(size_t jobs)
{
    localShard().batchSize.observe(kBatchBounds, 1, jobs);
}

void Metrics::storeCommit(Duration elapsed)
{
    localShard().commit.observe(kSecondsBounds, 1e9,
                                quint64(std::max<qint64>(0, Nanos(elapsed).count())));
}

void Metrics::write(MetricsText &text)
{
    const Totals totals = Registry::instance().totals();
    const QStringList &names = opNames();

    text.family("palomar_requests_total", "Requests answered, by op (unknown ops as other).",
                "counter");
    for (size_t op = 0; op < totals.ops.size(); ++op) {
        const auto &counts = totals.ops[op].latency;
        text.sample("palomar_requests_total", MetricsText::label("op", names.at(qsizetype(op))),
                    double(std::accumulate(counts.begin(), counts.end(), quint64(0))));
    }
    text.family("palomar_request_errors_total", "Requests answered with an error, by op and code.",
                "counter");
    for (size_t op = 0; op < totals.ops.size(); ++op) {
        for (size_t code = 0; code < kCodes; ++code) {
            if (totals.ops[op].errors[code] == 0)
                continue; // only the codes seen: the series would be mostly zeros
            const QString name = code + 1 < kCodes ? Protocol::errorName(Protocol::Error(code))
                                                   : QStringLiteral("other");
            text.sample("palomar_request_errors_total",
                        MetricsText::label("op", names.at(qsizetype(op))) + ',' +
                            MetricsText::label("code", name),
                        double(totals.ops[op].errors[code]));
        }
    }
    text.family("palomar_request_duration_seconds",
                "From a request's frame read to its reply queued, by op (a long poll: until it "
                "waits).",
                "histogram");
    for (size_t op = 0; op < totals.ops.size(); ++op) {
        const Totals::Op &figures = totals.ops[op];
        if (std::accumulate(figures.latency.begin(), figures.latency.end(), quint64(0)) == 0)
            continue; // ops never asked for
        text.histogram("palomar_request_duration_seconds",
                       MetricsText::label("op", names.at(qsizetype(op))), kSecondsBounds,
                       figures.latency, double(figures.latencySum) / 1e9);
    }
    text.family("palomar_store_batch_size", "Requests per write transaction (group commit).",
                "histogram");
    text.histogram("palomar_store_batch_size", {}, kBatchBounds, totals.batchSize,
                   double(totals.batchSum));
    text.family("palomar_store_commit_duration_seconds",
                "Write transactions, from their begin through their commit.", "histogram");
    text.histogram("palomar_store_commit_duration_seconds", {}, kSecondsBounds, totals.commit,
                   double(totals.commitSum) / 1e9);
}

} // namespace Palomar::Server
