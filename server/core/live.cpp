#include "live.h"

#include "groups.h"
#include "messages.h"
#include "pollregistry.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QDateTime>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;

namespace {

// Holds `notice` for `users` here and on the other instances, once the
// transaction (if any) commits.
void deliver(const Services &services, const QList<qint64> &users, const QString &key,
             const QJsonObject &notice, qint64 holdMs)
{
    if (users.isEmpty())
        return;
    services.store.publishNotice(users, key, notice, holdMs);
    services.store.afterCommit([polls = &services.polls, users, key, notice, holdMs] {
        polls->notify(users, key, notice, holdMs);
    });
}

} // namespace

HandlerResult LiveHandler::typing(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const MessageHandler::ChatName chat = MessageHandler::readChat(fields, "to");
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    const SessionState &me = context.session();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> candidates;
    QJsonObject notice{{QStringLiteral("kind"), QStringLiteral("typing")},
                       {QStringLiteral("from"), me.user},
                       {QStringLiteral("expires_in"), kTypingExpiresSeconds}};
    QString key;
    HandlerResult failure = HandlerResult::ok();
    if (chat.group) {
        const std::optional<GroupView> group =
            GroupHandler::checkMember(m_services, *chat.group, me, false, &failure);
        if (!group)
            return failure;
        for (const MemberRecord &member : group->members) {
            if (member.id != me.userId)
                candidates.append(member.id);
        }
        notice.insert(QStringLiteral("group"), *chat.group);
        key = QStringLiteral("typing:g%1:%2").arg(*chat.group).arg(me.userId);
    } else {
        const std::optional<UserRecord> peer =
            m_services.directory.userByName(m_services.store, chat.user);
        if (!peer)
            return HandlerResult::error(Error::NoSuchUser,
                                        QStringLiteral("no user %1").arg(chat.user));
        if (auto refused = MessageHandler::checkFriend(m_services, me, *peer))
            return *refused;
        candidates.append(peer->id);
        key = QStringLiteral("typing:u%1").arg(me.userId);
    }
    // Extra notices within the interval are accepted and dropped.
    if (!m_services.polls.notices().admit(me.userId, key, kTypingIntervalMs, now))
        return HandlerResult::ok({{QStringLiteral("forwarded"), false}});
    QList<qint64> online;
    for (const qint64 id : std::as_const(candidates)) {
        const std::optional<SessionRecord> session =
            m_services.directory.session(m_services.store, id);
        if (session && SessionGuard::isBound(m_services.config, *session, now))
            online.append(id);
    }
    deliver(m_services, online, key, notice, kTypingExpiresSeconds * 1000);
    return HandlerResult::ok({{QStringLiteral("forwarded"), true}});
}

void LiveHandler::presence(const Services &services, qint64 userId, const QString &user,
                           bool online, qint64 ts)
{
    const qint64 liveSince = SessionGuard::liveSince(services.config, ts);
    QList<qint64> friends;
    for (const FriendRecord &record : services.store.friendsOf(userId, liveSince)) {
        if (record.online)
            friends.append(record.id);
    }
    const QJsonObject notice{{QStringLiteral("kind"), QStringLiteral("presence")},
                             {QStringLiteral("user"), user},
                             {QStringLiteral("online"), online},
                             {QStringLiteral("last_seen"), ts}};
    deliver(services, friends, QStringLiteral("presence:%1").arg(userId), notice, kPresenceHoldMs);
}

} // namespace Palomar::Server
