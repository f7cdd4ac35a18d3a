#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>

namespace Palomar::Server {

// Which connections have a long poll parked for which user, across all worker
// threads. wake() posts a queued call to each such connection, so the thread
// that owns it answers the poll; nothing here blocks on I/O. A connection
// unregisters itself before it is destroyed, under the same lock that wake()
// holds while posting, so no call is ever posted to a dead object.
class PollRegistry
{
public:
    void add(qint64 userId, QObject *connection);
    void remove(qint64 userId, QObject *connection);
    // Invokes the slot `wakeUp()` of every connection parked for these users.
    void wake(const QList<qint64> &userIds);
    void wake(qint64 userId) { wake(QList<qint64>{userId}); }
    int parkedCount() const;

private:
    mutable QMutex m_mutex;
    QMultiHash<qint64, QObject *> m_parked;
};

} // namespace Palomar::Server
