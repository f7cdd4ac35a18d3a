#include "worker.h"

#include "connection.h"
#include "core/dispatcher.h"
#include "core/serverconfig.h"
#include "core/sessionguard.h"
#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>

#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcNet)

namespace Palomar::Server {

namespace {
constexpr int kHousekeepingMs = 60 * 1000;
constexpr int kShutdownGraceMs = 10 * 1000;
} // namespace

Worker::Worker(int index, const ServerConfig &config, PollRegistry &polls, QThreadPool &hashPool,
               std::atomic<int> &connectionCount)
    : m_index(index), m_config(config), m_polls(polls), m_hashPool(hashPool),
      m_connectionCount(connectionCount), m_housekeeping(this), m_shutdownDeadline(this)
{}

Worker::~Worker() = default;

void Worker::start()
{
    try {
        m_store = std::make_unique<Store>(m_config.store, QStringLiteral("worker-%1").arg(m_index));
        m_store->open();
    } catch (const StoreError &error) {
        emit ready(false, QString::fromUtf8(error.what()));
        return;
    }
    m_dispatcher = std::make_unique<Dispatcher>(Services{*m_store, m_polls, m_config, m_hashPool});
    if (m_index == 0) {
        m_housekeeping.setInterval(kHousekeepingMs);
        connect(&m_housekeeping, &QTimer::timeout, this, &Worker::housekeeping);
        m_housekeeping.start();
    }
    emit ready(true, QString());
}

void Worker::addConnection(qintptr descriptor)
{
    if (m_stopping || !m_dispatcher) {
        ::close(int(descriptor));
        m_connectionCount.fetch_sub(1);
        return;
    }
    auto *connection = new Connection(descriptor, *m_dispatcher, m_polls, m_config, this);
    m_connections.insert(connection);
    connect(connection, &Connection::closed, this, &Worker::onConnectionClosed);
}

void Worker::onConnectionClosed(Connection *connection)
{
    if (m_connections.remove(connection))
        m_connectionCount.fetch_sub(1);
    if (m_stopping && m_connections.isEmpty())
        finishShutdown();
}

void Worker::housekeeping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    try {
        const int expired =
            m_store->deleteExpiredSessions(SessionGuard::expiryCutoff(m_config, now));
        m_store->expireReplaced(SessionGuard::expiryCutoff(m_config, now));
        if (expired > 0)
            qCInfo(lcNet) << "ended" << expired << "expired sessions";
        m_store->expireLoginFailures(now - 3600 * 1000);
    } catch (const StoreError &error) {
        qCWarning(lcNet) << "housekeeping failed:" << error.what();
    }
}

void Worker::shutdown()
{
    m_stopping = true;
    m_housekeeping.stop();
    if (m_connections.isEmpty()) {
        finishShutdown();
        return;
    }
    m_shutdownDeadline.setSingleShot(true);
    connect(&m_shutdownDeadline, &QTimer::timeout, this, &Worker::finishShutdown);
    m_shutdownDeadline.start(kShutdownGraceMs);
    const QSet<Connection *> connections = m_connections;
    for (Connection *connection : connections)
        connection->shutdown();
}

void Worker::finishShutdown()
{
    if (!m_store)
        return;
    m_shutdownDeadline.stop();
    // Connections first (they use the dispatcher), then the database.
    qDeleteAll(m_connections);
    m_connections.clear();
    m_dispatcher.reset();
    m_store.reset();
    emit stopped();
}

} // namespace Palomar::Server
