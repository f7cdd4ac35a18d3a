#include "passwordchange.h"

#include "handlerset.h"
#include "loginthrottle.h"
#include "offthread.h"
#include "passwords.h"
#include "protocol/validation.h"
#include "serverconfig.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;

HandlerResult PasswordHandler::setPassword(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString oldPassword = fields.string("old");
    const QString newPassword = fields.string("new");
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    const std::optional<UserRecord> record = m_services.store.userById(context.session().userId);
    if (!record)
        return HandlerResult::error(Error::AuthRequired, QStringLiteral("log in first"));
    LoginThrottle throttle(m_services.store, m_services.config);
    const LoginThrottle::Keys keys = throttle.keys(record->name, context.peerAddress());
    if (const std::optional<int> wait =
            throttle.retryAfter(keys, QDateTime::currentMSecsSinceEpoch())) {
        return HandlerResult::error(Error::RateLimited,
                                    QStringLiteral("too many failed logins; try again later"),
                                    {{QStringLiteral("retry_after"), *wait}});
    }
    if (!Protocol::isAcceptablePassword(newPassword)) {
        return HandlerResult::error(Error::WeakPassword,
                                    QStringLiteral("a password has 8 to 256 characters"));
    }
    const Passwords::Cost cost{m_services.config.hashOpsLimit, m_services.config.hashMemLimit};
    return runOffThread(
        m_services, context,
        [hash = record->passwordHash, oldPassword, newPassword, cost]() -> std::optional<QString> {
            if (!Passwords::verifyPassword(hash, oldPassword))
                return std::nullopt;
            return Passwords::hashPassword(newPassword, cost);
        },
        [record = *record](HandlerSet &handlers, CallContext &call,
                           const std::optional<QString> &hash) {
            return handlers.passwords().finish(call, record, hash);
        });
}

HandlerResult PasswordHandler::finish(CallContext &context, const UserRecord &record,
                                      const std::optional<QString> &hash)
{
    Store &store = m_services.store;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!hash) {
        LoginThrottle throttle(store, m_services.config);
        throttle.recordFailure(throttle.keys(record.name, context.peerAddress()), now);
        return HandlerResult::error(Error::BadCredentials, QStringLiteral("wrong password"));
    }
    if (hash->isEmpty())
        return HandlerResult::error(Error::Internal, QStringLiteral("out of memory"));
    // The session may have ended while the hashing ran.
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    SessionState &session = context.session();
    const QString token = Passwords::newToken();
    const QByteArray tokenHash = Passwords::tokenHash(token);
    {
        Store::Transaction transaction(store);
        store.setPasswordHash(record.id, *hash);
        m_services.directory.userChanged(store, record.id);
        // The old token is replaced: whoever else holds it learns
        // session_replaced at their next request or when their long poll
        // ends. No wake-up: this connection's own parked poll would look
        // with the old token before this reply hands it the new one.
        store.insertReplaced(session.tokenHash, record.id, now);
        store.putSession(SessionRecord{record.id, tokenHash, now, now, true, m_services.instanceId,
                                       std::nullopt});
        m_services.directory.sessionChanged(store, record.id);
        transaction.commit();
    }
    session.tokenHash = tokenHash;
    session.lastTouch = now;
    qCInfo(lcCore).noquote() << record.name << "changed their password";
    return HandlerResult::ok({{QStringLiteral("token"), token}});
}

} // namespace Palomar::Server
