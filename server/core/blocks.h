#pragma once

#include "context.h"

namespace Palomar::Server {

class Store;
struct UserRecord;

// block, unblock, blocked (docs/protocol.md §3.34): a blocked user's friend
// requests and direct messages are refused (blocking ends the friendship and
// drops the requests between the two), and their group messages are not
// fanned out to the blocker.
class BlockHandler
{
public:
    explicit BlockHandler(Services services) : m_services(services) {}

    HandlerResult block(const Protocol::Request &request, CallContext &context);
    HandlerResult unblock(const Protocol::Request &request, CallContext &context);
    HandlerResult blocked(const Protocol::Request &request, CallContext &context);

    // friend_request's answer when either side blocks the other (nothing
    // is stored): not_friends; none when neither does.
    static std::optional<HandlerResult> refuseRequest(Store &store, qint64 senderId,
                                                      const UserRecord &recipient);

private:
    Services m_services;
};

} // namespace Palomar::Server
