#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

namespace Palomar::Server {

// How many connections are open, in total and per client address: the
// listener admits (or refuses) each new connection here, and the worker that
// served it releases it when it closes. Shared by every thread; never blocks
// on anything but its own short lock. A limit of 0 per address means none.
class ConnectionLimits
{
public:
    enum class Admission
    {
        Admitted,
        TotalFull,
        AddressFull
    };

    ConnectionLimits(int maxTotal, int maxPerAddress)
        : m_maxTotal(maxTotal), m_maxPerAddress(maxPerAddress)
    {}

    // The address a connection is counted under: IPv4-mapped IPv6 addresses
    // count as their IPv4 address.
    static QString addressKey(const QHostAddress &address);

    Admission admit(const QString &address);
    void release(const QString &address);
    int total() const;

private:
    const int m_maxTotal;
    const int m_maxPerAddress;
    mutable QMutex m_mutex;
    int m_total = 0;
    QHash<QString, int> m_perAddress;
};

} // namespace Palomar::Server
