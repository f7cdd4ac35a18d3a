#include "noticeboard.h"

#include <QJsonDocument>

namespace Palomar::Server {

namespace {
// What one user may have waiting: the oldest go first.
constexpr qsizetype kHeldPerUser = 64;
// How often everything expired is dropped (users who never sync again).
constexpr qint64 kSweepMs = 10000;
} // namespace

void NoticeBoard::post(const QList<qint64> &users, const QString &key, const QJsonObject &notice,
                       qint64 holdMs, qint64 now)
{
    const QByteArray json = QJsonDocument(notice).toJson(QJsonDocument::Compact);
    const QMutexLocker locker(&m_mutex);
    sweepLocked(now);
    for (const qint64 userId : users) {
        QList<Held> &held = m_held[userId];
        held.removeIf([&](const Held &entry) { return entry.key == key || entry.expires <= now; });
        held.append(Held{key, json, now + holdMs});
        if (held.size() > kHeldPerUser)
            held.remove(0, held.size() - kHeldPerUser);
    }
}

QByteArray NoticeBoard::take(qint64 userId, qint64 now)
{
    QList<Held> held;
    {
        const QMutexLocker locker(&m_mutex);
        held = m_held.take(userId);
    }
    QByteArray out;
    for (const Held &entry : std::as_const(held)) {
        if (entry.expires <= now)
            continue;
        out += out.isEmpty() ? '[' : ',';
        out += entry.json;
    }
    if (!out.isEmpty())
        out += ']';
    return out;
}

bool NoticeBoard::holds(qint64 userId, qint64 now) const
{
    const QMutexLocker locker(&m_mutex);
    const auto it = m_held.constFind(userId);
    if (it == m_held.cend())
        return false;
    return std::any_of(it->cbegin(), it->cend(),
                       [now](const Held &entry) { return entry.expires > now; });
}

bool NoticeBoard::admit(qint64 sender, const QString &chat, qint64 intervalMs, qint64 now)
{
    const QMutexLocker locker(&m_mutex);
    sweepLocked(now);
    qint64 &last = m_lastForwarded[{sender, chat}];
    if (last != 0 && now - last < intervalMs)
        return false;
    last = now;
    return true;
}

void NoticeBoard::sweepLocked(qint64 now)
{
    if (now < m_nextSweep)
        return;
    m_nextSweep = now + kSweepMs;
    for (auto it = m_held.begin(); it != m_held.end();) {
        it->removeIf([now](const Held &entry) { return entry.expires <= now; });
        it = it->isEmpty() ? m_held.erase(it) : std::next(it);
    }
    // A rate-limit entry older than any interval admits anyway.
    m_lastForwarded.removeIf([now](const auto &entry) { return now - entry.value() > kSweepMs; });
}

} // namespace Palomar::Server
