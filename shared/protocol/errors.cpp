#include "errors.h"

#include <array>
#include <utility>

namespace Palomar::Protocol {

namespace {
constexpr std::array<std::pair<Error, const char *>, 33> kNames{{
    {Error::BadFrame, "bad_frame"},
    {Error::BadRequest, "bad_request"},
    {Error::UnknownOp, "unknown_op"},
    {Error::UnsupportedVersion, "unsupported_version"},
    {Error::AuthRequired, "auth_required"},
    {Error::BadCredentials, "bad_credentials"},
    {Error::InvalidUsername, "invalid_username"},
    {Error::WeakPassword, "weak_password"},
    {Error::UserExists, "user_exists"},
    {Error::SessionActive, "session_active"},
    {Error::SessionReplaced, "session_replaced"},
    {Error::NoSuchUser, "no_such_user"},
    {Error::NotFriends, "not_friends"},
    {Error::AlreadyFriends, "already_friends"},
    {Error::RequestPending, "request_pending"},
    {Error::NoSuchRequest, "no_such_request"},
    {Error::NoSuchGroup, "no_such_group"},
    {Error::NotMember, "not_member"},
    {Error::NotAdmin, "not_admin"},
    {Error::NoSuchFile, "no_such_file"},
    {Error::BadOffset, "bad_offset"},
    {Error::ChecksumMismatch, "checksum_mismatch"},
    {Error::TooLarge, "too_large"},
    {Error::RateLimited, "rate_limited"},
    {Error::Internal, "internal"},
    {Error::Unavailable, "unavailable"},
    {Error::RegistrationClosed, "registration_closed"},
    {Error::InviteRequired, "invite_required"},
    {Error::InvalidInvite, "invalid_invite"},
    {Error::AccountBanned, "account_banned"},
    {Error::NoSuchMessage, "no_such_message"},
    {Error::NotSender, "not_sender"},
    {Error::TooLate, "too_late"},
}};
} // namespace

QString errorName(Error error)
{
    for (const auto &[code, name] : kNames) {
        if (code == error)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("internal");
}

bool errorFromName(const QString &name, Error *error)
{
    for (const auto &[code, text] : kNames) {
        if (name == QLatin1String(text)) {
            *error = code;
            return true;
        }
    }
    return false;
}

} // namespace Palomar::Protocol
