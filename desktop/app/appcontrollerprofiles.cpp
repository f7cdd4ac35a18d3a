// The profiles half of AppController (docs/protocol.md §3.35-3.36): other
// people's display names and pictures into People (from `friends`,
// `group_info` and `profile` events; pictures fetched once per hash and kept
// on disk beside the cache), and my own profile and password for the
// Profile dialog.
#include "appcontroller.h"

#include "cache/localcache.h"
#include "cache/privatefiles.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "models/people.h"

#include "client/privacy.h"
#include "client/reply.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPointer>
#include <QSaveFile>

namespace Palomar::Desktop {

using Client::Privacy;
using Client::Profile;
using Client::Reply;

namespace {

// A hash is the hex SHA-256 the server sends: safe as a file name, but
// check, since it comes from the network.
bool isHash(const QString &hash)
{
    if (hash.size() != 64)
        return false;
    for (const QChar c : hash) {
        if (!c.isDigit() && (c < u'a' || c > u'f'))
            return false;
    }
    return true;
}

} // namespace

void AppController::connectProfiles()
{
    m_people = new People(this);
    m_privacy = new Privacy(m_session, this);
    m_chatList->setPeople(m_people);
    m_messages->setPeople(m_people);
    connect(m_privacy, &Privacy::profileChanged, this, [this](const Profile &profile) {
        learnProfile(profile.user, profile.displayName, profile.avatarHash);
    });
    // A remembered session must resume with the rotated token.
    connect(m_privacy, &Privacy::passwordChanged, this, &AppController::tokenIssued);
}

bool AppController::canEditProfile() const
{
    return m_session->hasFeature(QStringLiteral("profile"));
}

bool AppController::canChangePassword() const
{
    return m_session->hasFeature(QStringLiteral("set_password"));
}

void AppController::learnProfile(const QString &user, const QString &displayName,
                                 const QString &avatarHash)
{
    if (!m_cache || user.isEmpty())
        return;
    if (!m_people->setProfile(user, displayName, avatarHash) || !isHash(avatarHash))
        return;
    QFile file(avatarPath(avatarHash));
    if (file.open(QIODevice::ReadOnly)) {
        m_people->setPicture(user, avatarHash, QImage::fromData(file.readAll()));
        return;
    }
    fetchAvatar(user, avatarHash);
}

void AppController::learnGroupProfiles(const Client::GroupInfo &info)
{
    for (const QString &member : info.members)
        learnProfile(member, info.displayNames.value(member), info.avatarHashes.value(member));
}

void AppController::learnGroupMemberProfiles(const QList<qint64> &groups)
{
    if (!canEditProfile())
        return;
    for (const qint64 group : groups) {
        Reply *reply = m_session->groupInfo(group);
        connect(reply, &Reply::finished, this, [this, reply] {
            if (reply->isOk())
                learnGroupProfiles(Client::GroupInfo::fromJson(reply->result()));
        });
    }
}

QString AppController::avatarPath(const QString &hash) const
{
    return QDir(mediaDirectory()).filePath(QStringLiteral("avatars/") + hash);
}

void AppController::fetchAvatar(const QString &user, const QString &hash)
{
    if (m_avatarFetches.contains(hash))
        return;
    m_avatarFetches.insert(hash);
    Reply *reply = m_privacy->profile(user, true);
    connect(reply, &Reply::finished, this, [this, reply, user, hash] {
        m_avatarFetches.remove(hash);
        if (!reply->isOk() || !m_cache)
            return;
        const Profile profile = Profile::fromJson(reply->result());
        if (profile.avatarHash != hash || profile.avatarData.isEmpty()) {
            // Changed meanwhile: learn what it is now.
            learnProfile(user, profile.displayName, profile.avatarHash);
            return;
        }
        const QString path = avatarPath(hash);
        if (PrivateFiles::makeDirectory(QFileInfo(path).path())) {
            QSaveFile file(path);
            if (file.open(QIODevice::WriteOnly) && file.write(profile.avatarData) >= 0 &&
                file.commit())
                PrivateFiles::tighten(path);
        }
        m_people->setPicture(user, hash, QImage::fromData(profile.avatarData));
    });
}

void AppController::fetchMyProfile(QObject *context, ProfileCallback done)
{
    Reply *reply = m_privacy->profile(QString(), true);
    QPointer<QObject> guard(context);
    connect(reply, &Reply::finished, this, [reply, guard, done] {
        if (guard)
            done(Profile::fromJson(reply->result()), reply->error(), reply->errorMessage());
    });
}

void AppController::saveProfile(const std::optional<QString> &displayName,
                                const std::optional<QByteArray> &avatar, QObject *context,
                                ProfileCallback done)
{
    Reply *reply = nullptr;
    if (displayName && avatar)
        reply = m_privacy->setProfile(*displayName, *avatar);
    else if (displayName)
        reply = m_privacy->setDisplayName(*displayName);
    else
        reply = m_privacy->setAvatar(avatar.value_or(QByteArray()));
    QPointer<QObject> guard(context);
    connect(reply, &Reply::finished, this, [reply, guard, done] {
        if (guard)
            done(Profile::fromJson(reply->result()), reply->error(), reply->errorMessage());
    });
}

void AppController::changePassword(const QString &oldPassword, const QString &newPassword,
                                   QObject *context, ErrorCallback done)
{
    Reply *reply = m_privacy->setPassword(oldPassword, newPassword);
    QPointer<QObject> guard(context);
    connect(reply, &Reply::finished, this, [reply, guard, done] {
        if (guard)
            done(reply->error(), reply->errorMessage());
    });
}

} // namespace Palomar::Desktop
