// The chat list's menu: mute, pin, mark as unread, delete here, unfriend, block.
#include "appcontroller.h"

#include "cache/localcache.h"
#include "client/privacy.h"
#include "client/reply.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "protocol/features.h"

namespace Palomar::Desktop {

using Client::Reply;

void AppController::setChatMuted(const QString &peer, bool muted)
{
    if (!m_cache)
        return;
    m_cache->setMuted(peer, muted);
    updateSummary(peer);
}

bool AppController::isChatMuted(const QString &peer) const
{
    return m_cache && m_cache->chatState(peer).muted;
}

void AppController::setChatPinned(const QString &peer, bool pinned)
{
    if (!m_cache)
        return;
    m_cache->setPinned(peer, pinned);
    updateSummary(peer);
}

void AppController::markChatUnread(const QString &peer)
{
    if (!m_cache)
        return;
    m_cache->setMarkedUnread(peer, true);
    updateSummary(peer);
}

void AppController::clearMarkedUnread(const QString &peer)
{
    if (!m_cache || !m_cache->chatState(peer).markedUnread)
        return;
    m_cache->setMarkedUnread(peer, false);
    updateSummary(peer);
}

void AppController::deleteChatHistory(const QString &peer)
{
    if (!m_cache)
        return;
    m_cache->clearHistory(peer);
    m_cache->commit();
    if (peer.compare(currentChat(), Qt::CaseInsensitive) == 0)
        m_messages->setPeer(m_messages->peer());
    updateSummary(peer);
}

void AppController::deleteMessageForMe(qint64 localId)
{
    if (!m_cache)
        return;
    const std::optional<CachedMessage> removed = m_cache->hideMessage(localId);
    m_cache->commit();
    if (!removed)
        return;
    m_messages->remove(localId);
    updateSummary(removed->peer);
}

void AppController::unfriend(const QString &user)
{
    forgetFriendOn(m_session->unfriend(user), user);
}

bool AppController::canBlock() const
{
    return m_session->hasFeature(Protocol::Feature::Block);
}

void AppController::block(const QString &user)
{
    auto *privacy = new Client::Privacy(m_session, this);
    Reply *reply = privacy->block(user);
    connect(reply, &Reply::finished, privacy, &QObject::deleteLater);
    forgetFriendOn(reply, user);
}

void AppController::forgetFriendOn(Reply *reply, const QString &user)
{
    connect(reply, &Reply::finished, this, [this, reply, user] {
        if (!reply->isOk()) {
            emit chatActionFailed(reply->error(), reply->errorMessage());
            return;
        }
        if (!m_cache)
            return;
        m_cache->removeContact(user);
        m_chatList->removeChat(user);
    });
}

} // namespace Palomar::Desktop
