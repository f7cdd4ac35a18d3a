#pragma once

#include <QDialog>

class QCheckBox;

namespace Palomar::Desktop {

// "Log out?" with a checkbox to also remove this account's local data
// (its cache of messages, the pictures fetched for it, the remembered
// session) from this computer. Off by default: logging out alone loses nothing.
class LogoutDialog : public QDialog
{
    Q_OBJECT
public:
    LogoutDialog(const QString &user, const QString &server, QWidget *parent = nullptr);

    bool removeLocalData() const;

private:
    QCheckBox *m_removeData;
};

} // namespace Palomar::Desktop
