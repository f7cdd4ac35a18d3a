#include "server.h"

#include "epolldispatcher.h"
#include "worker.h"

#include "admin/adminsocket.h"
#include "core/handlerset.h"
#include "core/housekeeping.h"
#include "core/metrics.h"
#include "metricsserver.h"
#include "platform/logformat.h"
#include "store/notificationlistener.h"
#include "store/storeexecutor.h"
#include "store/walcheckpointer.h"
#include "tlssetup.h"

#include <QDateTime>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QScopedValueRollback>
#include <QThread>

#include <sys/socket.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcNet)

namespace Palomar::Server {

namespace {
constexpr int kListenBacklog = 4096;

// The client address of an accepted descriptor, as ConnectionLimits counts it.
QString peerAddressOf(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return ConnectionLimits::addressKey(QHostAddress(reinterpret_cast<sockaddr *>(&address)));
}
} // namespace

Server::Server(const ServerConfig &config, qint64 instanceId, QObject *parent)
    : QTcpServer(parent), m_config(config), m_instanceId(instanceId),
      m_limits(config.maxConnections, config.maxConnectionsPerAddress)
{
    m_started = QDateTime::currentMSecsSinceEpoch();
    m_uptime.start();
    m_hashPool.setMaxThreadCount(config.hashThreads);
    setListenBacklogSize(kListenBacklog);
}

Server::~Server()
{
    m_metrics.reset();
    m_housekeeping.reset();
    m_listener.reset();
    // Each worker is destroyed in its own thread, where its sockets, timers
    // and database connection live (also when start() failed half-way).
    for (qsizetype i = 0; i < m_workers.size(); ++i) {
        Worker *worker = m_workers.at(i);
        QThread *thread = m_threads.at(i);
        if (thread->isRunning())
            QMetaObject::invokeMethod(
                worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        else
            delete worker;
        thread->quit();
        thread->wait();
    }
    m_workers.clear();
    qDeleteAll(m_threads);
    m_hashPool.waitForDone();
    m_executor.reset();     // runs what is left, then closes the connections
    m_admin.reset();        // its pending answers are posted by store jobs
    m_checkpointer.reset(); // after the last writes
}

bool Server::bindPorts(QString *error)
{
    if (!listen(m_config.host, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.host.toString())
                     .arg(m_config.port)
                     .arg(errorString());
        return false;
    }
    pauseAccepting(); // until the store and the network threads are ready
    if (m_config.metricsHost) {
        m_metrics = std::make_unique<MetricsServer>(
            [this] { return metrics(); },
            [this](MetricsServer::Verdict verdict) { probeDatabase(std::move(verdict)); });
        if (!m_metrics->start(*m_config.metricsHost, m_config.metricsPort, error))
            return false;
    }
    return true;
}

bool Server::start(QString *error)
{
    if (!isListening() && !bindPorts(error))
        return false;
    if (m_config.store.backend == StoreConfig::Backend::Sqlite) {
        m_checkpointer = std::make_unique<WalCheckpointer>(m_config.store);
        if (!m_checkpointer->start(error))
            return false;
    }
    // Several instances may share a PostgreSQL database: a sync then reads
    // the inbox, as memory may not hold what another instance added.
    m_polls.setSoleWriter(m_config.store.backend == StoreConfig::Backend::Sqlite);
    StoreExecutor::Options options;
    options.store = m_config.store;
    options.connections = m_config.dbConnections;
    options.makeState = [this](StoreContext &context) -> std::unique_ptr<StoreThreadState> {
        return std::make_unique<HandlerSet>(
            context, HandlerSet::Shared{m_polls, m_config, m_hashPool, *m_executor, m_instanceId});
    };
    options.committed = [](size_t jobs, std::chrono::steady_clock::duration elapsed) {
        Metrics::storeBatch(jobs);
        Metrics::storeCommit(elapsed);
    };
    if (m_checkpointer)
        options.afterWrite = [checkpointer = m_checkpointer.get()] { checkpointer->noteWrite(); };
    // Kicks come from store threads (this instance's admin operations) and
    // from the listener (other instances'): the workers are reached from here.
    m_directory.setKickHandler([this](qint64 userId) {
        QMetaObject::invokeMethod(
            this, [this, userId] { closeUser(userId); }, Qt::QueuedConnection);
    });
    m_executor = std::make_unique<StoreExecutor>(std::move(options), m_directory);
    if (!m_executor->start(error))
        return false;
    // What other instances on the same database publish; and, for them,
    // the lock that says this instance is alive.
    NotificationListener::Handlers handlers;
    handlers.woken = [this](const QList<std::pair<qint64, qint64>> &users) {
        m_polls.announceRemote(users);
    };
    handlers.invalidated = [this](const QStringList &keys) {
        for (const QString &key : keys)
            m_directory.forget(key);
    };
    handlers.noticed = [this](const QList<qint64> &users, const QString &key,
                              const QJsonObject &notice,
                              qint64 holdMs) { m_polls.notify(users, key, notice, holdMs); };
    handlers.resynchronize = [this] {
        m_directory.clear();
        m_polls.forgetAll();
    };
    m_listener = std::make_unique<NotificationListener>(m_config.store, m_instanceId, handlers);
    QString failure;
    if (!m_listener->start(&failure)) {
        *error = QStringLiteral("cannot listen for other instances: %1").arg(failure);
        return false;
    }
    m_housekeeping = std::make_unique<Housekeeping>(m_config, *m_executor, m_instanceId);
    m_housekeeping->start();

    QEventLoop waitForWorkers;
    int pending = m_config.threads;
    for (int i = 0; i < m_config.threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("worker-%1").arg(i));
        thread->setEventDispatcher(new EpollEventDispatcher);
        auto *worker = new Worker(i, m_config, m_polls, *m_executor, m_limits);
        if (m_tls)
            worker->setTlsConfiguration(*m_tls);
        worker->moveToThread(thread);
        connect(thread, &QThread::started, worker, &Worker::start);
        connect(worker, &Worker::ready, &waitForWorkers, [&](bool ok, const QString &why) {
            if (!ok && failure.isEmpty())
                failure = why;
            if (--pending == 0)
                waitForWorkers.quit();
        });
        connect(worker, &Worker::stopped, this, &Server::onWorkerStopped);
        m_threads.append(thread);
        m_workers.append(worker);
        thread->start();
    }
    waitForWorkers.exec();
    m_running = m_config.threads;
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    // Without its admin socket the server still serves: a second instance
    // on one host with the same data folder (palomar-admin reaches the
    // shared database through the first), or a data folder it cannot write
    // on PostgreSQL, where it needs none.
    m_admin = std::make_unique<AdminSocket>(m_config.adminSocket, *m_executor);
    if (!m_admin->start(&failure)) {
        qCWarning(lcNet).noquote() << "no admin socket:" << failure;
        m_admin.reset();
    }
    resumeAccepting();
    return true;
}

void Server::closeUser(qint64 userId)
{
    for (Worker *worker : std::as_const(m_workers)) {
        QMetaObject::invokeMethod(
            worker, [worker, userId] { worker->closeUser(userId); }, Qt::QueuedConnection);
    }
}

quint16 Server::metricsPort() const
{
    return m_metrics ? m_metrics->port() : 0;
}

void Server::incomingConnection(qintptr descriptor)
{
    const QString address = peerAddressOf(descriptor);
    const ConnectionLimits::Admission admission =
        m_stopping ? ConnectionLimits::Admission::TotalFull : m_limits.admit(address);
    if (admission != ConnectionLimits::Admission::Admitted) {
        if (admission == ConnectionLimits::Admission::AddressFull)
            qCWarning(lcNet).noquote()
                << QStringLiteral("refusing a connection from %1: at the limit of %2 connections "
                                  "per address that have not logged in")
                       .arg(address)
                       .arg(m_config.maxConnectionsPerAddress);
        else if (!m_stopping)
            qCWarning(lcNet) << "refusing a connection: at the limit of" << m_config.maxConnections;
        ::close(int(descriptor));
        return;
    }
    Worker *worker = m_workers.at(m_next);
    m_next = (m_next + 1) % int(m_workers.size());
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, address] { worker->addConnection(descriptor, address); },
        Qt::QueuedConnection);
}

