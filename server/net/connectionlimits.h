#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QPair>
#include <QString>

namespace Palomar::Server {

// How many connections are open in total, and how many count against the
// cap per client address: the listener admits (or refuses) each new
// connection here, the worker that serves it says when it logs in or out
// (rebind) and releases it when it closes. The cap per address counts the
// connections that have not logged in (connected, perhaps in their TLS
// handshake, no session bound), so a school behind one NAT address may keep
// any number of users logged in, while a flood of connections that never log
// in is still refused. Only one connection per user and address is exempt: a
// user's further ones (left behind by takeovers, which they learn of only at
// their next request) count like unauthenticated ones, so one account cannot
// hold unlimited connections. A connection that logs out counts again, even
// above the cap (a live connection is never closed for it; new ones are
// refused meanwhile). Shared by every thread; never blocks on anything but
// its own short lock. A limit of 0 per address means none.
class ConnectionLimits
{
public:
    enum class Admission
    {
        Admitted,
        TotalFull,
        AddressFull
    };

    ConnectionLimits(int maxTotal, int maxUnauthenticatedPerAddress)
        : m_maxTotal(maxTotal), m_maxPerAddress(maxUnauthenticatedPerAddress)
    {}

    // The address a connection is counted under: IPv4-mapped IPv6 addresses
    // count as their IPv4 address.
    static QString addressKey(const QHostAddress &address);

    // A new connection, unauthenticated (user 0) until rebind().
    Admission admit(const QString &address);
    // Its session's user changed (0: none): a login, a resume, a logout, a
    // session ended by a takeover. Never refused.
    void rebind(const QString &address, qint64 fromUserId, qint64 toUserId);
    void release(const QString &address, qint64 userId);

    int total() const;
    int unauthenticated() const;

private:
    // Under m_mutex: a connection of `userId` (0: unauthenticated) starts or
    // stops being counted under `address`.
    void enter(const QString &address, qint64 userId);
    void leave(const QString &address, qint64 userId);
    void addCounted(const QString &address, int delta);

    const int m_maxTotal;
    const int m_maxPerAddress;
    mutable QMutex m_mutex;
    int m_total = 0;
    int m_unauthenticated = 0;
    // What the cap per address compares: the unauthenticated connections
    // plus each user's connections beyond the first, per address.
    QHash<QString, int> m_counted;
    QHash<QPair<QString, qint64>, int> m_bound; // connections per (address, user)
};

} // namespace Palomar::Server
