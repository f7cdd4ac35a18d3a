#pragma once

#include <QByteArray>

namespace Palomar::Client {
class ClientSession;
}

namespace Palomar::Desktop {

struct ServerAddress;

// The certificates the user chose to trust, one per server (host:port),
// kept in QSettings as SHA-256 fingerprints: trust on first use for
// self-signed servers. Only a certificate that does not verify against the
// system's CAs is ever compared with the pin, so a server with a CA-signed
// certificate renews it without anyone being asked.
class TrustStore
{
public:
    static QByteArray pinnedFingerprint(const ServerAddress &server);
    static void pin(const ServerAddress &server, const QByteArray &fingerprint);
    static void forget(const ServerAddress &server);
    // Prepares `session` to connect to `server`: TLS on or off, and the pin.
    static void configure(Client::ClientSession *session, const ServerAddress &server, bool tls);
};

} // namespace Palomar::Desktop
