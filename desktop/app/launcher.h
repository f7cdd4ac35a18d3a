#pragma once

#include "client/tls.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>

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
// a login), and quits cleanly, logging out on Ctrl-C / SIGTERM.
class Launcher : public QObject
{
    Q_OBJECT
public:
    explicit Launcher(QObject *parent = nullptr);
    ~Launcher() override;

    void start();
    AppController *controller() const { return m_controller; }

private:
    void showLogin(const QString &notice = {});
    void showMainWindow();
    void onLoginAccepted();
    void onSessionEnded(int reason);
    void logOut();
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
    bool m_quitting = false;
};

} // namespace Palomar::Desktop
