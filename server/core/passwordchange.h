#pragma once

#include "context.h"

namespace Palomar::Server {

class HandlerSet;
struct UserRecord;

// set_password (docs/protocol.md §3.36): the old password is required (a
// wrong one counts as a failed login), the new one follows register's rules.
// The caller's connection stays logged in on a new session token, returned;
// the old token ends: connections that resumed it are answered
// session_replaced, and a stored copy no longer resumes.
class PasswordHandler
{
public:
    explicit PasswordHandler(Services services) : m_services(services) {}

    HandlerResult setPassword(const Protocol::Request &request, CallContext &context);
    // After the hashing pool checked `old` and hashed `new` (nothing: the
    // old one did not match; "": out of memory).
    HandlerResult finish(CallContext &context, const UserRecord &record,
                         const std::optional<QString> &hash);

private:
    Services m_services;
};

} // namespace Palomar::Server
