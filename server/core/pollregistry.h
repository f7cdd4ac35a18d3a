#pragma once

#include "noticeboard.h"
#include "store/store.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>

#include <optional>

namespace Palomar::Server {

// Where parked polls are woken: the network thread that owns their
// connections (server/net's Worker), which outlives them. Called on its own
// thread, with the events that woke each connection (empty: look in the
// database); a connection gone meanwhile is skipped.
class PollSink
{
public:
    virtual ~PollSink() = default;
    virtual QObject *pollObject() = 0;
    virtual void woken(const QList<std::pair<quint64, QList<CommittedEvent>>> &connections) = 0;
};

// Which connections have a long poll parked for which user, across all
// network threads, and what this process knows of each inbox: a version
// bumped by every announcement (so a poll about to park learns that
// something arrived since it looked), the highest seq known committed, and
// the newest events this process committed that are not acknowledged yet
// (so a sync reads them from memory, not from the database).
// announce() posts one queued call to each network thread with parked
// connections of the users it names, with their new events, so the thread
// that owns them answers the polls (from memory when the events follow
// their cursors). A parked poll is woken once: announcing removes it.
// Nothing here blocks on I/O.
class PollRegistry
{
public:
    // Parks `target`'s poll for `userId`, unless the user was announced
    // since `version`: then false, and the caller looks again.
    bool park(qint64 userId, PollSink *sink, quint64 connectionId, quint64 version);
    void unpark(qint64 userId, PollSink *sink, quint64 connectionId);
    quint64 version(qint64 userId) const;

    // The highest seq of `userId`'s inbox known to be committed, if known.
    std::optional<qint64> knownLastSeq(qint64 userId) const;
    // A read found `userId`'s inbox ending at `lastSeq` (or before).
    void learn(qint64 userId, qint64 lastSeq);
    // The events of `userId`'s inbox after `after`, at most `limit` (and
    // whether more follow), when memory holds every one of them up to the
    // last known seq; nothing when the database must be read.
    struct Pending
    {
        QList<CommittedEvent> events;
        bool more = false;
    };
    // Only for the database's sole writer (SQLite): on PostgreSQL another
    // instance may have added events it has not announced yet.
    std::optional<Pending> pendingFromMemory(qint64 userId, qint64 after, int limit) const;
    void setSoleWriter(bool sole) { m_soleWriter = sole; }
    // Whether events (after, upTo] of `userId`'s inbox may hold a message:
    // false only when memory holds every one of them and none does.
    bool mayHoldMessages(qint64 userId, qint64 after, qint64 upTo) const;
    // `userId` acknowledged up to `upTo` (committed): memory keeps only what follows.
    void acknowledged(qint64 userId, qint64 upTo);
    // `userId`'s stored events changed (an edit or delete rewrote them):
    // memory forgets its copies, and syncs read the database again.
    void forgetRecent(qint64 userId);

    // What a commit of this process added (and whom it woke).
    void announce(const CommitReport &report);
    // What other instances added: user -> their inbox's last seq (0: unknown).
    void announceRemote(const QList<std::pair<qint64, qint64>> &users);
    // Announcements may have been missed (the listening connection was
    // lost): forget what is known, and wake every parked poll to look.
    void forgetAll();

    int parkedCount() const;

    // Ephemeral notices waiting for the next sync of their recipients.
    NoticeBoard &notices() { return m_notices; }
    // Holds `notice` for `users` (NoticeBoard::post) and wakes their parked
    // polls, which look and answer with it.
    void notify(const QList<qint64> &users, const QString &key, const QJsonObject &notice,
                qint64 holdMs);

private:
    struct Parked
    {
        PollSink *sink = nullptr;
        quint64 connectionId = 0;
        bool operator==(const Parked &other) const = default;
    };
    using Wakes = QHash<PollSink *, QList<std::pair<quint64, QList<CommittedEvent>>>>;
    void wakeLocked(qint64 userId, const QList<CommittedEvent> &events, Wakes *wakes);
    static void post(const Wakes &wakes);
    void rememberLocked(qint64 userId, const QList<CommittedEvent> &events);

    mutable QMutex m_mutex;
    QMultiHash<qint64, Parked> m_parked;
    QHash<qint64, quint64> m_versions;
    QHash<qint64, qint64> m_lastSeqs;
    quint64 m_epoch = 0; // added to every version; forgetAll() moves it
    bool m_soleWriter = true;
    // Per user, the newest unacknowledged events, consecutive seqs.
    QHash<qint64, QList<CommittedEvent>> m_recent;
    qsizetype m_recentCount = 0;
    NoticeBoard m_notices;
};

} // namespace Palomar::Server
