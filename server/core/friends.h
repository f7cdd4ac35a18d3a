#pragma once

#include "context.h"

namespace Palomar::Server {

struct UserRecord;

// friend_request, friend_respond, unfriend, friends: the friendship state
// machine (none -> pending -> friends) and the events each step sends.
class FriendHandler
{
public:
    explicit FriendHandler(Services services) : m_services(services) {}

    HandlerResult request(const Protocol::Request &request, CallContext &context);
    HandlerResult respond(const Protocol::Request &request, CallContext &context);
    HandlerResult unfriend(const Protocol::Request &request, CallContext &context);
    HandlerResult list(const Protocol::Request &request, CallContext &context);

    // Looks up the `user` field (another user than the caller's); on failure
    // `failure` holds the reply (shape, session, no such user, oneself).
    static std::optional<UserRecord> target(const Services &services,
                                            const Protocol::Request &request, CallContext &context,
                                            HandlerResult *failure);

private:
    void accept(qint64 requesterId, const QString &requester, const SessionState &me);
    // Both sides' cached friend lists are stale from now on.
    void friendsChanged(qint64 a, qint64 b);

    Services m_services;
};

} // namespace Palomar::Server
