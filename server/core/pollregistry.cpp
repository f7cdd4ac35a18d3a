#include "pollregistry.h"

#include <QDateTime>
#include <QMetaObject>

namespace Palomar::Server {

namespace {
// What memory keeps of unacknowledged events: per user (a client that does
// not acknowledge is read from the database), and in all.
constexpr qsizetype kRecentPerUser = 64;
constexpr qsizetype kRecentInAll = 100000;
} // namespace

bool PollRegistry::park(qint64 userId, PollSink *sink, quint64 connectionId, quint64 version)
{
    const QMutexLocker locker(&m_mutex);
    if (m_epoch + m_versions.value(userId) != version)
        return false;
    const Parked parked{sink, connectionId};
    if (!m_parked.contains(userId, parked))
        m_parked.insert(userId, parked);
    return true;
}

void PollRegistry::unpark(qint64 userId, PollSink *sink, quint64 connectionId)
{
    const QMutexLocker locker(&m_mutex);
    m_parked.remove(userId, Parked{sink, connectionId});
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

void PollRegistry::wakeLocked(qint64 userId, const QList<CommittedEvent> &events, Wakes *wakes)
{
    ++m_versions[userId];
    for (auto it = m_parked.find(userId); it != m_parked.end() && it.key() == userId;
         it = m_parked.erase(it)) {
        (*wakes)[it->sink].append({it->connectionId, events});
    }
}

void PollRegistry::post(const Wakes &wakes)
{
    // One call per network thread, however many of its polls woke.
    for (auto it = wakes.cbegin(); it != wakes.cend(); ++it) {
        QMetaObject::invokeMethod(
            it.key()->pollObject(), [sink = it.key(), woken = *it] { sink->woken(woken); },
            Qt::QueuedConnection);
    }
}

void PollRegistry::rememberLocked(qint64 userId, const QList<CommittedEvent> &events)
{
    QList<CommittedEvent> &recent = m_recent[userId];
    m_recentCount -= recent.size();
    // Consecutive seqs only: after a gap, memory starts over.
    if (!recent.isEmpty() && recent.last().seq + 1 != events.first().seq)
        recent.clear();
    recent += events;
    if (recent.size() > kRecentPerUser)
        recent.remove(0, recent.size() - kRecentPerUser);
    m_recentCount += recent.size();
    if (m_recentCount > kRecentInAll) {
        m_recent.clear();
        m_recentCount = 0;
    }
}

std::optional<PollRegistry::Pending> PollRegistry::pendingFromMemory(qint64 userId, qint64 after,
                                                                     int limit) const
{
    if (!m_soleWriter)
        return std::nullopt;
    const QMutexLocker locker(&m_mutex);
    const auto known = m_lastSeqs.constFind(userId);
    if (known == m_lastSeqs.cend())
        return std::nullopt;
    if (*known <= after)
        return Pending{}; // nothing after the cursor
    const auto recent = m_recent.constFind(userId);
    if (recent == m_recent.cend() || recent->isEmpty() || recent->first().seq > after + 1 ||
        recent->last().seq != *known)
        return std::nullopt;
    Pending pending;
    for (const CommittedEvent &event : *recent) {
        if (event.seq <= after)
            continue;
        if (pending.events.size() == limit) {
            pending.more = true;
            break;
        }
        pending.events.append(event);
    }
    return pending;
}

bool PollRegistry::mayHoldMessages(qint64 userId, qint64 after, qint64 upTo) const
{
    if (after < 0 || upTo <= after)
        return after < 0;
    const QMutexLocker locker(&m_mutex);
    const auto recent = m_recent.constFind(userId);
    if (recent == m_recent.cend() || recent->isEmpty() || recent->first().seq > after + 1 ||
        recent->last().seq < upTo)
        return true;
    for (const CommittedEvent &event : *recent) {
        if (event.seq > after && event.seq <= upTo && event.messageId)
            return true;
    }
    return false;
}

void PollRegistry::acknowledged(qint64 userId, qint64 upTo)
{
    const QMutexLocker locker(&m_mutex);
    const auto recent = m_recent.find(userId);
    if (recent == m_recent.end())
        return;
    qsizetype drop = 0;
    while (drop < recent->size() && recent->at(drop).seq <= upTo)
        ++drop;
    recent->remove(0, drop);
    m_recentCount -= drop;
    if (recent->isEmpty())
        m_recent.erase(recent);
}

void PollRegistry::forgetRecent(qint64 userId)
{
    const QMutexLocker locker(&m_mutex);
    const auto recent = m_recent.find(userId);
    if (recent == m_recent.end())
        return;
    m_recentCount -= recent->size();
    m_recent.erase(recent);
}

void PollRegistry::announce(const CommitReport &report)
{
    QHash<qint64, QList<CommittedEvent>> byUser;
    for (const CommittedEvent &event : report.events)
        byUser[event.userId].append(event);
    Wakes wakes;
    {
        const QMutexLocker locker(&m_mutex);
        for (auto it = byUser.cbegin(); it != byUser.cend(); ++it) {
            qint64 &known = m_lastSeqs[it.key()];
            known = qMax(known, it->last().seq);
            rememberLocked(it.key(), *it);
            wakeLocked(it.key(), *it, &wakes);
        }
        for (const qint64 userId : report.woken) {
            if (!byUser.contains(userId))
                wakeLocked(userId, {}, &wakes);
        }
    }
    post(wakes);
}

void PollRegistry::announceRemote(const QList<std::pair<qint64, qint64>> &users)
{
    Wakes wakes;
    {
        const QMutexLocker locker(&m_mutex);
        for (const auto &[userId, lastSeq] : users) {
            if (lastSeq > 0) {
                qint64 &known = m_lastSeqs[userId];
                known = qMax(known, lastSeq);
            }
            wakeLocked(userId, {}, &wakes);
        }
    }
    post(wakes);
}

void PollRegistry::forgetAll()
{
    Wakes wakes;
    {
        const QMutexLocker locker(&m_mutex);
        m_lastSeqs.clear();
        m_recent.clear();
        m_recentCount = 0;
        const QList<qint64> users = m_parked.uniqueKeys();
        for (const qint64 userId : users)
            wakeLocked(userId, {}, &wakes);
        // A poll about to park on a version from before looks again.
        m_epoch += quint64(1) << 32;
    }
    post(wakes);
}

void PollRegistry::notify(const QList<qint64> &users, const QString &key, const QJsonObject &notice,
                          qint64 holdMs)
{
    m_notices.post(users, key, notice, holdMs, QDateTime::currentMSecsSinceEpoch());
    Wakes wakes;
    {
        const QMutexLocker locker(&m_mutex);
        for (const qint64 userId : users)
            wakeLocked(userId, {}, &wakes);
    }
    post(wakes);
}

int PollRegistry::parkedCount() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_parked.size());
}

} // namespace Palomar::Server
