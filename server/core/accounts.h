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

    // Checks that the connection's session is still the user's live one and
    // keeps it alive. On failure the connection is logged out and `failure`
    // says why (auth_required or session_replaced).
    bool validateSession(CallContext &context, HandlerResult *failure);
    // The connection closed: the user is offline, the session lives on.
    void disconnected(CallContext &context);

private:
    void bind(CallContext &context, qint64 userId, const QString &user, const QByteArray &tokenHash,
              qint64 now);
    HandlerResult startSession(CallContext &context, qint64 userId, const QString &user,
                               bool takeover);

    Services m_services;
};

} // namespace Palomar::Server
