#include "cpuaffinity.h"

#include <QDir>

#include <cerrno>
#include <cstring>

namespace Palomar::Bench {

std::optional<cpu_set_t> parseCpuList(const QString &list)
{
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    for (const QString &item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList range = item.trimmed().split(QLatin1Char('-'));
        bool firstOk = false;
        bool lastOk = false;
        const int first = range.first().toInt(&firstOk);
        const int last = range.size() == 2 ? range.last().toInt(&lastOk) : first;
        if (!firstOk || (range.size() == 2 && !lastOk) || range.size() > 2 || first < 0 ||
            last < first || last >= CPU_SETSIZE)
            return std::nullopt;
        for (int cpu = first; cpu <= last; ++cpu)
            CPU_SET(cpu, &cpus);
    }
    if (CPU_COUNT(&cpus) == 0)
        return std::nullopt;
    return cpus;
}

bool pinThisProcess(const cpu_set_t &cpus, QString *error)
{
    // The calling thread first: threads started from now on inherit it.
    if (sched_setaffinity(0, sizeof cpus, &cpus) != 0) {
        *error = QStringLiteral("sched_setaffinity: %1").arg(QString::fromUtf8(strerror(errno)));
        return false;
    }
    const QStringList tasks =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        if (sched_setaffinity(pid_t(task.toInt()), sizeof cpus, &cpus) != 0 && errno != ESRCH) {
            *error = QStringLiteral("sched_setaffinity of thread %1: %2")
                         .arg(task, QString::fromUtf8(strerror(errno)));
            return false;
        }
    }
    return true;
}

cpu_set_t currentAffinity()
{
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    if (sched_getaffinity(0, sizeof cpus, &cpus) != 0) {
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            CPU_SET(cpu, &cpus);
    }
    return cpus;
}

} // namespace Palomar::Bench
