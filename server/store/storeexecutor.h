#pragma once

#include "store.h"
#include "storeconfig.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace Palomar::Server {

class Directory;
class StoreThreadState;

// What a store thread lends a job: its connection, the shared caches, and a
// way to hand results back to other threads once the batch is done.
class StoreContext
{
public:
    Store &store;
    Directory &directory;
    StoreThreadState *state = nullptr; // the owner's per-thread objects (handlers)

    // Queues `call` to run on `target`'s thread. Calls for one target are
    // posted together, once, after the batch (one wake-up per thread, not
    // one per request), in the order they were queued.
    void post(QObject *target, std::function<void()> call);

private:
    friend class StoreExecutor;
    StoreContext(Store &store, Directory &directory) : store(store), directory(directory) {}
    void flushPosts();

    std::vector<std::pair<QObject *, std::vector<std::function<void()>>>> m_posts;
};

// The owner's objects for one store thread, made on that thread (the
// executor's factory) and destroyed there.
class StoreThreadState
{
public:
    virtual ~StoreThreadState() = default;
};

// A unit of work for the database. Reads run alone; writes run in a batch:
// every write job waiting when a store thread becomes free shares one
// transaction (group commit), and each learns its fate once it is durable.
class StoreJob
{
public:
    enum class Access
    {
        Read,
        Write
    };
    virtual ~StoreJob() = default;
    virtual Access access() const = 0;
    // The job's statements, inside the batch's transaction for a write;
    // throws StoreError.
    virtual void run(StoreContext &context) = 0;
    // The write committed (or the read ran): hand the result over.
    virtual void done(StoreContext &context) = 0;
    // The batch rolled back and this job runs again, alone: drop whatever
    // run() remembered.
    virtual void reset() = 0;
    // The job had no effect and will not run: `kind` says why (Unavailable:
    // the database cannot be reached or written now; `retryAfter` seconds
    // is a fair wait), `why` is for the log.
    virtual void failed(StoreError::Kind kind, int retryAfter, const QString &why) = 0;
};

// The database's threads, per database: on SQLite one writer connection
// (all writes, in batches) and a few reader connections; on PostgreSQL a
// pool of connections, each taking whatever is waiting (several batches in
// flight at once). Network threads submit() and never wait; results come
// back through StoreContext::post(). A connection that is lost is opened
// again with back-off; meanwhile jobs fail at once as Unavailable.
class StoreExecutor
{
public:
    struct Options
    {
        StoreConfig store;
        int connections = 0; // PostgreSQL pool size; SQLite reader connections
        // Called on each store thread once its Store is open.
        std::function<std::unique_ptr<StoreThreadState>(StoreContext &context)> makeState;
        // Called on the writing thread after each write transaction (SQLite:
        // the WalCheckpointer's noteWrite()).
        std::function<void()> afterWrite;
        // Called on the writing thread after each write transaction that
        // committed, with the requests it carried and the time from its
        // begin through its commit (metrics).
        std::function<void(size_t jobs, std::chrono::steady_clock::duration elapsed)> committed;
        // The most write jobs one transaction takes.
        int maxBatch = 256;
    };

    StoreExecutor(Options options, Directory &directory);
    ~StoreExecutor(); // stop()s

    // Opens the connections; false with `error` when the first cannot open.
    bool start(QString *error);
    // Runs what is queued, then ends the threads. Jobs submitted later fail.
    void stop();
    void submit(std::unique_ptr<StoreJob> job);

    // Batches and their jobs so far (metrics and tests).
    quint64 batches() const { return m_batches; }
    quint64 batchedJobs() const { return m_batchedJobs; }
    int queueDepth() const;
    // The jobs waiting, reads and writes apart.
    std::pair<int, int> queueDepths() const;

private:
    enum class Role
    {
        Writer, // SQLite: all writes
        Reader, // SQLite: reads only
        Pool    // PostgreSQL: both
    };
    struct Worker;
    void run(Worker *worker);
    // Takes what `role` may run now; empty when stopping and drained.
    std::vector<std::unique_ptr<StoreJob>> take(Role role, bool *writes);
    void runWrites(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs);
    void runReads(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs);
    // Each job in a transaction of its own (after a batch failed).
    void runEach(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs);
    // True when the worker's connection is usable, reopening it if its
    // back-off has passed; otherwise fails `jobs` as Unavailable.
    bool ensureOpen(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs);
    // Logs the first failure of an outage, and its end.
    static void noteUnavailable(Worker &worker, const QString &why);
    static void noteAvailable(Worker &worker);
    static void failAll(std::vector<std::unique_ptr<StoreJob>> &jobs, StoreError::Kind kind,
                        int retryAfter, const QString &why);

    Options m_options;
    Directory &m_directory;
    std::vector<std::unique_ptr<Worker>> m_workers;
    mutable std::mutex m_mutex;
    std::condition_variable m_readable; // reads or (pool) anything queued
    std::condition_variable m_writable; // writes queued (SQLite's writer)
    std::deque<std::unique_ptr<StoreJob>> m_reads;
    std::deque<std::unique_ptr<StoreJob>> m_writes;
    bool m_stopping = false;
    std::atomic<quint64> m_batches = 0;
    std::atomic<quint64> m_batchedJobs = 0;
};

} // namespace Palomar::Server
