#include "sessionguard.h"

#include "serverconfig.h"
#include "store/store.h"

#include <QDateTime>

namespace Palomar::Server::SessionGuard {

using Protocol::Error;

qint64 touchIntervalMs(const ServerConfig &config)
{
    return qMin<qint64>(30 * 1000, qint64(config.limits.sessionTimeout) * 1000 / 4);
}

qint64 expiryCutoff(const ServerConfig &config, qint64 now)
{
    return now - qint64(config.limits.sessionTimeout) * 1000 - touchIntervalMs(config);
}

bool isLive(const ServerConfig &config, qint64 lastActive, qint64 now)
{
    return lastActive > expiryCutoff(config, now);
}

std::optional<HandlerResult> require(const Services &services, CallContext &context)
{
    SessionState &session = context.session();
    if (!session.isBound())
        return HandlerResult::error(Error::AuthRequired, QStringLiteral("log in first"));
    Store &store = services.store;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const std::optional<SessionRecord> live = store.sessionOfUser(session.userId);
    if (live && live->tokenHash == session.tokenHash) {
        if (!isLive(services.config, live->lastActive, now)) {
            store.deleteSession(session.userId, session.tokenHash);
            session.clear();
            return HandlerResult::error(Error::AuthRequired,
                                        QStringLiteral("the session has expired; log in again"));
        }
        session.lastTouch = live->lastActive;
        if (now - live->lastActive >= touchIntervalMs(services.config)) {
            store.touchSession(session.userId, session.tokenHash, now);
            session.lastTouch = now;
        }
        return std::nullopt;
    }
    const bool replaced = store.wasReplaced(session.tokenHash);
    session.clear();
    if (replaced) {
        return HandlerResult::error(Error::SessionReplaced,
                                    QStringLiteral("this session was taken over by a newer login"));
    }
    return HandlerResult::error(Error::AuthRequired,
                                QStringLiteral("the session has ended; log in again"));
}

void touch(const Services &services, CallContext &context)
{
    SessionState &session = context.session();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!session.isBound() || now - session.lastTouch < touchIntervalMs(services.config))
        return;
    services.store.touchSession(session.userId, session.tokenHash, now);
    session.lastTouch = now;
}

} // namespace Palomar::Server::SessionGuard
