// The conversation half of AppController: what other people did to a
// conversation beyond sending messages (docs/protocol.md, "Conversation
// features: the rules"), into the cache and the open chat. Only received and
// shown here; nothing is sent.
#include "appcontroller.h"

#include "cache/localcache.h"

#include "client/reactions.h"

namespace Palomar::Desktop {

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
}

} // namespace Palomar::Desktop
