// Store operations for blocks and profiles, one SQL statement each (see
// sql/queries.sql).
#include "store.h"

namespace Palomar::Server {

bool Store::insertBlock(qint64 blockerId, qint64 blockedId, qint64 ts)
{
    return affects("insert_block", {blockerId, blockedId, ts});
}

bool Store::deleteBlock(qint64 blockerId, qint64 blockedId)
{
    return affects("delete_block", {blockerId, blockedId});
}

bool Store::isBlocked(qint64 blockerId, qint64 blockedId)
{
    return exists("is_blocked", {blockerId, blockedId});
}

QList<BlockRecord> Store::blockedBy(qint64 blockerId)
{
    QSqlQuery &query = run("blocked_by", {blockerId});
    QList<BlockRecord> blocked;
    while (query.next())
        blocked.append({query.value(0).toString(), query.value(1).toLongLong()});
    query.finish();
    return blocked;
}

QSet<qint64> Store::blockersOf(qint64 blockedId)
{
    QSqlQuery &query = run("blockers_of", {blockedId});
    QSet<qint64> blockers;
    while (query.next())
        blockers.insert(query.value(0).toLongLong());
    query.finish();
    return blockers;
}

std::optional<ProfileRecord> Store::profileOf(qint64 userId)
{
    QSqlQuery &query = run("profile_of", {userId});
    std::optional<ProfileRecord> profile;
    if (query.next()) {
        profile = ProfileRecord{query.value(0).toString(), query.value(1).toString(),
                                query.value(2).toString(), query.value(3).toLongLong(),
                                query.value(4).toLongLong()};
    }
    query.finish();
    return profile;
}

QList<std::pair<QString, ProfileRecord>> Store::memberProfiles(qint64 groupId)
{
    QSqlQuery &query = run("member_profiles", {groupId});
    QList<std::pair<QString, ProfileRecord>> profiles;
    while (query.next()) {
        profiles.append({query.value(0).toString(),
                         ProfileRecord{query.value(1).toString(), query.value(2).toString(),
                                       query.value(3).toString(), query.value(4).toLongLong()}});
    }
    query.finish();
    return profiles;
}

QByteArray Store::avatarOf(qint64 userId)
{
    QSqlQuery &query = run("avatar_of", {userId});
    QByteArray avatar;
    if (query.next())
        avatar = query.value(0).toByteArray();
    query.finish();
    return avatar;
}

void Store::putProfile(qint64 userId, const ProfileRecord &profile, const QByteArray &avatar)
{
    const QVariant bytes =
        avatar.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(avatar);
    // A null QString binds as NULL: the text columns take "" instead.
    const auto text = [](const QString &value) {
        return value.isNull() ? QStringLiteral("") : value;
    };
    run("put_profile", {userId, text(profile.displayName), bytes, text(profile.avatarType),
                        text(profile.avatarHash), profile.updatedTs})
        .finish();
}

bool Store::sharesGroup(qint64 a, qint64 b)
{
    return exists("shares_group", {a, b});
}

QList<qint64> Store::profileAudience(qint64 userId)
{
    QSqlQuery &query = run("profile_audience", {userId, userId, userId});
    return sortedIds(query);
}

} // namespace Palomar::Server
