#include "storeexecutor.h"

#include "directory.h"
#include "platform/logformat.h"

#include <QLoggingCategory>
#include <QMetaObject>

#include <algorithm>
#include <future>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Palomar::Server {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kFirstBackoff(100);
constexpr std::chrono::milliseconds kLongestBackoff(5000);
// A deadlock or serialization failure is tried again this many times.
constexpr int kConflictAttempts = 4;
// Reads a pool connection takes at once.
constexpr size_t kReadsPerTurn = 16;
constexpr int kDefaultReaders = 2;
// Measured (docs/performance.md): two connections carry the most on two
// cores; more batches in flight mostly wait for each other's inbox locks,
// which a batch holds until its commit is on disk.
constexpr int kDefaultPool = 2;

int secondsUntil(Clock::time_point when)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now());
    return int(qMax<qint64>(1, (left.count() + 999) / 1000));
}

} // namespace

void StoreContext::post(QObject *target, std::function<void()> call)
{
    for (auto &[object, calls] : m_posts) {
        if (object == target) {
            calls.push_back(std::move(call));
            return;
        }
    }
    m_posts.push_back({target, {}});
    m_posts.back().second.push_back(std::move(call));
}

void StoreContext::flushPosts()
{
    for (auto &[object, calls] : m_posts) {
        QMetaObject::invokeMethod(
            object,
            [calls = std::move(calls)] {
                for (const auto &call : calls)
                    call();
            },
            Qt::QueuedConnection);
    }
    m_posts.clear();
}

struct StoreExecutor::Worker
{
    Role role = Role::Pool;
    int index = 0;
    std::thread thread;
    std::unique_ptr<Store> store;
    std::unique_ptr<StoreThreadState> state;
    std::unique_ptr<StoreContext> context;
    std::chrono::milliseconds backoff{0};
    Clock::time_point nextAttempt;
    bool reportedDown = false;
};

StoreExecutor::StoreExecutor(Options options, Directory &directory)
    : m_options(std::move(options)), m_directory(directory)
{}

StoreExecutor::~StoreExecutor()
{
    stop();
}

bool StoreExecutor::start(QString *error)
{
    std::vector<Role> roles;
    if (m_options.store.backend == StoreConfig::Backend::Sqlite) {
        roles.push_back(Role::Writer);
        const int readers = m_options.connections > 0 ? m_options.connections : kDefaultReaders;
        roles.insert(roles.end(), size_t(readers), Role::Reader);
    } else {
        const int pool = m_options.connections > 0 ? m_options.connections : kDefaultPool;
        roles.insert(roles.end(), size_t(pool), Role::Pool);
    }
    std::vector<std::future<QString>> opened;
    for (size_t i = 0; i < roles.size(); ++i) {
        auto worker = std::make_unique<Worker>();
        worker->role = roles[i];
        worker->index = int(i);
        auto promise = std::make_shared<std::promise<QString>>();
        opened.push_back(promise->get_future());
        Worker *raw = worker.get();
        worker->thread = std::thread([this, raw, promise] {
            // Thread names repeat; connection names must be unique in the process.
            static std::atomic<int> executors = 0;
            const QString name = QStringLiteral("store-%1").arg(raw->index);
            const QString connection = QStringLiteral("%1-%2").arg(name).arg(++executors);
            pthread_setname_np(pthread_self(), qPrintable(name));
            try {
                raw->store = std::make_unique<Store>(m_options.store, connection);
                raw->store->open();
                if (raw->role == Role::Writer)
                    raw->store->handOverCheckpoints(); // to the WalCheckpointer
                raw->context.reset(new StoreContext(*raw->store, m_directory));
                if (m_options.makeState) {
                    raw->state = m_options.makeState(*raw->context);
                    raw->context->state = raw->state.get();
                }
                promise->set_value(QString());
            } catch (const StoreError &failure) {
                raw->state.reset();
                raw->store.reset();
                promise->set_value(QString::fromUtf8(failure.what()));
                return;
            }
            run(raw);
            raw->state.reset(); // on its own thread, before the connection
            raw->context.reset();
            raw->store.reset();
        });
        m_workers.push_back(std::move(worker));
    }
    QString failure;
    for (auto &result : opened) {
        const QString why = result.get();
        if (failure.isEmpty())
            failure = why;
    }
    if (!failure.isEmpty()) {
        *error = failure;
        stop();
        return false;
    }
    return true;
}

