#pragma once

#include "context.h"
#include "loginthrottle.h"
#include "store/storerecords.h"

namespace Palomar::Server {

class HandlerSet;

// register, login, resume, logout, unregister, and the rules of the one live
// session per user: a session is live while a connection is bound to it on
// a live instance; a login while it is live needs takeover, a login while it
// is detached simply ends it. Password hashing runs on Services::hashPool,
// and the rest of the request as another store job (runOffThread).
class AccountHandler
{
public:
    explicit AccountHandler(Services services) : m_services(services) {}

    // hello needs no database: answered on the network thread.
    static HandlerResult hello(const ServerConfig &config, const Protocol::Request &request);
    HandlerResult registerUser(const Protocol::Request &request, CallContext &context);
    HandlerResult login(const Protocol::Request &request, CallContext &context);
    HandlerResult resume(const Protocol::Request &request, CallContext &context);
    HandlerResult logout(const Protocol::Request &request, CallContext &context);
    HandlerResult unregister(const Protocol::Request &request, CallContext &context);

    // The connection closed: the session is detached, the user offline.
    void disconnected(CallContext &context);

    // Deletes the account as `unregister` does (one transaction, or a
    // savepoint of the caller's): it leaves its groups, loses its session,
    // friendships, requests, inbox and one-to-one messages; its friends get
    // friend_removed. Also palomar-admin's delete-user.
    static void removeAccount(const Services &services, const UserRecord &record, qint64 ts);

private:
    // What a registration carries past the password hashing.
    struct Registration
    {
        QString user;
        QString invite; // as typed; empty when the policy needs none
    };

    HandlerResult finishRegistration(CallContext &context, const Registration &registration,
                                     const QString &hash);
    bool isUsableInvite(const QString &invite);
    HandlerResult invalidInvite(const QString &user, const QString &invite, CallContext &context);
    // What a login carries past the password check.
    struct LoginAttempt
    {
        QString user; // as the client spelled it
        std::optional<UserRecord> record;
        LoginThrottle::Keys keys;
        bool takeover = false;
    };

    HandlerResult finishLogin(CallContext &context, const LoginAttempt &attempt, bool matches);
    HandlerResult finishUnregistration(CallContext &context, const UserRecord &record,
                                       bool matches);
    void bind(CallContext &context, qint64 userId, const QString &user, const QByteArray &tokenHash,
              qint64 now);
    // A connection logging in again leaves its previous session detached.
    void release(CallContext &context);
    HandlerResult startSession(CallContext &context, qint64 userId, const QString &user,
                               bool takeover);

    Services m_services;
};

} // namespace Palomar::Server
