#include "profiles.h"

#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;
namespace EventKind = Protocol::EventKind;

std::optional<QString> ProfileHandler::displayName(const QString &typed)
{
    const QString name = typed.trimmed();
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return std::nullopt;
    }
    if (name.toUcs4().size() > kMaxDisplayName)
        return std::nullopt;
    return name;
}

QString ProfileHandler::imageType(const QByteArray &bytes)
{
    if (bytes.startsWith(QByteArrayLiteral("\xFF\xD8\xFF")))
        return QStringLiteral("image/jpeg");
    if (bytes.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1A\n")))
        return QStringLiteral("image/png");
    return QString();
}

bool ProfileHandler::maySee(qint64 me, qint64 other)
{
    return me == other || m_services.directory.isFriend(m_services.store, me, other) ||
           m_services.store.sharesGroup(me, other);
}

static QJsonObject avatarSummary(const ProfileRecord &profile)
{
    return {{QStringLiteral("hash"), profile.avatarHash},
            {QStringLiteral("type"), profile.avatarType},
            {QStringLiteral("size"), profile.avatarSize}};
}

QJsonObject ProfileHandler::summary(const ProfileRecord &profile)
{
    QJsonObject object;
    if (!profile.displayName.isEmpty())
        object.insert(QStringLiteral("display_name"), profile.displayName);
    if (!profile.avatarHash.isEmpty())
        object.insert(QStringLiteral("avatar"), avatarSummary(profile));
    return object;
}

QJsonObject ProfileHandler::describe(const QString &user,
                                     const std::optional<ProfileRecord> &profile)
{
    QJsonValue avatar = QJsonValue::Null;
    if (profile && !profile->avatarHash.isEmpty())
        avatar = avatarSummary(*profile);
    return {{QStringLiteral("user"), user},
            {QStringLiteral("display_name"), profile ? profile->displayName : QString()},
            {QStringLiteral("avatar"), avatar},
            {QStringLiteral("updated"),
             profile ? QJsonValue(profile->updatedTs) : QJsonValue(QJsonValue::Null)}};
}

HandlerResult ProfileHandler::profile(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const std::optional<QString> name = fields.optionalString("user");
    const bool withData = fields.optionalBoolean("avatar_data", false);
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    const QString wanted = name.value_or(me.user);
    const std::optional<UserRecord> user = m_services.directory.userByName(store, wanted);
    // Someone the caller may not see is answered like no one at all.
    if (!user || !maySee(me.userId, user->id))
        return HandlerResult::error(Error::NoSuchUser, QStringLiteral("no user %1").arg(wanted));
    const std::optional<ProfileRecord> record = store.profileOf(user->id);
    QJsonObject reply = describe(user->name, record);
    if (withData && record && !record->avatarHash.isEmpty()) {
        QJsonObject avatar = reply.value(QLatin1String("avatar")).toObject();
        avatar.insert(QStringLiteral("data"),
                      QString::fromLatin1(store.avatarOf(user->id).toBase64()));
        reply.insert(QStringLiteral("avatar"), avatar);
    }
    return HandlerResult::ok(reply);
}

HandlerResult ProfileHandler::setProfile(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const std::optional<QString> typedName = fields.optionalString("display_name");
    const std::optional<QString> typedAvatar = fields.optionalString("avatar");
    if (fields.ok() && !typedName && !typedAvatar)
        fields.fail(QStringLiteral("give display_name, avatar or both"));
    std::optional<QString> name;
    if (fields.ok() && typedName) {
        name = displayName(*typedName);
        if (!name)
            fields.fail(QStringLiteral("a display name has at most %1 characters and no control "
                                       "characters")
                            .arg(kMaxDisplayName));
    }
    QByteArray avatar;
    if (fields.ok() && typedAvatar && !typedAvatar->isEmpty()) {
        auto decoded = QByteArray::fromBase64Encoding(typedAvatar->toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            fields.fail(QStringLiteral("avatar is not base64"));
        else
            avatar = *decoded;
    }
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    if (avatar.size() > kMaxAvatarBytes) {
        return HandlerResult::error(Error::TooLarge,
                                    QStringLiteral("the avatar has %1 bytes; the limit is %2")
                                        .arg(avatar.size())
                                        .arg(kMaxAvatarBytes));
    }
    const QString type = imageType(avatar);
    if (!avatar.isEmpty() && type.isEmpty())
        return HandlerResult::error(Error::BadRequest,
                                    QStringLiteral("an avatar is a JPEG or PNG picture"));

    Store &store = m_services.store;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    ProfileRecord profile = store.profileOf(me.userId).value_or(ProfileRecord());
    if (name)
        profile.displayName = *name;
    if (typedAvatar) {
        profile.avatarType = type;
        profile.avatarHash =
            avatar.isEmpty()
                ? QString()
                : QString::fromLatin1(
                      QCryptographicHash::hash(avatar, QCryptographicHash::Sha256).toHex());
        profile.avatarSize = avatar.size();
    } else {
        avatar = store.avatarOf(me.userId); // kept as it is
    }
    profile.updatedTs = ts;
    store.putProfile(me.userId, profile, avatar);
    const QJsonObject described = describe(me.user, profile);
    for (const qint64 userId : store.profileAudience(me.userId))
        store.queueEvent(userId, EventKind::Profile, described);
    transaction.commit();
    return HandlerResult::ok(described);
}

} // namespace Palomar::Server
