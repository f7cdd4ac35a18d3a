#pragma once

#include "client/tls.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>

#include <optional>

namespace Palomar::Platform {
class SignalWatcher;
}

namespace Palomar::Desktop {

class AppController;
class CertificateDialog;
class LoginDialog;
class MainWindow;
class TokenStore;
class TrayNotifier;

// The program's top level: decides between the login dialog and the main
// window, remembers the server, TLS, user and "Remember me" in QSettings and
// the session token in the keychain, resumes a remembered session at start
// (the window opens from the cache before the network answers), asks about
// a TLS certificate refused while reconnecting (the login dialog asks during
// a login), and quits cleanly (also on Ctrl-C / SIGTERM). Quitting logs out
// at the server unless the session is remembered (its token is in the
// keychain), so the next start is not refused as "logged in elsewhere". Log
// out asks first, and can remove the account's local data. `tokens` (for
// tests) replaces the keychain; the Launcher takes it over.
class Launcher : public QObject
{
    Q_OBJECT
public:
    explicit Launcher(QObject *parent = nullptr, TokenStore *tokens = nullptr);
    ~Launcher() override;

    void start();
    AppController *controller() const { return m_controller; }

signals:
    // The user quit (or a signal asked to) and the session is closed: the
    // program may end now.
    void finished();

private:
    void showLogin(const QString &notice = {});
    void showMainWindow();
    void onLoginAccepted();
    void onSessionEnded(int reason);
    void logOut();
    void finishLogOut(bool removeLocalData);
    void setKeychainUsable(bool usable);
    void quit(bool logOut);
    void onCertificateRejected(const QSslCertificate &certificate,
                               Client::CertificateProblem problem);
    QString tokenKey() const;

    AppController *m_controller;
    TokenStore *m_tokens;
    Platform::SignalWatcher *m_signals;
    QPointer<LoginDialog> m_login;
    QPointer<CertificateDialog> m_certificateDialog;
    QSet<QByteArray> m_refusedFingerprints; // not asked about again until restarted
    MainWindow *m_window = nullptr;
    TrayNotifier *m_tray = nullptr;
    bool m_remember = false;
    bool m_keychainMissing = false;
    std::optional<bool> m_keychainUsable; // unknown until asked
    bool m_tokenStored = false;           // the session's token is in the keychain
    bool m_quitting = false;
};

} // namespace Palomar::Desktop
