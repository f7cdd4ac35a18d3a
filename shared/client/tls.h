#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace Palomar::Client {

// How a connection to the server is secured. With `enabled`, the server's
// certificate must verify against the system's CAs plus `caCertificates`;
// one that does not is still accepted when its SHA-256 fingerprint is
// `pinnedFingerprint` (the certificate a user chose to trust: trust on first
// use, or `palomar-cli --pin`).
struct TlsSettings
{
    bool enabled = false;
    QList<QSslCertificate> caCertificates;
    QByteArray pinnedFingerprint; // raw SHA-256 (32 bytes); empty: none
};

// Why a server's certificate was refused.
enum class CertificateProblem
{
    Untrusted,   // it does not verify and nothing is pinned: ask the user (first contact)
    PinMismatch, // it does not verify and differs from the pinned one: it changed
};

// The SHA-256 digest of the certificate's DER form, as pinned.
QByteArray certificateFingerprint(const QSslCertificate &certificate);
// "AB:CD:…" (upper-case hex, one pair per byte), as `openssl x509 -fingerprint
// -sha256` and scripts/make-cert.sh print it. With `bytesPerLine` > 0, a line
// break after every that many bytes.
QString formatFingerprint(const QByteArray &fingerprint, int bytesPerLine = 0);
// Reads a SHA-256 fingerprint in hex, with or without ':' or spaces, and an
// optional "sha256:" / "SHA-256:" prefix; empty when it is not 32 bytes of hex.
QByteArray parseFingerprint(const QString &text);
// Reads the PEM (or DER) certificates of `path` for TlsSettings::caCertificates.
bool loadCertificates(const QString &path, QList<QSslCertificate> *certificates, QString *error);

} // namespace Palomar::Client
