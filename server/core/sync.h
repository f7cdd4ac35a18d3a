#pragma once

#include "context.h"

#include <QJsonArray>

namespace Palomar::Server {

// The one poll: acknowledges events up to `after` (turning acknowledged
// messages into "delivered" receipts for their senders), returns what is
// pending, and parks a long poll when nothing is.
class SyncHandler
{
public:
    explicit SyncHandler(Services services) : m_services(services) {}

    HandlerResult sync(const Protocol::Request &request, CallContext &context);
    // The reply of a sync whose acknowledgement is done: events above
    // `after`, at most `limit`. Used at once and by parked polls on wake-up.
    QJsonObject collect(SessionState &session, qint64 after, int limit);

private:
    qint64 acknowledge(SessionState &session, qint64 after);

    Services m_services;
};

} // namespace Palomar::Server
