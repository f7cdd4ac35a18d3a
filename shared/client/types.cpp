#include "types.h"

#include <QJsonArray>

namespace Palomar::Client {

namespace {
qint64 integer(const QJsonObject &object, QLatin1String key)
{
    return qint64(object.value(key).toDouble());
}

// The hash of an `avatar` object ({hash, type, size}; null or absent: none).
QString avatarHash(const QJsonObject &object)
{
    return object.value(QLatin1String("avatar")).toObject().value(QLatin1String("hash")).toString();
}
} // namespace

bool isConnectionError(const QString &error)
{
    return error == LocalError::ConnectionLost || error == LocalError::NotConnected ||
           error == LocalError::Timeout || error == LocalError::ConnectionFailed;
}

bool isResumedBySession(const QString &error)
{
    return isConnectionError(error) || error == ServerError::Unavailable;
}

Registration registrationFromName(const QString &name)
{
    if (name == QLatin1String("open"))
        return Registration::Open;
    if (name == QLatin1String("invite"))
        return Registration::Invite;
    if (name == QLatin1String("closed"))
        return Registration::Closed;
    return Registration::Unknown;
}

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
    message.replyTo = integer(object, QLatin1String("reply_to"));
    message.forwarded = object.value(QLatin1String("forwarded")).toBool();
    message.edited = integer(object, QLatin1String("edited"));
    message.deleted = object.value(QLatin1String("deleted")).toBool();
    const QJsonObject reactions = object.value(QLatin1String("reactions")).toObject();
    for (auto it = reactions.constBegin(); it != reactions.constEnd(); ++it) {
        QStringList users;
        for (const QJsonValue &user : it.value().toArray())
            users.append(user.toString());
        message.reactions.insert(it.key(), users);
    }
    message.system = SystemLine::fromJson(object.value(QLatin1String("system")).toObject());
    return message;
}

SystemLine SystemLine::fromJson(const QJsonObject &object)
{
    return {object.value(QLatin1String("kind")).toString(),
            object.value(QLatin1String("by")).toString(),
            object.value(QLatin1String("user")).toString(),
            object.value(QLatin1String("name")).toString()};
}

Receipt Receipt::fromJson(const QJsonObject &object)
{
    Receipt receipt;
    receipt.msgId = integer(object, QLatin1String("msg_id"));
    receipt.by = object.value(QLatin1String("by")).toString();
    receipt.status = messageStatusFromName(object.value(QLatin1String("status")).toString());
    receipt.ts = integer(object, QLatin1String("ts"));
    receipt.seq = integer(object, QLatin1String("seq"));
    receipt.group = integer(object, QLatin1String("group"));
    receipt.complete = object.value(QLatin1String("complete")).toBool();
    return receipt;
}

GroupInfo GroupInfo::fromJson(const QJsonObject &object)
{
    GroupInfo info;
    info.group = integer(object, QLatin1String("group"));
    info.name = object.value(QLatin1String("name")).toString();
    info.admin = object.value(QLatin1String("admin")).toString();
    const QJsonArray members = object.value(QLatin1String("members")).toArray();
    for (const QJsonValue &value : members)
        info.members.append(value.toString());
    const QJsonObject profiles = object.value(QLatin1String("profiles")).toObject();
    for (auto it = profiles.begin(); it != profiles.end(); ++it) {
        const QJsonObject profile = it.value().toObject();
        const QString name = profile.value(QLatin1String("display_name")).toString();
        const QString hash = avatarHash(profile);
        if (!name.isEmpty())
            info.displayNames.insert(it.key(), name);
        if (!hash.isEmpty())
            info.avatarHashes.insert(it.key(), hash);
    }
    return info;
}

QList<GroupInfo> groupsFromReply(const QJsonObject &reply)
{
    QList<GroupInfo> groups;
    const QJsonArray array = reply.value(QLatin1String("groups")).toArray();
    for (const QJsonValue &value : array)
        groups.append(GroupInfo::fromJson(value.toObject()));
    return groups;
}

GroupEvent GroupEvent::fromJson(const QJsonObject &object)
{
    GroupEvent event;
    event.group = integer(object, QLatin1String("group"));
    event.name = object.value(QLatin1String("name")).toString();
    event.by = object.value(QLatin1String("by")).toString();
    event.ts = integer(object, QLatin1String("ts"));
    event.seq = integer(object, QLatin1String("seq"));
    event.admin = object.value(QLatin1String("admin")).toString();
    for (const QJsonValue &line : object.value(QLatin1String("lines")).toArray())
        event.lines.append(Message::fromJson(line.toObject()));
    return event;
}

MessageInfo MessageInfo::fromJson(const QJsonObject &reply)
{
    MessageInfo info;
    info.msgId = integer(reply, QLatin1String("msg_id"));
    info.group = integer(reply, QLatin1String("group"));
    info.status = messageStatusFromName(reply.value(QLatin1String("status")).toString());
    const QJsonArray receipts = reply.value(QLatin1String("receipts")).toArray();
    for (const QJsonValue &value : receipts) {
        const QJsonObject object = value.toObject();
        info.receipts.append({object.value(QLatin1String("user")).toString(),
                              integer(object, QLatin1String("delivered")),
                              integer(object, QLatin1String("read"))});
    }
    return info;
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
        entry.displayName = object.value(QLatin1String("display_name")).toString();
        entry.avatarHash = avatarHash(object);
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
