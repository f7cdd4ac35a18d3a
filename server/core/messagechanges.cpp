#include "messagechanges.h"

#include "files.h"
#include "messages.h"
#include "pollregistry.h"
#include "serverconfig.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QDateTime>

#include <algorithm>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;
namespace EventKind = Protocol::EventKind;

namespace {

constexpr qint64 kMaxId = Protocol::kMaxSafeInteger;

HandlerResult noSuchMessage(qint64 id)
{
    return HandlerResult::error(Error::NoSuchMessage, QStringLiteral("no message %1").arg(id));
}

} // namespace

std::optional<HandlerResult> MessageChangeHandler::checkReply(Store &store,
                                                              const OutgoingMessage &message,
                                                              const QString &chat, qint64 userId)
{
    if (!message.replyTo)
        return std::nullopt;
    const std::optional<VisibleMessage> target = store.visibleMessage(*message.replyTo, userId);
    if (target && target->chat == chat)
        return std::nullopt;
    return HandlerResult::error(
        Error::NoSuchMessage,
        QStringLiteral("reply_to %1 is no message of this chat you can see").arg(*message.replyTo));
}

void MessageChangeHandler::storeOrigin(Store &store, const OutgoingMessage &message, qint64 id)
{
    if (message.replyTo || message.forwarded)
        store.setMessageOrigin(id, message.replyTo, message.forwarded);
}

QHash<qint64, MessageChanges> MessageChangeHandler::changesOf(Store &store, const QString &chat,
                                                              const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    const auto [low, high] = std::minmax_element(ids.cbegin(), ids.cend());
    return store.messageChangesInChat(chat, *low, *high);
}

void MessageChangeHandler::annotate(QJsonObject &message, const MessageChanges &changes)
{
    if (changes.deleted) {
        message.insert(QStringLiteral("text"), QString());
        message.remove(QStringLiteral("file"));
        message.insert(QStringLiteral("deleted"), true);
        return;
    }
    if (changes.replyTo)
        message.insert(QStringLiteral("reply_to"), *changes.replyTo);
    if (changes.forwarded)
        message.insert(QStringLiteral("forwarded"), true);
    if (changes.edited)
        message.insert(QStringLiteral("edited"), *changes.edited);
}

QList<qint64> MessageChangeHandler::recipients(Store &store, const VisibleMessage &message)
{
    if (message.groupId)
        return store.messageReached(message.id, *message.groupId);
    if (message.recipientId && *message.recipientId != message.senderId)
        return {*message.recipientId};
    return {};
}

QJsonObject MessageChangeHandler::eventFields(const VisibleMessage &message)
{
    QJsonObject fields{{QStringLiteral("msg_id"), message.id},
                       {QStringLiteral("from"), message.from}};
    if (message.groupId)
        fields.insert(QStringLiteral("group"), *message.groupId);
    else
        fields.insert(QStringLiteral("to"), message.to);
    return fields;
}

std::optional<VisibleMessage> MessageChangeHandler::ownChangeable(qint64 id, const SessionState &me,
                                                                  HandlerResult *failure)
{
    std::optional<VisibleMessage> message = m_services.store.visibleMessage(id, me.userId);
    if (!message) {
        *failure = noSuchMessage(id);
    } else if (message->senderId != me.userId) {
        *failure = HandlerResult::error(
            Error::NotSender, QStringLiteral("only its sender may change message %1").arg(id));
        message.reset();
    } else if (QDateTime::currentMSecsSinceEpoch() - message->ts >
               m_services.config.editWindow * 1000) {
        *failure = HandlerResult::error(
            Error::TooLate, QStringLiteral("message %1 is older than the edit window of %2 s")
                                .arg(id)
                                .arg(m_services.config.editWindow));
        message.reset();
    }
    return message;
}

void MessageChangeHandler::forgetRecent(qint64 userId)
{
    // Once committed: until then a sync may still read the old rows.
    PollRegistry &polls = m_services.polls;
    m_services.store.afterCommit([&polls, userId] { polls.forgetRecent(userId); });
}

