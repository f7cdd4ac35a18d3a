#include "sessionguard.h"

#include "handlerset.h"
#include "serverconfig.h"
#include "store/directory.h"
#include "store/store.h"
#include "storecall.h"

#include <QDateTime>

namespace Palomar::Server::SessionGuard {

using Protocol::Error;

namespace {

// Writes now inside a write job's transaction; from a read job (no
// transaction, perhaps a read-only connection), as a write job of its own.
void write(const Services &services, std::function<void(const Services &)> change)
{
    if (services.store.inTransaction()) {
        change(services);
        return;
    }
    services.executor.submit(std::make_unique<RequestJob>(
        StoreJob::Access::Write, std::make_shared<StoreCall>(nullptr, 0, SessionState(), QString()),
        [change](HandlerSet &handlers, CallContext &) {
            change(handlers.services());
            return HandlerResult::ok();
        }));
}

void refresh(const Services &services, SessionState &session, qint64 now)
{
    write(services, [userId = session.userId, token = session.tokenHash, now](const Services &s) {
        s.store.touchSession(userId, token, now);
        Directory &directory = s.directory;
        s.store.afterCommit(
            [&directory, userId, token, now] { directory.sessionTouched(userId, token, now); });
    });
    session.lastTouch = now;
}

} // namespace

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

qint64 liveSince(const ServerConfig &config, qint64 now)
{
    return now - qint64(config.limits.idleTimeout) * 1000;
}

qint64 heartbeatIntervalMs(const ServerConfig &config)
{
    return qBound(qint64(1000), qint64(config.limits.idleTimeout) * 1000 / 4, qint64(15 * 1000));
}

bool isBound(const ServerConfig &config, const SessionRecord &session, qint64 now)
{
    return session.online && session.instanceHeartbeat &&
           *session.instanceHeartbeat >= liveSince(config, now);
}

std::optional<HandlerResult> require(const Services &services, CallContext &context)
{
    SessionState &session = context.session();
    if (!session.isBound())
        return HandlerResult::error(Error::AuthRequired, QStringLiteral("log in first"));
    Store &store = services.store;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::optional<SessionRecord> live = services.directory.session(store, session.userId);
    if (live && live->tokenHash == session.tokenHash &&
        !isLive(services.config, live->lastActive, now)) {
        // Another instance may have kept it alive meanwhile: ask the database.
        live = store.sessionOfUser(session.userId);
    }
    if (live && live->tokenHash == session.tokenHash) {
        if (!isLive(services.config, live->lastActive, now)) {
            write(services,
                  [userId = session.userId, token = session.tokenHash](const Services &s) {
                      s.store.deleteSession(userId, token);
                      s.directory.sessionChanged(s.store, userId);
                  });
            session.clear();
            return HandlerResult::error(Error::AuthRequired,
                                        QStringLiteral("the session has expired; log in again"));
        }
        session.lastTouch = qMax(session.lastTouch, live->lastActive);
        if (now - session.lastTouch >= touchIntervalMs(services.config))
            refresh(services, session, now);
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
    if (session.isBound() && now - session.lastTouch >= touchIntervalMs(services.config))
        refresh(services, session, now);
}

} // namespace Palomar::Server::SessionGuard
