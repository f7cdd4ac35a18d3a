// Store operations for invitation codes, one SQL statement each (see
// sql/queries.sql). Codes are normalised here (InviteCodes::normalise), so
// callers may pass them as typed.
#include "invitecodes.h"
#include "store.h"

#include <QDateTime>

namespace Palomar::Server {

namespace {

InviteRecord readInvite(const QSqlQuery &query)
{
    InviteRecord invite;
    invite.code = query.value(0).toString();
    invite.createdAt = query.value(1).toLongLong();
    invite.expiresAt = optionalInteger(query.value(2));
    invite.note = query.value(3).toString();
    invite.usedBy = query.value(4).toString();
    invite.usedAt = optionalInteger(query.value(5));
    invite.revoked = query.value(6).toBool();
    return invite;
}

} // namespace

bool Store::createInvite(const QString &code, std::optional<qint64> expiresAt, const QString &note)
{
    return affects("insert_invite",
                   {InviteCodes::normalise(code), QDateTime::currentMSecsSinceEpoch(),
                    nullableInteger(expiresAt), note});
}

QList<InviteRecord> Store::invites()
{
    QSqlQuery &query = run("invites", {});
    QList<InviteRecord> invites;
    while (query.next())
        invites.append(readInvite(query));
    query.finish();
    return invites;
}

std::optional<InviteRecord> Store::invite(const QString &code)
{
    QSqlQuery &query = run("invite_by_code", {InviteCodes::normalise(code)});
    std::optional<InviteRecord> invite;
    if (query.next())
        invite = readInvite(query);
    query.finish();
    return invite;
}

bool Store::revokeInvite(const QString &code)
{
    return affects("revoke_invite", {InviteCodes::normalise(code)});
}

bool Store::useInvite(const QString &code, const QString &user, qint64 ts)
{
    return affects("use_invite", {user, ts, InviteCodes::normalise(code), ts});
}

} // namespace Palomar::Server
