#pragma once

#include "storerecords.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace Palomar::Server {

class Store;

// A group as the message path needs it: the record and its members,
// longest-standing first.
struct GroupView
{
    GroupRecord group;
    QList<MemberRecord> members;

    bool hasMember(qint64 userId) const;
};

// A map of loaded values that may be forgotten at any time by another
// thread. Each key has a generation, bumped by forget(): a value read from
// the database is kept only if its key was not forgotten meanwhile, so a
// reader that loaded the state before a commit cannot put it back after the
// commit's invalidation.
template<typename Value> class VersionedCache
{
public:
    std::optional<Value> find(qint64 key, quint64 *generation)
    {
        const QMutexLocker locker(&m_mutex);
        *generation = m_epoch + m_generations.value(key);
        const auto it = m_values.constFind(key);
        if (it == m_values.cend())
            return std::nullopt;
        return *it;
    }
    void insert(qint64 key, const Value &value, quint64 generation)
    {
        const QMutexLocker locker(&m_mutex);
        if (m_epoch + m_generations.value(key) == generation)
            m_values.insert(key, value);
    }
    void forget(qint64 key)
    {
        const QMutexLocker locker(&m_mutex);
        m_values.remove(key);
        ++m_generations[key];
    }
    void clear()
    {
        const QMutexLocker locker(&m_mutex);
        m_values.clear();
        m_epoch += quint64(1) << 32;
    }

private:
    QMutex m_mutex;
    QHash<qint64, Value> m_values;
    QHash<qint64, quint64> m_generations;
    quint64 m_epoch = 0;
};

// What the request path reads on every message, kept in memory and shared by
// the store threads of one process: each user's session, names, friendships
// and groups. Every change to them goes through the *Changed() calls, which
// forget the entry at once, again when the transaction ends (so a rollback
// leaves nothing behind, and a reader that loaded the old state meanwhile
// cannot keep it), and on every other instance (Store::queueInvalidation,
// PostgreSQL NOTIFY). An instance that may have missed invalidations (its
// listening connection was lost) calls clear().
class Directory
{
public:
    std::optional<SessionRecord> session(Store &store, qint64 userId);
    void sessionChanged(Store &store, qint64 userId);
    // A session's refreshed last_active, once written: no reload needed.
    void sessionTouched(qint64 userId, const QByteArray &tokenHash, qint64 ts);
    // id and name only: never the password hash.
    std::optional<UserRecord> userByName(Store &store, const QString &name);
    std::optional<UserRecord> userById(Store &store, qint64 id);
    void userChanged(Store &store, qint64 userId);
    bool isFriend(Store &store, qint64 userId, qint64 otherId);
    void friendsChanged(Store &store, qint64 userId);
    std::optional<GroupView> group(Store &store, qint64 groupId);
    void groupChanged(Store &store, qint64 groupId);

    // The user's live connections must close (ban, kick, deleted account):
    // on this instance once the transaction commits, on the others with the
    // invalidations ("k:12"). The handler closes them (server/net's Server);
    // without one (palomar-admin on a stopped server) nothing is open here.
    void userKicked(Store &store, qint64 userId);
    void setKickHandler(std::function<void(qint64 userId)> handler);

    // An invalidation from another instance ("s:12", "f:3", ...).
    void forget(const QString &key);
    void clear();

private:
    enum class Kind : char
    {
        Session = 's',
        User = 'u',
        Friends = 'f',
        Group = 'g',
        Kick = 'k'
    };
    void changed(Store &store, Kind kind, qint64 id);
    void forget(Kind kind, qint64 id);

    VersionedCache<std::optional<SessionRecord>> m_sessions;
    VersionedCache<UserRecord> m_users;
    QMutex m_namesMutex;
    QHash<QString, qint64> m_names; // name_key -> id, for users in m_users
    VersionedCache<QSet<qint64>> m_friends;
    VersionedCache<std::optional<GroupView>> m_groups;
    std::function<void(qint64 userId)> m_kickHandler; // set before the store starts
};

} // namespace Palomar::Server
