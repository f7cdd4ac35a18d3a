#pragma once

#include "client/tls.h"

#include <QDialog>
#include <QSslCertificate>

class QCheckBox;
class QPushButton;

namespace Palomar::Desktop {

// Shows a TLS server's certificate that did not verify, with its SHA-256
// fingerprint in groups to compare with what the server's operator says.
// First contact: "Trust this server" or "Cancel". A certificate that differs
// from the pinned one: a loud red warning with both fingerprints, where
// Cancel is the default and replacing the pin takes a deliberate tick
// first. Accepted means "pin this certificate"; the pinning is the caller's.
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateDialog(const QString &server, const QSslCertificate &certificate,
                      Client::CertificateProblem problem, const QByteArray &pinnedFingerprint,
                      QWidget *parent = nullptr);

    QSslCertificate certificate() const { return m_certificate; }
    QByteArray fingerprint() const;
    Client::CertificateProblem problem() const { return m_problem; }

    // The fingerprint as the dialog shows it: pairs of hex digits in lines of eight.
    static QString groupedFingerprint(const QByteArray &fingerprint);

private:
    QSslCertificate m_certificate;
    Client::CertificateProblem m_problem;
    QCheckBox *m_confirm = nullptr;
    QPushButton *m_trust;
};

} // namespace Palomar::Desktop
