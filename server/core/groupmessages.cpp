#include "groupmessages.h"

#include "files.h"
#include "groups.h"
#include "protocol/limits.h"
#include "sessionguard.h"
#include "store/store.h"

#include <QDateTime>
#include <QHash>

namespace Palomar::Server {

using Protocol::Error;
namespace EventKind = Protocol::EventKind;

namespace {

// Receipts for the senders of `messageIds`, one per message, batched per
// sender. `complete` says whether every current member other than the
// sender has now reached `status`: the group tick turns then.
void queueReceipts(Store &store, const QList<qint64> &messageIds, const SessionState &by,
                   const QString &status, qint64 ts, QList<qint64> *woken)
{
    QHash<qint64, QList<Store::NewEvent>> receipts;
    QHash<qint64, bool> member; // per group: is `by` still in it?
    for (const qint64 id : messageIds) {
        const GroupReceiptCounts counts = store.groupReceiptCounts(id);
        if (counts.senderId == 0)
            continue;
        // A removed member acknowledging what was queued for them before no
        // longer counts for the group's ticks: no receipt.
        const auto known = member.constFind(counts.groupId);
        const bool isMember =
            known != member.cend()
                ? *known
                : *member.insert(counts.groupId, store.isMember(counts.groupId, by.userId));
        if (!isMember)
            continue;
        const int reached = status == QLatin1String("read") ? counts.read : counts.delivered;
        receipts[counts.senderId].append(
            {EventKind::Receipt,
             {{QStringLiteral("msg_id"), id},
              {QStringLiteral("by"), by.user},
              {QStringLiteral("status"), status},
              {QStringLiteral("ts"), ts},
              {QStringLiteral("group"), counts.groupId},
              {QStringLiteral("complete"), reached >= counts.recipients}},
             std::nullopt});
    }
    for (auto it = receipts.cbegin(); it != receipts.cend(); ++it) {
        if (store.userById(it.key())) {
            store.appendEvents(it.key(), it.value());
            woken->append(it.key());
        }
    }
}

QString groupStatus(const GroupReceiptCounts &counts)
{
    if (counts.read >= counts.recipients)
        return QStringLiteral("read");
    if (counts.delivered >= counts.recipients)
        return QStringLiteral("delivered");
    return QStringLiteral("sent");
}

} // namespace

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
    const std::optional<GroupRecord> group =
        GroupHandler::checkMember(store, groupId, me, false, &failure);
    if (!group)
        return failure;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> woken;
    qint64 id = 0;
    {
        Store::Transaction transaction(store);
        id = store.insertMessage(Store::groupChat(group->id), me.userId, std::nullopt, group->id,
                                 message.clientId, message.text, ts);
        if (message.fileId != 0 && !store.attachFileMessage(message.fileId, id, ts))
            return OutgoingMessage::fileGone(); // rolls back
        const QJsonObject event =
            message.event(id, me.user, QStringLiteral("group"), group->id, ts);
        for (const MemberRecord &member : store.membersOf(group->id)) {
            if (member.id == me.userId)
                continue;
            store.insertGroupReceipt(id, member.id);
            store.appendEvent(member.id, EventKind::Message, event, id);
            woken.append(member.id);
        }
        transaction.commit();
    }
    m_services.wake(woken);
    return HandlerResult::ok({{QStringLiteral("msg_id"), id}, {QStringLiteral("ts"), ts}});
}

HandlerResult GroupMessages::read(qint64 groupId, qint64 upTo, CallContext &context)
{
    Store &store = m_services.store;
    const SessionState &me = context.session();
    HandlerResult failure = HandlerResult::ok();
    if (!GroupHandler::checkMember(store, groupId, me, false, &failure))
        return failure;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> woken;
    {
        Store::Transaction transaction(store);
        const QList<qint64> read = store.readGroupUpTo(me.userId, groupId, upTo, ts);
        queueReceipts(store, read, me, QStringLiteral("read"), ts, &woken);
        transaction.commit();
    }
    m_services.wake(woken);
    return HandlerResult::ok();
}

HandlerResult GroupMessages::history(qint64 groupId, qint64 before, int limit, CallContext &context)
{
    Store &store = m_services.store;
    const SessionState &me = context.session();
    HandlerResult failure = HandlerResult::ok();
    if (!GroupHandler::checkMember(store, groupId, me, false, &failure))
        return failure;
    QJsonArray messages;
    const QList<GroupMessageRecord> records = store.groupHistory(groupId, me.userId, before, limit);
    QList<qint64> ids;
    for (const GroupMessageRecord &record : records)
        ids.append(record.message.id);
    const QHash<qint64, QJsonObject> files =
        FileHandler::attachments(store, Store::groupChat(groupId), ids);
    for (const GroupMessageRecord &record : records) {
        QJsonObject message{{QStringLiteral("msg_id"), record.message.id},
                            {QStringLiteral("from"), record.message.from},
                            {QStringLiteral("group"), groupId},
                            {QStringLiteral("text"), record.message.text},
                            {QStringLiteral("ts"), record.message.ts}};
        if (const auto file = files.constFind(record.message.id); file != files.cend())
            message.insert(QStringLiteral("file"), *file);
        if (record.message.senderId == me.userId)
            message.insert(QStringLiteral("status"), groupStatus(record.counts));
        messages.append(message);
    }
    return HandlerResult::ok({{QStringLiteral("messages"), messages}});
}

void GroupMessages::acknowledge(Store &store, const SessionState &session, qint64 upTo, qint64 ts,
                                QList<qint64> *woken)
{
    const QList<qint64> delivered = store.deliverAckedGroup(session.userId, upTo, ts);
    queueReceipts(store, delivered, session, QStringLiteral("delivered"), ts, woken);
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
