#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Palomar::Server {

class Store;
struct ServerConfig;

// Failed-login throttling (PROTOCOL.md): after 5 failures (--login-failures)
// for one account or from one address within a minute, logins are refused
// until a wait has passed; the wait starts at 2 s and doubles with every
// further failure, up to --login-max-wait. Counters live in the store, so
// every server instance on one database shares them.
class LoginThrottle
{
public:
    static constexpr qint64 kWindowMs = 60 * 1000;
    static constexpr qint64 kFirstWaitMs = 2 * 1000;

    LoginThrottle(Store &store, const ServerConfig &config) : m_store(store), m_config(config) {}

    static QStringList keys(const QString &user, const QString &address);
    // Seconds to wait when any key is blocked at `now`.
    std::optional<int> retryAfter(const QStringList &keys, qint64 now);
    void recordFailure(const QStringList &keys, qint64 now);
    void recordSuccess(const QString &user);

private:
    Store &m_store;
    const ServerConfig &m_config;
};

} // namespace Palomar::Server
