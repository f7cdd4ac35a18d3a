#pragma once

#include "context.h"
#include "protocol/limits.h"

namespace Palomar::Server {

struct ProfileRecord;
struct UserRecord;

// profile and set_profile (docs/protocol.md §3.35): a display name and a
// small avatar picture (JPEG or PNG, resized by the client), seen by the
// user's friends and group co-members, who get a `profile` event when it
// changes.
class ProfileHandler
{
public:
    explicit ProfileHandler(Services services) : m_services(services) {}

    HandlerResult profile(const Protocol::Request &request, CallContext &context);
    HandlerResult setProfile(const Protocol::Request &request, CallContext &context);

    // The largest avatar stored, in bytes.
    static constexpr qint64 kMaxAvatarBytes = 64 * 1024;
    // The most characters (code points) of a display name.
    static constexpr int kMaxDisplayName = Protocol::kMaxDisplayNameLength;

    // A display name as stored: trimmed; nothing when it is too long or has
    // control characters ("" clears it).
    static std::optional<QString> displayName(const QString &typed);
    // "image/jpeg" or "image/png" from the bytes' signature; "" for anything else.
    static QString imageType(const QByteArray &bytes);

    // The display name and avatar ({hash, type, size}) of a profile as
    // `friends` items and group_info's `profiles` carry them: each only when set.
    static QJsonObject summary(const ProfileRecord &profile);

private:
    // Self, a friend, or a member of a group the caller is in.
    bool maySee(qint64 me, qint64 other);
    static QJsonObject describe(const QString &user, const std::optional<ProfileRecord> &profile);

    Services m_services;
};

} // namespace Palomar::Server
