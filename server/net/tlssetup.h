#pragma once

#include <QSslConfiguration>
#include <QString>

namespace Palomar::Server {

// Reads the PEM certificate chain (leaf first, as in Let's Encrypt's
// fullchain.pem) and the PEM private key (RSA or EC, unencrypted) for
// --tls-cert/--tls-key into the configuration every TLS connection uses:
// TLS 1.2 or later, no client certificates. Then proves that the two belong
// together with one handshake over the loopback interface, so a wrong key
// fails at start rather than on every client. On failure, `error` says
// which file is wrong and why.
bool loadTlsConfiguration(const QString &certificatePath, const QString &keyPath,
                          QSslConfiguration *configuration, QString *error);

// The leaf certificate of `configuration` for a log line: its subject, its
// expiry (UTC) and its SHA-256 fingerprint.
QString describeCertificate(const QSslConfiguration &configuration);

} // namespace Palomar::Server
