#include "worker.h"

#include "connection.h"
#include "connectionlimits.h"
#include "core/dispatcher.h"
#include "core/serverconfig.h"
#include "tlshandshake.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QThread>

#include <atomic>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcNet)

namespace Palomar::Server {

namespace {
constexpr int kShutdownGraceMs = 10 * 1000;
} // namespace

Worker::Worker(int index, const ServerConfig &config, PollRegistry &polls, StoreExecutor &executor,
               ConnectionLimits &limits)
    : m_index(index), m_config(config), m_polls(polls), m_executor(executor), m_limits(limits),
      m_shutdownDeadline(this)
{}

Worker::~Worker()
{
    // Connections first (they use the dispatcher).
    qDeleteAll(m_connections);
    m_connections.clear();
    m_admitted.clear();
}

void Worker::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

void Worker::start()
{
    m_dispatcher = std::make_unique<Dispatcher>(m_config, m_executor, *this);
    emit ready(true, QString());
}

void Worker::addConnection(qintptr descriptor, const QString &address)
{
    if (m_stopping || !m_dispatcher) {
        ::close(int(descriptor));
        m_limits.release(address, 0);
        return;
    }
    if (m_tls) {
        startHandshake(descriptor, address);
        return;
    }
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcNet).noquote() << "cannot take an accepted socket:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));
        m_limits.release(address, 0);
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
        m_limits.release(address, 0);
    });
}

void Worker::serve(QTcpSocket *socket, const QString &address)
{
    // Numbered across the process, so a log line's "connection 42" names one.
    static std::atomic<quint64> nextId = 1;
    const quint64 id = nextId++;
    auto *connection = new Connection(id, socket, *m_dispatcher, m_polls, *this, m_config, this);
    m_connections.insert(id, connection);
    m_admitted.insert(connection, Admitted{address, 0});
    connect(connection, &Connection::closed, this, &Worker::onConnectionClosed);
    connect(connection, &Connection::boundUserChanged, this, &Worker::onBoundUserChanged);
}

void Worker::complete(quint64 connectionId, const Completion &completion)
{
    if (Connection *connection = m_connections.value(connectionId)) {
        connection->complete(completion);
        return;
    }
    // The connection closed while the store worked on its request: the
    // session that request left bound is detached.
    if (completion.adoptSession && m_dispatcher)
        m_dispatcher->disconnected(completion.session, QString());
}

void Worker::woken(const QList<std::pair<quint64, QList<CommittedEvent>>> &connections)
{
    for (const auto &[id, events] : connections) {
        if (Connection *connection = m_connections.value(id))
            connection->woken(events);
    }
}

void Worker::onBoundUserChanged(Connection *connection, qint64 userId)
{
    const auto it = m_admitted.find(connection);
    if (it == m_admitted.end() || it->userId == userId)
        return;
    m_limits.rebind(it->address, it->userId, userId);
    it->userId = userId;
}

void Worker::closeUser(qint64 userId)
{
    QList<Connection *> kicked;
    for (auto it = m_admitted.cbegin(); it != m_admitted.cend(); ++it) {
        if (it->userId == userId)
            kicked.append(it.key());
    }
    for (Connection *connection : kicked)
        connection->drop(QStringLiteral("the kicked user's"));
}

void Worker::onConnectionClosed(Connection *connection)
{
    if (m_connections.remove(connection->id())) {
        const Admitted admitted = m_admitted.take(connection);
        m_limits.release(admitted.address, admitted.userId);
    }
    if (m_stopping && m_connections.isEmpty())
        finishShutdown();
}

void Worker::shutdown()
{
    m_stopping = true;
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
    const QList<Connection *> connections = m_connections.values();
    for (Connection *connection : connections)
        connection->shutdown();
}

void Worker::finishShutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_shutdownDeadline.stop();
    qDeleteAll(m_connections);
    m_connections.clear();
    m_admitted.clear();
    emit stopped();
}

} // namespace Palomar::Server
