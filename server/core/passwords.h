#pragma once

#include <QByteArray>
#include <QString>

namespace Palomar::Server {

// Argon2id password hashing and session tokens, through libsodium. Hashing is
// slow on purpose: call hashPassword/verifyPassword only off the event-loop
// threads (see Services::hashPool).
class Passwords
{
public:
    struct Cost
    {
        quint64 opsLimit = 0; // 0: crypto_pwhash_OPSLIMIT_INTERACTIVE
        quint64 memLimit = 0; // 0: crypto_pwhash_MEMLIMIT_INTERACTIVE
    };

    static bool initialize(); // sodium_init(); false when libsodium cannot start
    // The encoded hash (algorithm, parameters, per-user salt and digest), or
    // an empty string when memory ran out.
    static QString hashPassword(const QString &password, Cost cost);
    static QString hashPassword(const QString &password) { return hashPassword(password, Cost()); }
    static bool verifyPassword(const QString &encodedHash, const QString &password);
    // A hash no password matches, verified for unknown users so that a login
    // takes as long whether or not the account exists: made at the same cost
    // as the real hashes (computed once per cost, then kept).
    static QString decoyHash(Cost cost);

    // 256 random bits from the system CSPRNG, base64url without padding.
    static QString newToken();
    // What the store keeps of a token: its SHA-256.
    static QByteArray tokenHash(const QString &token);
};

} // namespace Palomar::Server
