#include "context.h"

namespace Palomar::Server {

HandlerResult HandlerResult::ok(QJsonObject fields)
{
    HandlerResult result(Kind::Reply);
    result.m_fields = std::move(fields);
    return result;
}

HandlerResult HandlerResult::error(Protocol::Error code, const QString &message,
                                   const QJsonObject &extra)
{
    HandlerResult result(Kind::Reply);
    result.m_error = code;
    result.m_message = message;
    result.m_fields = extra;
    return result;
}

QJsonObject HandlerResult::toFrame(const QJsonValue &id) const
{
    if (m_error)
        return Protocol::makeError(id, *m_error, m_message, m_fields);
    return Protocol::makeReply(id, m_fields);
}

} // namespace Palomar::Server
