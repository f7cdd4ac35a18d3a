#include "adminjob.h"

#include "adminservice.h"
#include "core/handlerset.h"

namespace Palomar::Server {

AdminJob::AdminJob(QJsonObject request, Reply reply)
    : m_request(std::move(request)), m_reply(std::move(reply)),
      m_access(AdminService::access(m_request.value(QLatin1String("op")).toString()))
{}

void AdminJob::run(StoreContext &context)
{
    auto *handlers = static_cast<HandlerSet *>(context.state);
    m_answer = AdminService(handlers->services()).handle(m_request);
}

void AdminJob::done(StoreContext &)
{
    m_reply(m_answer.value_or(AdminService::failure(QStringLiteral("internal"),
                                                    QStringLiteral("the operation did not run"))));
}

void AdminJob::failed(StoreError::Kind kind, int, const QString &why)
{
    m_reply(AdminService::failure(kind == StoreError::Kind::Unavailable
                                      ? QStringLiteral("unavailable")
                                      : QStringLiteral("internal"),
                                  why));
}

} // namespace Palomar::Server
