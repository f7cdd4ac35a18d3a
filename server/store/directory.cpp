#include "directory.h"

#include "store.h"

#include <algorithm>

namespace Palomar::Server {

bool GroupView::hasMember(qint64 userId) const
{
    return std::any_of(members.cbegin(), members.cend(),
                       [userId](const MemberRecord &member) { return member.id == userId; });
}

std::optional<SessionRecord> Directory::session(Store &store, qint64 userId)
{
    quint64 generation = 0;
    if (auto cached = m_sessions.find(userId, &generation))
        return *cached;
    const std::optional<SessionRecord> loaded = store.sessionOfUser(userId);
    m_sessions.insert(userId, loaded, generation);
    return loaded;
}

void Directory::sessionChanged(Store &store, qint64 userId)
{
    changed(store, Kind::Session, userId);
}

void Directory::sessionTouched(qint64 userId, const QByteArray &tokenHash, qint64 ts)
{
    quint64 generation = 0;
    std::optional<std::optional<SessionRecord>> cached = m_sessions.find(userId, &generation);
    if (!cached || !*cached || (*cached)->tokenHash != tokenHash)
        return;
    SessionRecord session = **cached;
    session.lastActive = qMax(session.lastActive, ts);
    m_sessions.insert(userId, session, generation);
}

std::optional<UserRecord> Directory::userByName(Store &store, const QString &name)
{
    const QString key = name.toLower();
    qint64 id = 0;
    {
        const QMutexLocker locker(&m_namesMutex);
        id = m_names.value(key);
    }
    quint64 generation = 0;
    if (id != 0) {
        if (std::optional<UserRecord> cached = m_users.find(id, &generation);
            cached && cached->name.toLower() == key) {
            return cached;
        }
    }
    std::optional<UserRecord> loaded = store.userByName(name);
    if (!loaded)
        return std::nullopt;
    loaded->passwordHash.clear();
    (void)m_users.find(loaded->id, &generation);
    m_users.insert(loaded->id, *loaded, generation);
    const QMutexLocker locker(&m_namesMutex);
    m_names.insert(key, loaded->id);
    return loaded;
}

std::optional<UserRecord> Directory::userById(Store &store, qint64 id)
{
    quint64 generation = 0;
    if (std::optional<UserRecord> cached = m_users.find(id, &generation))
        return cached;
    std::optional<UserRecord> loaded = store.userById(id);
    if (!loaded)
        return std::nullopt;
    loaded->passwordHash.clear();
    m_users.insert(id, *loaded, generation);
    return loaded;
}

void Directory::userChanged(Store &store, qint64 userId)
{
    changed(store, Kind::User, userId);
}

bool Directory::isFriend(Store &store, qint64 userId, qint64 otherId)
{
    quint64 generation = 0;
    if (std::optional<QSet<qint64>> cached = m_friends.find(userId, &generation))
        return cached->contains(otherId);
    QSet<qint64> friends;
    for (const FriendRecord &record : store.friendsOf(userId))
        friends.insert(record.id);
    m_friends.insert(userId, friends, generation);
    return friends.contains(otherId);
}

void Directory::friendsChanged(Store &store, qint64 userId)
{
    changed(store, Kind::Friends, userId);
}

std::optional<GroupView> Directory::group(Store &store, qint64 groupId)
{
    quint64 generation = 0;
    if (auto cached = m_groups.find(groupId, &generation))
        return *cached;
    std::optional<GroupView> loaded;
    if (std::optional<GroupRecord> record = store.groupById(groupId))
        loaded = GroupView{*record, store.membersOf(groupId)};
    m_groups.insert(groupId, loaded, generation);
    return loaded;
}

void Directory::groupChanged(Store &store, qint64 groupId)
{
    changed(store, Kind::Group, groupId);
}

void Directory::userKicked(Store &store, qint64 userId)
{
    store.afterCommit([this, userId] { forget(Kind::Kick, userId); });
    store.queueInvalidation(QLatin1Char(char(Kind::Kick)) + QLatin1Char(':') +
                            QString::number(userId));
}

void Directory::setKickHandler(std::function<void(qint64 userId)> handler)
{
    m_kickHandler = std::move(handler);
}

void Directory::changed(Store &store, Kind kind, qint64 id)
{
    forget(kind, id);
    // Again once the transaction ends: what this thread (or another) loaded
    // in between may be the uncommitted or the old state.
    store.afterTransaction([this, kind, id] { forget(kind, id); });
    store.queueInvalidation(QLatin1Char(char(kind)) + QLatin1Char(':') + QString::number(id));
}

void Directory::forget(Kind kind, qint64 id)
{
    switch (kind) {
    case Kind::Session:
        m_sessions.forget(id);
        break;
    case Kind::User: {
        m_users.forget(id);
        const QMutexLocker locker(&m_namesMutex);
        m_names.removeIf([id](const auto &entry) { return entry.value() == id; });
        break;
    }
    case Kind::Friends:
        m_friends.forget(id);
        break;
    case Kind::Group:
        m_groups.forget(id);
        break;
    case Kind::Kick:
        if (m_kickHandler)
            m_kickHandler(id);
        break;
    }
}

void Directory::forget(const QString &key)
{
    if (key.size() < 3 || key.at(1) != QLatin1Char(':'))
        return;
    bool ok = false;
    const qint64 id = key.mid(2).toLongLong(&ok);
    if (!ok)
        return;
    switch (key.at(0).toLatin1()) {
    case char(Kind::Session):
        forget(Kind::Session, id);
        break;
    case char(Kind::User):
        forget(Kind::User, id);
        break;
    case char(Kind::Friends):
        forget(Kind::Friends, id);
        break;
    case char(Kind::Group):
        forget(Kind::Group, id);
        break;
    case char(Kind::Kick):
        forget(Kind::Kick, id);
        break;
    default:
        break;
    }
}

void Directory::clear()
{
    m_sessions.clear();
    m_users.clear();
    m_friends.clear();
    m_groups.clear();
    const QMutexLocker locker(&m_namesMutex);
    m_names.clear();
}

} // namespace Palomar::Server
