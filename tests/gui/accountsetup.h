#pragma once

#include "app/appcontroller.h"
#include "client/clientsession.h"
#include "widgets/mainwindow.h"

#include <QModelIndex>
#include <QSize>
#include <QTemporaryDir>

#include <memory>

// Setting up the people of a GUI test: an account opened in a controller,
// and two users made friends.
namespace Palomar::GuiTest {

// Logs `controller` in as `user` on 127.0.0.1:port; false when the account did not open.
bool openAccount(Desktop::AppController *controller, quint16 port, const QString &user);
// `user` asks `other` (logged in as `otherName`) to be friends and `other` accepts.
bool befriend(quint16 port, const QString &user, Client::ClientSession *other,
              const QString &otherName);

// One person's desktop: a controller with its own cache, and its window.
struct Desk
{
    QTemporaryDir cacheDir;
    std::unique_ptr<Desktop::AppController> controller;
    std::unique_ptr<Desktop::MainWindow> window;

    // Opens `user`'s account on 127.0.0.1:port and shows the window; false
    // when the account did not open or the window was not shown.
    bool open(quint16 port, const QString &user, QSize size = QSize(900, 600));
    // The row of `peer` (a username or a group's chat key) in the chat list.
    QModelIndex chat(const QString &peer) const;
};

} // namespace Palomar::GuiTest
