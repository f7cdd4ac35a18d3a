#pragma once

#include <QString>

#include <optional>

namespace Palomar::Server {

class Store;
struct ServerConfig;

// Failed-login throttling (PROTOCOL.md), counted under two keys with limits
// of their own: the account (--login-failures-per-account, default 5) and
// the client address (--login-failures-per-address, default 50, so that one
// pupil mistyping does not lock out a whole school behind one NAT address;
// 0 counts no address). When a key reaches its limit within a minute, logins
// under it are refused until a wait has passed; the wait starts at 2 s and
// doubles with every further failure, up to --login-max-wait. Counters live
// in the store, so every server instance on one database shares them.
class LoginThrottle
{
public:
    static constexpr qint64 kWindowMs = 60 * 1000;
    static constexpr qint64 kFirstWaitMs = 2 * 1000;

    // The store keys of one login attempt (address empty: not counted).
    struct Keys
    {
        QString account;
        QString address;
    };

    LoginThrottle(Store &store, const ServerConfig &config) : m_store(store), m_config(config) {}

    Keys keys(const QString &user, const QString &address) const;
    // Seconds to wait when either key is blocked at `now`.
    std::optional<int> retryAfter(const Keys &keys, qint64 now);
    void recordFailure(const Keys &keys, qint64 now);
    void recordSuccess(const QString &user);

private:
    static QString accountKey(const QString &user);
    void recordFailure(const QString &key, int limit, qint64 now);

    Store &m_store;
    const ServerConfig &m_config;
};

} // namespace Palomar::Server
