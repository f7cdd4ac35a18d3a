#pragma once

#include "context.h"
#include "store/storeexecutor.h"

#include <QJsonArray>

namespace Palomar::Server {

struct DeliveredMessage;

// The one poll: acknowledges events up to `after` (the store turns
// acknowledged messages into "delivered" receipts for their senders, in
// bulk, at the commit), returns what is pending, and parks a long poll when
// nothing is.
class SyncHandler
{
public:
    explicit SyncHandler(Services services) : m_services(services) {}

    HandlerResult sync(const Protocol::Request &request, CallContext &context);
    // The look of a parked poll woken by something it could not take from
    // memory: events after its cursor, or Parked again.
    HandlerResult look(CallContext &context, const ParkedPoll &poll);
    // A sync is a write when it acknowledges something new.
    static StoreJob::Access accessFor(const Protocol::Request &request,
                                      const SessionState &session);
    // The store's acknowledgement handler: receipts for the messages that
    // acknowledgements made delivered, queued in their senders' inboxes.
    static void queueReceipts(Store &store, const QHash<qint64, QString> &users,
                              const QList<DeliveredMessage> &direct,
                              const QList<DeliveredMessage> &group, qint64 ts);

private:
    qint64 acknowledge(SessionState &session, qint64 after);
    // Events above `after`, at most `limit`, or Parked when there are none
    // and the poll may wait.
    HandlerResult collect(CallContext &context, const QJsonValue &id, qint64 after, int limit,
                          int wait);

    Services m_services;
};

} // namespace Palomar::Server
