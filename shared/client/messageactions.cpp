#include "messageactions.h"

#include "clientsession.h"
#include "protocol/request.h"

namespace Palomar::Client {

namespace {

QJsonObject chatFields(const QString &peer, qint64 group, const char *peerKey)
{
    if (group != 0)
        return {{QStringLiteral("group"), group}};
    return {{QString::fromLatin1(peerKey), peer}};
}

} // namespace

MessageActions::MessageActions(ClientSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    connect(session, &ClientSession::eventReceived, this, &MessageActions::onEvent);
}

Reply *MessageActions::reply(const QString &peer, qint64 group, const QString &text, qint64 replyTo,
                             const QString &clientId)
{
    QJsonObject fields = chatFields(peer, group, "to");
    fields.insert(QStringLiteral("text"), text);
    fields.insert(QStringLiteral("reply_to"), replyTo);
    if (!clientId.isEmpty())
        fields.insert(QStringLiteral("client_id"), clientId);
    return m_session->request(QStringLiteral("send"), fields);
}

Reply *MessageActions::edit(qint64 msgId, const QString &text)
{
    return m_session->request(QStringLiteral("edit"),
                              {{QStringLiteral("msg_id"), msgId}, {QStringLiteral("text"), text}});
}

Reply *MessageActions::remove(qint64 msgId)
{
    return m_session->request(QStringLiteral("delete"), {{QStringLiteral("msg_id"), msgId}});
}

Reply *MessageActions::forward(qint64 msgId, const QString &peer, qint64 group,
                               const QString &clientId)
{
    QJsonObject fields = chatFields(peer, group, "to");
    fields.insert(QStringLiteral("msg_id"), msgId);
    if (!clientId.isEmpty())
        fields.insert(QStringLiteral("client_id"), clientId);
    return m_session->request(QStringLiteral("forward"), fields);
}

void MessageActions::onEvent(const QJsonObject &event)
{
    const QString kind = event.value(QLatin1String("kind")).toString();
    const qint64 msgId = event.value(QLatin1String("msg_id")).toInteger();
    const QString from = event.value(QLatin1String("from")).toString();
    if (kind == Protocol::EventKind::Edited) {
        emit messageEdited(msgId, event.value(QLatin1String("text")).toString(),
                           event.value(QLatin1String("edited")).toInteger(), from);
    } else if (kind == Protocol::EventKind::Deleted) {
        emit messageDeleted(msgId, from);
    }
}

} // namespace Palomar::Client
