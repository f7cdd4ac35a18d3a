#include "dispatcher.h"

#include "accounts.h"
#include "handlerset.h"
#include "sessionguard.h"
#include "store/storeexecutor.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCore, "palomar.core")

namespace Palomar::Server {

using Protocol::Error;

Dispatcher::Dispatcher(const ServerConfig &config, StoreExecutor &executor, CompletionSink &sink)
    : m_config(config), m_executor(executor), m_sink(sink)
{}

HandlerResult Dispatcher::dispatch(const Protocol::Request &request, quint64 connectionId,
                                   SessionState &session, const QString &peerAddress)
{
    if (request.op == QLatin1String("ping") || request.op == QLatin1String("hello")) {
        // Requests from a logged-in connection keep its session alive.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (session.isBound() &&
            now - session.lastTouch >= SessionGuard::touchIntervalMs(m_config)) {
            m_executor.submit(std::make_unique<RequestJob>(
                StoreJob::Access::Write,
                std::make_shared<StoreCall>(nullptr, connectionId, session, peerAddress),
                [](HandlerSet &handlers, CallContext &call) {
                    handlers.touch(call);
                    return HandlerResult::ok();
                }));
            session.lastTouch = now;
        }
        if (request.op == QLatin1String("hello"))
            return AccountHandler::hello(m_config, request);
        return HandlerResult::ok({{QStringLiteral("ts"), now}});
    }
    const HandlerSet::Route *route = HandlerSet::route(request.op);
    if (!route) {
        return HandlerResult::error(Error::UnknownOp,
                                    QStringLiteral("no such op: %1").arg(request.op.left(64)));
    }
    m_executor.submit(std::make_unique<RequestJob>(
        HandlerSet::accessFor(*route, request, session),
        std::make_shared<StoreCall>(&m_sink, connectionId, session, peerAddress),
        [route, request](HandlerSet &handlers, CallContext &call) {
            return route->handle(handlers, request, call);
        }));
    return HandlerResult::deferred();
}

void Dispatcher::look(const ParkedPoll &poll, quint64 connectionId, const SessionState &session,
                      const QString &peerAddress)
{
    m_executor.submit(std::make_unique<RequestJob>(
        StoreJob::Access::Read,
        std::make_shared<StoreCall>(&m_sink, connectionId, session, peerAddress, false),
        [poll](HandlerSet &handlers, CallContext &call) {
            return handlers.lookParked(poll, call);
        }));
}

void Dispatcher::disconnected(const SessionState &session, const QString &peerAddress)
{
    if (!session.isBound())
        return;
    m_executor.submit(std::make_unique<RequestJob>(
        StoreJob::Access::Write, std::make_shared<StoreCall>(nullptr, 0, session, peerAddress),
        [](HandlerSet &handlers, CallContext &call) {
            handlers.disconnected(call);
            return HandlerResult::ok();
        }));
}

} // namespace Palomar::Server
