#pragma once

#include "store/storeexecutor.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace Palomar::Server {

// One admin request (AdminService) as a store job. `reply` is called once,
// on a store thread, with the answer: after the commit for a write, or when
// the job could not run (`unavailable` / `internal`).
class AdminJob : public StoreJob
{
public:
    using Reply = std::function<void(const QJsonObject &answer)>;

    AdminJob(QJsonObject request, Reply reply);

    Access access() const override { return m_access; }
    void run(StoreContext &context) override;
    void done(StoreContext &context) override;
    void reset() override { m_answer.reset(); }
    void failed(StoreError::Kind kind, int retryAfter, const QString &why) override;

private:
    QJsonObject m_request;
    Reply m_reply;
    Access m_access;
    std::optional<QJsonObject> m_answer;
};

} // namespace Palomar::Server
