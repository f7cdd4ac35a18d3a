#include "server.h"

#include "epolldispatcher.h"
#include "worker.h"

#include "store/notificationlistener.h"
#include "store/walcheckpointer.h"

#include <QEventLoop>
#include <QLoggingCategory>
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

Server::Server(const ServerConfig &config, QObject *parent)
    : QTcpServer(parent), m_config(config),
      m_limits(config.maxConnections, config.maxConnectionsPerAddress)
{
    m_hashPool.setMaxThreadCount(config.hashThreads);
    setListenBacklogSize(kListenBacklog);
}

Server::~Server()
{
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
    m_checkpointer.reset(); // after the workers' last writes
}

bool Server::start(QString *error)
{
    if (m_config.store.backend == StoreConfig::Backend::Sqlite) {
        m_checkpointer = std::make_unique<WalCheckpointer>(m_config.store);
        if (!m_checkpointer->start(error))
            return false;
    }
    QEventLoop waitForWorkers;
    int pending = m_config.threads;
    QString failure;
    for (int i = 0; i < m_config.threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("worker-%1").arg(i));
        thread->setEventDispatcher(new EpollEventDispatcher);
        auto *worker = new Worker(i, m_config, m_polls, m_hashPool, m_limits);
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
    // Wake-ups published by other instances on the same database.
    m_listener = new NotificationListener(m_config.store, this);
    connect(m_listener, &NotificationListener::usersWoken, this,
            [this](const QList<qint64> &userIds) { m_polls.wake(userIds); });
    if (!m_listener->start(&failure)) {
        *error = QStringLiteral("cannot listen for other instances' wake-ups: %1").arg(failure);
        return false;
    }
    if (!listen(m_config.host, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.host.toString())
                     .arg(m_config.port)
                     .arg(errorString());
        return false;
    }
    return true;
}

void Server::incomingConnection(qintptr descriptor)
{
    const QString address = peerAddressOf(descriptor);
    const ConnectionLimits::Admission admission =
        m_stopping ? ConnectionLimits::Admission::TotalFull : m_limits.admit(address);
    if (admission != ConnectionLimits::Admission::Admitted) {
        if (admission == ConnectionLimits::Admission::AddressFull)
            qCWarning(lcNet) << "refusing a connection from" << address << ": at the limit of"
                             << m_config.maxConnectionsPerAddress << "per address";
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

void Server::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    close();
    if (m_workers.isEmpty()) {
        emit stopped();
        return;
    }
    for (Worker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &Worker::shutdown, Qt::QueuedConnection);
}

void Server::onWorkerStopped()
{
    if (--m_running == 0) {
        m_hashPool.waitForDone();
        emit stopped();
    }
}

} // namespace Palomar::Server
