#include "certificatedialog.h"

#include "theme.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
constexpr int kBytesPerLine = 8;

QLabel *fingerprintLabel(const QByteArray &fingerprint, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(CertificateDialog::groupedFingerprint(fingerprint), parent);
    label->setAccessibleName(name);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::bindStyleSheet(
        label, QStringLiteral("background: {window}; border-radius: 6px; padding: 8px;"));
    return label;
}

QString nameOf(const QStringList &parts)
{
    return parts.isEmpty() ? QString() : parts.join(QStringLiteral(", "));
}
} // namespace

CertificateDialog::CertificateDialog(const QString &server, const QSslCertificate &certificate,
                                     Client::CertificateProblem problem,
                                     const QByteArray &pinnedFingerprint, QWidget *parent)
    : QDialog(parent), m_certificate(certificate), m_problem(problem)
{
    const bool changed = problem == Client::CertificateProblem::PinMismatch;
    setObjectName(QStringLiteral("certificateDialog"));
    setWindowTitle(changed ? tr("Server identity changed") : tr("New server"));
    setModal(true);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto *title = new QLabel(this);
    title->setWordWrap(true);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::Bold);
    title->setFont(titleFont);
    auto *explanation = new QLabel(this);
    explanation->setWordWrap(true);
    if (changed) {
        title->setText(tr("WARNING: the identity of %1 has changed!").arg(server));
        title->setObjectName(QStringLiteral("changedWarning"));
        Theme::bindStyleSheet(title, QStringLiteral("QLabel#changedWarning { color: {onAccent}; "
                                                    "background: {danger}; border-radius: 6px; "
                                                    "padding: 10px; }"));
        explanation->setText(
            tr("The server presented a different certificate from the one you trusted before. "
               "Someone may be intercepting the connection to read your messages and password. "
               "Palomar will not connect. Replace the trusted certificate only if the server's "
               "operator told you it was replaced and the new fingerprint below matches theirs."));
    } else {
        title->setText(tr("Is %1 the server you expect?").arg(server));
        explanation->setText(
            tr("This server's certificate is not signed by an authority this computer trusts "
               "(it is probably self-signed). Compare its fingerprint with the one the "
               "server's operator gave you. If they match, Palomar will remember this server "
               "and warn you if its certificate ever changes."));
    }
    layout->addWidget(title);
    layout->addWidget(explanation);

    auto *details = new QFormLayout;
    const QLocale locale;
    details->addRow(tr("Server:"), new QLabel(server, this));
    details->addRow(tr("Issued to:"),
                    new QLabel(nameOf(certificate.subjectInfo(QSslCertificate::CommonName)), this));
    details->addRow(tr("Issued by:"),
                    new QLabel(nameOf(certificate.issuerInfo(QSslCertificate::CommonName)), this));
    details->addRow(tr("Valid until:"),
                    new QLabel(locale.toString(certificate.expiryDate().toLocalTime().date(),
                                               QLocale::LongFormat),
                               this));
    layout->addLayout(details);
    layout->addWidget(
        new QLabel(changed ? tr("New SHA-256 fingerprint:") : tr("SHA-256 fingerprint:"), this));
    layout->addWidget(fingerprintLabel(fingerprint(), QStringLiteral("fingerprint"), this));
    if (changed) {
        layout->addWidget(new QLabel(tr("Trusted until now:"), this));
        layout->addWidget(
            fingerprintLabel(pinnedFingerprint, QStringLiteral("pinnedFingerprint"), this));
        m_confirm = new QCheckBox(
            tr("I have checked the new fingerprint with the server's operator"), this);
        m_confirm->setAccessibleName(QStringLiteral("confirmReplace"));
        layout->addWidget(m_confirm);
    }

    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setAccessibleName(QStringLiteral("cancel"));
    m_trust = new QPushButton(
        changed ? tr("Replace the trusted certificate") : tr("Trust this server"), this);
    m_trust->setAccessibleName(QStringLiteral("trust"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(m_trust);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    if (changed) {
        cancel->setDefault(true);
        m_trust->setEnabled(false);
        connect(m_confirm, &QCheckBox::toggled, m_trust, &QPushButton::setEnabled);
    } else {
        m_trust->setDefault(true);
    }
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_trust, &QPushButton::clicked, this, &QDialog::accept);
}

QByteArray CertificateDialog::fingerprint() const
{
    return Client::certificateFingerprint(m_certificate);
}

QString CertificateDialog::groupedFingerprint(const QByteArray &fingerprint)
{
    return Client::formatFingerprint(fingerprint, kBytesPerLine);
}

} // namespace Palomar::Desktop
