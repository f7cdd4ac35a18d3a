#pragma once

#include <QList>
#include <QString>

namespace Palomar::Bench {

// The CPU of the PostgreSQL server behind --db, for CPU per message next to
// palomar-server's own. PostgreSQL runs a process per connection under one
// postmaster, so the figure is the postmaster's CPU, that of the children it
// has reaped (backends that ended), and that of its live children (the
// backends serving palomar-server, the WAL writer, the checkpointer...).
class DatabaseCpu
{
public:
    // Finds the postmaster listening on `port` of this machine (through
    // /proc/net/tcp{,6} and the postgres processes' descriptors). When none
    // is found (another host, no permission), every postmaster of the
    // machine is counted: see isExact().
    static DatabaseCpu forPostgresPort(quint16 port);

    bool isValid() const { return !m_roots.isEmpty(); }
    // True when only the postmaster of the given port is counted.
    bool isExact() const { return m_exact; }
    const QList<qint64> &postmasters() const { return m_roots; }
    // User + system CPU seconds of the postmasters and their children, now.
    double cpuSeconds() const;

private:
    QList<qint64> m_roots;
    bool m_exact = false;
};

} // namespace Palomar::Bench
