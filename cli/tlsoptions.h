#pragma once

#include <QString>

namespace Palomar::Client {
class ClientSession;
}

namespace Palomar::Cli {

struct Options;

// Applies --tls, --ca and --pin to `session` before it connects; false with
// `error` when the --ca file holds no readable certificate. From then on a
// refused server certificate is explained on stderr: its fingerprint and how
// to trust it (--pin or --ca), or that it changed from the pinned one.
bool configureTls(const Options &options, Client::ClientSession *session, QString *error);

// "cannot connect to HOST:PORT: why", with a hint to add --tls when a
// plaintext connection was closed during the greeting (a TLS port does that).
QString connectionFailure(const Options &options, const QString &message);

} // namespace Palomar::Cli
