#include "privacy.h"

#include "clientsession.h"
#include "reply.h"

namespace Palomar::Client {

Profile Profile::fromJson(const QJsonObject &object)
{
    Profile profile;
    profile.user = object.value(QLatin1String("user")).toString();
    profile.displayName = object.value(QLatin1String("display_name")).toString();
    const QJsonObject avatar = object.value(QLatin1String("avatar")).toObject();
    profile.avatarHash = avatar.value(QLatin1String("hash")).toString();
    profile.avatarType = avatar.value(QLatin1String("type")).toString();
    profile.avatarSize = avatar.value(QLatin1String("size")).toInteger();
    profile.avatarData =
        QByteArray::fromBase64(avatar.value(QLatin1String("data")).toString().toLatin1());
    return profile;
}

Privacy::Privacy(ClientSession *session, QObject *parent) : QObject(parent), m_session(session)
{
    connect(session, &ClientSession::eventReceived, this, &Privacy::onEvent);
}

Reply *Privacy::block(const QString &user)
{
    return m_session->request(QStringLiteral("block"), {{QStringLiteral("user"), user}});
}

Reply *Privacy::unblock(const QString &user)
{
    return m_session->request(QStringLiteral("unblock"), {{QStringLiteral("user"), user}});
}

Reply *Privacy::blocked()
{
    return m_session->request(QStringLiteral("blocked"));
}

Reply *Privacy::profile(const QString &user, bool withAvatarData)
{
    QJsonObject fields;
    if (!user.isEmpty())
        fields.insert(QStringLiteral("user"), user);
    if (withAvatarData)
        fields.insert(QStringLiteral("avatar_data"), true);
    return m_session->request(QStringLiteral("profile"), fields);
}

Reply *Privacy::setDisplayName(const QString &name)
{
    return m_session->request(QStringLiteral("set_profile"),
                              {{QStringLiteral("display_name"), name}});
}

Reply *Privacy::setAvatar(const QByteArray &image)
{
    return m_session->request(QStringLiteral("set_profile"),
                              {{QStringLiteral("avatar"), QString::fromLatin1(image.toBase64())}});
}

Reply *Privacy::setProfile(const QString &name, const QByteArray &image)
{
    return m_session->request(QStringLiteral("set_profile"),
                              {{QStringLiteral("display_name"), name},
                               {QStringLiteral("avatar"), QString::fromLatin1(image.toBase64())}});
}

Reply *Privacy::setPassword(const QString &oldPassword, const QString &newPassword)
{
    Reply *reply =
        m_session->request(QStringLiteral("set_password"), {{QStringLiteral("old"), oldPassword},
                                                            {QStringLiteral("new"), newPassword}});
    connect(reply, &Reply::finished, this, [this, reply] {
        const QString token = reply->value(QLatin1String("token")).toString();
        if (!reply->isOk() || token.isEmpty())
            return;
        m_session->replaceToken(token);
        emit passwordChanged(token);
    });
    return reply;
}

void Privacy::onEvent(const QJsonObject &event)
{
    if (event.value(QLatin1String("kind")).toString() == QLatin1String("profile"))
        emit profileChanged(Profile::fromJson(event));
}

} // namespace Palomar::Client
