#include "types.h"

#include <QJsonArray>

namespace Palomar::Client {

namespace {
qint64 integer(const QJsonObject &object, QLatin1String key)
{
    return qint64(object.value(key).toDouble());
}
} // namespace

MessageStatus messageStatusFromName(const QString &name)
{
    if (name == QLatin1String("sent"))
        return MessageStatus::Sent;
    if (name == QLatin1String("delivered"))
        return MessageStatus::Delivered;
    if (name == QLatin1String("read"))
        return MessageStatus::Read;
    return MessageStatus::Unknown;
}

QString messageStatusName(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Sent:
        return QStringLiteral("sent");
    case MessageStatus::Delivered:
        return QStringLiteral("delivered");
    case MessageStatus::Read:
        return QStringLiteral("read");
    case MessageStatus::Unknown:
        break;
    }
    return {};
}

Message Message::fromJson(const QJsonObject &object)
{
    Message message;
    message.msgId = integer(object, QLatin1String("msg_id"));
    message.from = object.value(QLatin1String("from")).toString();
    message.to = object.value(QLatin1String("to")).toString();
    message.group = integer(object, QLatin1String("group"));
    message.text = object.value(QLatin1String("text")).toString();
    message.ts = integer(object, QLatin1String("ts"));
    message.file = object.value(QLatin1String("file")).toObject();
    message.status = messageStatusFromName(object.value(QLatin1String("status")).toString());
    message.seq = integer(object, QLatin1String("seq"));
    return message;
}

Receipt Receipt::fromJson(const QJsonObject &object)
{
    Receipt receipt;
    receipt.msgId = integer(object, QLatin1String("msg_id"));
    receipt.by = object.value(QLatin1String("by")).toString();
    receipt.status = messageStatusFromName(object.value(QLatin1String("status")).toString());
    receipt.ts = integer(object, QLatin1String("ts"));
    receipt.seq = integer(object, QLatin1String("seq"));
    return receipt;
}

FriendList FriendList::fromJson(const QJsonObject &reply)
{
    FriendList list;
    const QJsonArray friends = reply.value(QLatin1String("friends")).toArray();
    for (const QJsonValue &value : friends) {
        const QJsonObject object = value.toObject();
        Friend entry;
        entry.user = object.value(QLatin1String("user")).toString();
        entry.online = object.value(QLatin1String("online")).toBool();
        entry.lastSeen = integer(object, QLatin1String("last_seen"));
        list.friends.append(entry);
    }
    const auto names = [&reply](QLatin1String key) {
        QStringList result;
        const QJsonArray array = reply.value(key).toArray();
        for (const QJsonValue &value : array) {
            // Tolerate {user: ...} objects as well as bare names.
            result.append(value.isObject()
                              ? value.toObject().value(QLatin1String("user")).toString()
                              : value.toString());
        }
        return result;
    };
    list.incoming = names(QLatin1String("incoming"));
    list.outgoing = names(QLatin1String("outgoing"));
    return list;
}

QList<Message> messagesFromHistory(const QJsonObject &reply)
{
    QList<Message> messages;
    const QJsonArray array = reply.value(QLatin1String("messages")).toArray();
    messages.reserve(array.size());
    for (const QJsonValue &value : array)
        messages.append(Message::fromJson(value.toObject()));
    return messages;
}

} // namespace Palomar::Client
