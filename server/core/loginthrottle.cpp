#include "loginthrottle.h"

#include "serverconfig.h"
#include "store/store.h"

namespace Palomar::Server {

QStringList LoginThrottle::keys(const QString &user, const QString &address)
{
    return {QStringLiteral("user:") + user.toLower(), QStringLiteral("addr:") + address};
}

std::optional<int> LoginThrottle::retryAfter(const QStringList &keys, qint64 now)
{
    qint64 until = 0;
    for (const QString &key : keys)
        until = qMax(until, m_store.loginFailures(key).blockedUntil);
    if (until <= now)
        return std::nullopt;
    return int((until - now + 999) / 1000);
}

void LoginThrottle::recordFailure(const QStringList &keys, qint64 now)
{
    Store::Transaction transaction(m_store);
    for (const QString &key : keys) {
        LoginFailures failures = m_store.loginFailures(key);
        const qint64 windowEnd = qMax(failures.windowStart, failures.blockedUntil) + kWindowMs;
        if (failures.failures == 0 || now > windowEnd)
            failures = LoginFailures{0, now, 0};
        ++failures.failures;
        if (failures.failures >= m_config.loginFailures) {
            const int doublings = qMin(failures.failures - m_config.loginFailures, 20);
            const qint64 longest = qint64(m_config.loginLongestWait) * 1000;
            failures.blockedUntil = now + qMin(kFirstWaitMs << doublings, longest);
        }
        m_store.putLoginFailures(key, failures);
    }
    transaction.commit();
}

void LoginThrottle::recordSuccess(const QString &user)
{
    m_store.clearLoginFailures(keys(user, QString()).first());
}

} // namespace Palomar::Server
