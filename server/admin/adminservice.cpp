#include "adminservice.h"

#include "core/accounts.h"
#include "core/serverconfig.h"
#include "core/sessionguard.h"
#include "protocol/validation.h"
#include "store/directory.h"
#include "store/invitecodes.h"
#include "store/store.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAdmin, "palomar.admin")

namespace Palomar::Server {

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject ok(QJsonObject fields = {})
{
    fields.insert(QStringLiteral("ok"), true);
    return fields;
}

QJsonValue optionalTime(const std::optional<qint64> &ts)
{
    return ts ? QJsonValue(double(*ts)) : QJsonValue(QJsonValue::Null);
}

// The login-throttling key of an account (LoginThrottle's).
QString accountKey(const QString &user)
{
    return QStringLiteral("user:") + user.toLower();
}

bool isPasswordHash(const QString &hash)
{
    return hash.startsWith(QLatin1String("$argon2id$")) && hash.size() < 512;
}

} // namespace

QJsonObject AdminService::failure(const QString &code, const QString &message)
{
    return {{QStringLiteral("ok"), false},
            {QStringLiteral("error"), code},
            {QStringLiteral("message"), message}};
}

StoreJob::Access AdminService::access(const QString &op)
{
    static const QStringList reads{QStringLiteral("users"),  QStringLiteral("sessions"),
                                   QStringLiteral("stats"),  QStringLiteral("check"),
                                   QStringLiteral("backup"), QStringLiteral("invite-list")};
    return reads.contains(op) ? StoreJob::Access::Read : StoreJob::Access::Write;
}

QJsonObject AdminService::handle(const QJsonObject &request)
{
    const QString op = request.value(QLatin1String("op")).toString();
    using Handler = QJsonObject (AdminService::*)(const QJsonObject &);
    using UserHandler = QJsonObject (AdminService::*)(const UserRecord &, const QJsonObject &);
    using Reader = QJsonObject (AdminService::*)();
    // The ops on one existing user, named by `user`.
    static const QHash<QString, UserHandler> userHandlers{
        {QStringLiteral("reset-password"), &AdminService::resetPassword},
        {QStringLiteral("ban"), &AdminService::ban},
        {QStringLiteral("unban"), &AdminService::unban},
        {QStringLiteral("delete-user"), &AdminService::deleteUser},
        {QStringLiteral("kick"), &AdminService::kick},
    };
    static const QHash<QString, Handler> handlers{
        {QStringLiteral("add-user"), &AdminService::addUser},
        {QStringLiteral("unlock"), &AdminService::unlock},
        {QStringLiteral("backup"), &AdminService::backup},
        {QStringLiteral("invite-create"), &AdminService::createInvite},
        {QStringLiteral("invite-revoke"), &AdminService::revokeInvite},
    };
    static const QHash<QString, Reader> readers{
        {QStringLiteral("users"), &AdminService::users},
        {QStringLiteral("sessions"), &AdminService::sessions},
        {QStringLiteral("stats"), &AdminService::stats},
        {QStringLiteral("check"), &AdminService::check},
        {QStringLiteral("invite-list"), &AdminService::listInvites},
    };
    if (const auto it = userHandlers.constFind(op); it != userHandlers.cend()) {
        QJsonObject failed;
        const std::optional<UserRecord> record = user(request, &failed);
        return record ? (this->**it)(*record, request) : failed;
    }
    if (const auto it = handlers.constFind(op); it != handlers.cend())
        return (this->**it)(request);
    if (const auto it = readers.constFind(op); it != readers.cend())
        return (this->**it)();
    return failure(QStringLiteral("bad_request"), QStringLiteral("unknown operation %1").arg(op));
}

qint64 AdminService::liveSince() const
{
    return SessionGuard::liveSince(m_services.config, now());
}

std::optional<UserRecord> AdminService::user(const QJsonObject &request, QJsonObject *failure)
{
    const QString name = request.value(QLatin1String("user")).toString();
    if (!Protocol::isValidUsername(name)) {
        *failure = AdminService::failure(QStringLiteral("bad_request"),
                                         QStringLiteral("not a valid username: %1").arg(name));
        return std::nullopt;
    }
    std::optional<UserRecord> record = m_services.store.userByName(name);
    if (!record)
        *failure = AdminService::failure(QStringLiteral("no_such_user"),
                                         QStringLiteral("no user named %1").arg(name));
    return record;
}

