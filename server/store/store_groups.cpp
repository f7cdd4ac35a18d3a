// Store operations for groups, one SQL statement each (see sql/queries.sql).
#include "store.h"

#include <algorithm>

namespace Palomar::Server {

QString Store::groupChat(qint64 groupId)
{
    return QStringLiteral("g%1").arg(groupId);
}

qint64 Store::createGroup(const QString &name, qint64 adminId, qint64 ts)
{
    QSqlQuery &query = run("insert_group", {name, adminId, ts});
    if (!query.next())
        throw StoreError(QStringLiteral("insert_group returned no id"));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

std::optional<GroupRecord> Store::groupById(qint64 id)
{
    QSqlQuery &query = run("group_by_id", {id});
    std::optional<GroupRecord> group;
    if (query.next()) {
        group = GroupRecord{query.value(0).toLongLong(), query.value(1).toString(),
                            query.value(2).toLongLong(), query.value(3).toString()};
    }
    query.finish();
    return group;
}

void Store::renameGroup(qint64 id, const QString &name)
{
    run("rename_group", {name, id}).finish();
}

void Store::setGroupAdmin(qint64 id, qint64 adminId)
{
    run("set_group_admin", {adminId, id}).finish();
}

void Store::deleteGroup(qint64 id)
{
    run("delete_group", {id}).finish();
}

void Store::addMember(qint64 groupId, qint64 userId, qint64 ts)
{
    run("insert_member", {groupId, userId, ts}).finish();
}

bool Store::removeMember(qint64 groupId, qint64 userId)
{
    return affects("delete_member", {groupId, userId});
}

bool Store::isMember(qint64 groupId, qint64 userId)
{
    return exists("is_member", {groupId, userId});
}

QList<MemberRecord> Store::membersOf(qint64 groupId)
{
    QSqlQuery &query = run("members_of", {groupId});
    QList<MemberRecord> members;
    while (query.next())
        members.append({query.value(0).toLongLong(), query.value(1).toString()});
    query.finish();
    return members;
}

QList<GroupRecord> Store::groupsOf(qint64 userId)
{
    QSqlQuery &query = run("groups_of", {userId});
    QList<GroupRecord> groups;
    while (query.next()) {
        groups.append(GroupRecord{query.value(0).toLongLong(), query.value(1).toString(), 0,
                                  query.value(2).toString()});
    }
    query.finish();
    return groups;
}

void Store::insertGroupReceipt(qint64 messageId, qint64 userId)
{
    run("insert_group_receipt", {messageId, userId}).finish();
}

void Store::insertGroupReceipts(qint64 messageId, qint64 groupId, qint64 senderId)
{
    run("insert_group_receipts", {messageId, groupId, senderId, senderId}).finish();
}

QList<GroupMessageRecord> Store::groupHistory(qint64 groupId, qint64 me, qint64 before, int limit)
{
    QSqlQuery &query = run("group_history", {groupChat(groupId), before, me, me, limit});
    QList<GroupMessageRecord> messages;
    while (query.next()) {
        GroupMessageRecord record;
        record.message.id = query.value(0).toLongLong();
        record.message.senderId = query.value(1).toLongLong();
        record.message.from = query.value(2).toString();
        record.message.group = groupId;
        record.message.text = query.value(3).toString();
        record.message.ts = query.value(4).toLongLong();
        record.counts = GroupReceiptCounts{record.message.senderId, groupId, query.value(5).toInt(),
                                           query.value(6).toInt(), query.value(7).toInt()};
        messages.append(record);
    }
    query.finish();
    return messages;
}

QList<qint64> Store::deliverAckedGroup(qint64 userId, qint64 upTo, qint64 ts)
{
    return sortedIds(run("deliver_acked_group", {ts, userId, userId, upTo}));
}

QList<qint64> Store::readGroupUpTo(qint64 userId, qint64 groupId, qint64 upTo, qint64 ts)
{
    return sortedIds(run("read_group_up_to", {ts, ts, userId, upTo, groupChat(groupId)}));
}

GroupReceiptCounts Store::groupReceiptCounts(qint64 messageId)
{
    QSqlQuery &query = run("group_receipt_counts", {messageId});
    GroupReceiptCounts counts;
    if (query.next()) {
        counts = GroupReceiptCounts{query.value(0).toLongLong(), query.value(1).toLongLong(),
                                    query.value(2).toInt(), query.value(3).toInt(),
                                    query.value(4).toInt()};
    }
    query.finish();
    return counts;
}

QList<MemberReceipt> Store::groupMessageReceipts(qint64 messageId)
{
    QSqlQuery &query = run("group_message_receipts", {messageId});
    QList<MemberReceipt> receipts;
    while (query.next()) {
        receipts.append({query.value(0).toString(), optionalInteger(query.value(1)),
                         optionalInteger(query.value(2))});
    }
    query.finish();
    return receipts;
}

} // namespace Palomar::Server
