#include "friends.h"

#include "blocks.h"
#include "pollregistry.h"
#include "profiles.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QDateTime>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;
namespace EventKind = Protocol::EventKind;

namespace {

QJsonObject userEvent(const QString &user, qint64 ts)
{
    return {{QStringLiteral("user"), user}, {QStringLiteral("ts"), ts}};
}

} // namespace

std::optional<UserRecord> FriendHandler::target(const Services &services,
                                                const Protocol::Request &request,
                                                CallContext &context, HandlerResult *failure)
{
    FieldReader fields(request.fields);
    const QString name = fields.string("user");
    if (request.op == QLatin1String("friend_respond"))
        (void)fields.boolean("accept");
    if (!fields.ok()) {
        *failure = HandlerResult::error(Error::BadRequest, fields.problem());
        return std::nullopt;
    }
    if (auto denied = SessionGuard::require(services, context)) {
        *failure = *denied;
        return std::nullopt;
    }
    std::optional<UserRecord> user = services.directory.userByName(services.store, name);
    if (!user) {
        *failure = HandlerResult::error(Error::NoSuchUser, QStringLiteral("no user %1").arg(name));
        return std::nullopt;
    }
    if (user->id == context.session().userId) {
        *failure = HandlerResult::error(Error::BadRequest,
                                        QStringLiteral("that is you: pick another user"));
        return std::nullopt;
    }
    return user;
}

void FriendHandler::friendsChanged(qint64 a, qint64 b)
{
    m_services.directory.friendsChanged(m_services.store, a);
    m_services.directory.friendsChanged(m_services.store, b);
}

void FriendHandler::accept(qint64 requesterId, const QString &requester, const SessionState &me)
{
    Store &store = m_services.store;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    store.deleteRequest(requesterId, me.userId);
    store.deleteRequest(me.userId, requesterId);
    friendsChanged(requesterId, me.userId);
    store.insertFriendship(requesterId, me.userId, ts);
    store.queueEvent(requesterId, EventKind::FriendAdded, userEvent(me.user, ts));
    store.queueEvent(me.userId, EventKind::FriendAdded, userEvent(requester, ts));
    transaction.commit();
}

HandlerResult FriendHandler::request(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other = target(m_services, request, context, &failure);
    if (!other)
        return failure;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    if (auto refused = BlockHandler::refuseRequest(store, me.userId, *other))
        return *refused;
    if (m_services.directory.isFriend(store, me.userId, other->id))
        return HandlerResult::error(Error::AlreadyFriends,
                                    QStringLiteral("%1 is already your friend").arg(other->name));
    if (store.requestExists(me.userId, other->id))
        return HandlerResult::error(Error::RequestPending,
                                    QStringLiteral("you already asked %1").arg(other->name));
    if (store.requestExists(other->id, me.userId)) {
        accept(other->id, other->name, me);
        return HandlerResult::ok({{QStringLiteral("accepted"), true}});
    }
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    store.insertRequest(me.userId, other->id, ts);
    store.queueEvent(other->id, EventKind::FriendRequest, userEvent(me.user, ts));
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult FriendHandler::respond(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other = target(m_services, request, context, &failure);
    if (!other)
        return failure;
    const bool accepted = request.fields.value(QLatin1String("accept")).toBool();
    Store &store = m_services.store;
    const SessionState &me = context.session();
    if (!store.requestExists(other->id, me.userId))
        return HandlerResult::error(
            Error::NoSuchRequest,
            QStringLiteral("%1 has not asked to be your friend").arg(other->name));
    if (accepted) {
        accept(other->id, other->name, me);
        return HandlerResult::ok();
    }
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    store.deleteRequest(other->id, me.userId);
    store.queueEvent(other->id, EventKind::FriendDeclined, userEvent(me.user, ts));
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult FriendHandler::unfriend(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other = target(m_services, request, context, &failure);
    if (!other)
        return failure;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    if (!store.deleteFriendship(me.userId, other->id)) {
        return HandlerResult::error(Error::NotFriends,
                                    QStringLiteral("%1 is not your friend").arg(other->name));
    }
    friendsChanged(me.userId, other->id);
    store.queueEvent(other->id, EventKind::FriendRemoved, userEvent(me.user, ts));
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult FriendHandler::list(const Protocol::Request &, CallContext &context)
{
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    Store &store = m_services.store;
    const qint64 me = context.session().userId;
    QJsonArray friends;
    const qint64 liveSince =
        SessionGuard::liveSince(m_services.config, QDateTime::currentMSecsSinceEpoch());
    for (const FriendRecord &record : store.friendsOf(me, liveSince)) {
        QJsonObject item = ProfileHandler::summary(record.profile);
        item.insert(QStringLiteral("user"), record.name);
        item.insert(QStringLiteral("online"), record.online);
        item.insert(QStringLiteral("last_seen"),
                    record.lastSeen ? QJsonValue(*record.lastSeen) : QJsonValue(QJsonValue::Null));
        friends.append(item);
    }
    return HandlerResult::ok({
        {QStringLiteral("friends"), friends},
        {QStringLiteral("incoming"), QJsonArray::fromStringList(store.incomingRequests(me))},
        {QStringLiteral("outgoing"), QJsonArray::fromStringList(store.outgoingRequests(me))},
    });
}

} // namespace Palomar::Server
