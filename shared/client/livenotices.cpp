#include "livenotices.h"

#include "clientsession.h"
#include "protocol/features.h"
#include "reply.h"

namespace Palomar::Client {

LiveNotices::LiveNotices(ClientSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    connect(session, &ClientSession::noticeReceived, this, &LiveNotices::onNotice);
    connect(session, &ClientSession::loggedOut, this, &LiveNotices::resetTyping);
}

Reply *LiveNotices::sendTyping(const QString &user)
{
    return send(QLatin1String("u:") + user.toLower(), {{QStringLiteral("to"), user}});
}

Reply *LiveNotices::sendTypingInGroup(qint64 group)
{
    return send(QLatin1String("g:") + QString::number(group), {{QStringLiteral("group"), group}});
}

Reply *LiveNotices::send(const QString &key, const QJsonObject &fields)
{
    if (!m_session || !m_session->hasSession() || !m_session->hasFeature(Protocol::Feature::Typing))
        return nullptr;
    const auto last = m_sent.constFind(key);
    if (last != m_sent.cend() && !last->hasExpired(kTypingIntervalMs))
        return nullptr;
    m_sent[key].start();
    return m_session->request(QStringLiteral("typing"), fields);
}

void LiveNotices::onNotice(const QJsonObject &notice)
{
    const QString kind = notice.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("typing")) {
        const QString from = notice.value(QLatin1String("from")).toString();
        if (!from.isEmpty())
            emit typing(from, qint64(notice.value(QLatin1String("group")).toDouble()),
                        notice.value(QLatin1String("expires_in")).toInt(5));
    } else if (kind == QLatin1String("presence")) {
        const QString user = notice.value(QLatin1String("user")).toString();
        if (!user.isEmpty())
            emit presenceChanged(user, notice.value(QLatin1String("online")).toBool(),
                                 qint64(notice.value(QLatin1String("last_seen")).toDouble()));
    }
}

} // namespace Palomar::Client