void StoreExecutor::stop()
{
    {
        const std::lock_guard locker(m_mutex);
        m_stopping = true;
    }
    m_readable.notify_all();
    m_writable.notify_all();
    for (auto &worker : m_workers) {
        if (worker->thread.joinable())
            worker->thread.join();
    }
    m_workers.clear();
    // Nobody runs what is left (a thread failed to open).
    std::vector<std::unique_ptr<StoreJob>> left;
    {
        const std::lock_guard locker(m_mutex);
        for (auto &job : m_reads)
            left.push_back(std::move(job));
        for (auto &job : m_writes)
            left.push_back(std::move(job));
        m_reads.clear();
        m_writes.clear();
    }
    failAll(left, StoreError::Kind::Unavailable, 1, QStringLiteral("the server is stopping"));
}

void StoreExecutor::submit(std::unique_ptr<StoreJob> job)
{
    const bool write = job->access() == StoreJob::Access::Write;
    const bool sqlite = m_options.store.backend == StoreConfig::Backend::Sqlite;
    {
        std::unique_lock locker(m_mutex);
        if (m_stopping && m_workers.empty()) {
            locker.unlock();
            job->failed(StoreError::Kind::Unavailable, 1, QStringLiteral("the server is stopping"));
            return;
        }
        (write ? m_writes : m_reads).push_back(std::move(job));
    }
    if (write && sqlite)
        m_writable.notify_one();
    else
        m_readable.notify_one();
}

int StoreExecutor::queueDepth() const
{
    const auto [reads, writes] = queueDepths();
    return reads + writes;
}

std::pair<int, int> StoreExecutor::queueDepths() const
{
    const std::lock_guard locker(m_mutex);
    return {int(m_reads.size()), int(m_writes.size())};
}

std::vector<std::unique_ptr<StoreJob>> StoreExecutor::take(Role role, bool *writes)
{
    std::vector<std::unique_ptr<StoreJob>> jobs;
    std::unique_lock locker(m_mutex);
    const auto ready = [&] {
        switch (role) {
        case Role::Writer:
            return !m_writes.empty();
        case Role::Reader:
            return !m_reads.empty();
        case Role::Pool:
            return !m_writes.empty() || !m_reads.empty();
        }
        return false;
    };
    (role == Role::Writer ? m_writable : m_readable).wait(locker, [&] {
        return ready() || m_stopping;
    });
    *writes = role == Role::Writer || (role == Role::Pool && !m_writes.empty());
    std::deque<std::unique_ptr<StoreJob>> &queue = *writes ? m_writes : m_reads;
    const size_t most = *writes ? size_t(m_options.maxBatch) : kReadsPerTurn;
    while (!queue.empty() && jobs.size() < most) {
        jobs.push_back(std::move(queue.front()));
        queue.pop_front();
    }
    // Others may be waiting for what is left (a pool's writes and reads).
    if (role == Role::Pool && (!m_writes.empty() || !m_reads.empty()))
        m_readable.notify_one();
    return jobs;
}

void StoreExecutor::run(Worker *worker)
{
    while (true) {
        bool writes = false;
        std::vector<std::unique_ptr<StoreJob>> jobs = take(worker->role, &writes);
        if (jobs.empty())
            return; // stopping, and nothing left
        if (ensureOpen(*worker, jobs)) {
            if (writes)
                runWrites(*worker, jobs);
            else
                runReads(*worker, jobs);
        }
        worker->context->flushPosts();
    }
}

bool StoreExecutor::ensureOpen(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs)
{
    if (!worker.store->isBroken())
        return true;
    if (Clock::now() < worker.nextAttempt) {
        failAll(jobs, StoreError::Kind::Unavailable, secondsUntil(worker.nextAttempt),
                QStringLiteral("the database is unavailable"));
        return false;
    }
    try {
        worker.store->reopen();
        worker.backoff = std::chrono::milliseconds(0);
        ++Store::counters().reconnects;
        return true;
    } catch (const StoreError &error) {
        ++Store::counters().reconnectFailures;
        worker.backoff = std::clamp(worker.backoff * 2, kFirstBackoff, kLongestBackoff);
        worker.nextAttempt = Clock::now() + worker.backoff;
        noteUnavailable(worker, QString::fromUtf8(error.what()));
        failAll(jobs, StoreError::Kind::Unavailable, secondsUntil(worker.nextAttempt),
                QString::fromUtf8(error.what()));
        return false;
    }
}

void StoreExecutor::noteUnavailable(Worker &worker, const QString &why)
{
    // Once per outage, not once per request.
    if (!worker.reportedDown)
        qCWarning(lcStore).noquote()
            << "store connection" << worker.index << "finds the database unavailable:" << why;
    worker.reportedDown = true;
}

