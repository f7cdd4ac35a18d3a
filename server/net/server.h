#pragma once

#include "connectionlimits.h"
#include "core/pollregistry.h"
#include "core/serverconfig.h"
#include "store/directory.h"

#include <QElapsedTimer>
#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace Palomar::Server {

class AdminSocket;
class Housekeeping;
class MetricsServer;
class NotificationListener;
class StoreExecutor;
class WalCheckpointer;
class Worker;

// Accepts connections and deals them out to a fixed pool of network threads
// (round robin); owns those threads, the store executor and its caches, the
// poll registry they share and the password-hashing pool. The listener
// itself does no protocol work, and no thread of it touches the database
// but the store executor's.
class Server : public QTcpServer
{
    Q_OBJECT

public:
    Server(const ServerConfig &config, qint64 instanceId, QObject *parent = nullptr);
    ~Server() override;

    // Serve TLS (see loadTlsConfiguration()); before start().
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }
    // SIGHUP: reads --tls-cert and --tls-key again. When they load (and pass
    // the loopback handshake), connections accepted from then on use them
    // and open ones go on with the old certificate; otherwise the old one
    // stays. Logs one line either way, and one without TLS: nothing to do.
    void reloadTlsConfiguration();
    // The metrics endpoint's port (0: none).
    quint16 metricsPort() const;

    // Listens on the client port (and the metrics port) without accepting
    // yet: a port in use fails here, before the database is touched, and
    // clients that connect meanwhile wait in the backlog until start().
    bool bindPorts(QString *error);
    // Opens the store's connections, starts the network threads, then
    // accepts (binding the ports first if bindPorts() was not called).
    bool start(QString *error);
    // Stops accepting, lets the network threads answer what is in flight
    // and close their connections, lets the store finish its work; emits
    // stopped() when all is done.
    void stop();

signals:
    void stopped();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onWorkerStopped();
    // The user's connections on every network thread close (ban, kick).
    void closeUser(qint64 userId);
    // servermetrics.cpp: /metrics, and /readyz's round trip to the database.
    QByteArray metrics() const;
    void probeDatabase(std::function<void(bool ready, const QString &why)> verdict);

    ServerConfig m_config;
    qint64 m_instanceId;
    PollRegistry m_polls;
    Directory m_directory;
    QThreadPool m_hashPool;
    ConnectionLimits m_limits;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite
    std::unique_ptr<StoreExecutor> m_executor;
    std::unique_ptr<NotificationListener> m_listener;
    std::unique_ptr<Housekeeping> m_housekeeping;
    std::unique_ptr<MetricsServer> m_metrics;
    std::unique_ptr<AdminSocket> m_admin; // destroyed after the store executor
    QList<QThread *> m_threads;
    QList<Worker *> m_workers;
    std::optional<QSslConfiguration> m_tls;
    int m_next = 0;
    int m_running = 0;
    bool m_stopping = false;
    qint64 m_started = 0; // ms since the epoch
    QElapsedTimer m_uptime;
    bool m_reloading = false; // the reload's loopback handshake runs a nested event loop
};

} // namespace Palomar::Server
