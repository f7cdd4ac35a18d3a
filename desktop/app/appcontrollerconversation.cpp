// The conversation half of AppController: what other people did to a
// conversation beyond sending messages (docs/protocol.md, "Conversation
// features: the rules"), into the cache and the open chat. Only received and
// shown here; nothing is sent.
#include "appcontroller.h"

#include "cache/localcache.h"

#include "client/messageactions.h"
#include "client/reactions.h"

namespace Palomar::Desktop {

using Client::MessageActions;
using Client::Reactions;

void AppController::connectConversationEvents()
{
    // A group change's system lines ("ann added bob") join the conversation.
    connect(m_reactions, &Reactions::systemLinesAdded, this,
            [this](qint64, const QList<Client::Message> &lines) {
                if (!m_cache)
                    return;
                for (const Client::Message &line : lines)
                    showMessage(
                        m_cache->storeMessage(line, m_user, LocalCache::Origin::Sync).first);
            });
    // The sender edited or deleted a message for everyone: the row changes in place.
    connect(m_actions, &MessageActions::messageEdited, this,
            [this](qint64 msgId, const QString &text, qint64 edited, const QString &) {
                if (!m_cache)
                    return;
                if (const auto row = m_cache->applyEdit(msgId, text, edited))
                    showMessage(*row);
            });
    connect(m_actions, &MessageActions::messageDeleted, this,
            [this](qint64 msgId, const QString &) {
                if (!m_cache)
                    return;
                if (const auto row = m_cache->applyDelete(msgId))
                    showMessage(*row);
            });
}

} // namespace Palomar::Desktop
