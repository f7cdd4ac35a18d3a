#include "accounts.h"

#include "groups.h"
#include "handlerset.h"
#include "live.h"
#include "loginthrottle.h"
#include "offthread.h"
#include "passwords.h"
#include "pollregistry.h"
#include "protocol/features.h"
#include "protocol/validation.h"
#include "serverconfig.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/invitecodes.h"
#include "store/store.h"

#include <QDateTime>
#include <QDebug>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

HandlerResult badRequest(const FieldReader &fields)
{
    return HandlerResult::error(Error::BadRequest, fields.problem());
}

// A login's user name for the log: as it is when it is a valid username;
// anything else a client sent is quoted, its control characters escaped, and
// cut short, so that it cannot forge or flood log lines.
QString loggableName(const QString &user)
{
    if (Protocol::isValidUsername(user))
        return user;
    QString quoted;
    QDebug(&quoted).nospace() << user.left(64);
    return quoted;
}

HandlerResult badCredentials()
{
    return HandlerResult::error(Error::BadCredentials, QStringLiteral("wrong user or password"));
}

// After the password check, so that a guesser learns nothing.
HandlerResult accountBanned(const QString &user)
{
    qCInfo(lcCore).noquote() << "refused a login of the banned account" << user;
    return HandlerResult::error(Error::AccountBanned,
                                QStringLiteral("this account is banned; ask the operator"));
}

} // namespace

HandlerResult AccountHandler::hello(const ServerConfig &config, const Protocol::Request &request)
{
    FieldReader fields(request.fields);
    const qint64 version =
        fields.optionalInteger("version", -Protocol::kMaxSafeInteger, Protocol::kMaxSafeInteger,
                               Protocol::kProtocolVersion);
    (void)fields.optionalString("client");
    if (!fields.ok())
        return badRequest(fields);
    if (version != Protocol::kProtocolVersion) {
        return HandlerResult::error(
            Error::UnsupportedVersion,
            QStringLiteral("this server speaks protocol version %1")
                .arg(Protocol::kProtocolVersion),
            {{QStringLiteral("versions"), QJsonArray{Protocol::kProtocolVersion}}});
    }
    return HandlerResult::ok({
        {QStringLiteral("server"),
         QStringLiteral("palomar-server %1").arg(QStringLiteral(PALOMAR_VERSION))},
        {QStringLiteral("version"), Protocol::kProtocolVersion},
        {QStringLiteral("limits"), config.limits.toJson()},
        {QStringLiteral("registration"), ServerConfig::registrationName(config.registration)},
        {QStringLiteral("features"), QJsonArray::fromStringList(Protocol::serverFeatures())},
    });
}

HandlerResult AccountHandler::registerUser(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString user = fields.string("user");
    const QString password = fields.string("password");
    const std::optional<QString> typedInvite = fields.optionalString("invite");
    if (typedInvite && (typedInvite->isEmpty() || typedInvite->size() > InviteCodes::kMaxInput))
        fields.fail(
            QStringLiteral("invite must have 1 to %1 characters").arg(InviteCodes::kMaxInput));
    if (!fields.ok())
        return badRequest(fields);
    // Under `open` an invite is accepted and ignored.
    const ServerConfig::Registration policy = m_services.config.registration;
    const QString invite =
        policy == ServerConfig::Registration::Invite ? typedInvite.value_or(QString()) : QString();
    if (policy == ServerConfig::Registration::Closed) {
        qCInfo(lcCore).noquote() << "refused registration of" << loggableName(user) << "from"
                                 << context.peerAddress() << "(registration is closed)";
        return HandlerResult::error(Error::RegistrationClosed,
                                    QStringLiteral("registration is closed on this server"));
    }
    if (policy == ServerConfig::Registration::Invite && invite.isEmpty()) {
        qCInfo(lcCore).noquote() << "refused registration of" << loggableName(user) << "from"
                                 << context.peerAddress() << "(no invitation code)";
        return HandlerResult::error(Error::InviteRequired,
                                    QStringLiteral("registering on this server needs an "
                                                   "invitation code"));
    }
    if (!Protocol::isValidUsername(user)) {
        return HandlerResult::error(Error::InvalidUsername,
                                    QStringLiteral("a username has 1 to 32 characters from "
                                                   "A-Z a-z 0-9 _ . -"));
    }
    if (!Protocol::isAcceptablePassword(password)) {
        return HandlerResult::error(Error::WeakPassword,
                                    QStringLiteral("a password has 8 to 256 characters"));
    }
    if (m_services.store.userByName(user))
        return HandlerResult::error(Error::UserExists, QStringLiteral("that name is taken"));
    // Checked here to spare the hashing; consumed with the new user.
    if (!invite.isEmpty() && !isUsableInvite(invite))
        return invalidInvite(user, invite, context);

    const Passwords::Cost cost{m_services.config.hashOpsLimit, m_services.config.hashMemLimit};
    return runOffThread(
        m_services, context, [password, cost] { return Passwords::hashPassword(password, cost); },
        [user, invite](HandlerSet &handlers, CallContext &call, const QString &hash) {
            return handlers.accounts().finishRegistration(call, {user, invite}, hash);
        });
}

