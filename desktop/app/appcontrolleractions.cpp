// AppController: what the user does to a message that is already sent
// (docs/protocol.md, "Conversation features: the rules"): reply, edit and
// delete for everyone, forward. Each is offered only when the server names
// its feature (canUse()); the cache changes once the server agreed.
#include "appcontroller.h"

#include "cache/localcache.h"
#include "models/messagemodel.h"

#include "client/messageactions.h"
#include "client/reply.h"
#include "protocol/features.h"

namespace Palomar::Desktop {

namespace {
// Why the server refused an edit, a deletion or a forward, for people.
QString actionFailureText(const QString &error, const QString &message)
{
    if (error == QLatin1String("too_late"))
        return AppController::tr("Too late to change this message: the server allows it only "
                                 "for a while after sending (%1)")
            .arg(message);
    if (error == QLatin1String("no_such_message"))
        return AppController::tr("This message is no longer there (deleted, or not in this chat)");
    if (error == QLatin1String("not_sender"))
        return AppController::tr("Only its sender can change this message");
    return AppController::failureText(error, message);
}
} // namespace

bool AppController::canUse(const QString &feature) const
{
    return m_session->hasFeature(feature);
}

void AppController::sendReply(const QString &text, qint64 replyTo)
{
    sendTextTo(currentChat(), text, canUse(Protocol::Feature::Reply) ? replyTo : 0);
}

void AppController::editMessage(qint64 localId, const QString &text)
{
    const auto message = m_cache ? m_cache->messageByLocalId(localId) : std::nullopt;
    const QString trimmed = text.trimmed();
    if (!message || message->msgId <= 0 || trimmed.isEmpty() || trimmed == message->text)
        return;
    const qint64 msgId = message->msgId;
    Client::Reply *reply = m_actions->edit(msgId, trimmed);
    connect(reply, &Client::Reply::finished, this, [this, reply, msgId, trimmed] {
        if (!m_cache)
            return;
        if (!reply->isOk()) {
            emit messageActionFailed(actionFailureText(reply->error(), reply->errorMessage()));
            return;
        }
        const qint64 edited = reply->value(QLatin1String("edited")).toInteger();
        if (const auto row = m_cache->applyEdit(msgId, trimmed, edited))
            showMessage(*row);
    });
}

void AppController::deleteForEveryone(qint64 localId)
{
    const auto message = m_cache ? m_cache->messageByLocalId(localId) : std::nullopt;
    if (!message || message->msgId <= 0 || message->deleted)
        return;
    const qint64 msgId = message->msgId;
    Client::Reply *reply = m_actions->remove(msgId);
    connect(reply, &Client::Reply::finished, this, [this, reply, msgId] {
        if (!m_cache)
            return;
        if (!reply->isOk()) {
            emit messageActionFailed(actionFailureText(reply->error(), reply->errorMessage()));
            return;
        }
        if (const auto row = m_cache->applyDelete(msgId))
            showMessage(*row);
    });
}

void AppController::forwardMessage(qint64 localId, const QStringList &chats)
{
    const auto message = m_cache ? m_cache->messageByLocalId(localId) : std::nullopt;
    if (!message || message->msgId <= 0 || message->deleted)
        return;
    for (const QString &chat : chats) {
        const qint64 group = groupIdOfChat(chat);
        Client::Reply *reply = m_actions->forward(message->msgId, group ? QString() : chat, group,
                                                  Client::generateClientId());
        connect(reply, &Client::Reply::finished, this, [this, reply, chat] {
            if (!m_cache)
                return;
            if (!reply->isOk()) {
                emit messageActionFailed(
                    tr("Not forwarded to %1: %2")
                        .arg(chat, actionFailureText(reply->error(), reply->errorMessage())));
                return;
            }
            fetchForwarded(chat, reply->value(QLatin1String("msg_id")).toInteger());
        });
    }
}

void AppController::fetchForwarded(const QString &peer, qint64 msgId)
{
    // The forward's answer has no file id: the server's history has the whole copy.
    const qint64 group = groupIdOfChat(peer);
    Client::Reply *reply = group ? m_session->groupHistory(group, msgId + 1, 1)
                                 : m_session->history(peer, msgId + 1, 1);
    connect(reply, &Client::Reply::finished, this, [this, reply, peer, msgId] {
        if (!reply->isOk() || !m_cache)
            return;
        for (const Client::Message &message : Client::messagesFromHistory(reply->result())) {
            if (message.msgId == msgId)
                showMessage(
                    m_cache->storeMessage(message, m_user, LocalCache::Origin::History).first);
        }
        updateSummary(peer);
    });
}

} // namespace Palomar::Desktop
