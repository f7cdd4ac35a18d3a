// The worker threads' event dispatcher (server/net/epolldispatcher.*): here
// it runs this test's own main thread, so QTimer, QSocketNotifier, QTcpSocket
// and QTest's waiting all go through it.
#include "net/epolldispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

using Palomar::Server::EpollEventDispatcher;

namespace {

struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds); }
    ~SocketPair()
    {
        for (const int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    void send(char byte = 'x') { QCOMPARE(::write(fds[1], &byte, 1), ssize_t(1)); }
    void drain()
    {
        char buffer[64];
        while (::read(fds[0], buffer, sizeof buffer) > 0) {
        }
    }
};

// Counts `notifier`'s activations in `count`, draining `pair` each time.
void countDrained(QSocketNotifier &notifier, SocketPair &pair, int *count)
{
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&pair, count] {
        ++*count;
        pair.drain();
    });
}

class TimerCounter : public QObject
{
public:
    int fired = 0;

protected:
    void timerEvent(QTimerEvent *) override { ++fired; }
};

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void isInstalled();
    void timersFireInDeadlineOrder();
    void repeatingTimerStopsFromItsSlot();
    void timerRestartedInItsSlot();
    void remainingAndRegisteredTimers();
    void deletedObjectsTimersAreGone();
    void notifierFollowsEnabled();
    void notifierDeletedInItsSlot();
    void reusedDescriptorIsWatched();
    void otherThreadsWakeItUp();
    void tcpRoundTrip();
};

void TestEpollDispatcher::isInstalled()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEpollDispatcher::timersFireInDeadlineOrder()
{
    QStringList order;
    QTimer::singleShot(60, Qt::PreciseTimer, this, [&] { order.append(QStringLiteral("60")); });
    QTimer::singleShot(20, Qt::PreciseTimer, this, [&] { order.append(QStringLiteral("20")); });
    QTimer::singleShot(40, Qt::CoarseTimer, this, [&] { order.append(QStringLiteral("40")); });
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), qsizetype(3), 5000);
    QVERIFY(clock.elapsed() >= 59);
    QCOMPARE(order,
             (QStringList{QStringLiteral("20"), QStringLiteral("40"), QStringLiteral("60")}));
}

void TestEpollDispatcher::repeatingTimerStopsFromItsSlot()
{
    QTimer timer;
    timer.setInterval(5);
    int fired = 0;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (++fired == 3)
            timer.stop();
    });
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(fired, 3, 5000);
    QTest::qWait(50);
    QCOMPARE(fired, 3);
    QVERIFY(!timer.isActive());
}

void TestEpollDispatcher::timerRestartedInItsSlot()
{
    QTimer timer;
    timer.setSingleShot(true);
    timer.setInterval(10);
    int fired = 0;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (++fired == 1)
            timer.start(); // again, under a new or the same id
    });
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(fired, 2, 5000);
    QTest::qWait(50);
    QCOMPARE(fired, 2);
}

void TestEpollDispatcher::remainingAndRegisteredTimers()
{
    TimerCounter counter;
    const int id = counter.startTimer(1000);
    auto *dispatcher = QAbstractEventDispatcher::instance();
    const int left = dispatcher->remainingTime(id);
    QVERIFY2(left > 900 && left <= 1000, qPrintable(QString::number(left)));
    const auto timers = dispatcher->registeredTimers(&counter);
    QCOMPARE(timers.size(), qsizetype(1));
    QCOMPARE(timers.first().timerId, id);
    QCOMPARE(timers.first().interval, 1000);
    counter.killTimer(id);
    QCOMPARE(dispatcher->remainingTime(id), -1);
    QVERIFY(dispatcher->registeredTimers(&counter).isEmpty());
}

