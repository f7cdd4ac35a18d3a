#pragma once

#include <QString>

namespace Palomar::Cli {

struct Options;

// What palomar-cli keeps between runs, in the user's folders:
// - the token of the interactive session (data folder, sessions/, mode
//   0600), so one-shot commands of the same user share that session
//   (resume) instead of being refused with session_active;
// - each server's TLS settings (config folder, servers.conf), so --tls, --ca
//   and --pin need not be given on every command.
namespace LocalState {

// Creates `path` (and its folder) if missing, readable by its owner only.
bool ensurePrivateFile(const QString &path);

QString sessionToken(const Options &options);
void saveSessionToken(const Options &options, const QString &token);
// Forgets the token, if it is still `token` (another run may have saved a newer one).
void forgetSessionToken(const Options &options, const QString &token);

// Fills in --tls, --ca and --pin from what worked with this server before,
// unless the command line gave any of them.
void applyRememberedTls(Options *options);
// Remembers the TLS settings that just worked with this server.
void rememberTls(const Options &options);

} // namespace LocalState

} // namespace Palomar::Cli
