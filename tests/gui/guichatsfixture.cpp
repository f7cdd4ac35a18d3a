#include "guichatsfixture.h"

#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/friendrequestmodel.h"

#include <QListView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace Palomar::GuiTest {

using Client::ClientSession;
using Desktop::AppController;

bool ChatsFixture::start(const QStringList &names)
{
    QStandardPaths::setTestModeEnabled(true);
    if (!server.start() || !registerUser(server.port(), QStringLiteral("alice")))
        return false;
    if (!openAlice())
        return false;
    for (const QString &name : names) {
        if (!registerUser(server.port(), name))
            return false;
        auto session = connectedSession(server.port());
        if (!session || !logIn(session.get(), name) ||
            !awaitOk(session->friendRequest(QStringLiteral("alice"))))
            return false;
        if (!QTest::qWaitFor([&] { return controller->friendRequests()->rowCount() > 0; }, kWait))
            return false;
        controller->respondToFriendRequest(name, true);
        if (!QTest::qWaitFor([&] { return controller->chatList()->contains(name); }, kWait))
            return false;
        friends[name] = std::move(session);
    }
    return true;
}

bool ChatsFixture::openAlice()
{
    controller = std::make_unique<AppController>();
    controller->setCacheDirectory(cacheDir.path());
    window = std::make_unique<Desktop::MainWindow>(controller.get());
    QSignalSpy opened(controller.get(), &AppController::accountOpened);
    controller->logIn({QStringLiteral("127.0.0.1"), server.port()}, QStringLiteral("alice"),
                      kPassword, AppController::LoginMode::LogIn,
                      ClientSession::LoginOption::Takeover);
    if (!opened.wait(kWait))
        return false;
    window->resize(1100, 720);
    window->show();
    window->activateWindow();
    // Keyboard tests wait for it to be active themselves.
    return QTest::qWaitForWindowExposed(window.get());
}

bool ChatsFixture::restart()
{
    window.reset();
    controller.reset();
    return openAlice();
}

bool ChatsFixture::sendToAlice(const QString &from, const QString &text)
{
    if (!awaitOk(friends.at(from)->request(
            QStringLiteral("send"),
            {{QStringLiteral("to"), QStringLiteral("alice")}, {QStringLiteral("text"), text}})))
        return false;
    return QTest::qWaitFor(
        [&] {
            Desktop::ChatListModel *chats = controller->chatList();
            const int row = chats->rowOf(from);
            return row >= 0 &&
                   chats->index(row).data(Desktop::ChatListModel::PreviewRole).toString() == text;
        },
        kWait);
}

QModelIndex ChatsFixture::shown(const QString &peer) const
{
    const QAbstractItemModel *model = window->chatListView()->model();
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->index(i, 0).data(Desktop::ChatListModel::PeerRole).toString() == peer)
            return model->index(i, 0);
    }
    return {};
}

} // namespace Palomar::GuiTest