bool AccountHandler::isUsableInvite(const QString &invite)
{
    const std::optional<InviteRecord> record = m_services.store.invite(invite);
    return record && record->isUsable(now());
}

HandlerResult AccountHandler::invalidInvite(const QString &user, const QString &invite,
                                            CallContext &context)
{
    qCInfo(lcCore).noquote() << "refused registration of" << user << "from" << context.peerAddress()
                             << "(invitation code" << InviteCodes::redacted(invite)
                             << "cannot be used)";
    return HandlerResult::error(Error::InvalidInvite,
                                QStringLiteral("that invitation code is unknown, used, revoked "
                                               "or expired"));
}

HandlerResult AccountHandler::finishRegistration(CallContext &context,
                                                 const Registration &registration,
                                                 const QString &hash)
{
    if (hash.isEmpty())
        return HandlerResult::error(Error::Internal, QStringLiteral("out of memory"));
    Store &store = m_services.store;
    const qint64 ts = now();
    {
        Store::Transaction transaction(store);
        if (!store.createUser(registration.user, hash, ts))
            return HandlerResult::error(Error::UserExists, QStringLiteral("that name is taken"));
        // Consumed with the user or not at all: of two registrations racing
        // for one code, the second finds it used and creates nobody.
        if (!registration.invite.isEmpty() &&
            !store.useInvite(registration.invite, registration.user, ts))
            return invalidInvite(registration.user, registration.invite, context);
        transaction.commit();
    }
    if (registration.invite.isEmpty()) {
        qCInfo(lcCore).noquote() << "registered" << registration.user;
    } else {
        qCInfo(lcCore).noquote() << "registered" << registration.user << "with invitation code"
                                 << InviteCodes::redacted(registration.invite);
    }
    return HandlerResult::ok();
}

HandlerResult AccountHandler::login(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString user = fields.string("user");
    const QString password = fields.string("password");
    const bool takeover = fields.optionalBoolean("takeover", false);
    if (!fields.ok())
        return badRequest(fields);

    LoginThrottle throttle(m_services.store, m_services.config);
    const LoginThrottle::Keys keys = throttle.keys(user, context.peerAddress());
    if (const std::optional<int> wait = throttle.retryAfter(keys, now())) {
        return HandlerResult::error(Error::RateLimited,
                                    QStringLiteral("too many failed logins; try again later"),
                                    {{QStringLiteral("retry_after"), *wait}});
    }
    const std::optional<UserRecord> record =
        Protocol::isValidUsername(user) ? m_services.store.userByName(user) : std::nullopt;
    const Passwords::Cost cost{m_services.config.hashOpsLimit, m_services.config.hashMemLimit};
    const QString hash = record ? record->passwordHash : Passwords::decoyHash(cost);
    return runOffThread(
        m_services, context, [hash, password] { return Passwords::verifyPassword(hash, password); },
        [user, record, keys, takeover](HandlerSet &handlers, CallContext &call, bool matches) {
            return handlers.accounts().finishLogin(call, {user, record, keys, takeover}, matches);
        });
}

