#include "benchutil.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <unistd.h>

namespace Palomar::Bench {

bool await(Client::Reply *reply, int timeoutMs, QString *error)
{
    bool finished = false;
    bool ok = false;
    QObject::connect(reply, &Client::Reply::finished, reply, [&finished, &ok, reply, error] {
        finished = true;
        ok = reply->isOk();
        if (!ok && error)
            *error = reply->error() + QStringLiteral(": ") + reply->errorMessage();
    });
    awaitCondition([&finished] { return finished; }, timeoutMs);
    if (!finished && error)
        *error = QStringLiteral("timeout");
    return ok;
}

bool awaitCondition(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

bool awaitAll(const QList<Client::Reply *> &replies, int timeoutMs, QString *error)
{
    int pending = int(replies.size());
    bool ok = true;
    for (Client::Reply *reply : replies) {
        QObject::connect(reply, &Client::Reply::finished, reply, [&pending, &ok, reply, error] {
            --pending;
            if (!reply->isOk() && ok) {
                ok = false;
                if (error)
                    *error = reply->error() + QStringLiteral(": ") + reply->errorMessage();
            }
        });
    }
    if (!awaitCondition([&pending] { return pending == 0; }, timeoutMs)) {
        if (error)
            *error = QStringLiteral("timeout");
        return false;
    }
    return ok;
}

Statistics statistics(QList<double> values)
{
    Statistics result;
    if (values.isEmpty())
        return result;
    std::sort(values.begin(), values.end());
    const auto at = [&values](double fraction) {
        return values.at(qMin(values.size() - 1, qsizetype(fraction * double(values.size()))));
    };
    result.minimum = values.first();
    result.maximum = values.last();
    result.median = at(0.5);
    result.p90 = at(0.9);
    result.p99 = at(0.99);
    return result;
}

namespace {

qint64 statusField(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

} // namespace

qint64 peakRssKb(qint64 pid)
{
    return statusField(pid, "VmHWM:");
}

qint64 rssKb(qint64 pid)
{
    return statusField(pid, "VmRSS:");
}

qint64 tcpSocketMemoryKb()
{
    QFile sockstat(QStringLiteral("/proc/net/sockstat"));
    if (!sockstat.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : sockstat.readAll().split('\n')) {
        if (!line.startsWith("TCP:"))
            continue;
        const QList<QByteArray> words = line.simplified().split(' ');
        for (qsizetype i = 0; i + 1 < words.size(); ++i) {
            if (words[i] == "mem")
                return words[i + 1].toLongLong() * (sysconf(_SC_PAGESIZE) / 1024);
        }
    }
    return 0;
}

double cpuSeconds(qint64 pid, Children children)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return 0;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    double total = fields.at(11).toDouble() + fields.at(12).toDouble(); // utime, stime
    if (children == Children::Reaped)
        total += fields.at(13).toDouble() + fields.at(14).toDouble(); // cutime, cstime
    return total / ticks;
}

} // namespace Palomar::Bench
