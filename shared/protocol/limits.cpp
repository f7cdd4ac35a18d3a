#include "limits.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Palomar::Protocol {

QJsonObject Limits::toJson() const
{
    return {
        {QStringLiteral("max_frame"), maxFrame},
        {QStringLiteral("max_text"), maxText},
        {QStringLiteral("max_file"), maxFile},
        {QStringLiteral("chunk"), chunk},
        {QStringLiteral("poll_interval"), pollInterval},
        {QStringLiteral("idle_timeout"), idleTimeout},
        {QStringLiteral("session_timeout"), sessionTimeout},
        {QStringLiteral("sync_limit"), syncLimit},
        {QStringLiteral("rate"), rate},
        {QStringLiteral("burst"), burst},
    };
}

Limits Limits::fromJson(const QJsonObject &object)
{
    Limits limits;
    // Only whole, non-negative numbers that fit the field are taken; anything
    // else from a server keeps the default (and never overflows a cast).
    const auto read = [&object](const char *key, auto fallback) {
        using T = decltype(fallback);
        const QJsonValue value = object.value(QLatin1String(key));
        const double number = value.toDouble(-1);
        const double top = std::min(double(std::numeric_limits<T>::max()), double(kMaxSafeInteger));
        if (!value.isDouble() || !(number >= 0) || number > top || std::trunc(number) != number)
            return fallback;
        return T(number);
    };
    limits.maxFrame = read("max_frame", limits.maxFrame);
    limits.maxText = read("max_text", limits.maxText);
    limits.maxFile = read("max_file", limits.maxFile);
    limits.chunk = read("chunk", limits.chunk);
    limits.pollInterval = read("poll_interval", limits.pollInterval);
    limits.idleTimeout = read("idle_timeout", limits.idleTimeout);
    limits.sessionTimeout = read("session_timeout", limits.sessionTimeout);
    limits.syncLimit = read("sync_limit", limits.syncLimit);
    limits.rate = read("rate", limits.rate);
    limits.burst = read("burst", limits.burst);
    return limits;
}

} // namespace Palomar::Protocol
