#include "messages.h"

#include "files.h"
#include "historyextras.h"
#include "messagechanges.h"
#include "pollregistry.h"
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
namespace EventKind = Protocol::EventKind;

namespace {

constexpr qint64 kMaxId = Protocol::kMaxSafeInteger;

} // namespace

QString MessageHandler::statusOf(const MessageRecord &message)
{
    if (message.read)
        return QStringLiteral("read");
    if (message.delivered)
        return QStringLiteral("delivered");
    return QStringLiteral("sent");
}

QJsonObject MessageHandler::sentReply(qint64 id, qint64 ts)
{
    return {{QStringLiteral("msg_id"), id}, {QStringLiteral("ts"), ts}};
}

MessageHandler::ChatName MessageHandler::readChat(FieldReader &fields, const char *key)
{
    ChatName chat;
    if (!fields.exactlyOne(key, "group"))
        return chat;
    if (fields.has("group"))
        chat.group = fields.integer("group", 1, kMaxId);
    else
        chat.user = fields.string(key);
    return chat;
}

std::optional<UserRecord> MessageHandler::resolve(const ChatName &chat, HandlerResult *failure)
{
    std::optional<UserRecord> user = m_services.directory.userByName(m_services.store, chat.user);
    if (!user)
        *failure =
            HandlerResult::error(Error::NoSuchUser, QStringLiteral("no user %1").arg(chat.user));
    return user;
}

HandlerResult MessageHandler::send(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const ChatName chat = readChat(fields, "to");
    const QString text = fields.string("text");
    const QString clientId = readClientId(fields);
    std::optional<qint64> replyTo;
    if (fields.has("reply_to"))
        replyTo = fields.integer("reply_to", 1, kMaxId);
    if (auto refused = checkText(m_services, fields, text, context))
        return *refused;
    OutgoingMessage message{text, clientId, 0, {}};
    message.replyTo = replyTo;
    return sendTo(chat, message, context);
}

std::optional<HandlerResult> MessageHandler::checkText(const Services &services,
                                                       FieldReader &fields, const QString &text,
                                                       CallContext &context)
{
    if (fields.ok() && text.isEmpty())
        fields.fail(QStringLiteral("text must not be empty"));
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(services, context))
        return denied;
    const qint64 bytes = text.toUtf8().size();
    if (bytes <= services.config.limits.maxText)
        return std::nullopt;
    return HandlerResult::error(Error::TooLarge,
                                QStringLiteral("the text has %1 bytes; the limit is %2")
                                    .arg(bytes)
                                    .arg(services.config.limits.maxText));
}

QString MessageHandler::readClientId(FieldReader &fields)
{
    const QString clientId = fields.optionalString("client_id").value_or(QString());
    if (fields.ok() && clientId.size() > Protocol::kMaxClientIdLength)
        fields.fail(QStringLiteral("client_id has at most 64 characters"));
    return clientId;
}

HandlerResult MessageHandler::sendTo(const ChatName &chat, const OutgoingMessage &message,
                                     CallContext &context)
{
    HandlerResult result = HandlerResult::ok();
    if (chat.group) {
        result = m_groups.send(*chat.group, message, context);
    } else if (const std::optional<UserRecord> recipient = resolve(chat, &result)) {
        result = sendDirect(*recipient, message, context);
    }
    // A message sent before (the client repeats a send it got no answer
    // for) is answered as it was, even if it could not be sent now.
    if (result.isError() && !message.clientId.isEmpty()) {
        if (const auto earlier =
                m_services.store.messageByClientId(context.session().userId, message.clientId))
            return HandlerResult::ok(sentReply(earlier->first, earlier->second));
    }
    return result;
}

std::optional<HandlerResult> MessageHandler::checkFriend(const Services &services,
                                                         const SessionState &me,
                                                         const UserRecord &recipient)
{
    if (recipient.id != me.userId &&
        services.directory.isFriend(services.store, me.userId, recipient.id))
        return std::nullopt;
    return HandlerResult::error(
        Error::NotFriends,
        QStringLiteral("%1 is not your friend: the message was discarded").arg(recipient.name));
}

