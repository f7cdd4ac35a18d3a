#pragma once

#include "client/types.h"

#include <QMetaType>
#include <QString>

namespace Palomar::Desktop {

// Where one message stands, as the desktop shows it. Incoming messages are
// Received; my own go Pending (in the outbox) -> Sent -> Delivered -> Read,
// or Failed when the server refused them for good. The numbers are stored
// in the cache file: never renumber.
enum class DeliveryStatus
{
    Received = 0,
    Pending = 1,
    Sent = 2,
    Delivered = 3,
    Read = 4,
    Failed = 5,
};

// Messages without a server id sort after every server id, in the order
// they were written; this is the offset their local id is added to.
constexpr qint64 kPendingSortBase = qint64(1) << 52;

// A chat is named by a key: a username for a 1:1 chat, or "#ID" for a
// group (no username can start with '#', so the two never meet).
inline QString groupChatKey(qint64 group)
{
    return QStringLiteral("#%1").arg(group);
}
// The group id of a chat key, or 0 for a 1:1 chat.
inline qint64 groupIdOfChat(const QString &key)
{
    if (!key.startsWith(u'#'))
        return 0;
    bool ok = false;
    const qint64 id = key.mid(1).toLongLong(&ok);
    return ok ? id : 0;
}

// The file of a file message, and where its bytes are on this computer:
// the source of my upload, or where I downloaded it (empty until then).
struct CachedFile
{
    qint64 fileId = 0; // 0 while my upload has no id from the server yet
    QString name;
    qint64 size = 0;
    QString sha256;
    QString mime;
    QString localPath;

    bool isValid() const { return !name.isEmpty(); }
};

// One message row of the local cache.
struct CachedMessage
{
    qint64 localId = 0; // the cache's own row id
    qint64 msgId = 0;   // the server's id; 0 while pending or failed
    QString clientId;   // my own messages only
    QString peer;       // the chat key: the other user of a 1:1 chat, or "#ID" of a group
    QString sender;     // group messages: who wrote it (me included); empty in 1:1 chats
    bool outgoing = false;
    QString text;
    qint64 ts = 0; // ms since the epoch: server time, or queue time while pending
    DeliveryStatus status = DeliveryStatus::Received;
    CachedFile file;           // a file message when valid
    QString failure;           // my Failed messages: why, for people (may be empty)
    Client::SystemLine system; // a group system line: no text, no sender's bubble
    qint64 edited = 0;         // ms time of the sender's last edit; 0: never edited
    bool deleted = false;      // deleted for everyone: a tombstone, no text, no file
    qint64 replyTo = 0;        // the msg_id this message answers; 0: none
    bool forwarded = false;    // a copy made by `forward`
    // Reactions (extension `reactions`): emoji -> who chose it.
    QMap<QString, QStringList> reactions;

    bool isSystem() const { return !system.isNull(); }

    bool isFile() const { return file.isValid(); }
    qint64 sortKey() const { return msgId > 0 ? msgId : kPendingSortBase + localId; }
    bool isValid() const { return localId > 0; }
    qint64 group() const { return groupIdOfChat(peer); }
};

// A group as the cache remembers it.
struct CachedGroup
{
    qint64 group = 0;
    QString name;
    QString admin;
    bool member = true; // false once I was removed or left: the chat stays readable
};

// What the chat list shows for one contact or group.
struct ChatSummary
{
    QString peer;  // the chat key
    QString title; // the contact's name or the group's name
    qint64 group = 0;
    bool member = true; // groups: still a member
    QString lastSender; // groups: who wrote the last message
    QString lastText;
    QString lastFileName;     // the last message is a file
    bool lastDeleted = false; // the last message was deleted for everyone
    qint64 lastTs = 0;
    bool lastOutgoing = false;
    DeliveryStatus lastStatus = DeliveryStatus::Received;
    int unread = 0;
    bool online = false;
    QString draft; // what is typed but not sent in this chat
    // This computer's choices for the chat (LocalCache::chatState).
    bool muted = false;
    int pinOrder = 0; // 0: not pinned; pinned chats come first, lowest first
    bool markedUnread = false;
    bool cleared = false; // its history was deleted here ("Delete chat")
};

// This computer's choices for one chat, kept in the cache: not at the server.
struct ChatState
{
    bool muted = false; // no notification, no sound, a grey badge
    int pinOrder = 0;   // 0: not pinned
    bool markedUnread = false;
    qint64 clearedUpTo = 0; // messages up to this server id were deleted here
};

} // namespace Palomar::Desktop

Q_DECLARE_METATYPE(Palomar::Desktop::DeliveryStatus)