bool AdminService::endSession(qint64 userId)
{
    Store &store = m_services.store;
    const bool ended = store.deleteSessionOf(userId);
    m_services.directory.sessionChanged(store, userId);
    m_services.directory.userKicked(store, userId);
    store.queueWake(userId); // a parked poll elsewhere learns at once
    return ended;
}

QJsonObject AdminService::users()
{
    QJsonArray list;
    for (const AdminUserRecord &user : m_services.store.adminUsers(liveSince())) {
        list.append(QJsonObject{{QStringLiteral("user"), user.name},
                                {QStringLiteral("created"), double(user.created)},
                                {QStringLiteral("last_seen"), optionalTime(user.lastSeen)},
                                {QStringLiteral("online"), user.online},
                                {QStringLiteral("session"), user.hasSession},
                                {QStringLiteral("banned"), optionalTime(user.bannedSince)},
                                {QStringLiteral("ban_reason"), user.banReason}});
    }
    return ok({{QStringLiteral("users"), list}});
}

QJsonObject AdminService::addUser(const QJsonObject &request)
{
    const QString name = request.value(QLatin1String("user")).toString();
    const QString hash = request.value(QLatin1String("hash")).toString();
    if (!Protocol::isValidUsername(name))
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("a username has 1 to 32 characters from A-Z a-z 0-9 _ . -"));
    if (!isPasswordHash(hash))
        return failure(QStringLiteral("bad_request"), QStringLiteral("not a password hash"));
    if (!m_services.store.createUser(name, hash, now()))
        return failure(QStringLiteral("user_exists"), QStringLiteral("%1 is taken").arg(name));
    qCInfo(lcAdmin).noquote() << "admin: added user" << name;
    return ok({{QStringLiteral("user"), name}});
}

QJsonObject AdminService::resetPassword(const UserRecord &record, const QJsonObject &request)
{
    const QString hash = request.value(QLatin1String("hash")).toString();
    if (!isPasswordHash(hash))
        return failure(QStringLiteral("bad_request"), QStringLiteral("not a password hash"));
    Store &store = m_services.store;
    Store::Transaction transaction(store);
    store.setPasswordHash(record.id, hash);
    m_services.directory.userChanged(store, record.id);
    store.clearLoginFailures(accountKey(record.name));
    const bool ended = endSession(record.id);
    transaction.commit();
    qCInfo(lcAdmin).noquote() << "admin: reset the password of" << record.name;
    return ok({{QStringLiteral("user"), record.name}, {QStringLiteral("session_ended"), ended}});
}

QJsonObject AdminService::ban(const UserRecord &record, const QJsonObject &request)
{
    const QString reason = request.value(QLatin1String("reason")).toString().left(500);
    Store &store = m_services.store;
    Store::Transaction transaction(store);
    const std::optional<qint64> already = store.bannedSince(record.id);
    const qint64 since = already.value_or(now());
    store.setBanned(record.id, since, reason);
    m_services.directory.userChanged(store, record.id);
    const bool ended = endSession(record.id);
    transaction.commit();
    qCInfo(lcAdmin).noquote() << "admin: banned" << record.name;
    return ok({{QStringLiteral("user"), record.name},
               {QStringLiteral("banned"), double(since)},
               {QStringLiteral("already"), already.has_value()},
               {QStringLiteral("session_ended"), ended}});
}

QJsonObject AdminService::unban(const UserRecord &record, const QJsonObject &)
{
    Store &store = m_services.store;
    const bool was = store.clearBan(record.id);
    m_services.directory.userChanged(store, record.id);
    qCInfo(lcAdmin).noquote() << "admin: unbanned" << record.name;
    return ok({{QStringLiteral("user"), record.name}, {QStringLiteral("was_banned"), was}});
}

