#include "groupmessages.h"

#include "files.h"
#include "groups.h"
#include "historyextras.h"
#include "messagechanges.h"
#include "protocol/limits.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QDateTime>
#include <QHash>

namespace Palomar::Server {

using Protocol::Error;
namespace EventKind = Protocol::EventKind;

QString GroupMessages::groupStatus(const GroupReceiptCounts &counts)
{
    if (counts.read >= counts.recipients)
        return QStringLiteral("read");
    if (counts.delivered >= counts.recipients)
        return QStringLiteral("delivered");
    return QStringLiteral("sent");
}

void GroupMessages::queueReceipts(Store &store, const QList<GroupReceipt> &reached,
                                  const QString &status, qint64 ts)
{
    // How many of the receipts below each message has: the counts are read
    // once all of them are stored, and only the last can be complete.
    QHash<qint64, int> pending;
    for (const GroupReceipt &receipt : reached)
        ++pending[receipt.messageId];
    QHash<qint64, GroupReceiptCounts> counts;
    QHash<std::pair<qint64, qint64>, bool> member; // (group, user): still in it?
    QHash<qint64, QList<NewEvent>> receipts;
    for (const GroupReceipt &receipt : reached) {
        const qint64 id = receipt.messageId;
        const auto known = counts.constFind(id);
        const GroupReceiptCounts count =
            known != counts.cend() ? *known : *counts.insert(id, store.groupReceiptCounts(id));
        const int later = --pending[id];
        if (count.senderId == 0)
            continue;
        // A removed member acknowledging what was queued for them before no
        // longer counts for the group's ticks: no receipt.
        const std::pair<qint64, qint64> key{count.groupId, receipt.userId};
        const auto in = member.constFind(key);
        const bool isMember =
            in != member.cend() ? *in : *member.insert(key, store.isMember(key.first, key.second));
        if (!isMember)
            continue;
        const int total = status == QLatin1String("read") ? count.read : count.delivered;
        receipts[count.senderId].append(
            {EventKind::Receipt,
             {{QStringLiteral("msg_id"), id},
              {QStringLiteral("by"), receipt.user},
              {QStringLiteral("status"), status},
              {QStringLiteral("ts"), ts},
              {QStringLiteral("group"), count.groupId},
              {QStringLiteral("complete"), total - later >= count.recipients}},
             std::nullopt});
    }
    // A sender who unregistered has no inbox: the store drops theirs.
    for (auto it = receipts.cbegin(); it != receipts.cend(); ++it)
        store.queueEvents(it.key(), *it);
}

QJsonObject OutgoingMessage::event(qint64 id, const QString &from, const QString &chatKey,
                                   const QJsonValue &chat, qint64 ts) const
{
    QJsonObject fields{{QStringLiteral("msg_id"), id},
                       {QStringLiteral("from"), from},
                       {chatKey, chat},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("ts"), ts}};
    if (!file.isEmpty())
        fields.insert(QStringLiteral("file"), file);
    if (replyTo)
        fields.insert(QStringLiteral("reply_to"), *replyTo);
    if (forwarded)
        fields.insert(QStringLiteral("forwarded"), true);
    return fields;
}

HandlerResult OutgoingMessage::fileGone()
{
    return HandlerResult::error(Error::NoSuchFile,
                                QStringLiteral("the upload was finished or dropped meanwhile"));
}

