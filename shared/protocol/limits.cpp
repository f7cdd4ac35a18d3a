#include "limits.h"

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
    const auto read = [&object](const char *key, auto fallback) {
        const QJsonValue value = object.value(QLatin1String(key));
        return value.isDouble() ? decltype(fallback)(value.toDouble()) : fallback;
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
