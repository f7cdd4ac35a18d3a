#include "commitbatcher.h"

#include "store/store.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QScopeGuard>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

namespace {

HandlerResult internalError()
{
    return HandlerResult::error(Protocol::Error::Internal,
                                QStringLiteral("the server could not complete the request"));
}

// A sync's acknowledgement that was rolled back must be made again: the
// connection forgets it acknowledged anything, and its next sync repeats it.
// Events it read in the batch may be gone too (their seqs are handed out
// again), so its next cursor is checked against the inbox.
void forgetAcknowledgement(CallContext &context)
{
    context.session().acknowledged = -1;
    context.session().handedOut = 0;
}

} // namespace

CommitBatcher::CommitBatcher(Store &store) : m_store(store) {}

CommitBatcher::~CommitBatcher()
{
    m_store.cancelWriteWait();
}

void CommitBatcher::enqueue(CallContext &context, Work work)
{
    m_jobs.push_back(Job{context.lifetime(), &context, std::move(work)});
    if (m_deferrals == 0)
        schedule(); // else the gate's release schedules it
}

void CommitBatcher::schedule()
{
    // Thread-safe: the gate calls it from the thread that releases it.
    if (!m_scheduled.exchange(true)) {
        // After the sockets that are ready now have been read: their
        // requests join this batch.
        QMetaObject::invokeMethod(this, &CommitBatcher::flush, Qt::QueuedConnection);
    }
}

void CommitBatcher::flush()
{
    m_scheduled = false;
    if (m_jobs.empty())
        return;
    // While another worker thread writes, this one goes on reading its
    // sockets and answering (its requests join the batch) instead of
    // blocking on the gate; it is called back when the gate is free. After
    // a few such turns it waits for the gate, so it cannot be starved.
    if (m_deferrals < kMaxDeferrals && !m_store.reserveWrite([this] { schedule(); })) {
        ++m_deferrals;
        return;
    }
    m_deferrals = 0;
    const auto unreserve = qScopeGuard([this] { m_store.endReservation(); });
    std::vector<Job> jobs;
    jobs.swap(m_jobs);
    if (jobs.size() == 1 || m_store.backend() != StoreConfig::Backend::Sqlite) {
        // Alone, or on PostgreSQL: each request's own transaction is its
        // commit. (PostgreSQL flushes concurrent commits together itself,
        // and one transaction taking many users' row locks in arrival order
        // would deadlock against another instance's or thread's.)
        runEach(jobs);
        return;
    }
    std::vector<std::optional<HandlerResult>> results(jobs.size());
    bool committed = false;
    bool redo = false;
    try {
        // Flat: the handlers' own transactions take no savepoints (three
        // statements a request). The price is paid only when one fails
        // part-way, which cannot then be undone alone: see below.
        Store::Transaction batch(m_store, Store::Transaction::Nesting::Flat);
        for (size_t i = 0; i < jobs.size() && !redo; ++i) {
            if (!jobs[i].lifetime)
                continue;
            try {
                results[i] = jobs[i].work();
            } catch (const StoreError &error) {
                qCWarning(lcCore) << "a batched request failed in the store:" << error.what();
                redo = true;
            }
            redo = redo || batch.failed();
        }
        if (!redo) {
            batch.commit();
            committed = true;
        }
    } catch (const StoreError &error) {
        qCWarning(lcCore) << "a batch of" << jobs.size()
                          << "requests failed to commit:" << error.what();
    }
    if (redo) {
        // Everything the batch did is rolled back: each request runs again
        // in a transaction of its own, so that only the failing one fails,
        // and every acknowledgement is made again.
        std::vector<Job> again;
        for (size_t i = 0; i < jobs.size(); ++i) {
            if (!jobs[i].lifetime)
                continue;
            forgetAcknowledgement(*jobs[i].context);
            again.push_back(std::move(jobs[i]));
        }
        runEach(again);
        return;
    }
    for (size_t i = 0; i < jobs.size(); ++i) {
        if (!jobs[i].lifetime)
            continue;
        if (!committed) {
            forgetAcknowledgement(*jobs[i].context);
            jobs[i].context->complete(internalError());
            continue;
        }
        jobs[i].context->complete(results[i] ? finish(*results[i]) : internalError());
    }
}

HandlerResult CommitBatcher::finish(const HandlerResult &result)
{
    try {
        return result.finish(); // a sync's read, after the commit
    } catch (const StoreError &error) {
        qCWarning(lcCore) << "a request failed in the store after its commit:" << error.what();
        return internalError();
    }
}

void CommitBatcher::runEach(const std::vector<Job> &jobs)
{
    for (const Job &job : jobs) {
        if (!job.lifetime)
            continue;
        std::optional<HandlerResult> result;
        try {
            result = job.work();
        } catch (const StoreError &error) {
            qCWarning(lcCore) << "a request failed in the store:" << error.what();
        }
        job.context->complete(result ? finish(*result) : internalError());
    }
}

} // namespace Palomar::Server
