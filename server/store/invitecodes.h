#pragma once

#include <QString>

namespace Palomar::Server {

// Invitation codes (registration under the `invite` policy): 12 characters
// of an unambiguous base32 alphabet (digits 2-9 and the letters but I and O)
// drawn from libsodium's CSPRNG, about 60 bits. They are shown grouped by
// four (K7QF-3XPA-M2RT) and compared without dashes, spaces or case: the
// store keeps and looks them up normalised.
namespace InviteCodes {

constexpr int kLength = 12;
constexpr int kMaxInput = 64; // the longest `invite` a request may carry

// A new random code, normalised. Passwords::initialize() (sodium_init) must
// have run.
QString generate();
// Upper case, without dashes or white space.
QString normalise(const QString &code);
// The normalised code in groups of four joined by dashes, for display.
QString grouped(const QString &code);
// What a log line may show of a code: its first four characters and an
// ellipsis.
QString redacted(const QString &code);

} // namespace InviteCodes

} // namespace Palomar::Server
