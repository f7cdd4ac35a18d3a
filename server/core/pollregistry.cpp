#include "pollregistry.h"

#include <QMetaObject>

namespace Palomar::Server {

bool PollRegistry::park(qint64 userId, PollTarget *target, quint64 version)
{
    const QMutexLocker locker(&m_mutex);
    if (m_epoch + m_versions.value(userId) != version)
        return false;
    if (!m_parked.contains(userId, target))
        m_parked.insert(userId, target);
    return true;
}

void PollRegistry::unpark(qint64 userId, PollTarget *target)
{
    const QMutexLocker locker(&m_mutex);
    m_parked.remove(userId, target);
}

quint64 PollRegistry::version(qint64 userId) const
{
    const QMutexLocker locker(&m_mutex);
    return m_epoch + m_versions.value(userId);
}

std::optional<qint64> PollRegistry::knownLastSeq(qint64 userId) const
{
    const QMutexLocker locker(&m_mutex);
    const auto it = m_lastSeqs.constFind(userId);
    if (it == m_lastSeqs.cend())
        return std::nullopt;
    return *it;
}

void PollRegistry::learn(qint64 userId, qint64 lastSeq)
{
    const QMutexLocker locker(&m_mutex);
    qint64 &known = m_lastSeqs[userId];
    known = qMax(known, lastSeq);
}

void PollRegistry::wakeLocked(qint64 userId, const QList<CommittedEvent> &events)
{
    ++m_versions[userId];
    const QList<PollTarget *> targets = m_parked.values(userId);
    m_parked.remove(userId);
    for (PollTarget *target : targets) {
        QMetaObject::invokeMethod(
            target->pollObject(), [target, events] { target->woken(events); },
            Qt::QueuedConnection);
    }
}

void PollRegistry::announce(const CommitReport &report)
{
    QHash<qint64, QList<CommittedEvent>> byUser;
    for (const CommittedEvent &event : report.events)
        byUser[event.userId].append(event);
    const QMutexLocker locker(&m_mutex);
    for (auto it = byUser.cbegin(); it != byUser.cend(); ++it) {
        qint64 &known = m_lastSeqs[it.key()];
        known = qMax(known, it->last().seq);
        wakeLocked(it.key(), *it);
    }
    for (const qint64 userId : report.woken) {
        if (!byUser.contains(userId))
            wakeLocked(userId, {});
    }
}

void PollRegistry::announceRemote(const QList<std::pair<qint64, qint64>> &users)
{
    const QMutexLocker locker(&m_mutex);
    for (const auto &[userId, lastSeq] : users) {
        if (lastSeq > 0) {
            qint64 &known = m_lastSeqs[userId];
            known = qMax(known, lastSeq);
        }
        wakeLocked(userId, {});
    }
}

void PollRegistry::forgetAll()
{
    const QMutexLocker locker(&m_mutex);
    m_lastSeqs.clear();
    const QList<qint64> users = m_parked.uniqueKeys();
    for (const qint64 userId : users)
        wakeLocked(userId, {});
    // A poll about to park on a version from before looks again.
    m_epoch += quint64(1) << 32;
}

int PollRegistry::parkedCount() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_parked.size());
}

} // namespace Palomar::Server
