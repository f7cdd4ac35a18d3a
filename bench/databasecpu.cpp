#include "databasecpu.h"

#include "benchutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace Palomar::Bench {

namespace {

QList<qint64> processes()
{
    QList<qint64> pids;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (ok)
            pids.append(pid);
    }
    return pids;
}

QByteArray commandName(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    return comm.open(QIODevice::ReadOnly) ? comm.readAll().trimmed() : QByteArray();
}

qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // After "pid (comm) ": the state, then the parent's pid.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

// Socket inodes listening on `port` (IPv4 and IPv6).
QSet<QByteArray> listeningInodes(quint16 port)
{
    QSet<QByteArray> inodes;
    const QByteArray hexPort = QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : file.readAll().split('\n').mid(1)) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
            if (fields.size() > 9 && fields.at(3) == "0A" &&
                fields.at(1).endsWith(QByteArray(':' + hexPort)))
                inodes.insert(fields.at(9));
        }
    }
    return inodes;
}

bool holdsSocket(qint64 pid, const QSet<QByteArray> &inodes)
{
    const QString folder = QStringLiteral("/proc/%1/fd").arg(pid);
    for (const QString &fd : QDir(folder).entryList(QDir::Files | QDir::System)) {
        const QString target = QFileInfo(folder + QLatin1Char('/') + fd).symLinkTarget();
        // "socket:[12345]" (QFileInfo makes it absolute: take the tail)
        const qsizetype open = target.lastIndexOf(QLatin1String("socket:["));
        if (open >= 0 && inodes.contains(target.mid(open + 8).chopped(1).toLatin1()))
            return true;
    }
    return false;
}

} // namespace

DatabaseCpu DatabaseCpu::forPostgresPort(quint16 port)
{
    DatabaseCpu result;
    QList<qint64> postgres;
    for (const qint64 pid : processes()) {
        if (commandName(pid) == "postgres")
            postgres.append(pid);
    }
    const QSet<QByteArray> inodes = listeningInodes(port);
    for (const qint64 pid : std::as_const(postgres)) {
        if (!inodes.isEmpty() && holdsSocket(pid, inodes)) {
            result.m_roots = {pid};
            result.m_exact = true;
            return result;
        }
    }
    // Every postmaster: a postgres process whose parent is not one.
    for (const qint64 pid : std::as_const(postgres)) {
        if (commandName(parentOf(pid)) != "postgres")
            result.m_roots.append(pid);
    }
    return result;
}

double DatabaseCpu::cpuSeconds() const
{
    double total = 0;
    for (const qint64 root : m_roots)
        total += Bench::cpuSeconds(root, Children::Reaped);
    for (const qint64 pid : processes()) {
        if (m_roots.contains(parentOf(pid)))
            total += Bench::cpuSeconds(pid);
    }
    return total;
}

} // namespace Palomar::Bench
