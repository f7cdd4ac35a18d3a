#include "epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <ctime>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace Palomar::Server {

namespace {

constexpr int kMaxEventsPerWait = 256;
constexpr quint64 kWakeUpData = ~quint64(0);

quint64 packed(int fd, quint32 serial)
{
    return quint64(quint32(fd)) | (quint64(serial) << 32);
}

quint32 wantedEvents(QSocketNotifier *read, QSocketNotifier *write, QSocketNotifier *exception)
{
    return (read ? quint32(EPOLLIN) : 0) | (write ? quint32(EPOLLOUT) : 0) |
           (exception ? quint32(EPOLLPRI) : 0);
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("cannot create an epoll event dispatcher: %s", strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = kWakeUpData;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("cannot watch the event dispatcher's wake-up descriptor: %s", strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

qint64 EpollEventDispatcher::nowMs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// ---- sockets

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    auto [it, inserted] = m_watches.try_emplace(fd);
    Watch &watch = it->second;
    if (inserted)
        watch.serial = m_nextSerial++;
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watch.read = notifier;
        break;
    case QSocketNotifier::Write:
        watch.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watch.exception = notifier;
        break;
    }
    if (!std::exchange(watch.dirty, true))
        m_dirty.push_back(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const auto it = m_watches.find(int(notifier->socket()));
    if (it == m_watches.end())
        return;
    Watch &watch = it->second;
    for (QSocketNotifier **slot : {&watch.read, &watch.write, &watch.exception}) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    if (wantedEvents(watch.read, watch.write, watch.exception) == 0) {
        // Forgotten at once, not at the next wait: the descriptor is usually
        // closed next, and its number may come back for another socket
        // before then, which must then be added to the set afresh.
        if (watch.inKernel)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, it->first, nullptr);
        m_watches.erase(it);
        return;
    }
    if (!std::exchange(watch.dirty, true))
        m_dirty.push_back(it->first);
}

// Tells the kernel what changed since the last wait, once per descriptor.
void EpollEventDispatcher::applyInterest()
{
    for (const int fd : m_dirty) {
        const auto it = m_watches.find(fd);
        if (it == m_watches.end())
            continue;
        Watch &watch = it->second;
        watch.dirty = false;
        const quint32 wanted = wantedEvents(watch.read, watch.write, watch.exception);
        if (watch.inKernel && wanted == watch.applied)
            continue;
        epoll_event event{};
        event.events = wanted;
        event.data.u64 = packed(fd, watch.serial);
        // ADD and MOD each fall back on the other: a descriptor closed and
        // reopened under the same number between two waits left the set.
        int result = epoll_ctl(m_epoll, watch.inKernel ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        if (result != 0 && errno == ENOENT)
            result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        else if (result != 0 && errno == EEXIST)
            result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
        if (result != 0) {
            qWarning("epoll_ctl on descriptor %d failed: %s", fd, strerror(errno));
            continue;
        }
        watch.inKernel = true;
        watch.applied = wanted;
    }
    m_dirty.clear();
}

bool EpollEventDispatcher::deliverSocketEvent(quint64 data, quint32 events)
{
    const int fd = int(quint32(data));
    const quint32 serial = quint32(data >> 32);
    bool delivered = false;
    // Looked up afresh before each delivery: the previous one may have
    // switched notifiers off, deleted them or closed the descriptor.
    const auto notifierFor = [&](QSocketNotifier *Watch::*slot) -> QSocketNotifier * {
        const auto it = m_watches.find(fd);
        return it == m_watches.end() || it->second.serial != serial ? nullptr : it->second.*slot;
    };
    const auto deliver = [&](QSocketNotifier *notifier) {
        if (!notifier)
            return;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        delivered = true;
    };
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP))
        deliver(notifierFor(&Watch::read));
    if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
        deliver(notifierFor(&Watch::write));
    if (events & EPOLLPRI)
        deliver(notifierFor(&Watch::exception));
    return delivered;
}

// ---- timers

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    Timer timer{qMax<qint64>(interval, 0), timerType, object, nowMs() + qMax<qint64>(interval, 0)};
    m_timers[timerId] = timer;
    m_deadlines.emplace(timer.deadline, timerId);
    m_timersOf.emplace(object, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->second.deadline, timerId});
    auto [first, last] = m_timersOf.equal_range(it->second.object);
    for (auto owned = first; owned != last; ++owned) {
        if (owned->second == timerId) {
            m_timersOf.erase(owned);
            break;
        }
    }
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    auto [first, last] = m_timersOf.equal_range(object);
    if (first == last)
        return false;
    for (auto owned = first; owned != last; ++owned) {
        const auto it = m_timers.find(owned->second);
        m_deadlines.erase({it->second.deadline, it->first});
        m_timers.erase(it);
    }
    m_timersOf.erase(object);
    return true;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    auto [first, last] = m_timersOf.equal_range(object);
    for (auto owned = first; owned != last; ++owned) {
        const Timer &timer = m_timers.at(owned->second);
        timers.append(TimerInfo(owned->second, int(timer.interval), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    return int(qMax<qint64>(it->second.deadline - nowMs(), 0));
}

// Fires every timer that is due, each once, in deadline order.
bool EpollEventDispatcher::activateTimers()
{
    if (m_deadlines.empty())
        return false;
    const qint64 now = nowMs();
    std::vector<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        due.push_back(it->second);
    bool fired = false;
    for (const int timerId : due) {
        const auto it = m_timers.find(timerId);
        // Stopped, or restarted with a later deadline, by an earlier one.
        if (it == m_timers.end() || it->second.deadline > now || it->second.firing)
            continue;
        Timer &timer = it->second;
        m_deadlines.erase({timer.deadline, timerId});
        // The next deadline follows the last, unless the thread fell behind.
        timer.deadline += timer.interval;
        if (timer.deadline <= now)
            timer.deadline = now + timer.interval;
        m_deadlines.emplace(timer.deadline, timerId);
        timer.firing = true;
        QObject *object = timer.object;
        QTimerEvent event(timerId);
        QCoreApplication::sendEvent(object, &event);
        fired = true;
        // The timer may be gone now, or another under the same id.
        if (const auto still = m_timers.find(timerId); still != m_timers.end())
            still->second.firing = false;
    }
    return fired;
}

// ---- the loop

int EpollEventDispatcher::waitTimeout(QEventLoop::ProcessEventsFlags flags) const
{
    if (!(flags & QEventLoop::WaitForMoreEvents) || m_interrupted.load())
        return 0;
    if (m_deadlines.empty())
        return -1;
    const qint64 left = m_deadlines.begin()->first - nowMs();
    return int(qBound<qint64>(0, left, qint64(24) * 3600 * 1000));
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.load())
        return true;

    applyInterest();
    const int timeout = waitTimeout(flags);
    if (timeout != 0)
        emit aboutToBlock();
    epoll_event events[kMaxEventsPerWait];
    int ready = epoll_wait(m_epoll, events, kMaxEventsPerWait, timeout);
    if (ready < 0) {
        if (errno != EINTR)
            qWarning("epoll_wait failed: %s", strerror(errno));
        ready = 0;
    }
    if (timeout != 0)
        emit awake();

    bool handled = false;
    for (int i = 0; i < ready; ++i) {
        if (events[i].data.u64 == kWakeUpData) {
            drainWakeUps();
            handled = true;
        } else if (!(flags & QEventLoop::ExcludeSocketNotifiers)) {
            handled = deliverSocketEvent(events[i].data.u64, events[i].events) || handled;
        }
    }
    if (!(flags & QEventLoop::X11ExcludeTimers))
        handled = activateTimers() || handled;
    return handled;
}

void EpollEventDispatcher::drainWakeUps()
{
    eventfd_t count = 0;
    (void)eventfd_read(m_wakeFd, &count);
    // After the read: a wakeUp() from now on writes again. One that came
    // between found it pending; what it posted is sent just below.
    m_wakePending.store(false);
    // Posted events that woke us are sent at the start of the next turn,
    // or here when nothing else is due.
    QCoreApplication::sendPostedEvents();
}

void EpollEventDispatcher::wakeUp()
{
    if (!m_wakePending.exchange(true))
        (void)eventfd_write(m_wakeFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

} // namespace Palomar::Server