HandlerResult AccountHandler::finishLogin(CallContext &context, const LoginAttempt &attempt,
                                          bool matches)
{
    LoginThrottle throttle(m_services.store, m_services.config);
    if (!attempt.record || !matches) {
        throttle.recordFailure(attempt.keys, now());
        qCInfo(lcCore).noquote() << "failed login for" << loggableName(attempt.user) << "from"
                                 << context.peerAddress();
        return badCredentials();
    }
    if (m_services.store.bannedSince(attempt.record->id))
        return accountBanned(attempt.record->name);
    throttle.recordSuccess(attempt.record->name);
    return startSession(context, attempt.record->id, attempt.record->name, attempt.takeover);
}

HandlerResult AccountHandler::startSession(CallContext &context, qint64 userId, const QString &user,
                                           bool takeover)
{
    Store &store = m_services.store;
    const qint64 start = now();
    const QString token = Passwords::newToken();
    const QByteArray tokenHash = Passwords::tokenHash(token);
    bool replaced = false;
    {
        Store::Transaction transaction(store);
        const std::optional<SessionRecord> existing = store.sessionOfUser(userId);
        if (existing && SessionGuard::isLive(m_services.config, existing->lastActive, start)) {
            // Live (a connection is bound to it): only a takeover ends it.
            // Detached (nobody is there to protect): a plain login ends it.
            if (SessionGuard::isBound(m_services.config, *existing, start)) {
                if (!takeover) {
                    return HandlerResult::error(Error::SessionActive,
                                                QStringLiteral("%1 is logged in elsewhere; log in "
                                                               "with takeover to end that session")
                                                    .arg(user));
                }
                replaced = true;
            }
            store.insertReplaced(existing->tokenHash, userId, start);
            store.queueWake(userId); // a parked poll of the old session learns at once
        }
        m_services.directory.sessionChanged(store, userId);
        store.putSession(SessionRecord{userId, tokenHash, start, start, true, m_services.instanceId,
                                       std::nullopt});
        release(context);
        LiveHandler::presence(m_services, userId, user, true, start);
        transaction.commit();
    }
    if (replaced)
        qCInfo(lcCore).noquote() << user << "took over their session";
    context.session() = SessionState{userId, user, tokenHash, start};
    qCInfo(lcCore).noquote() << user << "logged in from" << context.peerAddress();
    return HandlerResult::ok({{QStringLiteral("token"), token}, {QStringLiteral("user"), user}});
}

HandlerResult AccountHandler::resume(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString token = fields.string("token");
    if (!fields.ok())
        return badRequest(fields);
    Store &store = m_services.store;
    const QByteArray tokenHash = Passwords::tokenHash(token);
    const std::optional<SessionRecord> session = store.sessionByToken(tokenHash);
    const qint64 start = now();
    if (!session)
        return HandlerResult::error(Error::BadCredentials,
                                    QStringLiteral("unknown or ended session"));
    if (!SessionGuard::isLive(m_services.config, session->lastActive, start)) {
        store.deleteSession(session->userId, tokenHash);
        m_services.directory.sessionChanged(store, session->userId);
        return HandlerResult::error(Error::BadCredentials,
                                    QStringLiteral("the session has expired"));
    }
    const std::optional<UserRecord> user = store.userById(session->userId);
    if (!user)
        return HandlerResult::error(Error::BadCredentials,
                                    QStringLiteral("unknown or ended session"));
    if (store.bannedSince(user->id))
        return accountBanned(user->name);
    bind(context, user->id, user->name, tokenHash, start);
    return HandlerResult::ok({{QStringLiteral("user"), user->name}});
}

