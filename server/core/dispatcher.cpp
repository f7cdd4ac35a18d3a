#include "dispatcher.h"

#include "sessionguard.h"
#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCore, "palomar.core")

namespace Palomar::Server {

using Protocol::Error;

namespace {
HandlerResult internalError()
{
    return HandlerResult::error(Error::Internal,
                                QStringLiteral("the server could not complete the request"));
}
} // namespace

Dispatcher::Dispatcher(Services services)
    : m_services(services), m_accounts(services), m_friends(services), m_groups(services),
      m_messages(services), m_sync(services), m_files(services), m_batcher(services.store)
{
    const auto route = [this](const char *op, bool needsSession, auto *object, auto method) {
        m_routes.insert(QString::fromLatin1(op),
                        Route{needsSession, [object, method](const Protocol::Request &request,
                                                             CallContext &context) {
                                  return (object->*method)(request, context);
                              }});
    };
    route("hello", false, &m_accounts, &AccountHandler::hello);
    route("register", false, &m_accounts, &AccountHandler::registerUser);
    route("login", false, &m_accounts, &AccountHandler::login);
    route("resume", false, &m_accounts, &AccountHandler::resume);
    route("logout", true, &m_accounts, &AccountHandler::logout);
    route("unregister", true, &m_accounts, &AccountHandler::unregister);
    route("friend_request", true, &m_friends, &FriendHandler::request);
    route("friend_respond", true, &m_friends, &FriendHandler::respond);
    route("unfriend", true, &m_friends, &FriendHandler::unfriend);
    route("friends", true, &m_friends, &FriendHandler::list);
    route("send", true, &m_messages, &MessageHandler::send);
    route("read", true, &m_messages, &MessageHandler::read);
    route("history", true, &m_messages, &MessageHandler::history);
    route("sync", true, &m_sync, &SyncHandler::sync);
    route("message_info", true, &m_messages, &MessageHandler::messageInfo);
    route("group_create", true, &m_groups, &GroupHandler::create);
    route("group_add", true, &m_groups, &GroupHandler::add);
    route("group_remove", true, &m_groups, &GroupHandler::remove);
    route("group_rename", true, &m_groups, &GroupHandler::rename);
    route("group_leave", true, &m_groups, &GroupHandler::leave);
    route("group_info", true, &m_groups, &GroupHandler::info);
    route("groups", true, &m_groups, &GroupHandler::list);
    route("file_begin", true, &m_files, &FileHandler::begin);
    route("file_chunk", true, &m_files, &FileHandler::chunk);
    route("file_end", true, &m_files, &FileHandler::end);
    route("file_get", true, &m_files, &FileHandler::get);
    // The frequent writes share one COMMIT per event-loop turn (group commit).
    for (const char *op : {"send", "read", "sync"})
        m_routes[QString::fromLatin1(op)].batched = true;
    m_routes.insert(QStringLiteral("ping"),
                    Route{false, [](const Protocol::Request &, CallContext &) {
                              return HandlerResult::ok(
                                  {{QStringLiteral("ts"), QDateTime::currentMSecsSinceEpoch()}});
                          }});
}

HandlerResult Dispatcher::dispatch(const Protocol::Request &request, CallContext &context)
{
    const auto route = m_routes.constFind(request.op);
    if (route == m_routes.cend()) {
        return HandlerResult::error(Error::UnknownOp,
                                    QStringLiteral("no such op: %1").arg(request.op.left(64)));
    }
    try {
        // Ops that need a session check it themselves, after the request's
        // shape (PROTOCOL.md: shape, session, rights, target). Session-free
        // ops from a logged-in connection still keep its session alive.
        if (!route->needsSession)
            SessionGuard::touch(m_services, context);
        if (route->batched) {
            m_batcher.enqueue(context, [handler = route->handler, request, &context] {
                return handler(request, context); // a StoreError fails this request only
            });
            return HandlerResult::deferred();
        }
        return route->handler(request, context).finish();
    } catch (const StoreError &error) {
        qCWarning(lcCore) << request.op << "failed in the store:" << error.what();
        return internalError();
    }
}

QJsonObject Dispatcher::collectParked(const QJsonValue &id, qint64 after, int limit,
                                      CallContext &context)
{
    try {
        if (const auto denied = SessionGuard::require(m_services, context))
            return denied->toFrame(id);
        return Protocol::makeReply(id, m_sync.collect(context.session(), after, limit));
    } catch (const StoreError &error) {
        qCWarning(lcCore) << "parked sync failed in the store:" << error.what();
        return internalError().toFrame(id);
    }
}

} // namespace Palomar::Server
