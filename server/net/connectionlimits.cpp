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
    int &count = m_perAddress[address];
    if (m_maxPerAddress > 0 && count >= m_maxPerAddress)
        return Admission::AddressFull;
    ++count;
    ++m_total;
    return Admission::Admitted;
}

void ConnectionLimits::release(const QString &address)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_perAddress.find(address);
    if (it == m_perAddress.end())
        return;
    --m_total;
    if (--*it <= 0)
        m_perAddress.erase(it);
}

int ConnectionLimits::total() const
{
    const QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace Palomar::Server
