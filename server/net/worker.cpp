#include "worker.h"

#include "connection.h"
#include "connectionlimits.h"
#include "core/dispatcher.h"
#include "core/serverconfig.h"
#include "core/sessionguard.h"
#include "store/store.h"
#include "tlshandshake.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QThread>

#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcNet)

namespace Palomar::Server {

namespace {
constexpr int kHousekeepingMs = 60 * 1000;
constexpr int kShutdownGraceMs = 10 * 1000;
} // namespace

Worker::Worker(int index, const ServerConfig &config, PollRegistry &polls, QThreadPool &hashPool,
               ConnectionLimits &limits)
    : m_index(index), m_config(config), m_polls(polls), m_hashPool(hashPool), m_limits(limits),
      m_housekeeping(this), m_shutdownDeadline(this)
{}

Worker::~Worker() = default;

void Worker::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

void Worker::start()
{
    try {
        m_store = std::make_unique<Store>(m_config.store, QStringLiteral("worker-%1").arg(m_index));
        m_store->open();
        m_store->handOverCheckpoints(); // to the Server's WalCheckpointer
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

void Worker::addConnection(qintptr descriptor, const QString &address)
{
    if (m_stopping || !m_dispatcher) {
        ::close(int(descriptor));
        m_limits.release(address);
        return;
    }
    if (m_tls) {
        startHandshake(descriptor, address);
        return;
    }
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcNet) << "cannot take an accepted socket:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));
        m_limits.release(address);
        return;
    }
    serve(socket, address);
}

void Worker::startHandshake(qintptr descriptor, const QString &address)
{
    auto *handshake =
        new TlsHandshake(descriptor, *m_tls, m_config.tlsHandshakeTimeout * 1000, this);
    m_handshakes.insert(handshake);
    connect(handshake, &TlsHandshake::encrypted, this,
            [this, handshake, address](QSslSocket *socket) {
                m_handshakes.remove(handshake);
                handshake->deleteLater();
                serve(socket, address);
            });
    connect(handshake, &TlsHandshake::failed, this, [this, handshake, address] {
        m_handshakes.remove(handshake);
        handshake->deleteLater();
        m_limits.release(address);
    });
}

void Worker::serve(QTcpSocket *socket, const QString &address)
{
    auto *connection = new Connection(socket, *m_dispatcher, m_polls, m_config, this);
    m_connections.insert(connection);
    m_addresses.insert(connection, address);
    connect(connection, &Connection::closed, this, &Worker::onConnectionClosed);
}

void Worker::onConnectionClosed(Connection *connection)
{
    if (m_connections.remove(connection))
        m_limits.release(m_addresses.take(connection));
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
    const QSet<TlsHandshake *> handshakes = m_handshakes;
    for (TlsHandshake *handshake : handshakes)
        handshake->abort();
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
