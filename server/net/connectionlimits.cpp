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
    int &count = m_unauthenticatedPerAddress[address];
    if (m_maxPerAddress > 0 && count >= m_maxPerAddress)
        return Admission::AddressFull;
    ++count;
    ++m_unauthenticated;
    ++m_total;
    return Admission::Admitted;
}

void ConnectionLimits::markAuthenticated(const QString &address)
{
    const QMutexLocker lock(&m_mutex);
    removeUnauthenticated(address);
}

void ConnectionLimits::markUnauthenticated(const QString &address)
{
    const QMutexLocker lock(&m_mutex);
    ++m_unauthenticatedPerAddress[address];
    ++m_unauthenticated;
}

void ConnectionLimits::release(const QString &address, Stage stage)
{
    const QMutexLocker lock(&m_mutex);
    --m_total;
    if (stage == Stage::Unauthenticated)
        removeUnauthenticated(address);
}

void ConnectionLimits::removeUnauthenticated(const QString &address)
{
    const auto it = m_unauthenticatedPerAddress.find(address);
    if (it == m_unauthenticatedPerAddress.end())
        return;
    --m_unauthenticated;
    if (--*it <= 0)
        m_unauthenticatedPerAddress.erase(it);
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
