#include "connectionlimits.h"

namespace Palomar::Server {

QString ConnectionLimits::addressKey(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(ipv4).toString() : address.toString();
}

ConnectionLimits::Admission ConnectionLimits::admit(const QString &address)
{
    const QMutexLocker lock(&m_mutex);
    if (m_total >= m_maxTotal)
        return Admission::TotalFull;
    if (m_maxPerAddress > 0 && m_counted.value(address) >= m_maxPerAddress)
        return Admission::AddressFull;
    ++m_total;
    enter(address, 0);
    return Admission::Admitted;
}

void ConnectionLimits::rebind(const QString &address, qint64 fromUserId, qint64 toUserId)
{
    const QMutexLocker lock(&m_mutex);
    leave(address, fromUserId);
    enter(address, toUserId);
}

void ConnectionLimits::release(const QString &address, qint64 userId)
{
    const QMutexLocker lock(&m_mutex);
    leave(address, userId);
    --m_total;
}

void ConnectionLimits::enter(const QString &address, qint64 userId)
{
    if (userId == 0) {
        ++m_unauthenticated;
        addCounted(address, 1);
    } else if (++m_bound[qMakePair(address, userId)] > 1) {
        addCounted(address, 1);
    }
}

void ConnectionLimits::leave(const QString &address, qint64 userId)
{
    if (userId == 0) {
        --m_unauthenticated;
        addCounted(address, -1);
        return;
    }
    const auto it = m_bound.find(qMakePair(address, userId));
    if (it == m_bound.end())
        return;
    if (*it > 1)
        addCounted(address, -1);
    if (--*it == 0)
        m_bound.erase(it);
}

void ConnectionLimits::addCounted(const QString &address, int delta)
{
    int &count = m_counted[address];
    count += delta;
    if (count <= 0)
        m_counted.remove(address);
}

int ConnectionLimits::total() const
{
    const QMutexLocker lock(&m_mutex);
    return m_total;
}

int ConnectionLimits::unauthenticated() const
{
    const QMutexLocker lock(&m_mutex);
    return m_unauthenticated;
}

} // namespace Palomar::Server
