#include "pollregistry.h"

#include <QMetaObject>

namespace Palomar::Server {

void PollRegistry::add(qint64 userId, QObject *connection)
{
    const QMutexLocker locker(&m_mutex);
    if (!m_parked.contains(userId, connection))
        m_parked.insert(userId, connection);
}

void PollRegistry::remove(qint64 userId, QObject *connection)
{
    const QMutexLocker locker(&m_mutex);
    m_parked.remove(userId, connection);
}

void PollRegistry::wake(const QList<qint64> &userIds)
{
    const QMutexLocker locker(&m_mutex);
    for (const qint64 userId : userIds) {
        for (auto it = m_parked.constFind(userId); it != m_parked.cend() && it.key() == userId;
             ++it) {
            QMetaObject::invokeMethod(it.value(), "wakeUp", Qt::QueuedConnection);
        }
    }
}

int PollRegistry::parkedCount() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_parked.size());
}

} // namespace Palomar::Server
