#include "walcheckpointer.h"

#include "store.h"

#include <QLoggingCategory>

#include <chrono>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Palomar::Server {

namespace {

// How long writes may pile up in the log before a checkpoint copies them: a
// busy server checkpoints about ten times a second, each time a few hundred
// pages, and an idle one not at all.
constexpr std::chrono::milliseconds kGatherWrites(100);

} // namespace

WalCheckpointer::WalCheckpointer(const StoreConfig &config) : m_config(config) {}

WalCheckpointer::~WalCheckpointer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool WalCheckpointer::start(QString *error)
{
    std::promise<QString> opened;
    std::future<QString> result = opened.get_future();
    m_thread =
        std::thread([this, promise = std::move(opened)]() mutable { run(std::move(promise)); });
    *error = result.get();
    if (!error->isEmpty()) {
        m_thread.join();
        return false;
    }
    return true;
}

quint64 WalCheckpointer::checkpointedWrites() const
{
    const std::lock_guard lock(m_mutex);
    return m_checkpointedWrites;
}

quint64 WalCheckpointer::noteWrite()
{
    quint64 number = 0;
    {
        const std::lock_guard lock(m_mutex);
        number = ++m_writes;
    }
    m_wake.notify_one();
    return number;
}

void WalCheckpointer::run(std::promise<QString> opened)
{
    Store store(m_config, QStringLiteral("wal-checkpointer-%1").arg(quintptr(this), 0, 16));
    try {
        store.open();
    } catch (const StoreError &error) {
        opened.set_value(QStringLiteral("cannot checkpoint the database: %1")
                             .arg(QString::fromUtf8(error.what())));
        return;
    }
    opened.set_value(QString());
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_writes != m_checkpointedWrites; });
        if (!m_stopping)
            m_wake.wait_for(lock, kGatherWrites, [this] { return m_stopping; });
        const quint64 writes = m_writes;
        const bool stopping = m_stopping;
        lock.unlock();
        try {
            store.checkpointLog();
        } catch (const StoreError &error) {
            qCWarning(lcStore) << "WAL checkpoint failed:" << error.what();
        }
        lock.lock();
        m_checkpointedWrites = writes;
        if (stopping)
            break;
    }
}

} // namespace Palomar::Server