HandlerResult MessageChangeHandler::edit(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 id = fields.integer("msg_id", 1, kMaxId);
    const QString text = fields.string("text");
    if (auto refused = MessageHandler::checkText(m_services, fields, text, context))
        return *refused;
    HandlerResult failure = HandlerResult::ok();
    const std::optional<VisibleMessage> message = ownChangeable(id, context.session(), &failure);
    if (!message)
        return failure;
    Store &store = m_services.store;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    if (!store.editMessage(id, text, ts))
        return noSuchMessage(id); // deleted meanwhile
    QJsonObject event = eventFields(*message);
    event.insert(QStringLiteral("text"), text);
    event.insert(QStringLiteral("edited"), ts);
    for (const qint64 user : recipients(store, *message)) {
        // A message event still waiting in the inbox will deliver the new
        // text; the edited event follows anyway, since a long poll may have
        // carried the old one out already (applying it twice is harmless).
        for (EventRecord pending : store.pendingMessageEvents(user, id)) {
            pending.payload.insert(QStringLiteral("text"), text);
            pending.payload.insert(QStringLiteral("edited"), ts);
            store.rewriteEvent(user, pending.seq, pending.payload);
            forgetRecent(user);
        }
        store.queueEvent(user, EventKind::Edited, event, id);
    }
    transaction.commit();
    return HandlerResult::ok({{QStringLiteral("msg_id"), id}, {QStringLiteral("edited"), ts}});
}

HandlerResult MessageChangeHandler::remove(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 id = fields.integer("msg_id", 1, kMaxId);
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    HandlerResult failure = HandlerResult::ok();
    const std::optional<VisibleMessage> message = ownChangeable(id, context.session(), &failure);
    if (!message)
        return failure;
    Store &store = m_services.store;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    if (!store.deleteMessage(id))
        return noSuchMessage(id); // deleted meanwhile
    QJsonObject event = eventFields(*message);
    event.insert(QStringLiteral("ts"), ts);
    for (const qint64 user : recipients(store, *message)) {
        // Not delivered yet: its message (and edited) events go unseen. The
        // deleted event still goes: a long poll may have carried them out.
        if (store.dropPendingMessageEvents(user, id))
            forgetRecent(user);
        store.queueEvent(user, EventKind::Deleted, event);
    }
    transaction.commit();
    return HandlerResult::ok({{QStringLiteral("msg_id"), id}});
}

HandlerResult MessageChangeHandler::forward(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 id = fields.integer("msg_id", 1, kMaxId);
    const MessageHandler::ChatName chat = MessageHandler::readChat(fields, "to");
    const QString clientId = MessageHandler::readClientId(fields);
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    // A repeated forward (the client got no answer) is answered as the first.
    if (!clientId.isEmpty()) {
        if (const auto earlier = store.messageByClientId(me.userId, clientId))
            return HandlerResult::ok(MessageHandler::sentReply(earlier->first, earlier->second));
    }
    const std::optional<VisibleMessage> source = store.visibleMessage(id, me.userId);
    if (!source)
        return noSuchMessage(id);
    OutgoingMessage message{source->text, clientId, 0, {}};
    message.forwarded = true;
    const std::optional<FileRecord> file = store.messageFile(id);
    if (!file)
        return m_messages.sendTo(chat, message, context);
    Store::Transaction transaction(store);
    {
        // The bytes are copied inside the database: nothing is uploaded
        // again, and deleting either message leaves the other's file whole.
        FileRecord like;
        like.uploaderId = me.userId;
        if (chat.group) {
            like.groupId = chat.group;
        } else if (const auto user = m_services.directory.userByName(store, chat.user)) {
            like.recipientId = user->id;
        }
        message.fileId = store.copyFile(file->id, like, QDateTime::currentMSecsSinceEpoch());
        message.file = FileHandler::describe(*store.fileById(message.fileId));
    }
    const HandlerResult result = m_messages.sendTo(chat, message, context);
    if (!result.isError())
        transaction.commit();
    return result;
}

} // namespace Palomar::Server
