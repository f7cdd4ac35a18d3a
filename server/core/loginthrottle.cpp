#include "loginthrottle.h"

#include "serverconfig.h"
#include "store/store.h"

namespace Palomar::Server {

QString LoginThrottle::accountKey(const QString &user)
{
    return QStringLiteral("user:") + user.toLower();
}

LoginThrottle::Keys LoginThrottle::keys(const QString &user, const QString &address) const
{
    Keys keys{accountKey(user), QString()};
    if (m_config.loginFailuresPerAddress > 0)
        keys.address = QStringLiteral("addr:") + address;
    return keys;
}

std::optional<int> LoginThrottle::retryAfter(const Keys &keys, qint64 now)
{
    qint64 until = m_store.loginFailures(keys.account).blockedUntil;
    if (!keys.address.isEmpty())
        until = qMax(until, m_store.loginFailures(keys.address).blockedUntil);
    if (until <= now)
        return std::nullopt;
    return int((until - now + 999) / 1000);
}

void LoginThrottle::recordFailure(const Keys &keys, qint64 now)
{
    Store::Transaction transaction(m_store);
    recordFailure(keys.account, m_config.loginFailuresPerAccount, now);
    if (!keys.address.isEmpty())
        recordFailure(keys.address, m_config.loginFailuresPerAddress, now);
    transaction.commit();
}

void LoginThrottle::recordFailure(const QString &key, int limit, qint64 now)
{
    LoginFailures failures = m_store.loginFailures(key);
    const qint64 windowEnd = qMax(failures.windowStart, failures.blockedUntil) + kWindowMs;
    if (failures.failures == 0 || now > windowEnd)
        failures = LoginFailures{0, now, 0};
    ++failures.failures;
    if (failures.failures >= limit) {
        const int doublings = qMin(failures.failures - limit, 20);
        const qint64 longest = qint64(m_config.loginLongestWait) * 1000;
        failures.blockedUntil = now + qMin(kFirstWaitMs << doublings, longest);
    }
    m_store.putLoginFailures(key, failures);
}

void LoginThrottle::recordSuccess(const QString &user)
{
    m_store.clearLoginFailures(accountKey(user));
}

} // namespace Palomar::Server
