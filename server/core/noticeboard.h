#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>

namespace Palomar::Server {

// Ephemeral notices (`typing`, `presence`: docs/protocol.md §4) waiting for
// their recipients' next sync: never stored, no seq, never acknowledged.
// Each is held in memory for a short while; a sync takes what is held for
// its user (so a later sync does not repeat it), and what nobody took
// expires. A notice with the same `key` as one still held for a user
// replaces it (the newest presence of a friend, the newest typing in a
// chat). Also rate-limits senders: admit() lets one notice per sender and
// chat through per interval. Thread-safe; nothing here blocks on I/O.
class NoticeBoard
{
public:
    // Holds `notice` for each of `users` for `holdMs` from `now`.
    void post(const QList<qint64> &users, const QString &key, const QJsonObject &notice,
              qint64 holdMs, qint64 now);
    // The notices held for `userId` that have not expired, as a JSON array
    // ("[…]"), or nothing; they are no longer held.
    QByteArray take(qint64 userId, qint64 now);
    bool holds(qint64 userId, qint64 now) const;
    // Whether a notice of `sender` about `chat` may be forwarded now: at
    // most one per `intervalMs`.
    bool admit(qint64 sender, const QString &chat, qint64 intervalMs, qint64 now);

private:
    struct Held
    {
        QString key;
        QByteArray json;
        qint64 expires = 0;
    };
    void sweepLocked(qint64 now);

    mutable QMutex m_mutex;
    QHash<qint64, QList<Held>> m_held;
    QHash<std::pair<qint64, QString>, qint64> m_lastForwarded;
    qint64 m_nextSweep = 0;
};

} // namespace Palomar::Server
