// The reactions and typing half of AppController (extensions `reactions`
// and `typing`: docs/protocol.md §3.30, §3.32): my reactions to the server,
// everyone's reactions into the cache and the open chat, typing notices out
// while the user types, and in through the TypingTracker.
#include "appcontroller.h"

#include "cache/localcache.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "models/people.h"
#include "typingtracker.h"

#include "client/livenotices.h"
#include "client/reactions.h"
#include "client/reply.h"
#include "protocol/features.h"

namespace Palomar::Desktop {

using Client::LiveNotices;
using Client::Reactions;

void AppController::connectReactionEvents()
{
    // Live `reaction` events, and mine once the server took it.
    connect(m_reactions, &Reactions::reactionChanged, this,
            [this](const Client::Reaction &reaction) {
                if (!m_cache)
                    return;
                if (const auto row =
                        m_cache->applyReaction(reaction.msgId, reaction.user, reaction.emoji))
                    showMessage(*row);
            });
    connect(this, &AppController::accountOpened, m_messages, &MessageModel::setUser);
    connect(m_live, &LiveNotices::typing, this,
            [this](const QString &user, qint64 group, int expiresIn) {
                if (m_cache && user.compare(m_user, Qt::CaseInsensitive) != 0)
                    m_typing->note(group ? groupChatKey(group) : user, user, expiresIn);
            });
    // The chat list says "typing…" too.
    connect(m_typing, &TypingTracker::changed, this,
            [this](const QString &chat) { m_chatList->setTyping(chat, typingText(chat)); });
    // Their message ends their typing.
    connect(m_session, &Client::ClientSession::messageReceived, this,
            [this](const Client::Message &message) {
                m_typing->clear(message.isGroupMessage() ? groupChatKey(message.group)
                                                         : message.from,
                                message.from);
            });
    // Offline, nobody's typing can be known.
    connect(m_session, &Client::ClientSession::stateChanged, m_typing,
            [this](Client::ClientSession::State state) {
                if (state != Client::ClientSession::State::LoggedIn)
                    m_typing->clearAll();
            });
}

bool AppController::canReact() const
{
    return m_session->hasFeature(Protocol::Feature::Reactions);
}

bool AppController::canSendTyping() const
{
    return m_session->hasFeature(Protocol::Feature::Typing);
}

void AppController::toggleReaction(qint64 msgId, const QString &emoji)
{
    if (!m_cache || msgId <= 0 || !canReact())
        return;
    QString mine;
    if (const auto message = m_cache->messageByMsgId(msgId)) {
        for (auto it = message->reactions.constBegin(); it != message->reactions.constEnd(); ++it) {
            if (it.value().contains(m_user, Qt::CaseInsensitive))
                mine = it.key();
        }
    }
    Client::Reply *reply = m_reactions->react(msgId, emoji == mine ? QString() : emoji);
    connect(reply, &Client::Reply::finished, this, [this, reply] {
        if (!reply->isOk())
            emit chatActionFailed(reply->error(), reply->errorMessage());
    });
}

void AppController::userTyping(const QString &chat, const QString &text)
{
    if (!m_cache || chat.isEmpty() || text.trimmed().isEmpty() || !canSendTyping() ||
        !m_session->isLoggedIn())
        return;
    const qint64 group = groupIdOfChat(chat);
    if (group && !isGroupMember(group))
        return;
    // Rate-limited by the library; a lost notice is of no consequence.
    if (group)
        m_live->sendTypingInGroup(group);
    else
        m_live->sendTyping(chat);
}

QString AppController::typingText(const QString &chat) const
{
    QStringList names; // as people read them: display names when set
    for (const QString &user : m_typing->typists(chat))
        names.append(m_people->displayName(user));
    return TypingTracker::text(names, groupIdOfChat(chat) != 0);
}

} // namespace Palomar::Desktop
