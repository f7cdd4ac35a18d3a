#include "context.h"

#include "store/store.h"

#include <QJsonDocument>

namespace Palomar::Server {

HandlerResult HandlerResult::ok(QJsonObject fields)
{
    HandlerResult result(Kind::Reply);
    result.m_fields = std::move(fields);
    return result;
}

HandlerResult HandlerResult::encoded(QByteArray fields)
{
    HandlerResult result(Kind::Reply);
    result.m_encoded = std::move(fields);
    result.m_isEncoded = true;
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

HandlerResult HandlerResult::internal()
{
    return error(Protocol::Error::Internal,
                 QStringLiteral("the server could not complete the request"));
}

HandlerResult HandlerResult::unavailable(int retryAfter)
{
    return error(Protocol::Error::Unavailable,
                 QStringLiteral("the server's storage is unavailable right now; try again in "
                                "%1 s")
                     .arg(retryAfter),
                 {{QStringLiteral("retry_after"), qMax(1, retryAfter)}});
}

HandlerResult HandlerResult::parked(ParkedPoll poll)
{
    HandlerResult result(Kind::Parked);
    result.m_poll = std::move(poll);
    return result;
}

HandlerResult HandlerResult::afterCommit(std::function<HandlerResult()> rest)
{
    HandlerResult result(Kind::AfterCommit);
    result.m_rest = std::move(rest);
    return result;
}

HandlerResult HandlerResult::finish() const
{
    return m_kind == Kind::AfterCommit ? m_rest() : *this;
}

QJsonObject HandlerResult::toFrame(const QJsonValue &id) const
{
    if (m_error)
        return Protocol::makeError(id, *m_error, m_message, m_fields);
    if (m_isEncoded)
        return QJsonDocument::fromJson(encode(id)).object();
    return Protocol::makeReply(id, m_fields);
}

QByteArray HandlerResult::encode(const QJsonValue &id) const
{
    if (m_isEncoded && !m_error)
        return Protocol::encodeReply(id, m_encoded);
    return QJsonDocument(toFrame(id)).toJson(QJsonDocument::Compact);
}

void Services::wake(const QList<qint64> &userIds) const
{
    for (const qint64 userId : userIds)
        store.queueWake(userId);
}

} // namespace Palomar::Server
