#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace Palomar::Client {

class ClientSession;
class Reply;

// A user's profile as `profile`, `set_profile` and the `profile` event carry
// it (docs/protocol.md §3.35). No avatar: avatarHash is empty.
struct Profile
{
    QString user;
    QString displayName;
    QString avatarHash;
    QString avatarType;
    qint64 avatarSize = 0;
    QByteArray avatarData; // only when asked for (profile with avatar data)

    static Profile fromJson(const QJsonObject &object);
};

// Blocks, profiles and password changes (docs/protocol.md §3.34-3.36) over a
// ClientSession: each call sends one request and returns its Reply; the
// session's `profile` events come out as profileChanged(). Offer these only
// when the server names the features "block", "profile" and "set_password"
// (ClientSession::hasFeature).
class Privacy : public QObject
{
    Q_OBJECT
public:
    // The largest avatar a server stores, in bytes (resize before setAvatar()).
    static constexpr qint64 kMaxAvatarBytes = 64 * 1024;

    explicit Privacy(ClientSession *session, QObject *parent = nullptr);

    Reply *block(const QString &user);
    Reply *unblock(const QString &user);
    Reply *blocked(); // result: `blocked` [{user, since}]
    // An empty user: your own. The reply's result is the profile (Profile::fromJson).
    Reply *profile(const QString &user = QString(), bool withAvatarData = false);
    Reply *setDisplayName(const QString &name); // "" removes it
    // A JPEG or PNG of at most kMaxAvatarBytes; empty removes the avatar.
    Reply *setAvatar(const QByteArray &image);
    Reply *setProfile(const QString &name, const QByteArray &image);
    // On success the session's token is the new one (passwordChanged()).
    Reply *setPassword(const QString &oldPassword, const QString &newPassword);

signals:
    // A friend or group co-member changed their profile.
    void profileChanged(const Palomar::Client::Profile &profile);
    // set_password succeeded: a stored token must be replaced by `token`.
    void passwordChanged(const QString &token);

private:
    void onEvent(const QJsonObject &event);

    ClientSession *m_session;
};

} // namespace Palomar::Client

Q_DECLARE_METATYPE(Palomar::Client::Profile)
