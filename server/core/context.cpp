#include "context.h"

#include "pollregistry.h"
#include "store/store.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

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
    return Protocol::makeReply(id, m_fields);
}

void Services::wake(const QList<qint64> &userIds) const
{
    if (userIds.isEmpty())
        return;
    if (store.inTransaction()) {
        // Group commit: the handler's own commit was nested in the batch's
        // transaction (or it has none of its own); wake once
        // the batch is durable, or a poll on another thread would look too
        // early, find nothing and park again.
        store.afterCommit([services = *this, userIds] { services.wake(userIds); });
        return;
    }
    polls.wake(userIds);
    try {
        store.publishWakeups(userIds);
    } catch (const StoreError &error) {
        // The change is committed; other instances' polls get it at their
        // next timeout instead of at once.
        qCWarning(lcCore) << "could not notify other instances:" << error.what();
    }
}

} // namespace Palomar::Server
