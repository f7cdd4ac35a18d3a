#pragma once

#include "protocol/errors.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Palomar::Client {

// Codes for failures that never got an answer from a server. They sit beside
// the error codes of PROTOCOL.md (Reply::error() returns either kind) and are
// spelled the same way, so a program can print both as `error: CODE: ...`.
namespace LocalError {
inline const QString ConnectionFailed = QStringLiteral("connection_failed");
inline const QString ConnectionLost = QStringLiteral("connection_lost");
inline const QString NotConnected = QStringLiteral("not_connected");
inline const QString Timeout = QStringLiteral("timeout");
// The TLS server's certificate was refused (ClientSession::certificateRejected).
inline const QString UntrustedCertificate = QStringLiteral("untrusted_certificate");
} // namespace LocalError

// PROTOCOL.md codes the library itself acts on.
namespace ServerError {
// The server cannot serve the request right now because its storage is
// unavailable: the request had no effect; `retry_after` says when to try again.
inline const QString Unavailable = Protocol::errorName(Protocol::Error::Unavailable);
} // namespace ServerError

// The connection failed or went away before the answer came (a LocalError).
bool isConnectionError(const QString &error);
// Errors after which the session itself brings the work back: the connection
// went (it reconnects and resumes), or the server answered `unavailable` (it
// waits, then tries again: ClientSession::State::Unavailable). A request of
// the session's own work that ended so is sent again once the session is
// LoggedIn again; it is never a failure to report.
bool isResumedBySession(const QString &error);

// How the session keeps fetching events once logged in.
enum class SyncMode
{
    LongPoll, // one `sync` with `wait` always parked at the server (the default)
    Timer,    // `sync` with `wait: 0` every `poll_interval` seconds of `hello`
    Manual,   // only when asked (ClientSession::syncNow); nothing is acknowledged behind your back
};

// Who may register on the server, as its `hello` said (docs/protocol.md,
// "Registration policy"). Unknown: not said yet (no hello answered), or a
// server older than the extension (which lets anyone register) or newer
// (a policy this client does not know: it sends what the user gives).
enum class Registration
{
    Unknown,
    Open,   // anyone
    Invite, // with an invitation code (register's `invite`)
    Closed  // nobody
};
Registration registrationFromName(const QString &name);

// Ticks of a message I sent: one tick, two ticks, two blue ticks.
enum class MessageStatus
{
    Unknown,
    Sent,
    Delivered,
    Read
};
MessageStatus messageStatusFromName(const QString &name);
QString messageStatusName(MessageStatus status);

// A `message` event, or one entry of a `history` reply.
// A group system line's `system` object (a membership change, rename or
// admin change): `kind` is created, added, removed, left, renamed or admin;
// `user` whom it concerns, `name` the group's new name, when they apply.
struct SystemLine
{
    QString kind;
    QString by;
    QString user;
    QString name;

    bool isNull() const { return kind.isEmpty(); }
    static SystemLine fromJson(const QJsonObject &object);
};

struct Message
{
    qint64 msgId = 0;
    QString from;
    QString to;       // the recipient of a 1:1 message; empty in a group
    qint64 group = 0; // the group id, 0 for a 1:1 message
    QString text;
    qint64 ts = 0;    // server time, ms since the epoch
    QJsonObject file; // {file_id, name, size, sha256, mime} for a file message
    MessageStatus status = MessageStatus::Unknown; // history only, my own messages only
    qint64 seq = 0;                                // the event's seq when it came through sync
    // Replies, forwards, edits, deletes (docs/protocol.md, "Conversation
    // features: the rules"): each 0/false when it does not apply.
    qint64 replyTo = 0; // the msg_id this one answers
    bool forwarded = false;
    qint64 edited = 0;    // ms time of the last edit
    bool deleted = false; // a tombstone: text "" and no file
    // Reactions and system lines (extensions `reactions`, `system_lines`):
    QMap<QString, QStringList> reactions; // emoji -> who chose it, sorted
    SystemLine system;                    // set for a group system line

    bool isGroupMessage() const { return group != 0; }
    bool isSystemLine() const { return !system.isNull(); }
    static Message fromJson(const QJsonObject &object);
};

// A `receipt` event: one of my messages was delivered to or read by `by`.
// In a group, `complete` says whether every current member other than me has
// now reached `status`: the group tick turns only then.
struct Receipt
{
    qint64 msgId = 0;
    QString by;
    MessageStatus status = MessageStatus::Unknown;
    qint64 ts = 0;
    qint64 seq = 0;
    qint64 group = 0;      // the group of the message, 0 for a 1:1 message
    bool complete = false; // group receipts only

    bool isGroupReceipt() const { return group != 0; }

    static Receipt fromJson(const QJsonObject &object);
};

struct Friend
{
    QString user;
    bool online = false;
    qint64 lastSeen = 0; // ms since the epoch; 0 when the server reported null
    QString displayName; // "" when none (or the server does not send it)
    QString avatarHash;  // "" when no avatar; fetch the bytes with `profile`
};

// The result of the `friends` op.
struct FriendList
{
    QList<Friend> friends;
    QStringList incoming; // asked me, waiting for my answer
    QStringList outgoing; // I asked, waiting for theirs

    static FriendList fromJson(const QJsonObject &reply);
};

// One entry of the `groups` reply, or a `group_info` reply (with members).
struct GroupInfo
{
    qint64 group = 0;
    QString name;
    QString admin;
    QStringList members; // group_info only: longest-standing first
    // group_info only, by member name: display names and avatar hashes of the
    // members who have set them.
    QHash<QString, QString> displayNames;
    QHash<QString, QString> avatarHashes;

    bool isAdmin(const QString &user) const
    {
        return admin.compare(user, Qt::CaseInsensitive) == 0;
    }
    static GroupInfo fromJson(const QJsonObject &object);
};

// The `groups` of a `groups` reply.
QList<GroupInfo> groupsFromReply(const QJsonObject &reply);

// A `group_added` / `group_removed` / `group_updated` event.
struct GroupEvent
{
    qint64 group = 0;
    QString name;
    QString by;
    qint64 ts = 0;
    qint64 seq = 0;
    QString admin;        // the admin after the change (when the server says)
    QList<Message> lines; // the system lines the change added (extension)

    static GroupEvent fromJson(const QJsonObject &object);
};

// One member's progress on one of my group messages (`message_info`);
// a time is 0 while that member has not reached the status.
struct MemberReceipt
{
    QString user;
    qint64 delivered = 0;
    qint64 read = 0;
};

// The `message_info` reply for one of my group messages.
struct MessageInfo
{
    qint64 msgId = 0;
    qint64 group = 0;
    MessageStatus status = MessageStatus::Unknown;
    QList<MemberReceipt> receipts;

    static MessageInfo fromJson(const QJsonObject &reply);
};

// The `messages` of a `history` reply, newest first as the server sends them.
QList<Message> messagesFromHistory(const QJsonObject &reply);

} // namespace Palomar::Client

Q_DECLARE_METATYPE(Palomar::Client::Message)
Q_DECLARE_METATYPE(Palomar::Client::Receipt)
Q_DECLARE_METATYPE(Palomar::Client::GroupEvent)
