#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

namespace Palomar::Server {

// How many connections are open in total, and how many of them have not
// logged in yet per client address: the listener admits (or refuses) each
// new connection here, the worker that serves it says when it logs in or out
// and releases it when it closes. The cap per address counts unauthenticated
// connections only (connected, perhaps in their TLS handshake, no session
// bound), so a school behind one NAT address may keep any number of users
// logged in, while a flood of connections that never log in is still
// refused. A connection that logs out counts again, even above the cap (a
// live connection is never closed for it; new ones are refused meanwhile).
// Shared by every thread; never blocks on anything but its own short lock.
// A limit of 0 per address means none.
class ConnectionLimits
{
public:
    enum class Admission
    {
        Admitted,
        TotalFull,
        AddressFull
    };
    // Where a connection stands when it closes.
    enum class Stage
    {
        Unauthenticated,
        Authenticated
    };

    ConnectionLimits(int maxTotal, int maxUnauthenticatedPerAddress)
        : m_maxTotal(maxTotal), m_maxPerAddress(maxUnauthenticatedPerAddress)
    {}

    // The address a connection is counted under: IPv4-mapped IPv6 addresses
    // count as their IPv4 address.
    static QString addressKey(const QHostAddress &address);

    // A new connection, unauthenticated until markAuthenticated().
    Admission admit(const QString &address);
    // It logged in (or resumed a session): it no longer counts per address.
    void markAuthenticated(const QString &address);
    // It logged out: it counts per address again (never refused).
    void markUnauthenticated(const QString &address);
    void release(const QString &address, Stage stage);

    int total() const;
    int unauthenticated() const;

private:
    void removeUnauthenticated(const QString &address); // under m_mutex

    const int m_maxTotal;
    const int m_maxPerAddress;
    mutable QMutex m_mutex;
    int m_total = 0;
    int m_unauthenticated = 0;
    QHash<QString, int> m_unauthenticatedPerAddress;
};

} // namespace Palomar::Server
