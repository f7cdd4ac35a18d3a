#pragma once

#include "context.h"
#include "groupmessages.h"

namespace Palomar::Server {

struct MessageRecord;
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
    // A send's result: the new message's id and time.
    static QJsonObject sentReply(qint64 id, qint64 ts);
    // A one-to-one message's `status` for its sender: sent, delivered or read.
    static QString statusOf(const MessageRecord &message);

    // The chat a request names: `peer`/`to` (a username) or `group` (an id).
    struct ChatName
    {
        QString user;
        std::optional<qint64> group;
    };
    // Reads the chat's fields (shape only).
    static ChatName readChat(Protocol::FieldReader &fields, const char *key);
    // What send and edit check before their own rules, in the contract's
    // order: bad_request for the fields read so far or an empty `text`, then
    // auth_required / session_replaced, then too_large for a `text` over
    // max_text UTF-8 bytes (the frame was valid UTF-8 already). Nothing when
    // the request may go on.
    static std::optional<HandlerResult> checkText(const Services &services,
                                                  Protocol::FieldReader &fields,
                                                  const QString &text, CallContext &context);
    // Reads the optional client_id (shape only).
    static QString readClientId(Protocol::FieldReader &fields);
    // Sends `message` to `chat` (send and forward): the target's checks,
    // then the store; a repeated client_id is answered as the first time.
    HandlerResult sendTo(const ChatName &chat, const OutgoingMessage &message,
                         CallContext &context);

private:
    // Resolves a one-to-one chat's peer.
    std::optional<UserRecord> resolve(const ChatName &chat, HandlerResult *failure);

    Services m_services;
    GroupMessages m_groups;
};

} // namespace Palomar::Server
