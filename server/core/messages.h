#pragma once

#include "context.h"

namespace Palomar::Server {

struct UserRecord;

// send, read and history for one-to-one chats: friends-only delivery into
// the recipient's inbox, client_id idempotency, read receipts, paging.
class MessageHandler
{
public:
    explicit MessageHandler(Services services) : m_services(services) {}

    HandlerResult send(const Protocol::Request &request, CallContext &context);
    HandlerResult read(const Protocol::Request &request, CallContext &context);
    HandlerResult history(const Protocol::Request &request, CallContext &context);

private:
    // Resolves the chat named by `peer`/`to` or `group` (groups: later issue).
    std::optional<UserRecord> peer(Protocol::FieldReader &fields, const char *key,
                                   HandlerResult *failure);

    Services m_services;
};

} // namespace Palomar::Server
