#include "storecall.h"

#include "handlerset.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

StoreCall::StoreCall(CompletionSink *sink, quint64 connectionId, const SessionState &session,
                     const QString &peerAddress, bool adoptSession)
    : m_sink(sink), m_connectionId(connectionId), m_session(session), m_original(session),
      m_peerAddress(peerAddress), m_adoptSession(adoptSession)
{}

Completion StoreCall::completion(const HandlerResult &result) const
{
    return Completion{result, m_session, m_adoptSession};
}

void StoreCall::deliver(StoreContext &context, const HandlerResult &result)
{
    if (!m_sink)
        return;
    context.post(m_sink->sinkObject(),
                 [sink = m_sink, id = m_connectionId, completion = completion(result)] {
                     sink->complete(id, completion);
                 });
}

void StoreCall::deliverNow(const HandlerResult &result)
{
    if (!m_sink)
        return;
    QMetaObject::invokeMethod(
        m_sink->sinkObject(),
        [sink = m_sink, id = m_connectionId, completion = completion(result)] {
            sink->complete(id, completion);
        },
        Qt::QueuedConnection);
}

HandlerResult RequestJob::failure(StoreError::Kind kind, int retryAfter)
{
    return kind == StoreError::Kind::Unavailable ? HandlerResult::unavailable(retryAfter)
                                                 : HandlerResult::internal();
}

void RequestJob::run(StoreContext &context)
{
    m_result = m_work(*static_cast<HandlerSet *>(context.state), *m_call);
}

void RequestJob::done(StoreContext &context)
{
    if (!m_result || m_result->kind() == HandlerResult::Kind::Deferred)
        return; // the rest of the request delivers
    HandlerResult result = HandlerResult::ok();
    try {
        result = m_result->finish(); // a sync's read, after the commit
    } catch (const StoreError &error) {
        qCWarning(lcCore) << "a request failed in the store after its commit:" << error.what();
        result = failure(error.kind(), 1);
    }
    m_call->deliver(context, result);
}

void RequestJob::reset()
{
    m_result.reset();
    m_call->restoreSession();
}

void RequestJob::failed(StoreError::Kind kind, int retryAfter, const QString &why)
{
    if (kind != StoreError::Kind::Unavailable)
        qCWarning(lcCore).noquote() << "a request failed in the store:" << why;
    // The request had no effect: the connection keeps the session it had.
    m_call->restoreSession();
    m_call->deliverNow(failure(kind, retryAfter));
}

} // namespace Palomar::Server
