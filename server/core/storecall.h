#pragma once

#include "context.h"
#include "store/storeexecutor.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Palomar::Server {

class HandlerSet;

// What a connection gets back for a request it handed to the store.
struct Completion
{
    HandlerResult result = HandlerResult::ok();
    SessionState session;
    // The request's session is the connection's from now on; false for a
    // parked poll's look, which runs beside the connection's other requests.
    bool adoptSession = true;
};

// Where completions go: the network thread that owns the connection
// (server/net's Worker). It outlives every store job (the executor stops
// before the workers are destroyed).
class CompletionSink
{
public:
    virtual ~CompletionSink() = default;
    virtual QObject *sinkObject() = 0;
    // On the sink's thread; a connection gone meanwhile drops it.
    virtual void complete(quint64 connectionId, const Completion &completion) = 0;
};

// One request's connection, as its handler sees it on a store thread: a
// copy of the session, the peer's address, and where the result goes.
// Shared by the request's jobs (the first, and the rest after password
// hashing).
class StoreCall : public CallContext, public std::enable_shared_from_this<StoreCall>
{
public:
    StoreCall(CompletionSink *sink, quint64 connectionId, const SessionState &session,
              const QString &peerAddress, bool adoptSession = true);

    SessionState &session() override { return m_session; }
    QString peerAddress() const override { return m_peerAddress; }
    std::shared_ptr<CallContext> share() override { return shared_from_this(); }
    void restoreSession() override { m_session = m_original; }
    void deliver(StoreContext &context, const HandlerResult &result) override;
    void deliverNow(const HandlerResult &result) override;

private:
    Completion completion(const HandlerResult &result) const;

    CompletionSink *m_sink; // null: nobody waits for the result
    quint64 m_connectionId;
    SessionState m_session;
    SessionState m_original;
    QString m_peerAddress;
    bool m_adoptSession;
};

// A request (or the rest of one) as a store job: runs `work` with the store
// thread's handlers, then hands the result to the connection once it is
// durable (after running its AfterCommit part); a job that cannot run
// answers `internal` or `unavailable`.
class RequestJob : public StoreJob
{
public:
    using Work = std::function<HandlerResult(HandlerSet &handlers, CallContext &call)>;

    RequestJob(Access access, std::shared_ptr<CallContext> call, Work work)
        : m_access(access), m_call(std::move(call)), m_work(std::move(work))
    {}

    Access access() const override { return m_access; }
    void run(StoreContext &context) override;
    void done(StoreContext &context) override;
    void reset() override;
    void failed(StoreError::Kind kind, int retryAfter, const QString &why) override;

    // The reply for a request whose store work failed.
    static HandlerResult failure(StoreError::Kind kind, int retryAfter);

private:
    Access m_access;
    std::shared_ptr<CallContext> m_call;
    Work m_work;
    std::optional<HandlerResult> m_result;
};

} // namespace Palomar::Server
