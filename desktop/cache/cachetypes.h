#pragma once

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

// One message row of the local cache.
struct CachedMessage
{
    qint64 localId = 0; // the cache's own row id
    qint64 msgId = 0;   // the server's id; 0 while pending or failed
    QString clientId;   // my own messages only
    QString peer;       // the other user of the 1:1 chat
    bool outgoing = false;
    QString text;
    qint64 ts = 0; // ms since the epoch: server time, or queue time while pending
    DeliveryStatus status = DeliveryStatus::Received;

    qint64 sortKey() const { return msgId > 0 ? msgId : kPendingSortBase + localId; }
    bool isValid() const { return localId > 0; }
};

// What the chat list shows for one contact.
struct ChatSummary
{
    QString peer;
    QString lastText;
    qint64 lastTs = 0;
    bool lastOutgoing = false;
    DeliveryStatus lastStatus = DeliveryStatus::Received;
    int unread = 0;
    bool online = false;
};

} // namespace Palomar::Desktop

Q_DECLARE_METATYPE(Palomar::Desktop::DeliveryStatus)
