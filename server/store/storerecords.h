#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVariant>

#include <optional>

namespace Palomar::Server {

// The rows the store reads and writes, as plain values.
struct UserRecord
{
    qint64 id = 0;
    QString name;
    QString passwordHash;
    std::optional<qint64> lastSeen;
};

struct SessionRecord
{
    qint64 userId = 0;
    QByteArray tokenHash;
    qint64 created = 0;
    qint64 lastActive = 0;
    bool online = false;                     // a connection is bound to it
    qint64 instanceId = 0;                   // the instance of that connection
    std::optional<qint64> instanceHeartbeat; // that instance's last sign of life
};

// A user's profile: a display name ('' when unset) and an avatar (none when
// avatarHash is empty; its bytes are read apart, with Store::avatarOf()).
struct ProfileRecord
{
    QString displayName;
    QString avatarType; // "image/jpeg" or "image/png"
    QString avatarHash; // hex SHA-256 of the bytes
    qint64 avatarSize = 0;
    qint64 updatedTs = 0;
};

struct FriendRecord
{
    qint64 id = 0;
    QString name;
    bool online = false;
    std::optional<qint64> lastSeen;
    ProfileRecord profile; // display name and avatar (no updatedTs); empty when unset
};

struct BlockRecord
{
    QString name; // the blocked user
    qint64 since = 0;
};

struct EventRecord
{
    qint64 seq = 0;
    QString kind;
    QJsonObject payload; // the event's fields other than seq and kind
};

struct MessageRecord
{
    qint64 id = 0;
    qint64 senderId = 0;
    QString from;
    QString to;
    std::optional<qint64> group;
    QString text;
    qint64 ts = 0;
    std::optional<qint64> delivered;
    std::optional<qint64> read;
};

struct AckedMessage
{
    qint64 messageId = 0;
    qint64 senderId = 0;
};

struct GroupRecord
{
    qint64 id = 0;
    QString name;
    qint64 adminId = 0;
    QString admin;
};

struct MemberRecord
{
    qint64 id = 0;
    QString name;
};

// How far one group message has got with the members it was sent to.
struct GroupReceiptCounts
{
    qint64 senderId = 0;
    qint64 groupId = 0;
    int recipients = 0; // current members it was fanned out to
    int delivered = 0;
    int read = 0;
};

struct MemberReceipt
{
    QString user;
    std::optional<qint64> delivered;
    std::optional<qint64> read;
};

struct GroupMessageRecord
{
    MessageRecord message;
    GroupReceiptCounts counts;
};

// What replies, forwards, edits and deletes changed about a message.
struct MessageChanges
{
    std::optional<qint64> replyTo;
    bool forwarded = false;
    std::optional<qint64> edited; // when its text last changed
    bool deleted = false;         // a tombstone
};

// A message someone may see, to react to, reply to, edit, delete or forward
// (Store::visibleMessage, the one place that decides it: never a tombstone
// or a group system line).
struct VisibleMessage
{
    qint64 id = 0;
    qint64 senderId = 0;
    std::optional<qint64> recipientId; // one-to-one
    std::optional<qint64> groupId;
    QString chat;
    QString text;
    qint64 ts = 0;
    QString from; // the sender's name
    QString to;   // one-to-one: the recipient's name
};

// A file: an upload until `messageId` is set by file_end, then a message's
// attachment. `received` counts the bytes stored so far.
struct FileRecord
{
    qint64 id = 0;
    qint64 uploaderId = 0;
    std::optional<qint64> recipientId; // one-to-one
    std::optional<qint64> groupId;
    QString name;
    qint64 size = 0;
    QString sha256; // lower-case hex
    QString mime;
    qint64 received = 0;
    std::optional<qint64> messageId;
    std::optional<qint64> messageTs;

    bool isFinished() const { return messageId.has_value(); }
};

// A stored piece of a file: its bytes start at the file's offset `offset`.
struct FileChunk
{
    qint64 offset = 0;
    QByteArray data;
};

// An invitation code (see invitecodes.h), normalised; times in milliseconds
// since the epoch.
struct InviteRecord
{
    QString code;
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt; // none: never expires
    QString note;
    QString usedBy; // the name of the account it created; empty while unused
    std::optional<qint64> usedAt;
    bool revoked = false;

    bool isUsed() const { return usedAt.has_value(); }
    bool isUsable(qint64 now) const
    {
        return !isUsed() && !revoked && (!expiresAt || *expiresAt > now);
    }
};

struct LoginFailures
{
    int failures = 0;
    qint64 windowStart = 0;
    qint64 blockedUntil = 0;
};

// A nullable integer column as read from a query.
inline std::optional<qint64> optionalInteger(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

// An optional integer as a bindable value (NULL when absent).
inline QVariant nullableInteger(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace Palomar::Server
