// The one-shot privacy commands: block, unblock, blocked, profile,
// set-profile, passwd (docs/protocol.md §3.34-3.36).
#include "oneshot.h"

#include "password.h"

#include "client/clientsession.h"
#include "client/privacy.h"
#include "client/reply.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QProcessEnvironment>

namespace Palomar::Cli {

using Client::Privacy;
using Client::Profile;
using Client::Reply;

namespace {

// The new password of `passwd`: the first line of `file`, else
// $PALOMAR_NEW_PASSWORD, else asked twice on the terminal without echo.
bool obtainNewPassword(const QString &file, QString *password, QString *error)
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment environment;
    const bool fromEnvironment = system.contains(QStringLiteral("PALOMAR_NEW_PASSWORD"));
    if (fromEnvironment)
        environment.insert(QStringLiteral("PALOMAR_PASSWORD"),
                           system.value(QStringLiteral("PALOMAR_NEW_PASSWORD")));
    if (!obtainPassword(file, environment, QStringLiteral("New password: "), password, error)) {
        *error = QStringLiteral("no new password: use --new-password-file FILE or "
                                "PALOMAR_NEW_PASSWORD, or run it on a terminal");
        return false;
    }
    if (!file.isEmpty() || fromEnvironment)
        return true;
    QString again;
    if (!promptOnTerminal(QStringLiteral("New password again: "), false, &again) ||
        again != *password) {
        *error = QStringLiteral("the two new passwords differ");
        return false;
    }
    return true;
}

} // namespace

QJsonObject profileJson(const Profile &profile)
{
    QJsonObject object{{QStringLiteral("user"), profile.user},
                       {QStringLiteral("display_name"), profile.displayName}};
    if (!profile.avatarHash.isEmpty()) {
        object.insert(QStringLiteral("avatar"),
                      QJsonObject{{QStringLiteral("hash"), profile.avatarHash},
                                  {QStringLiteral("type"), profile.avatarType},
                                  {QStringLiteral("size"), profile.avatarSize}});
    } else {
        object.insert(QStringLiteral("avatar"), QJsonValue::Null);
    }
    return object;
}

QString profileSummary(const Profile &profile)
{
    const QString name =
        profile.displayName.isEmpty() ? QStringLiteral("(no display name)") : profile.displayName;
    const QString avatar = profile.avatarHash.isEmpty() ? QStringLiteral("no avatar")
                                                        : QStringLiteral("avatar %1, %2 bytes, %3")
                                                              .arg(profile.avatarType)
                                                              .arg(profile.avatarSize)
                                                              .arg(profile.avatarHash.left(12));
    return QStringLiteral("%1: %2; %3").arg(profile.user, name, avatar);
}

void OneShotRunner::runPrivacyCommand()
{
    if (!m_privacy)
        m_privacy = new Privacy(m_session, this);
    const QString &command = m_options.command;
    if (command == QLatin1String("block")) {
        runSimple(
            m_privacy->block(target()),
            QStringLiteral("Blocked %1: their messages and requests are refused.").arg(target()));
    } else if (command == QLatin1String("unblock")) {
        runSimple(m_privacy->unblock(target()),
                  QStringLiteral("%1 is no longer blocked.").arg(target()));
    } else if (command == QLatin1String("blocked")) {
        Reply *reply = m_privacy->blocked();
        connect(reply, &Reply::finished, this, [this, reply] {
            if (!check(reply))
                return;
            for (const QJsonValue &value : reply->value(QLatin1String("blocked")).toArray()) {
                const QJsonObject entry = value.toObject();
                const QString since =
                    QDateTime::fromMSecsSinceEpoch(entry.value(QLatin1String("since")).toInteger())
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
                printLine(
                    stdout,
                    m_output.done(QStringLiteral("%1 (since %2)")
                                      .arg(entry.value(QLatin1String("user")).toString(), since),
                                  entry));
            }
            succeed();
        });
    } else if (command == QLatin1String("profile")) {
        runProfile();
    } else if (command == QLatin1String("set-profile")) {
        runSetProfile();
    } else {
        runPasswd();
    }
}

void OneShotRunner::runProfile()
{
    Reply *reply = m_privacy->profile(target());
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        const Profile profile = Profile::fromJson(reply->result());
        printLine(stdout, m_output.done(profileSummary(profile), profileJson(profile)));
        succeed();
    });
}

void OneShotRunner::runSetProfile()
{
    QByteArray avatar;
    if (!m_options.avatarFile.isEmpty()) {
        QFile file(m_options.avatarFile);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(
                QStringLiteral("no_file"),
                QStringLiteral("cannot read %1: %2").arg(m_options.avatarFile, file.errorString()));
            return;
        }
        avatar = file.read(Privacy::kMaxAvatarBytes + 1);
        if (avatar.size() > Privacy::kMaxAvatarBytes) {
            fail(QStringLiteral("too_large"),
                 QStringLiteral("%1 is larger than 64 KB: resize it first (e.g. 256x256 JPEG)")
                     .arg(m_options.avatarFile));
            return;
        }
    }
    Reply *reply = nullptr;
    if (m_options.hasProfileName && !m_options.avatarFile.isNull())
        reply = m_privacy->setProfile(m_options.profileName, avatar);
    else if (m_options.hasProfileName)
        reply = m_privacy->setDisplayName(m_options.profileName);
    else
        reply = m_privacy->setAvatar(avatar);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        const Profile profile = Profile::fromJson(reply->result());
        QJsonObject fields = profileJson(profile);
        fields.insert(QStringLiteral("command"), m_options.command);
        printLine(stdout,
                  m_output.done(QStringLiteral("Profile set. ") + profileSummary(profile), fields));
        succeed();
    });
}

void OneShotRunner::runPasswd()
{
    QString password;
    QString problem;
    if (!obtainNewPassword(m_options.newPasswordFile, &password, &problem)) {
        fail(QStringLiteral("no_password"), problem);
        return;
    }
    Reply *reply = m_privacy->setPassword(m_password, password);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        printLine(stdout, m_output.done(QStringLiteral("Password changed."),
                                        {{QStringLiteral("command"), m_options.command},
                                         {QStringLiteral("user"), m_session->user()}}));
        succeed();
    });
}

} // namespace Palomar::Cli