void Server::reloadTlsConfiguration()
{
    if (!m_tls) {
        qCInfo(lcNet) << "SIGHUP: no TLS certificate to reload (the server was started without "
                         "--tls-cert)";
        return;
    }
    if (m_reloading || m_stopping)
        return;
    const QScopedValueRollback reloading(m_reloading, true);
    QSslConfiguration tls;
    QString error;
    if (!loadTlsConfiguration(m_config.tlsCertificate, m_config.tlsKey, &tls, &error)) {
        qCWarning(lcNet).noquote() << "SIGHUP: keeping the current TLS certificate:" << error;
        return;
    }
    if (m_stopping) // stopped during the loopback handshake
        return;
    m_tls = tls;
    // Queued behind the connections already handed out, ahead of new ones.
    for (Worker *worker : std::as_const(m_workers)) {
        QMetaObject::invokeMethod(
            worker, [worker, tls] { worker->setTlsConfiguration(tls); }, Qt::QueuedConnection);
    }
    qCInfo(lcNet).noquote() << QStringLiteral("SIGHUP: reloaded the TLS certificate %1 (%2)")
                                   .arg(m_config.tlsCertificate, describeCertificate(tls));
}

void Server::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    close();
    if (m_admin)
        m_admin->stop();
    if (m_workers.isEmpty()) {
        emit stopped();
        return;
    }
    for (Worker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &Worker::shutdown, Qt::QueuedConnection);
}

void Server::onWorkerStopped()
{
    if (--m_running > 0)
        return;
    // Every connection is closed; what the hashing pool and the store still
    // have runs to its end (the detached sessions among it), then this
    // instance says it is gone.
    m_hashPool.waitForDone();
    m_housekeeping->finish();
    m_executor->stop();
    const StoreCounters &counters = Store::counters();
    using Platform::LogFormat::counted;
    qCInfo(lcNet).noquote()
        << QStringLiteral("the store ran %1, %2, %3 of %4, %5")
               .arg(counted(qint64(counters.statements.load()), "statement", "statements"),
                    counted(qint64(counters.commits.load()), "commit", "commits"),
                    counted(qint64(m_executor->batches()), "batch", "batches"),
                    counted(qint64(m_executor->batchedJobs()), "write request", "write requests"),
                    counted(qint64(counters.conflicts.load()), "conflict retried",
                            "conflicts retried"));
    emit stopped();
}

} // namespace Palomar::Server
