#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Palomar::Server {

class Store;

// Failed-login throttling (PROTOCOL.md): after 5 failures for one account or
// from one address within a minute, logins are refused until a wait has
// passed; the wait doubles while failures go on. Counters live in the store,
// so every server instance on one database shares them.
class LoginThrottle
{
public:
    static constexpr int kFreeFailures = 5;
    static constexpr qint64 kWindowMs = 60 * 1000;
    static constexpr qint64 kFirstWaitMs = 2 * 1000;
    static constexpr qint64 kLongestWaitMs = 15 * 60 * 1000;

    explicit LoginThrottle(Store &store) : m_store(store) {}

    static QStringList keys(const QString &user, const QString &address);
    // Seconds to wait when any key is blocked at `now`.
    std::optional<int> retryAfter(const QStringList &keys, qint64 now);
    void recordFailure(const QStringList &keys, qint64 now);
    void recordSuccess(const QString &user);

private:
    Store &m_store;
};

} // namespace Palomar::Server
