#include "walcheckpointer.h"

#include "writegate.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Palomar::Server {

namespace {

// How long writes may pile up in the log before a checkpoint copies them: a
// busy server checkpoints about ten times a second, each time a few hundred
// pages, and an idle one not at all.
constexpr std::chrono::milliseconds kGatherWrites(100);

// Passive: copies what no reader still needs, never waits for a lock.
bool checkpoint(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

WalCheckpointer::WalCheckpointer(const StoreConfig &config)
    : m_config(config), m_gate(WriteGate::forFile(config.sqlitePath))
{}

WalCheckpointer::~WalCheckpointer()
{
    m_gate->setWriteListener({});
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
    m_gate->setWriteListener([this] { onWrite(); });
    return true;
}

qint64 WalCheckpointer::checkpoints() const
{
    const std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

void WalCheckpointer::onWrite()
{
    {
        const std::lock_guard lock(m_mutex);
        ++m_writes;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run(std::promise<QString> opened)
{
    const QString name = QStringLiteral("wal-checkpointer-%1").arg(quintptr(this), 0, 16);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            opened.set_value(QStringLiteral("cannot open %1 to checkpoint it: %2")
                                 .arg(m_config.sqlitePath, db.lastError().text()));
        } else {
            opened.set_value(QString());
            std::unique_lock lock(m_mutex);
            for (;;) {
                m_wake.wait(lock,
                            [this] { return m_stopping || m_writes != m_checkpointedWrites; });
                if (!m_stopping)
                    m_wake.wait_for(lock, kGatherWrites, [this] { return m_stopping; });
                const quint64 writes = m_writes;
                const bool stopping = m_stopping;
                lock.unlock();
                QString error;
                if (!checkpoint(db, &error))
                    qCWarning(lcStore) << "WAL checkpoint failed:" << error;
                lock.lock();
                m_checkpointedWrites = writes;
                ++m_checkpoints;
                if (stopping)
                    break;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace Palomar::Server
