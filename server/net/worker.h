#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

class QTcpSocket;
class QThreadPool;

namespace Palomar::Server {

class Connection;
class ConnectionLimits;
class Dispatcher;
class PollRegistry;
class Store;
class TlsHandshake;
struct ServerConfig;

// One worker thread's world: its event loop serves the connections handed to
// it, with its own Store (database connection) and Dispatcher. Created on the
// main thread, moved to its QThread, started from QThread::started.
class Worker : public QObject
{
    Q_OBJECT

public:
    Worker(int index, const ServerConfig &config, PollRegistry &polls, QThreadPool &hashPool,
           ConnectionLimits &limits);
    ~Worker() override;

    // Serve TLS with `configuration`: each new connection first completes a
    // handshake (within --tls-handshake-timeout). Called before start().
    void setTlsConfiguration(const QSslConfiguration &configuration);

    Q_INVOKABLE void start();
    // `address` is the key the connection was admitted under (ConnectionLimits).
    Q_INVOKABLE void addConnection(qintptr descriptor, const QString &address);
    Q_INVOKABLE void shutdown();

signals:
    void ready(bool ok, const QString &error);
    void stopped();

private:
    void serve(QTcpSocket *socket, const QString &address);
    void startHandshake(qintptr descriptor, const QString &address);
    void onConnectionClosed(Connection *connection);
    void housekeeping();
    void finishShutdown();

    int m_index;
    const ServerConfig &m_config;
    PollRegistry &m_polls;
    QThreadPool &m_hashPool;
    ConnectionLimits &m_limits;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Dispatcher> m_dispatcher;
    QSet<Connection *> m_connections;
    QHash<Connection *, QString> m_addresses;
    std::optional<QSslConfiguration> m_tls;
    QSet<TlsHandshake *> m_handshakes; // they count against the connection limits too
    QTimer m_housekeeping;
    QTimer m_shutdownDeadline;
    bool m_stopping = false;
};

} // namespace Palomar::Server