void StoreExecutor::noteAvailable(Worker &worker)
{
    if (worker.reportedDown)
        qCInfo(lcStore) << "store connection" << worker.index << "works again";
    worker.reportedDown = false;
}

void StoreExecutor::failAll(std::vector<std::unique_ptr<StoreJob>> &jobs, StoreError::Kind kind,
                            int retryAfter, const QString &why)
{
    for (auto &job : jobs)
        job->failed(kind, retryAfter, why);
    jobs.clear();
}

void StoreExecutor::runReads(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs)
{
    for (auto &job : jobs) {
        if (worker.store->isBroken()) {
            job->failed(StoreError::Kind::Unavailable, 1,
                        QStringLiteral("the database connection was lost"));
            continue;
        }
        try {
            job->run(*worker.context);
            job->done(*worker.context);
            noteAvailable(worker);
        } catch (const StoreError &error) {
            if (error.kind() == StoreError::Kind::Unavailable)
                noteUnavailable(worker, QString::fromUtf8(error.what()));
            job->failed(error.kind(), 1, QString::fromUtf8(error.what()));
        }
    }
    jobs.clear();
}

void StoreExecutor::runWrites(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs)
{
    ++m_batches;
    m_batchedJobs += jobs.size();
    if (jobs.size() == 1) {
        runEach(worker, jobs);
        return;
    }
    Store &store = *worker.store;
    std::optional<StoreError::Kind> failure;
    QString why;
    const Clock::time_point begun = Clock::now();
    try {
        // Flat: the jobs' own transactions take no savepoints. When one
        // fails part-way, the whole batch rolls back and each job runs
        // again alone, so that only the failing one fails.
        Store::Transaction batch(store, Store::Transaction::Nesting::Flat);
        for (auto &job : jobs) {
            job->run(*worker.context);
            if (batch.failed())
                throw StoreError(QStringLiteral("a request of the batch failed"));
        }
        batch.commit();
    } catch (const StoreError &error) {
        failure = error.kind();
        why = QString::fromUtf8(error.what());
    }
    if (!failure) {
        noteAvailable(worker);
        if (m_options.committed)
            m_options.committed(jobs.size(), Clock::now() - begun);
        if (m_options.afterWrite)
            m_options.afterWrite();
        for (auto &job : jobs)
            job->done(*worker.context);
        jobs.clear();
        return;
    }
    if (*failure == StoreError::Kind::Unavailable) {
        noteUnavailable(worker, why);
        failAll(jobs, StoreError::Kind::Unavailable, 1, why);
        return;
    }
    qCDebug(lcStore).noquote() << "a batch of"
                               << Platform::LogFormat::counted(qint64(jobs.size()), "request",
                                                               "requests")
                               << "failed, running each alone:" << why;
    for (auto &job : jobs)
        job->reset();
    runEach(worker, jobs);
}

void StoreExecutor::runEach(Worker &worker, std::vector<std::unique_ptr<StoreJob>> &jobs)
{
    Store &store = *worker.store;
    for (auto &job : jobs) {
        for (int attempt = 1;; ++attempt) {
            if (store.isBroken()) {
                job->failed(StoreError::Kind::Unavailable, 1,
                            QStringLiteral("the database connection was lost"));
                break;
            }
            try {
                const Clock::time_point begun = Clock::now();
                Store::Transaction transaction(store);
                job->run(*worker.context);
                transaction.commit();
                if (m_options.committed && job->access() == StoreJob::Access::Write)
                    m_options.committed(1, Clock::now() - begun);
                noteAvailable(worker);
                if (m_options.afterWrite && job->access() == StoreJob::Access::Write)
                    m_options.afterWrite();
                job->done(*worker.context);
                break;
            } catch (const StoreError &error) {
                if (error.kind() == StoreError::Kind::Conflict && attempt < kConflictAttempts) {
                    job->reset();
                    continue;
                }
                if (error.kind() == StoreError::Kind::Unavailable)
                    noteUnavailable(worker, QString::fromUtf8(error.what()));
                // A conflict that persists is the database's "not now" too.
                const StoreError::Kind kind = error.kind() == StoreError::Kind::Conflict
                                                  ? StoreError::Kind::Unavailable
                                                  : error.kind();
                job->failed(kind, 1, QString::fromUtf8(error.what()));
                break;
            }
        }
    }
    jobs.clear();
}

} // namespace Palomar::Server
