#pragma once

#include "context.h"
#include "groupmessages.h"
#include "store/storerecords.h"

#include <QHash>
#include <QList>

namespace Palomar::Server {

class MessageHandler;
class Store;

// Replies, edits, deletes for everyone and forwards (docs/protocol.md,
// "Conversation features: the rules"): `edit` and `delete` of the caller's
// own message within --edit-window, each with an event in the inbox of
// everyone the message reached, and `forward` of a message the caller can
// see into another chat (a file with a server-side copy of its bytes). What
// the caller can see is Store::visibleMessage's one rule, as for reactions.
class MessageChangeHandler
{
public:
    MessageChangeHandler(Services services, MessageHandler &messages)
        : m_services(services), m_messages(messages)
    {}

    HandlerResult edit(const Protocol::Request &request, CallContext &context);
    HandlerResult remove(const Protocol::Request &request, CallContext &context); // `delete`
    HandlerResult forward(const Protocol::Request &request, CallContext &context);

    // no_such_message unless the reply_to of `message` (if any) is a message
    // of `chat` that `userId` can see.
    static std::optional<HandlerResult> checkReply(Store &store, const OutgoingMessage &message,
                                                   const QString &chat, qint64 userId);
    // Stores the reply_to and forwarded marks of the message just inserted.
    static void storeOrigin(Store &store, const OutgoingMessage &message, qint64 id);
    // The changes of these messages of `chat` (history).
    static QHash<qint64, MessageChanges> changesOf(Store &store, const QString &chat,
                                                   const QList<qint64> &ids);
    // Adds reply_to, forwarded, edited to a history item; a tombstone keeps
    // only deleted: true, with an empty text and no file.
    static void annotate(QJsonObject &message, const MessageChanges &changes);

private:
    // The message the caller may edit or delete now, or why not.
    std::optional<VisibleMessage> ownChangeable(qint64 id, const SessionState &me,
                                                HandlerResult *failure);
    // Everyone the message reached but its sender.
    static QList<qint64> recipients(Store &store, const VisibleMessage &message);
    // The fields naming the message and its chat in `edited`/`deleted` events.
    static QJsonObject eventFields(const VisibleMessage &message);
    // This process's memory of `userId`'s inbox is stale once this commits.
    void forgetRecent(qint64 userId);

    Services m_services;
    MessageHandler &m_messages;
};

} // namespace Palomar::Server
