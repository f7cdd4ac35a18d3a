#pragma once

#include <QObject>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <memory>

class QThreadPool;

namespace Palomar::Server {

class Connection;
class Dispatcher;
class PollRegistry;
class Store;
struct ServerConfig;

// One worker thread's world: its event loop serves the connections handed to
// it, with its own Store (database connection) and Dispatcher. Created on the
// main thread, moved to its QThread, started from QThread::started.
class Worker : public QObject
{
    Q_OBJECT

public:
    Worker(int index, const ServerConfig &config, PollRegistry &polls, QThreadPool &hashPool,
           std::atomic<int> &connectionCount);
    ~Worker() override;

    Q_INVOKABLE void start();
    Q_INVOKABLE void addConnection(qintptr descriptor);
    Q_INVOKABLE void shutdown();

signals:
    void ready(bool ok, const QString &error);
    void stopped();

private:
    void onConnectionClosed(Connection *connection);
    void housekeeping();
    void finishShutdown();

    int m_index;
    const ServerConfig &m_config;
    PollRegistry &m_polls;
    QThreadPool &m_hashPool;
    std::atomic<int> &m_connectionCount;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Dispatcher> m_dispatcher;
    QSet<Connection *> m_connections;
    QTimer m_housekeeping;
    QTimer m_shutdownDeadline;
    bool m_stopping = false;
};

} // namespace Palomar::Server
