#pragma once

#include <QObject>
#include <QPointer>

namespace Palomar::Platform {
class SignalWatcher;
}

namespace Palomar::Desktop {

class AppController;
class LoginDialog;
class MainWindow;
class TokenStore;
class TrayNotifier;

// The program's top level: decides between the login dialog and the main
// window, remembers the server, user and "Remember me" in QSettings and the
// session token in the keychain, resumes a remembered session at start
// (the window opens from the cache before the network answers), and quits
// cleanly, logging out on Ctrl-C / SIGTERM.
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
    QString tokenKey() const;

    AppController *m_controller;
    TokenStore *m_tokens;
    Platform::SignalWatcher *m_signals;
    QPointer<LoginDialog> m_login;
    MainWindow *m_window = nullptr;
    TrayNotifier *m_tray = nullptr;
    bool m_remember = false;
    bool m_keychainMissing = false;
    bool m_quitting = false;
};

} // namespace Palomar::Desktop
