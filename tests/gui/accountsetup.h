#pragma once

#include "app/appcontroller.h"
#include "client/clientsession.h"

// Setting up the people of a GUI test: an account opened in a controller,
// and two users made friends.
namespace Palomar::GuiTest {

// Logs `controller` in as `user` on 127.0.0.1:port; false when the account did not open.
bool openAccount(Desktop::AppController *controller, quint16 port, const QString &user);
// `user` asks `other` (logged in as `otherName`) to be friends and `other` accepts.
bool befriend(quint16 port, const QString &user, Client::ClientSession *other,
              const QString &otherName);

} // namespace Palomar::GuiTest