QJsonObject AdminService::deleteUser(const UserRecord &record, const QJsonObject &)
{
    Store &store = m_services.store;
    Store::Transaction transaction(store);
    // Connections first told (after the commit), then exactly unregister.
    m_services.directory.userKicked(store, record.id);
    AccountHandler::removeAccount(m_services, record, now());
    transaction.commit();
    qCInfo(lcAdmin).noquote() << "admin: deleted user" << record.name;
    return ok({{QStringLiteral("user"), record.name}});
}

QJsonObject AdminService::sessions()
{
    QJsonArray list;
    for (const AdminSessionRecord &session : m_services.store.adminSessions(liveSince())) {
        list.append(QJsonObject{{QStringLiteral("user"), session.user},
                                {QStringLiteral("created"), double(session.created)},
                                {QStringLiteral("last_active"), double(session.lastActive)},
                                {QStringLiteral("online"), session.online},
                                {QStringLiteral("instance"), double(session.instanceId)}});
    }
    return ok({{QStringLiteral("sessions"), list}});
}

QJsonObject AdminService::kick(const UserRecord &record, const QJsonObject &)
{
    const bool ended = endSession(record.id);
    qCInfo(lcAdmin).noquote() << "admin: kicked" << record.name;
    return ok({{QStringLiteral("user"), record.name}, {QStringLiteral("session_ended"), ended}});
}

QJsonObject AdminService::unlock(const QJsonObject &request)
{
    Store &store = m_services.store;
    if (request.value(QLatin1String("all")).toBool()) {
        const int cleared = store.clearAllLoginFailures();
        qCInfo(lcAdmin).noquote() << "admin: cleared all login throttling";
        return ok({{QStringLiteral("cleared"), cleared}});
    }
    QStringList keys;
    const QString address = request.value(QLatin1String("address")).toString();
    if (!address.isEmpty())
        keys.append(QStringLiteral("addr:") + address);
    if (request.contains(QLatin1String("user"))) {
        QJsonObject failed;
        const std::optional<UserRecord> record = user(request, &failed);
        if (!record)
            return failed;
        keys.append(accountKey(record->name));
    }
    if (keys.isEmpty())
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("unlock needs a user, an address or all"));
    for (const QString &key : keys)
        store.clearLoginFailures(key);
    qCInfo(lcAdmin).noquote() << "admin: cleared login throttling of"
                              << keys.join(QLatin1String(", "));
    return ok({{QStringLiteral("cleared"), QJsonArray::fromStringList(keys)}});
}

QJsonObject AdminService::stats()
{
    const AdminStats stats = m_services.store.adminStats(liveSince(), now());
    return ok({{QStringLiteral("users"), double(stats.users)},
               {QStringLiteral("banned_users"), double(stats.bannedUsers)},
               {QStringLiteral("sessions"), double(stats.sessions)},
               {QStringLiteral("online"), double(stats.onlineSessions)},
               {QStringLiteral("direct_messages"), double(stats.directMessages)},
               {QStringLiteral("group_messages"), double(stats.groupMessages)},
               {QStringLiteral("groups"), double(stats.groups)},
               {QStringLiteral("files"), double(stats.files)},
               {QStringLiteral("file_bytes"), double(stats.fileBytes)},
               {QStringLiteral("unfinished_uploads"), double(stats.unfinishedUploads)},
               {QStringLiteral("unfinished_upload_bytes"), double(stats.unfinishedUploadBytes)},
               {QStringLiteral("pending_events"), double(stats.pendingEvents)},
               {QStringLiteral("throttled_logins"), double(stats.throttledLoginKeys)},
               {QStringLiteral("database_bytes"), double(stats.databaseBytes)},
               {QStringLiteral("database"), m_services.config.store.describe()}});
}

QJsonObject AdminService::check()
{
    QJsonArray problems;
    for (const AdminProblem &problem : m_services.store.adminCheck()) {
        problems.append(QJsonObject{{QStringLiteral("table"), problem.table},
                                    {QStringLiteral("problem"), problem.problem},
                                    {QStringLiteral("rows"), double(problem.rows)}});
    }
    return ok(
        {{QStringLiteral("sound"), problems.isEmpty()}, {QStringLiteral("problems"), problems}});
}

