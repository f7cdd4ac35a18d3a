#pragma once

#include "context.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <vector>

namespace Palomar::Server {

class Store;

// Group commit. The writing requests (send, read, sync) that reach one worker
// thread in one turn of its event loop run in one database transaction and
// are all answered after its one COMMIT: one fsync for the lot instead of one
// each. Each request still gets its own result, none is answered before it
// is durable, and one that fails rolls back only its own changes: the
// handlers' own transactions take no savepoints inside the batch, so when one
// fails the whole batch rolls back and its requests run again one transaction
// each. Under light load a batch holds one request and nothing waits for
// company: the flush runs as soon as the loop is idle.
// SQLite only (one writer at a time, one fsync per commit); on PostgreSQL the
// requests of a turn still run one transaction each.
class CommitBatcher : public QObject
{
public:
    using Work = std::function<HandlerResult()>;

    explicit CommitBatcher(Store &store);
    ~CommitBatcher() override;
    // Runs `work` in the next batch, then completes `context`'s deferred
    // request with its result (dropped when the connection is gone by then).
    void enqueue(CallContext &context, Work work);

private:
    void schedule();
    void flush();

    // Turns a batch may wait for another thread's write before it blocks.
    static constexpr int kMaxDeferrals = 8;

    struct Job
    {
        QPointer<QObject> lifetime;
        CallContext *context = nullptr;
        Work work;
    };
    // Each job in a transaction of its own, completed with its result.
    static void runEach(const std::vector<Job> &jobs);
    // The result a committed job completes with (the rest of an AfterCommit).
    static HandlerResult finish(const HandlerResult &result);

    Store &m_store;
    std::vector<Job> m_jobs;
    std::atomic<bool> m_scheduled = false;
    int m_deferrals = 0;
};

} // namespace Palomar::Server
