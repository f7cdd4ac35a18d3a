#pragma once

#include "context.h"

namespace Palomar::Server {

// hello, register, login, resume, logout, unregister, and the rules of the
// one live session per user. Password hashing runs on Services::hashPool;
// the rest on the connection's thread.
class AccountHandler
{
public:
    explicit AccountHandler(Services services) : m_services(services) {}

    HandlerResult hello(const Protocol::Request &request, CallContext &context);
    HandlerResult registerUser(const Protocol::Request &request, CallContext &context);
    HandlerResult login(const Protocol::Request &request, CallContext &context);
    HandlerResult resume(const Protocol::Request &request, CallContext &context);
    HandlerResult logout(const Protocol::Request &request, CallContext &context);
    HandlerResult unregister(const Protocol::Request &request, CallContext &context);

    // The connection closed: the user is offline, the session lives on.
    void disconnected(CallContext &context);

private:
    void bind(CallContext &context, qint64 userId, const QString &user, const QByteArray &tokenHash,
              qint64 now);
    // A connection logging in again leaves its previous session offline.
    void release(CallContext &context);
    HandlerResult startSession(CallContext &context, qint64 userId, const QString &user,
                               bool takeover);

    Services m_services;
};

} // namespace Palomar::Server