HandlerResult MessageHandler::sendDirect(const UserRecord &recipient,
                                         const OutgoingMessage &message, CallContext &context)
{
    Store &store = m_services.store;
    const SessionState &me = context.session();
    if (auto refused = checkFriend(m_services, me, recipient))
        return *refused;
    if (auto refused = MessageChangeHandler::checkReply(
            store, message, Store::directChat(me.userId, recipient.id), me.userId))
        return *refused;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    const std::optional<qint64> id =
        store.insertMessage(Store::directChat(me.userId, recipient.id), me.userId, recipient.id,
                            std::nullopt, message.clientId, message.text, ts);
    if (!id) {
        // This sender stored the same client_id before: the first answer.
        const auto earlier = store.messageByClientId(me.userId, message.clientId);
        if (!earlier)
            throw StoreError(QStringLiteral("a send's client_id conflicts with nothing"));
        return HandlerResult::ok(sentReply(earlier->first, earlier->second));
    }
    if (message.fileId != 0 && !store.attachFileMessage(message.fileId, *id, ts))
        return OutgoingMessage::fileGone(); // rolls back
    MessageChangeHandler::storeOrigin(store, message, *id);
    // Stored with the commit, and the recipient's long polls woken then.
    store.queueEvent(recipient.id, EventKind::Message,
                     message.event(*id, me.user, QStringLiteral("to"), recipient.name, ts), *id);
    transaction.commit();
    return HandlerResult::ok(sentReply(*id, ts));
}

HandlerResult MessageHandler::read(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const ChatName chat = readChat(fields, "peer");
    const qint64 upTo = fields.integer("up_to", 1, kMaxId);
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    if (chat.group)
        return m_groups.read(*chat.group, upTo, context);
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other = resolve(chat, &failure);
    if (!other)
        return failure;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    {
        Store::Transaction transaction(store);
        const QList<qint64> read = store.markReadUpTo(me.userId, other->id, upTo, ts);
        QList<NewEvent> receipts;
        for (const qint64 id : read) {
            receipts.append({EventKind::Receipt,
                             {{QStringLiteral("msg_id"), id},
                              {QStringLiteral("by"), me.user},
                              {QStringLiteral("status"), QStringLiteral("read")},
                              {QStringLiteral("ts"), ts}},
                             std::nullopt});
        }
        store.queueEvents(other->id, receipts);
        transaction.commit();
    }
    return HandlerResult::ok();
}

HandlerResult MessageHandler::history(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const ChatName chat = readChat(fields, "peer");
    const qint64 before = fields.optionalInteger("before", 1, kMaxId, kMaxId);
    const int limit = int(fields.optionalInteger("limit", 1, Protocol::kMaxHistoryLimit,
                                                 Protocol::kDefaultHistoryLimit));
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    if (chat.group)
        return m_groups.history(*chat.group, before, limit, context);
    HandlerResult failure = HandlerResult::ok();
    const std::optional<UserRecord> other = resolve(chat, &failure);
    if (!other)
        return failure;
    const SessionState &me = context.session();
    QJsonArray messages;
    const QString chatKey = Store::directChat(me.userId, other->id);
    const QList<MessageRecord> records = m_services.store.history(chatKey, before, limit);
    QList<qint64> ids;
    for (const MessageRecord &record : records)
        ids.append(record.id);
    const HistoryExtras extras(m_services.store, chatKey, ids);
    for (const MessageRecord &record : records) {
        QJsonObject message{{QStringLiteral("msg_id"), record.id},
                            {QStringLiteral("from"), record.from},
                            {QStringLiteral("to"), record.to},
                            {QStringLiteral("text"), record.text},
                            {QStringLiteral("ts"), record.ts}};
        if (record.senderId == me.userId)
            message.insert(QStringLiteral("status"), statusOf(record));
        extras.apply(record.id, message);
        messages.append(message);
    }
    return HandlerResult::ok({{QStringLiteral("messages"), messages}});
}

} // namespace Palomar::Server
