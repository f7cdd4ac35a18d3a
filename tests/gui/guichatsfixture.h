#pragma once

#include "app/appcontroller.h"
#include "client/clientsession.h"
#include "support/serverprocess.h"
#include "widgets/mainwindow.h"

#include <QTemporaryDir>

#include <map>
#include <memory>

// A real server, alice logged in in a real MainWindow, and friends of hers
// as plain ClientSessions, each having written to her: the starting point of
// the keyboard, chat menu and narrow window tests.
namespace Palomar::GuiTest {

class ChatsFixture
{
public:
    // Starts everything; false (with a QTest failure message) when it could not.
    bool start(const QStringList &friends);
    // A new controller and window on the same cache, as after a restart.
    bool restart();
    // `from` sends `text` to alice; waits until her list shows it.
    bool sendToAlice(const QString &from, const QString &text);
    // The row of `peer` in the chat list as shown (invalid when left out).
    QModelIndex shown(const QString &peer) const;

    Testing::ServerProcess server;
    QTemporaryDir cacheDir;
    std::unique_ptr<Desktop::AppController> controller;
    std::unique_ptr<Desktop::MainWindow> window;
    std::map<QString, std::unique_ptr<Client::ClientSession>> friends;

private:
    bool openAlice();
};

} // namespace Palomar::GuiTest
