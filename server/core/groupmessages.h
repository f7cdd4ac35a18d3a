#pragma once

#include "context.h"

namespace Palomar::Server {

// A message about to be stored and delivered, by `send` or by `file_end`.
struct OutgoingMessage
{
    QString text;
    QString clientId; // empty: none
    // file_end: the finished upload this message carries (0: none) and its
    // `file` object for the message event and history.
    qint64 fileId = 0;
    QJsonObject file;

    // The reply when the upload was finished or dropped while this message
    // was being stored (the transaction rolls back).
    static HandlerResult fileGone();
    // The `message` event's fields.
    QJsonObject event(qint64 id, const QString &from, const QString &chatKey,
                      const QJsonValue &chat, qint64 ts) const;
};

// Messages in groups: fan-out of each message into every other member's
// inbox (members need not be friends), per-member delivered/read receipts,
// group ticks (delivered/read once every current member other than the
// sender is), history limited to what a member was sent, and message_info.
class GroupMessages
{
public:
    explicit GroupMessages(Services services) : m_services(services) {}

    // Fans `message` out to every other member (membership checked first).
    HandlerResult send(qint64 groupId, const OutgoingMessage &message, CallContext &context);
    HandlerResult read(qint64 groupId, qint64 upTo, CallContext &context);
    HandlerResult history(qint64 groupId, qint64 before, int limit, CallContext &context);
    // message_info (extension): who has received and read one of my messages.
    HandlerResult info(const Protocol::Request &request, CallContext &context);

    // Part of sync's acknowledgement, inside its transaction: marks this
    // user's acknowledged group messages delivered and queues receipts for
    // their senders, whom it appends to `woken`.
    static void acknowledge(Store &store, const SessionState &session, qint64 upTo, qint64 ts,
                            QList<qint64> *woken);

private:
    Services m_services;
};

} // namespace Palomar::Server