HandlerResult GroupMessages::send(qint64 groupId, const OutgoingMessage &message,
                                  CallContext &context)
{
    Store &store = m_services.store;
    const SessionState &me = context.session();
    HandlerResult failure = HandlerResult::ok();
    const std::optional<GroupView> group =
        GroupHandler::checkMember(m_services, groupId, me, false, &failure);
    if (!group)
        return failure;
    if (auto refused =
            MessageChangeHandler::checkReply(store, message, Store::groupChat(groupId), me.userId))
        return *refused;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    const std::optional<qint64> id =
        store.insertMessage(Store::groupChat(groupId), me.userId, std::nullopt, groupId,
                            message.clientId, message.text, ts);
    if (!id) {
        // This sender stored the same client_id before: the first answer.
        const auto earlier = store.messageByClientId(me.userId, message.clientId);
        if (!earlier)
            throw StoreError(QStringLiteral("a send's client_id conflicts with nothing"));
        return HandlerResult::ok(
            {{QStringLiteral("msg_id"), earlier->first}, {QStringLiteral("ts"), earlier->second}});
    }
    if (message.fileId != 0 && !store.attachFileMessage(message.fileId, *id, ts))
        return OutgoingMessage::fileGone(); // rolls back
    MessageChangeHandler::storeOrigin(store, message, *id);
    // One receipt row per member (who may see it, and their ticks), and the
    // message in each member's inbox with the commit; members who block the
    // sender get neither.
    store.insertGroupReceipts(*id, groupId, me.userId);
    const QJsonObject event = message.event(*id, me.user, QStringLiteral("group"), groupId, ts);
    const QSet<qint64> blockers = store.blockersOf(me.userId);
    for (const MemberRecord &member : group->members) {
        if (member.id != me.userId && !blockers.contains(member.id))
            store.queueEvent(member.id, EventKind::Message, event, *id);
    }
    transaction.commit();
    return HandlerResult::ok({{QStringLiteral("msg_id"), *id}, {QStringLiteral("ts"), ts}});
}

HandlerResult GroupMessages::read(qint64 groupId, qint64 upTo, CallContext &context)
{
    Store &store = m_services.store;
    const SessionState &me = context.session();
    HandlerResult failure = HandlerResult::ok();
    if (!GroupHandler::checkMember(m_services, groupId, me, false, &failure))
        return failure;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    QList<GroupReceipt> read;
    for (const qint64 id : store.readGroupUpTo(me.userId, groupId, upTo, ts))
        read.append({id, me.userId, me.user});
    queueReceipts(store, read, QStringLiteral("read"), ts);
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult GroupMessages::history(qint64 groupId, qint64 before, int limit, CallContext &context)
{
    Store &store = m_services.store;
    const SessionState &me = context.session();
    HandlerResult failure = HandlerResult::ok();
    if (!GroupHandler::checkMember(m_services, groupId, me, false, &failure))
        return failure;
    QJsonArray messages;
    const QList<GroupMessageRecord> records = store.groupHistory(groupId, me.userId, before, limit);
    QList<qint64> ids;
    for (const GroupMessageRecord &record : records)
        ids.append(record.message.id);
    const HistoryExtras extras(store, Store::groupChat(groupId), ids);
    for (const GroupMessageRecord &record : records) {
        QJsonObject message{{QStringLiteral("msg_id"), record.message.id},
                            {QStringLiteral("from"), record.message.from},
                            {QStringLiteral("group"), groupId},
                            {QStringLiteral("text"), record.message.text},
                            {QStringLiteral("ts"), record.message.ts}};
        if (record.message.senderId == me.userId)
            message.insert(QStringLiteral("status"), groupStatus(record.counts));
        extras.apply(record.message.id, message);
        messages.append(message);
    }
    return HandlerResult::ok({{QStringLiteral("messages"), messages}});
}

HandlerResult GroupMessages::info(const Protocol::Request &request, CallContext &context)
{
    Protocol::FieldReader fields(request.fields);
    const qint64 id = fields.integer("msg_id", 1, Protocol::kMaxSafeInteger);
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    Store &store = m_services.store;
    const GroupReceiptCounts counts = store.groupReceiptCounts(id);
    if (counts.senderId != context.session().userId || counts.groupId == 0) {
        return HandlerResult::error(Error::BadRequest,
                                    QStringLiteral("message_info is for your own group messages"));
    }
    QJsonArray receipts;
    for (const MemberReceipt &receipt : store.groupMessageReceipts(id)) {
        receipts.append(QJsonObject{
            {QStringLiteral("user"), receipt.user},
            {QStringLiteral("delivered"),
             receipt.delivered ? QJsonValue(*receipt.delivered) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("read"),
             receipt.read ? QJsonValue(*receipt.read) : QJsonValue(QJsonValue::Null)},
        });
    }
    return HandlerResult::ok({{QStringLiteral("msg_id"), id},
                              {QStringLiteral("group"), counts.groupId},
                              {QStringLiteral("status"), groupStatus(counts)},
                              {QStringLiteral("receipts"), receipts}});
}

} // namespace Palomar::Server
