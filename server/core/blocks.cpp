#include "blocks.h"

#include "friends.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

using Protocol::Error;
namespace EventKind = Protocol::EventKind;

HandlerResult BlockHandler::block(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other =
        FriendHandler::target(m_services, request, context, &failure);
    if (!other)
        return failure;
    Store &store = m_services.store;
    Directory &directory = m_services.directory;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    store.insertBlock(me.userId, other->id, ts);
    // What unfriend does, and the requests either way are dropped unanswered.
    if (store.deleteFriendship(me.userId, other->id)) {
        directory.friendsChanged(store, me.userId);
        directory.friendsChanged(store, other->id);
        store.queueEvent(other->id, EventKind::FriendRemoved,
                         {{QStringLiteral("user"), me.user}, {QStringLiteral("ts"), ts}});
    }
    store.deleteRequest(me.userId, other->id);
    store.deleteRequest(other->id, me.userId);
    transaction.commit();
    qCInfo(lcCore).noquote() << me.user << "blocked" << other->name;
    return HandlerResult::ok();
}

HandlerResult BlockHandler::unblock(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other =
        FriendHandler::target(m_services, request, context, &failure);
    if (!other)
        return failure;
    m_services.store.deleteBlock(context.session().userId, other->id);
    return HandlerResult::ok();
}

HandlerResult BlockHandler::blocked(const Protocol::Request &, CallContext &context)
{
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    QJsonArray users;
    for (const BlockRecord &record : m_services.store.blockedBy(context.session().userId)) {
        users.append(QJsonObject{{QStringLiteral("user"), record.name},
                                 {QStringLiteral("since"), record.since}});
    }
    return HandlerResult::ok({{QStringLiteral("blocked"), users}});
}

std::optional<HandlerResult> BlockHandler::refuseRequest(Store &store, qint64 senderId,
                                                         const UserRecord &recipient)
{
    if (store.isBlocked(senderId, recipient.id)) {
        return HandlerResult::error(
            Error::NotFriends,
            QStringLiteral("you blocked %1: unblock them first").arg(recipient.name));
    }
    if (store.isBlocked(recipient.id, senderId)) {
        return HandlerResult::error(
            Error::NotFriends,
            QStringLiteral("%1 does not accept friend requests from you").arg(recipient.name));
    }
    return std::nullopt;
}

} // namespace Palomar::Server
