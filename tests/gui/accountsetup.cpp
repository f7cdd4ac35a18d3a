#include "accountsetup.h"

#include "guitestutil.h"

#include "models/chatlistmodel.h"

#include <QSignalSpy>
#include <QTest>

namespace Palomar::GuiTest {

bool openAccount(Desktop::AppController *controller, quint16 port, const QString &user)
{
    QSignalSpy opened(controller, &Desktop::AppController::accountOpened);
    controller->logIn({QStringLiteral("127.0.0.1"), port}, user, kPassword,
                      Desktop::AppController::LoginMode::LogIn,
                      Client::ClientSession::LoginOption::Normal);
    return opened.wait(kWait);
}

bool befriend(quint16 port, const QString &user, Client::ClientSession *other,
              const QString &otherName)
{
    auto session = connectedSession(port);
    return session && logIn(session.get(), user) && awaitOk(session->friendRequest(otherName)) &&
           awaitOk(other->friendRespond(user, Client::ClientSession::FriendResponse::Accept)) &&
           awaitOk(session->logout());
}

bool Desk::open(quint16 port, const QString &user, QSize size)
{
    controller = std::make_unique<Desktop::AppController>();
    controller->setCacheDirectory(cacheDir.path());
    window = std::make_unique<Desktop::MainWindow>(controller.get());
    if (!openAccount(controller.get(), port, user))
        return false;
    window->resize(size);
    window->show();
    return QTest::qWaitForWindowExposed(window.get());
}

QModelIndex Desk::chat(const QString &peer) const
{
    return controller->chatList()->index(controller->chatList()->rowOf(peer));
}

} // namespace Palomar::GuiTest
