#pragma once

#include "core/context.h"
#include "store/storeexecutor.h"

#include <QJsonObject>
#include <QString>

namespace Palomar::Server {

struct UserRecord;

// palomar-admin's operations, implemented once over a store thread's
// Services: the running server runs them for its admin socket
// (AdminSocket), palomar-admin on a stopped server runs them in its own
// process over the same store executor. A request is a JSON object with
// `op` and the op's fields; the answer is {"ok":true, …} or {"ok":false,
// "error": code, "message": text} (docs/admin.md). Writes run in the store's
// transaction and take effect at once: caches are invalidated and the
// user's live connections closed, here and on every other instance.
class AdminService
{
public:
    explicit AdminService(const Services &services) : m_services(services) {}

    // Whether `op` only reads (and may run on a reader connection).
    static StoreJob::Access access(const QString &op);
    // Throws StoreError (the store job rolls back and reports it).
    QJsonObject handle(const QJsonObject &request);

    static QJsonObject failure(const QString &code, const QString &message);

private:
    QJsonObject users();
    QJsonObject addUser(const QJsonObject &request);
    QJsonObject resetPassword(const UserRecord &record, const QJsonObject &request);
    QJsonObject ban(const UserRecord &record, const QJsonObject &request);
    QJsonObject unban(const UserRecord &record, const QJsonObject &request);
    QJsonObject deleteUser(const UserRecord &record, const QJsonObject &request);
    QJsonObject sessions();
    QJsonObject kick(const UserRecord &record, const QJsonObject &request);
    QJsonObject unlock(const QJsonObject &request);
    QJsonObject stats();
    QJsonObject check();
    QJsonObject backup(const QJsonObject &request);
    QJsonObject createInvite(const QJsonObject &request);
    QJsonObject listInvites();
    QJsonObject revokeInvite(const QJsonObject &request);

    // The named user, or the failure to answer.
    std::optional<UserRecord> user(const QJsonObject &request, QJsonObject *failure);
    // Ends the user's session and closes their live connections everywhere.
    bool endSession(qint64 userId);
    qint64 liveSince() const;

    Services m_services;
};

} // namespace Palomar::Server
