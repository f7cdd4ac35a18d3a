#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

class AppController;

// Asks for a username and sends a friend request through the controller;
// stays open with an inline message when the server says no.
class AddFriendDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddFriendDialog(AppController *controller, QWidget *parent = nullptr);

    static QString describeError(const QString &error, const QString &user);

private:
    void submit();
    void onFinished(const QString &user, const QString &error);

    AppController *m_controller;
    QLineEdit *m_user;
    QLabel *m_error;
    QPushButton *m_send;
    QString m_pending;
};

} // namespace Palomar::Desktop