void TestEpollDispatcher::deletedObjectsTimersAreGone()
{
    TimerCounter survivor;
    survivor.startTimer(5);
    auto *doomed = new TimerCounter;
    doomed->startTimer(5);
    doomed->startTimer(7);
    QTRY_VERIFY_WITH_TIMEOUT(doomed->fired >= 2, 5000);
    delete doomed; // its timers must not fire into freed memory (ASan would say)
    const int before = survivor.fired;
    QTRY_VERIFY_WITH_TIMEOUT(survivor.fired >= before + 3, 5000);
}

void TestEpollDispatcher::notifierFollowsEnabled()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    countDrained(notifier, pair, &activations);
    pair.send();
    QTRY_COMPARE_WITH_TIMEOUT(activations, 1, 5000);
    notifier.setEnabled(false);
    pair.send();
    QTest::qWait(50);
    QCOMPARE(activations, 1);
    notifier.setEnabled(true); // the byte waiting is reported now
    QTRY_COMPARE_WITH_TIMEOUT(activations, 2, 5000);
}

void TestEpollDispatcher::notifierDeletedInItsSlot()
{
    SocketPair pair;
    auto *notifier = new QSocketNotifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    // Not drained: the descriptor stays readable, so a notifier still
    // registered would be activated again and again.
    connect(notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        delete notifier;
    });
    pair.send();
    QTRY_COMPARE_WITH_TIMEOUT(activations, 1, 5000);
    QTest::qWait(50);
    QCOMPARE(activations, 1);
}

void TestEpollDispatcher::reusedDescriptorIsWatched()
{
    // A socket closes and the next one gets its descriptor number before the
    // dispatcher waits again (a worker does that in a reconnection storm):
    // the new one must be watched, not mistaken for the old.
    auto first = std::make_unique<SocketPair>();
    auto notifier = std::make_unique<QSocketNotifier>(first->fds[0], QSocketNotifier::Read);
    QTest::qWait(10); // watched in the kernel now
    const int number = first->fds[0];
    notifier.reset();
    ::close(first->fds[0]);
    first->fds[0] = -1;
    SocketPair second;
    QCOMPARE(second.fds[0], number); // the lowest free number, reused
    QSocketNotifier reused(second.fds[0], QSocketNotifier::Read);
    int activations = 0;
    countDrained(reused, second, &activations);
    second.send();
    QTRY_COMPARE_WITH_TIMEOUT(activations, 1, 2000);
}

void TestEpollDispatcher::otherThreadsWakeItUp()
{
    // Another thread posts to this one while it sleeps in epoll_wait.
    std::atomic<int> calls = 0;
    std::unique_ptr<QThread> poster(QThread::create([this, &calls] {
        for (int i = 0; i < 100; ++i) {
            QMetaObject::invokeMethod(
                this, [&calls] { ++calls; }, Qt::QueuedConnection);
            QThread::usleep(200);
        }
    }));
    poster->start();
    QTRY_COMPARE_WITH_TIMEOUT(calls.load(), 100, 5000);
    poster->wait();

    // And a thread of its own: started, served, stopped by quit().
    QThread worker;
    worker.setEventDispatcher(new EpollEventDispatcher);
    QObject context;
    context.moveToThread(&worker);
    worker.start();
    std::atomic<bool> ranThere = false;
    QMetaObject::invokeMethod(
        &context, [&] { ranThere = QThread::currentThread() != qApp->thread(); },
        Qt::BlockingQueuedConnection);
    QVERIFY(ranThere);
    worker.quit();
    QVERIFY(worker.wait(5000));
}

void TestEpollDispatcher::tcpRoundTrip()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket *accepted = nullptr;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        accepted = server.nextPendingConnection();
        connect(accepted, &QTcpSocket::readyRead, accepted,
                [accepted] { accepted->write(accepted->readAll()); }); // echo
    });
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    // More than the kernel buffers hold: the write notifiers come and go.
    QByteArray sent(4 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < sent.size(); ++i)
        sent[i] = char(i * 31 + i / 7);
    client.write(sent);
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), sent.size(), 20000);
    QVERIFY(received == sent);
    client.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(accepted && accepted->state() == QAbstractSocket::UnconnectedState,
                             5000);
}

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
