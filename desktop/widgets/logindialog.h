#pragma once

#include "client/tls.h"
#include "client/types.h"

#include <QDialog>
#include <QPointer>
#include <QSslCertificate>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

class AppController;
class CertificateDialog;
class RegistrationProbe;

// The login / create-account screen: one centred column with the server
// address, "Secure connection (TLS)", username, password, "Remember me" and
// a single primary button that reads "Connecting…" while it works. Every
// failure shows inline, in words; "someone is already logged in" offers to
// log the other session out and continue; a TLS certificate that is not
// trusted opens the CertificateDialog and, once trusted (pinned in the
// TrustStore), tries again. In create-account mode it asks the server who may
// register (RegistrationProbe) as the page opens and when the address
// changes: an "Invitation code" field shows only when the server wants one,
// and a closed server is said so with the button disabled. The work itself
// is the controller's.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        LogIn,
        CreateAccount,
    };

    explicit LoginDialog(AppController *controller, QWidget *parent = nullptr);
    ~LoginDialog() override;

    void setServer(const QString &address);
    void setUser(const QString &user);
    void setRememberMe(bool remember);
    // Without a keychain "Remember me" cannot work: it is unticked, disabled
    // and a note under it says why.
    void setKeychainAvailable(bool available);
    void setTls(bool tls);
    // A line above the form, e.g. why the last session ended.
    void setNotice(const QString &text);
    void setMode(Mode mode);

    QString server() const;
    QString user() const;
    bool rememberMe() const;
    bool tls() const;
    // The certificate question on screen, if any.
    CertificateDialog *certificateDialog() const;
    Mode mode() const { return m_mode; }
    QString errorText() const;
    // The server's registration policy as last learned (Unknown before).
    Client::Registration registration() const { return m_registration; }

    static QString describeError(const QString &error, const QString &message, int retryAfter,
                                 const QString &server);

private:
    void submit(bool takeover);
    void showError(const QString &text);
    void setBusy(bool busy);
    void onLoginFailed(const QString &error, const QString &message, int retryAfter);
    void askAboutCertificate();
    void retranslate();
    void probeRegistration();
    void setRegistration(Client::Registration policy);

    AppController *m_controller;
    Mode m_mode = Mode::LogIn;
    bool m_busy = false;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_notice;
    QLineEdit *m_server;
    QCheckBox *m_tls;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_inviteLabel;
    QLineEdit *m_invite;
    QLabel *m_registrationNote; // registration is closed
    QCheckBox *m_remember;
    QLabel *m_keychainNote;
    bool m_keychainAvailable = true;
    QLabel *m_error;
    QPushButton *m_takeover;
    QPushButton *m_submit;
    QLabel *m_switchHint;
    QPushButton *m_switchMode;

    struct Rejection
    {
        QSslCertificate certificate;
        Client::CertificateProblem problem = Client::CertificateProblem::Untrusted;
    };
    std::optional<Rejection> m_rejection; // from the login attempt under way
    bool m_attemptTakeover = false;       // how the attempt under way was asked for
    QPointer<CertificateDialog> m_certificateDialog;
    RegistrationProbe *m_probe;
    Client::Registration m_registration = Client::Registration::Unknown;
};

} // namespace Palomar::Desktop
