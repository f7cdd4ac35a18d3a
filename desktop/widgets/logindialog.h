#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

class AppController;

// The login / create-account screen: one centred column with the server
// address, username, password, "Remember me" and a single primary button
// that reads "Connecting…" while it works. Every failure shows inline,
// in words; "someone is already logged in" offers to log the other session
// out and continue. The work itself is the controller's.
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

    void setServer(const QString &address);
    void setUser(const QString &user);
    void setRememberMe(bool remember);
    // A line above the form, e.g. why the last session ended.
    void setNotice(const QString &text);
    void setMode(Mode mode);

    QString server() const;
    QString user() const;
    bool rememberMe() const;
    Mode mode() const { return m_mode; }
    QString errorText() const;

    static QString describeError(const QString &error, const QString &message, int retryAfter,
                                 const QString &server);

private:
    void submit(bool takeover);
    void showError(const QString &text);
    void setBusy(bool busy);
    void onLoginFailed(const QString &error, const QString &message, int retryAfter);
    void retranslate();

    AppController *m_controller;
    Mode m_mode = Mode::LogIn;
    bool m_busy = false;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_notice;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_error;
    QPushButton *m_takeover;
    QPushButton *m_submit;
    QLabel *m_switchHint;
    QPushButton *m_switchMode;
};

} // namespace Palomar::Desktop
