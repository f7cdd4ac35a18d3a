#pragma once

#include "context.h"
#include "storecall.h"

namespace Palomar::Server {

class StoreExecutor;

// The network thread's side of the request path: hello and ping are
// answered at once; every other op becomes a store job (HandlerSet runs it
// on a store thread) whose result comes back to `sink`. One per network
// thread. Knows nothing of sockets and runs no SQL.
class Dispatcher
{
public:
    Dispatcher(const ServerConfig &config, StoreExecutor &executor, CompletionSink &sink);

    // The reply, or Deferred: the store answers through the sink later.
    HandlerResult dispatch(const Protocol::Request &request, quint64 connectionId,
                           SessionState &session, const QString &peerAddress);
    // A parked poll looks at its inbox (woken by something it could not
    // take from memory); the result comes back with adoptSession false.
    void look(const ParkedPoll &poll, quint64 connectionId, const SessionState &session,
              const QString &peerAddress);
    // The connection closed: its session becomes detached.
    void disconnected(const SessionState &session, const QString &peerAddress);

private:
    const ServerConfig &m_config;
    StoreExecutor &m_executor;
    CompletionSink &m_sink;
};

} // namespace Palomar::Server
