#pragma once

#include "accounts.h"
#include "commitbatcher.h"
#include "context.h"
#include "files.h"
#include "friends.h"
#include "groups.h"
#include "messages.h"
#include "sync.h"

#include <QHash>

#include <functional>

namespace Palomar::Server {

// Maps each op to its handler, checks the session for ops that need one, and
// turns a store failure into an `internal` reply. Knows nothing of sockets:
// a connection hands it decoded requests through CallContext. One per worker
// thread, over that thread's Store.
class Dispatcher
{
public:
    explicit Dispatcher(Services services);

    HandlerResult dispatch(const Protocol::Request &request, CallContext &context);
    // The reply for a parked sync being answered now (woken or timed out).
    // Re-checks the session: a poll whose session was taken over meanwhile
    // gets session_replaced.
    QJsonObject collectParked(const QJsonValue &id, qint64 after, int limit, CallContext &context);
    void disconnected(CallContext &context) { m_accounts.disconnected(context); }

private:
    using Handler = std::function<HandlerResult(const Protocol::Request &, CallContext &)>;
    struct Route
    {
        bool needsSession = true; // the handler calls SessionGuard::require

        Handler handler;
        bool batched = false; // runs in the next group commit (CommitBatcher)
    };

    Services m_services;
    AccountHandler m_accounts;
    FriendHandler m_friends;
    GroupHandler m_groups;
    MessageHandler m_messages;
    SyncHandler m_sync;
    FileHandler m_files;
    QHash<QString, Route> m_routes;
    CommitBatcher m_batcher;
};

} // namespace Palomar::Server
