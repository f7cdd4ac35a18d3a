#include "reactions.h"

#include "client/clientsession.h"
#include "client/reply.h"
#include "protocol/request.h"

#include <QDateTime>

namespace Palomar::Client {

Reaction Reaction::fromJson(const QJsonObject &object)
{
    Reaction reaction;
    reaction.msgId = object.value(QLatin1String("msg_id")).toInteger();
    reaction.user = object.value(QLatin1String("user")).toString();
    reaction.emoji = object.value(QLatin1String("emoji")).toString();
    reaction.peer = object.value(QLatin1String("peer")).toString();
    reaction.group = object.value(QLatin1String("group")).toInteger();
    reaction.ts = object.value(QLatin1String("ts")).toInteger();
    reaction.seq = object.value(QLatin1String("seq")).toInteger();
    return reaction;
}

Reactions::Reactions(ClientSession *session, QObject *parent) : QObject(parent), m_session(session)
{
    qRegisterMetaType<Palomar::Client::Reaction>();
    connect(session, &ClientSession::eventReceived, this, &Reactions::onEvent);
    connect(session, &ClientSession::groupEventReceived, this,
            [this](const QString &, const GroupEvent &event) {
                if (!event.lines.isEmpty())
                    emit systemLinesAdded(event.group, event.lines);
            });
}

Reply *Reactions::react(qint64 msgId, const QString &emoji)
{
    Reply *reply = m_session->request(QStringLiteral("react"), {{QStringLiteral("msg_id"), msgId},
                                                                {QStringLiteral("emoji"), emoji}});
    connect(reply, &Reply::finished, this, [this, reply, msgId, emoji] {
        if (!reply->isOk() || !m_session)
            return;
        Reaction mine;
        mine.msgId = msgId;
        mine.user = m_session->user();
        mine.emoji = emoji;
        mine.ts = QDateTime::currentMSecsSinceEpoch();
        emit reactionChanged(mine);
    });
    return reply;
}

Reply *Reactions::setGroupAdmin(qint64 group, const QString &user)
{
    return m_session->request(QStringLiteral("group_admin"),
                              {{QStringLiteral("group"), group}, {QStringLiteral("user"), user}});
}

void Reactions::apply(Message &message, const Reaction &reaction)
{
    if (reaction.msgId != message.msgId)
        return;
    for (auto it = message.reactions.begin(); it != message.reactions.end();) {
        it->removeIf([&reaction](const QString &user) {
            return user.compare(reaction.user, Qt::CaseInsensitive) == 0;
        });
        it = it->isEmpty() ? message.reactions.erase(it) : std::next(it);
    }
    if (reaction.emoji.isEmpty())
        return;
    QStringList &users = message.reactions[reaction.emoji];
    users.append(reaction.user);
    std::sort(users.begin(), users.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
}

void Reactions::onEvent(const QJsonObject &event)
{
    if (event.value(QLatin1String("kind")).toString() == Protocol::EventKind::Reaction)
        emit reactionChanged(Reaction::fromJson(event));
}

} // namespace Palomar::Client
