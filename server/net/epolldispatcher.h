#pragma once

#include <QAbstractEventDispatcher>

#include <atomic>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Palomar::Server {

// An event dispatcher on Linux's epoll, for the worker threads. Qt's own
// (glib's, or the plain Unix one) hands poll() the whole list of sockets at
// every wake-up, so each wake-up of a thread serving N connections costs
// O(N) in the kernel; here it costs what is ready. Interest changes are
// applied once per wait, so a notifier switched on and off again between two
// waits (QAbstractSocket does that with its write notifier) costs nothing.
// Timers are kept ordered by deadline, at millisecond precision, and all
// timer types are treated as precise.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    using QAbstractEventDispatcher::registerTimer;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 serial = 0;  // tells this registration of the fd from an earlier one
        quint32 applied = 0; // the epoll events the kernel has for it
        bool inKernel = false;
        bool dirty = false;
    };
    struct Timer
    {
        qint64 interval = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadline = 0; // ms on the monotonic clock
        bool firing = false; // in its own timerEvent (a nested loop must not re-fire it)
    };

    static qint64 nowMs();
    void applyInterest();
    int waitTimeout(QEventLoop::ProcessEventsFlags flags) const;
    bool deliverSocketEvent(quint64 data, quint32 events);
    bool activateTimers();
    void drainWakeUps();

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakePending = false;
    std::atomic<bool> m_interrupted = false;

    std::unordered_map<int, Watch> m_watches;
    std::vector<int> m_dirty;
    quint32 m_nextSerial = 1;

    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_deadlines; // (deadline, timer id)
    std::unordered_multimap<QObject *, int> m_timersOf;
};

} // namespace Palomar::Server
