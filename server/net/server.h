#pragma once

#include "connectionlimits.h"
#include "core/pollregistry.h"
#include "core/serverconfig.h"

#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QThreadPool>

#include <memory>
#include <optional>

class QThread;

namespace Palomar::Server {

class NotificationListener;
class WalCheckpointer;
class Worker;

// Accepts connections and deals them out to a fixed pool of worker threads
// (round robin); owns those threads, the poll registry they share and the
// password-hashing pool. The listener itself does no protocol work.
class Server : public QTcpServer
{
    Q_OBJECT

public:
    explicit Server(const ServerConfig &config, QObject *parent = nullptr);
    ~Server() override;

    // Serve TLS (see loadTlsConfiguration()); before start().
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }

    // Starts the workers (each opens its database connection), then listens.
    bool start(QString *error);
    // Stops accepting, lets workers answer what is in flight and close their
    // connections and databases; emits stopped() when all are done.
    void stop();

signals:
    void stopped();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onWorkerStopped();

    ServerConfig m_config;
    PollRegistry m_polls;
    QThreadPool m_hashPool;
    ConnectionLimits m_limits;
    QList<QThread *> m_threads;
    QList<Worker *> m_workers;
    NotificationListener *m_listener = nullptr;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite
    std::optional<QSslConfiguration> m_tls;
    int m_next = 0;
    int m_running = 0;
    bool m_stopping = false;
};

} // namespace Palomar::Server
