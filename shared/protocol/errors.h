#pragma once

#include <QString>

namespace Palomar::Protocol {

// The stable error codes of PROTOCOL.md. Their wire spelling is the snake_case
// string returned by errorName(); never renumber or rename one once shipped.
enum class Error
{
    BadFrame,
    BadRequest,
    UnknownOp,
    UnsupportedVersion,
    AuthRequired,
    BadCredentials,
    InvalidUsername,
    WeakPassword,
    UserExists,
    SessionActive,
    SessionReplaced,
    NoSuchUser,
    NotFriends,
    AlreadyFriends,
    RequestPending,
    NoSuchRequest,
    NoSuchGroup,
    NotMember,
    NotAdmin,
    NoSuchFile,
    BadOffset,
    ChecksumMismatch,
    TooLarge,
    RateLimited,
    Internal,
    // The storage is unavailable right now (database unreachable, disk full):
    // the request had no effect; retry after `retry_after` seconds.
    Unavailable,
    // register under the server's registration policy (docs/protocol.md):
    // registration is closed, an invitation code is needed, or the one given
    // cannot be used (unknown, used, revoked or expired).
    RegistrationClosed,
    InviteRequired,
    InvalidInvite,
    // login/resume of a banned account (after the password check).
    AccountBanned,
    // Conversation ops (docs/protocol.md §3.28-): the message does not exist
    // or the caller cannot see it; it is not the caller's own; the time
    // window for changing it is over.
    NoSuchMessage,
    NotSender,
    TooLate,
};

QString errorName(Error error);
// Returns false when name is not a known code (an unknown code from a newer
// server is reported to the user as text, never dropped).
bool errorFromName(const QString &name, Error *error);

} // namespace Palomar::Protocol
