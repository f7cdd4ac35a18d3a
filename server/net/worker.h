#pragma once

#include "core/pollregistry.h"
#include "core/storecall.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

class QTcpSocket;

namespace Palomar::Server {

class Connection;
class ConnectionLimits;
class Dispatcher;
class PollRegistry;
class StoreExecutor;
class TlsHandshake;
struct ServerConfig;

// One network thread's world: its event loop serves the connections handed
// to it and hands their requests to the store executor, whose results come
// back here (CompletionSink). No database connection of its own: nothing
// here waits for the disk. Created on the main thread, moved to its
// QThread, started from QThread::started.
class Worker : public QObject, public CompletionSink, public PollSink
{
    Q_OBJECT

public:
    Worker(int index, const ServerConfig &config, PollRegistry &polls, StoreExecutor &executor,
           ConnectionLimits &limits);
    ~Worker() override;

    // Serve TLS with `configuration`: each new connection first completes a
    // handshake (within --tls-handshake-timeout). Called before start(), and
    // on the worker's thread when the certificate is reloaded (SIGHUP):
    // connections handed over from then on use the new one, open ones and
    // handshakes under way keep theirs.
    void setTlsConfiguration(const QSslConfiguration &configuration);

    Q_INVOKABLE void start();
    // `address` is the key the connection was admitted under (ConnectionLimits).
    Q_INVOKABLE void addConnection(qintptr descriptor, const QString &address);
    Q_INVOKABLE void shutdown();
    // Closes this thread's connections logged in as `userId` (Directory::userKicked).
    void closeUser(qint64 userId);

    // CompletionSink
    QObject *sinkObject() override { return this; }
    void complete(quint64 connectionId, const Completion &completion) override;
    // PollSink
    QObject *pollObject() override { return this; }
    void woken(const QList<std::pair<quint64, QList<CommittedEvent>>> &connections) override;

signals:
    void ready(bool ok, const QString &error);
    void stopped();

private:
    void serve(QTcpSocket *socket, const QString &address);
    void startHandshake(qintptr descriptor, const QString &address);
    void onConnectionClosed(Connection *connection);
    void onBoundUserChanged(Connection *connection, qint64 userId);
    void finishShutdown();

    int m_index;
    const ServerConfig &m_config;
    PollRegistry &m_polls;
    StoreExecutor &m_executor;
    ConnectionLimits &m_limits;
    std::unique_ptr<Dispatcher> m_dispatcher;
    // How each connection is counted in ConnectionLimits.
    struct Admitted
    {
        QString address;
        qint64 userId = 0; // 0: not logged in
    };

    QHash<quint64, Connection *> m_connections;
    QHash<Connection *, Admitted> m_admitted;
    std::optional<QSslConfiguration> m_tls;
    QSet<TlsHandshake *> m_handshakes; // they count against the connection limits too
    QTimer m_shutdownDeadline;
    bool m_stopping = false;
    bool m_stopped = false;
};

} // namespace Palomar::Server
