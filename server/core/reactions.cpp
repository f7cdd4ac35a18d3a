#include "reactions.h"

#include "messagechanges.h"
#include "protocol/limits.h"
#include "sessionguard.h"
#include "store/directory.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;
namespace EventKind = Protocol::EventKind;

bool ReactionHandler::isValidEmoji(const QString &emoji)
{
    if (emoji.toUtf8().size() > kMaxEmojiBytes)
        return false;
    return std::none_of(emoji.cbegin(), emoji.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.isSpace();
    });
}

HandlerResult ReactionHandler::react(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 id = fields.integer("msg_id", 1, Protocol::kMaxSafeInteger);
    const QString emoji = fields.string("emoji");
    if (fields.ok() && !isValidEmoji(emoji))
        fields.fail(QStringLiteral("an emoji has at most %1 bytes of UTF-8, with no control "
                                   "characters or spaces")
                        .arg(kMaxEmojiBytes));
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    const std::optional<VisibleMessage> message = store.visibleMessage(id, me.userId);
    // Nor is a tombstone or a system line a message to react to.
    if (!message)
        return HandlerResult::error(Error::NoSuchMessage,
                                    QStringLiteral("no message %1 in a chat of yours").arg(id));
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    if (store.reactionOf(id, me.userId) == emoji)
        return HandlerResult::ok(); // as it was: nothing to tell
    store.putReaction(id, me.userId, emoji, ts);
    QJsonObject event{{QStringLiteral("msg_id"), id},
                      {QStringLiteral("user"), me.user},
                      {QStringLiteral("emoji"), emoji},
                      {QStringLiteral("ts"), ts}};
    QList<qint64> audience;
    if (message->groupId) {
        event.insert(QStringLiteral("group"), *message->groupId);
        audience = store.groupMessageAudience(id);
    } else {
        // The chat as the other party names it: the reacting user.
        event.insert(QStringLiteral("peer"), me.user);
        audience = {message->senderId, message->recipientId.value_or(0)};
    }
    for (const qint64 userId : std::as_const(audience)) {
        if (userId != me.userId && userId != 0)
            store.queueEvent(userId, EventKind::Reaction, event);
    }
    transaction.commit();
    return HandlerResult::ok();
}

} // namespace Palomar::Server
