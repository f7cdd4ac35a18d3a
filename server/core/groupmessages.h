#pragma once

#include "context.h"

namespace Palomar::Server {

// Messages in groups: fan-out of each message into every other member's
// inbox (members need not be friends), per-member delivered/read receipts,
// group ticks (delivered/read once every current member other than the
// sender is), history limited to what a member was sent, and message_info.
class GroupMessages
{
public:
    explicit GroupMessages(Services services) : m_services(services) {}

    HandlerResult send(qint64 groupId, const QString &text, const QString &clientId,
                       CallContext &context);
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
