#include "report.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace Palomar::Bench {

namespace {

struct Figure
{
    const char *workload;
    const char *path; // "a" or "a.b" inside a result
    const char *label;
};

// The figures summarised and printed, in table order. Statements are round
// trips on PostgreSQL; CPU is per delivered message, in microseconds.
constexpr Figure kFigures[] = {
    {"online", "msgs_per_s", "msgs/s"},
    {"online", "latency_ms.p50", "p50 ms"},
    {"online", "latency_ms.p90", "p90 ms"},
    {"online", "latency_ms.p99", "p99 ms"},
    {"online", "latency_ms.p999", "p99.9 ms"},
    {"online", "statements_per_msg", "stmts/msg"},
    {"online", "commits_per_msg", "commits/msg"},
    {"online", "server_cpu_us_per_msg", "server us/msg"},
    {"online", "db_cpu_us_per_msg", "db us/msg"},
    {"online", "ping_ms.p50", "ping p50"},
    {"online", "ping_ms.p99", "ping p99"},
    {"online", "ping_ms.max", "ping max"},
    {"offline", "store_ms", "store ms"},
    {"offline", "drain_ms", "drain ms"},
    {"offline", "login_ms", "login ms"},
    {"offline", "statements_per_msg", "stmts/msg"},
    {"offline", "server_cpu_us_per_msg", "server us/msg"},
    {"offline", "db_cpu_us_per_msg", "db us/msg"},
    {"connections", "connections", "connections"},
    {"connections", "kb_per_connection", "KB/conn"},
    {"connections", "storm_resume_s", "storm s"},
    {"connections", "login_statements_per_connection", "login stmts/conn"},
    {"connections", "storm_statements_per_connection", "storm stmts/conn"},
    {"files", "upload_mb_s", "upload MB/s"},
    {"files", "download_mb_s", "download MB/s"},
    {"files", "tcp_mb_s", "plain TCP MB/s"},
    {"files", "upload_statements_per_mib", "up stmts/MiB"},
    {"files", "download_statements_per_mib", "down stmts/MiB"},
    {"fanout", "all_members_ms_median", "all members ms"},
    {"fanout", "statements_per_copy", "stmts/copy"},
    {"fanout", "server_cpu_us_per_copy", "server us/copy"},
};

// A column as wide as its label, at least 8.
int width(const Figure &figure)
{
    return std::max(8, int(std::strlen(figure.label)));
}

double valueAt(const QJsonObject &result, const char *path)
{
    const QString text = QString::fromLatin1(path);
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    if (dot < 0)
        return result.value(text).toDouble(-1);
    return result.value(text.left(dot)).toObject().value(text.mid(dot + 1)).toDouble(-1);
}

QJsonObject spread(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return {{QStringLiteral("median"), median},
            {QStringLiteral("min"), values.first()},
            {QStringLiteral("max"), values.last()},
            {QStringLiteral("runs"), int(n)}};
}

QString key(const QJsonObject &result)
{
    return result.value(QLatin1String("workload")).toString() + QLatin1Char('/') +
           result.value(QLatin1String("target")).toString();
}

} // namespace

QJsonObject Report::summary() const
{
    QJsonObject out;
    QStringList keys;
    for (const QJsonObject &result : m_results) {
        if (!result.contains(QLatin1String("error")) && !keys.contains(key(result)))
            keys.append(key(result));
    }
    for (const QString &k : std::as_const(keys)) {
        QJsonObject figures;
        for (const Figure &figure : kFigures) {
            if (!k.startsWith(QString::fromLatin1(figure.workload) + QLatin1Char('/')))
                continue;
            QList<double> values;
            for (const QJsonObject &result : m_results) {
                const double value = valueAt(result, figure.path);
                if (key(result) == k && !result.contains(QLatin1String("error")) && value >= 0)
                    values.append(value);
            }
            if (!values.isEmpty())
                figures.insert(QString::fromLatin1(figure.path), spread(values));
        }
        out.insert(k, figures);
    }
    // Palomar against Prosody, on the medians.
    const auto median = [&out](const char *k, const char *path) {
        return out.value(QString::fromLatin1(k))
            .toObject()
            .value(QString::fromLatin1(path))
            .toObject()
            .value(QLatin1String("median"))
            .toDouble();
    };
    if (median("online/prosody", "msgs_per_s") > 0)
        out.insert(QStringLiteral("online_throughput_ratio_palomar_over_prosody"),
                   median("online/palomar", "msgs_per_s") / median("online/prosody", "msgs_per_s"));
    if (median("offline/palomar", "drain_ms") > 0 && median("offline/prosody", "drain_ms") > 0)
        out.insert(QStringLiteral("offline_drain_ratio_prosody_over_palomar"),
                   median("offline/prosody", "drain_ms") / median("offline/palomar", "drain_ms"));
    if (median("offline/palomar", "store_ms") > 0 && median("offline/prosody", "store_ms") > 0)
        out.insert(QStringLiteral("offline_store_ratio_prosody_over_palomar"),
                   median("offline/prosody", "store_ms") / median("offline/palomar", "store_ms"));
    return out;
}

void Report::print(const QJsonObject &server) const
{
    QString lastWorkload;
    for (const QJsonObject &result : m_results) {
        const QString workload = result.value(QLatin1String("workload")).toString();
        if (workload != lastWorkload) {
            std::printf("\n%-12s %-9s", qPrintable(workload), "target");
            for (const Figure &figure : kFigures) {
                if (workload == QLatin1String(figure.workload))
                    std::printf(" %*s", width(figure), figure.label);
            }
            std::printf("\n");
            lastWorkload = workload;
        }
        std::printf("%-12s %-9s", "", qPrintable(result.value(QLatin1String("target")).toString()));
        if (result.contains(QLatin1String("error"))) {
            std::printf(" failed: %s\n",
                        qPrintable(result.value(QLatin1String("error")).toString()));
            continue;
        }
        for (const Figure &figure : kFigures) {
            if (workload != QLatin1String(figure.workload))
                continue;
            const double value = valueAt(result, figure.path);
            if (value < 0)
                std::printf(" %*s", width(figure), "-"); // not measured in this run
            else
                std::printf(" %*.2f", width(figure), value);
        }
        std::printf("\n");
    }
    const QJsonObject summary = this->summary();
    std::printf("\nmedian [min, max] over the runs:\n");
    for (auto it = summary.begin(); it != summary.end(); ++it) {
        if (!it.value().isObject()) {
            std::printf("  %s: %.2f\n", qPrintable(it.key()), it.value().toDouble());
            continue;
        }
        const QJsonObject figures = it.value().toObject();
        std::printf("  %s:", qPrintable(it.key()));
        for (auto f = figures.begin(); f != figures.end(); ++f) {
            const QJsonObject s = f.value().toObject();
            std::printf(" %s %.2f [%.2f, %.2f];", qPrintable(f.key()),
                        s.value(QLatin1String("median")).toDouble(),
                        s.value(QLatin1String("min")).toDouble(),
                        s.value(QLatin1String("max")).toDouble());
        }
        std::printf("\n");
    }
    if (!server.isEmpty()) {
        std::printf("server: %s\n",
                    QJsonDocument(server).toJson(QJsonDocument::Compact).constData());
    }
    QJsonArray results;
    for (const QJsonObject &result : m_results)
        results.append(result);
    const QJsonObject all{{QStringLiteral("bench"), QStringLiteral("palomar-bench")},
                          {QStringLiteral("results"), results},
                          {QStringLiteral("summary"), summary},
                          {QStringLiteral("server"), server}};
    std::printf("%s\n", QJsonDocument(all).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace Palomar::Bench
