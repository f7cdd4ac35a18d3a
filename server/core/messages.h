#pragma once

#include "context.h"
#include "groupmessages.h"

namespace Palomar::Server {

struct UserRecord;

// send, read and history for one-to-one chats: friends-only delivery into
// the recipient's inbox, client_id idempotency, read receipts, paging.
class MessageHandler
{
public:
    explicit MessageHandler(Services services) : m_services(services), m_groups(services) {}

    HandlerResult send(const Protocol::Request &request, CallContext &context);
    HandlerResult read(const Protocol::Request &request, CallContext &context);
    HandlerResult history(const Protocol::Request &request, CallContext &context);
    HandlerResult messageInfo(const Protocol::Request &request, CallContext &context)
    {
        return m_groups.info(request, context);
    }

    // Stores `message` from the caller to `recipient` and queues its event:
    // the one path of every one-to-one message (send, file_end). Friends only.
    HandlerResult sendDirect(const UserRecord &recipient, const OutgoingMessage &message,
                             CallContext &context);
    // The group path of the same (membership checked).
    HandlerResult sendToGroup(qint64 groupId, const OutgoingMessage &message, CallContext &context)
    {
        return m_groups.send(groupId, message, context);
    }
    // not_friends unless `recipient` is a friend of `me` (never yourself).
    static std::optional<HandlerResult>
    checkFriend(const Services &services, const SessionState &me, const UserRecord &recipient);

    // The chat a request names: `peer`/`to` (a username) or `group` (an id).
    struct ChatName
    {
        QString user;
        std::optional<qint64> group;
    };
    // Reads the chat's fields (shape only).
    static ChatName readChat(Protocol::FieldReader &fields, const char *key);

private:
    // Resolves a one-to-one chat's peer.
    std::optional<UserRecord> resolve(const ChatName &chat, HandlerResult *failure);

    Services m_services;
    GroupMessages m_groups;
};

} // namespace Palomar::Server
