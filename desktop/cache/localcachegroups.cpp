// The group half of LocalCache: the groups I am (or was) in, and the chat
// list rows of group chats.
#include "localcache.h"

#include "util/systemlinetext.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Palomar::Desktop {

QList<CachedGroup> LocalCache::groups()
{
    QList<CachedGroup> result;
    QSqlQuery &query =
        prepared(QStringLiteral("SELECT id, name, admin, member FROM groups ORDER BY id"));
    if (!exec(query))
        return result;
    while (query.next())
        result.append({query.value(0).toLongLong(), query.value(1).toString(),
                       query.value(2).toString(), query.value(3).toBool()});
    return result;
}

std::optional<CachedGroup> LocalCache::group(qint64 id)
{
    QSqlQuery &query =
        prepared(QStringLiteral("SELECT id, name, admin, member FROM groups WHERE id = ?"));
    query.addBindValue(id);
    if (!exec(query) || !query.next())
        return std::nullopt;
    CachedGroup group{query.value(0).toLongLong(), query.value(1).toString(),
                      query.value(2).toString(), query.value(3).toBool()};
    query.finish();
    return group;
}

void LocalCache::upsertGroup(const CachedGroup &group)
{
    beginWrite();
    QSqlQuery &query = prepared(QStringLiteral(
        "INSERT INTO groups (id, name, admin, member) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "admin = CASE WHEN excluded.admin = '' THEN groups.admin ELSE excluded.admin END, "
        "member = excluded.member"));
    // NOT NULL columns: a null QString would bind as NULL.
    query.addBindValue(group.group);
    query.addBindValue(group.name.isNull() ? QStringLiteral("") : group.name);
    query.addBindValue(group.admin.isNull() ? QStringLiteral("") : group.admin);
    query.addBindValue(group.member ? 1 : 0);
    exec(query);
}

void LocalCache::setGroupMember(qint64 id, bool member)
{
    beginWrite();
    QSqlQuery &query = prepared(QStringLiteral("UPDATE groups SET member = ? WHERE id = ?"));
    query.addBindValue(member ? 1 : 0);
    query.addBindValue(id);
    exec(query);
}

void LocalCache::setGroups(const QList<CachedGroup> &groups)
{
    const QList<CachedGroup> known = this->groups();
    for (const CachedGroup &old : known) {
        const bool still =
            std::any_of(groups.cbegin(), groups.cend(),
                        [&old](const CachedGroup &g) { return g.group == old.group; });
        if (!still && old.member)
            setGroupMember(old.group, false);
    }
    for (const CachedGroup &group : groups)
        upsertGroup(group);
}

QList<ChatSummary> LocalCache::groupSummaries(qint64 group)
{
    QList<ChatSummary> result;
    // Group chats keep their messages under the key "#ID".
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT g.id, g.name, g.member, m.text, m.ts, m.outgoing, m.status, m.sender, "
        "(SELECT COUNT(*) FROM messages u WHERE u.peer = '#' || g.id AND u.unread = 1), "
        "m.file_name, m.system, m.deleted "
        "FROM groups g LEFT JOIN messages m ON m.id = "
        "(SELECT x.id FROM messages x WHERE x.peer = '#' || g.id ORDER BY x.sort_key DESC "
        "LIMIT 1) WHERE ? = 0 OR g.id = ?"));
    query.addBindValue(group);
    query.addBindValue(group);
    if (!exec(query))
        return result;
    while (query.next()) {
        ChatSummary summary;
        summary.group = query.value(0).toLongLong();
        summary.peer = groupChatKey(summary.group);
        summary.title = query.value(1).toString();
        summary.member = query.value(2).toBool();
        summary.lastText = query.value(3).toString();
        summary.lastTs = query.value(4).toLongLong();
        summary.lastOutgoing = query.value(5).toBool();
        summary.lastStatus = DeliveryStatus(query.value(6).toInt());
        summary.lastSender = query.value(7).toString();
        summary.unread = query.value(8).toInt();
        summary.lastFileName = query.value(9).toString();
        summary.lastDeleted = query.value(11).toBool();
        if (!query.isNull(10)) {
            // A system line reads as its sentence, from nobody.
            summary.lastText = SystemLineText::text(Client::SystemLine::fromJson(
                QJsonDocument::fromJson(query.value(10).toByteArray()).object()));
            summary.lastSender.clear();
        }
        result.append(summary);
    }
    return result;
}

} // namespace Palomar::Desktop