void AccountHandler::bind(CallContext &context, qint64 userId, const QString &user,
                          const QByteArray &tokenHash, qint64 now)
{
    release(context);
    m_services.store.setOnline(userId, tokenHash, true, now, m_services.instanceId);
    m_services.directory.sessionChanged(m_services.store, userId);
    context.session() = SessionState{userId, user, tokenHash, now};
    LiveHandler::presence(m_services, userId, user, true, now);
}

HandlerResult AccountHandler::logout(const Protocol::Request &, CallContext &context)
{
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    SessionState &session = context.session();
    Store &store = m_services.store;
    {
        Store::Transaction transaction(store);
        store.deleteSession(session.userId, session.tokenHash);
        store.queueLastSeen(session.userId, now());
        m_services.directory.sessionChanged(store, session.userId);
        store.queueWake(session.userId);
        LiveHandler::presence(m_services, session.userId, session.user, false, now());
        transaction.commit();
    }
    qCInfo(lcCore).noquote() << session.user << "logged out";
    session.clear();
    return HandlerResult::ok();
}

HandlerResult AccountHandler::unregister(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString password = fields.string("password");
    if (!fields.ok())
        return badRequest(fields);
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    const std::optional<UserRecord> record = m_services.store.userById(context.session().userId);
    if (!record)
        return badCredentials();
    return runOffThread(
        m_services, context,
        [hash = record->passwordHash, password] {
            return Passwords::verifyPassword(hash, password);
        },
        [record = *record](HandlerSet &handlers, CallContext &call, bool matches) {
            return handlers.accounts().finishUnregistration(call, record, matches);
        });
}

HandlerResult AccountHandler::finishUnregistration(CallContext &context, const UserRecord &record,
                                                   bool matches)
{
    Store &store = m_services.store;
    if (!matches) {
        LoginThrottle throttle(store, m_services.config);
        throttle.recordFailure(throttle.keys(record.name, context.peerAddress()), now());
        return HandlerResult::error(Error::BadCredentials, QStringLiteral("wrong password"));
    }
    removeAccount(m_services, record, now());
    qCInfo(lcCore).noquote() << "unregistered" << record.name;
    context.session().clear();
    return HandlerResult::ok();
}

void AccountHandler::removeAccount(const Services &services, const UserRecord &record, qint64 ts)
{
    Store &store = services.store;
    Store::Transaction transaction(store);
    Directory &directory = services.directory;
    const QList<FriendRecord> friends = store.friendsOf(record.id);
    GroupHandler::leaveAll(services, record.id, record.name, ts);
    store.deleteUser(record.id);
    directory.userChanged(store, record.id);
    directory.sessionChanged(store, record.id);
    directory.friendsChanged(store, record.id);
    for (const FriendRecord &friendRecord : friends) {
        directory.friendsChanged(store, friendRecord.id);
        store.queueEvent(friendRecord.id, Protocol::EventKind::FriendRemoved,
                         {{QStringLiteral("user"), record.name}, {QStringLiteral("ts"), ts}});
    }
    store.queueWake(record.id);
    transaction.commit();
}

void AccountHandler::disconnected(CallContext &context)
{
    release(context);
}

void AccountHandler::release(CallContext &context)
{
    SessionState &session = context.session();
    if (!session.isBound())
        return;
    const qint64 ts = now();
    Store::Transaction transaction(m_services.store);
    // A session another connection took over (or that ended) is not this
    // user going offline.
    const std::optional<SessionRecord> current = m_services.store.sessionOfUser(session.userId);
    m_services.store.setOnline(session.userId, session.tokenHash, false, ts, m_services.instanceId);
    m_services.store.queueLastSeen(session.userId, ts);
    m_services.directory.sessionChanged(m_services.store, session.userId);
    if (current && current->tokenHash == session.tokenHash)
        LiveHandler::presence(m_services, session.userId, session.user, false, ts);
    transaction.commit();
    session.clear();
}

} // namespace Palomar::Server
