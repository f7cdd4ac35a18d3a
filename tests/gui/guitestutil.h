#pragma once

#include "app/appcontroller.h"
#include "client/clientsession.h"

#include <QString>
#include <QWidget>

#include <memory>

class QApplication;

// Helpers shared by the GUI tests: accounts made through a plain
// ClientSession, and widgets found by their accessible name.
namespace Palomar::GuiTest {

inline const QString kPassword = QStringLiteral("correct horse battery");
constexpr int kWait = 15000;

// A ClientSession connected to 127.0.0.1:port; nullptr on failure.
std::unique_ptr<Client::ClientSession> connectedSession(quint16 port);
bool registerUser(quint16 port, const QString &user, const QString &password = kPassword);
// Logs `session` in as `user`; false on failure.
bool logIn(Client::ClientSession *session, const QString &user,
           const QString &password = kPassword);
// Waits for a reply and reports whether it was ok (the Reply deletes itself).
bool awaitOk(Client::Reply *reply, QString *error = nullptr, QJsonObject *result = nullptr);

template<class T> T *findByAccessibleName(QWidget *root, const QString &name)
{
    const QList<T *> all = root->findChildren<T *>();
    for (T *widget : all) {
        if (widget->accessibleName() == name && widget->parent())
            return widget;
    }
    return nullptr;
}

// For the demos' screenshots: "dark" or "light" applies that theme to the
// whole application; anything else leaves the one already applied.
void applyDemoLook(const QString &look);

// What every demo does first: test paths, the theme, the language argv[2]
// (default "en") and the look argv[3]; returns the folder argv[1] (default:
// the current one) where its screenshots go.
QString startDemo(QApplication *app, int argc, char *argv[]);

} // namespace Palomar::GuiTest
