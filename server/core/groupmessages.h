#pragma once

#include "context.h"

namespace Palomar::Server {

struct GroupReceiptCounts;

// A message about to be stored and delivered, by `send` or by `file_end`.
struct OutgoingMessage
{
    QString text;
    QString clientId; // empty: none
    // file_end: the finished upload this message carries (0: none) and its
    // `file` object for the message event and history.
    qint64 fileId = 0;
    QJsonObject file;
    // send's reply_to (checked against the chat by MessageChangeHandler), and
    // whether this is a copy made by `forward`.
    std::optional<qint64> replyTo;
    bool forwarded = false;

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

    // One member reaching a status for one message.
    struct GroupReceipt
    {
        qint64 messageId = 0;
        qint64 userId = 0;
        QString user;
    };
    // Receipts for the senders of the messages members have now received
    // or read (`status`, already stored), in order, queued per sender inside
    // the caller's transaction. `complete` says whether every current
    // member other than the sender had then reached `status`: the group
    // tick turns with the last of them.
    static void queueReceipts(Store &store, const QList<GroupReceipt> &reached,
                              const QString &status, qint64 ts);
    // A group message's `status` for its sender: sent, delivered or read.
    static QString groupStatus(const GroupReceiptCounts &counts);

private:
    Services m_services;
};

} // namespace Palomar::Server
