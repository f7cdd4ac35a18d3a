#include "writegate.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace Palomar::Server {

std::shared_ptr<WriteGate> WriteGate::forFile(const QString &path)
{
    static std::mutex mutex;
    static QHash<QString, std::weak_ptr<WriteGate>> gates;
    const QString key = QFileInfo(path).absoluteFilePath();
    const std::lock_guard lock(mutex);
    std::shared_ptr<WriteGate> gate = gates.value(key).lock();
    if (!gate) {
        gate = std::make_shared<WriteGate>();
        gates.insert(key, gate);
    }
    return gate;
}

bool WriteGate::lock(std::chrono::milliseconds wait)
{
    return m_mutex.try_lock_for(wait);
}

bool WriteGate::tryLock(const void *owner, std::function<void()> onFree)
{
    if (m_mutex.try_lock())
        return true;
    {
        const std::lock_guard lock(m_waitersMutex);
        m_waiters.push_back({owner, std::move(onFree)});
    }
    // Released between the two tries: the waiter registered too late to be
    // called for that unlock, so take the gate now (the waiter then fires
    // spuriously at this caller's own unlock).
    return m_mutex.try_lock();
}

void WriteGate::cancel(const void *owner)
{
    const std::lock_guard lock(m_waitersMutex);
    m_waiters.erase(std::remove_if(m_waiters.begin(), m_waiters.end(),
                                   [owner](const Waiter &waiter) { return waiter.owner == owner; }),
                    m_waiters.end());
}

void WriteGate::unlock()
{
    m_mutex.unlock();
    // Called under the lock, so that cancel() returning means no call is
    // running or can start: the callbacks only post events.
    const std::lock_guard lock(m_waitersMutex);
    std::vector<Waiter> waiters;
    waiters.swap(m_waiters);
    for (const Waiter &waiter : waiters)
        waiter.onFree();
    if (m_writeListener)
        m_writeListener();
}

void WriteGate::setWriteListener(std::function<void()> listener)
{
    const std::lock_guard lock(m_waitersMutex);
    m_writeListener = std::move(listener);
}

} // namespace Palomar::Server