QJsonObject AdminService::backup(const QJsonObject &request)
{
    if (m_services.store.backend() != StoreConfig::Backend::Sqlite) {
        return failure(QStringLiteral("unsupported"),
                       QStringLiteral("on PostgreSQL, back up with pg_dump (docs/admin.md)"));
    }
    const QString path = request.value(QLatin1String("path")).toString();
    if (path.isEmpty() || !QDir::isAbsolutePath(path))
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("backup needs an absolute path"));
    if (QFileInfo::exists(path))
        return failure(QStringLiteral("exists"),
                       QStringLiteral("%1 exists; give a new file").arg(path));
    m_services.store.backupTo(path);
    qCInfo(lcAdmin).noquote() << "admin: backed up the database to" << path;
    return ok({{QStringLiteral("path"), path},
               {QStringLiteral("bytes"), double(QFileInfo(path).size())}});
}

QJsonObject AdminService::createInvite(const QJsonObject &request)
{
    const QJsonValue expiresIn = request.value(QLatin1String("expires_in"));
    if (!expiresIn.isUndefined() && !expiresIn.isNull() && expiresIn.toDouble() <= 0)
        return failure(QStringLiteral("bad_request"),
                       QStringLiteral("expires_in must be positive"));
    const qint64 created = now();
    const std::optional<qint64> expiresAt =
        expiresIn.isDouble() ? std::optional<qint64>(created + qint64(expiresIn.toDouble()))
                             : std::nullopt;
    const QString note = request.value(QLatin1String("note")).toString().left(500);
    // 60 random bits: a collision is all but impossible, but costs nothing to retry.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const QString code = InviteCodes::generate();
        if (m_services.store.createInvite(code, expiresAt, note)) {
            qCInfo(lcAdmin).noquote() << "admin: created invite" << InviteCodes::redacted(code);
            return ok({{QStringLiteral("code"), InviteCodes::grouped(code)},
                       {QStringLiteral("expires"), optionalTime(expiresAt)},
                       {QStringLiteral("note"), note}});
        }
    }
    return failure(QStringLiteral("internal"), QStringLiteral("no free invite code found"));
}

QJsonObject AdminService::listInvites()
{
    const qint64 at = now();
    QJsonArray list;
    for (const InviteRecord &invite : m_services.store.invites()) {
        QString state = QStringLiteral("usable");
        if (invite.isUsed())
            state = QStringLiteral("used");
        else if (invite.revoked)
            state = QStringLiteral("revoked");
        else if (!invite.isUsable(at))
            state = QStringLiteral("expired");
        list.append(
            QJsonObject{{QStringLiteral("code"), InviteCodes::grouped(invite.code)},
                        {QStringLiteral("created"), double(invite.createdAt)},
                        {QStringLiteral("expires"), optionalTime(invite.expiresAt)},
                        {QStringLiteral("note"), invite.note},
                        {QStringLiteral("state"), state},
                        {QStringLiteral("used_by"), invite.isUsed() ? QJsonValue(invite.usedBy)
                                                                    : QJsonValue(QJsonValue::Null)},
                        {QStringLiteral("used_at"), optionalTime(invite.usedAt)}});
    }
    return ok({{QStringLiteral("invites"), list}});
}

QJsonObject AdminService::revokeInvite(const QJsonObject &request)
{
    const QString code = request.value(QLatin1String("code")).toString();
    if (code.isEmpty() || code.size() > InviteCodes::kMaxInput)
        return failure(QStringLiteral("bad_request"), QStringLiteral("not an invite code"));
    if (!m_services.store.revokeInvite(code)) {
        const std::optional<InviteRecord> invite = m_services.store.invite(code);
        return failure(QStringLiteral("no_such_invite"),
                       invite ? QStringLiteral("%1 was already used or revoked")
                                    .arg(InviteCodes::grouped(invite->code))
                              : QStringLiteral("no invite %1").arg(code));
    }
    qCInfo(lcAdmin).noquote() << "admin: revoked invite"
                              << InviteCodes::redacted(InviteCodes::normalise(code));
    return ok({{QStringLiteral("code"), InviteCodes::grouped(InviteCodes::normalise(code))}});
}

} // namespace Palomar::Server
