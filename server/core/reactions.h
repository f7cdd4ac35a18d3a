#pragma once

#include "context.h"
#include "store/store.h"

#include <QHash>
#include <QJsonObject>

namespace Palomar::Server {

// react (an extension): one emoji per user and message, set, changed or
// removed (""). Who may react is who may see the message
// (Store::visibleMessage, the one place that decides it); everyone else who
// has the message gets a `reaction` event.
class ReactionHandler
{
public:
    explicit ReactionHandler(Services services) : m_services(services) {}

    HandlerResult react(const Protocol::Request &request, CallContext &context);

    // At most kMaxEmojiBytes of UTF-8 and no control character; "" removes.
    static constexpr int kMaxEmojiBytes = 32;
    static bool isValidEmoji(const QString &emoji);

private:
    Services m_services;
};

// What a history item gains beyond its row: the message changes
// (reply_to, forwarded, edited, a tombstone: MessageChangeHandler::annotate),
// `reactions` (emoji -> sorted names) when there are any, and `system` for a
// group system line (which has no delivery `status`). Loaded once per page.
class HistoryExtras
{
public:
    HistoryExtras(Store &store, const QString &chat, const QList<qint64> &messageIds);
    void apply(qint64 messageId, QJsonObject &message) const;

private:
    QHash<qint64, MessageChanges> m_changes; // reply_to, forwarded, edited, deleted
    QHash<qint64, QHash<QString, QStringList>> m_reactions;
    QHash<qint64, QByteArray> m_system;
};

} // namespace Palomar::Server
