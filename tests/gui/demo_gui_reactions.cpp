// Not a test: reactions and typing in the real main window, for a look under
// Xvfb. Starts its own server; homer (the window) is in a group with marge,
// bart and lisa, who write and react. Saves, in the given folder:
// reactions_<look>.png (chips under the bubbles, mine outlined, the tooltip
// of who reacted), reactions_menu_<look>.png (a message's menu with its
// quick reactions) and typing_<look>.png ("marge and bart are typing…" in the
// header), with "_es" before the look in Spanish, then quits:
//   Xvfb :96 -screen 0 1280x800x24 &
//   DISPLAY=:96 demo_gui_reactions /tmp/shots [en|es] [dark|light]
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "client/livenotices.h"
#include "client/reactions.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <map>
#include <memory>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;

namespace {

// The screen where `window` is, menus and tooltips over it included.
void grabScreen(const QWidget &window, const QString &path)
{
    QApplication::processEvents();
    const QRect area = window.frameGeometry();
    QGuiApplication::primaryScreen()
        ->grabWindow(0, area.x(), area.y(), area.width(), area.height())
        .save(path);
    std::printf("saved %s\n", qPrintable(path));
}

int rowOf(MessageModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QDir out(startDemo(&app, argc, argv));
    const QString language = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en");
    const QString look = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("light");
    const QString suffix =
        (language == QStringLiteral("es") ? QStringLiteral("_es_") : QStringLiteral("_")) + look +
        QStringLiteral(".png");

    Palomar::Testing::ServerProcess server;
    if (!server.start())
        return 1;
    const QString homer = QStringLiteral("homer");
    const QStringList others{QStringLiteral("marge"), QStringLiteral("bart"),
                             QStringLiteral("lisa")};
    registerUser(server.port(), homer);
    std::map<QString, std::unique_ptr<ClientSession>> people;
    for (const QString &name : others) {
        registerUser(server.port(), name);
        auto session = connectedSession(server.port());
        if (!session || !logIn(session.get(), name) || !awaitOk(session->friendRequest(homer)))
            return 1;
        people[name] = std::move(session);
    }

    QTemporaryDir dir;
    AppController controller;
    controller.setCacheDirectory(dir.filePath(QStringLiteral("cache")));
    MainWindow window(&controller);
    if (!openAccount(&controller, server.port(), homer))
        return 1;
    window.resize(1100, 700);
    window.show();
    window.activateWindow();
    for (const QString &name : others)
        controller.respondToFriendRequest(name, true);
    (void)QTest::qWaitFor([&] { return controller.friendNames().size() == int(others.size()); },
                          kWait);
    QSignalSpy created(&controller, &AppController::groupCreated);
    controller.createGroup(QStringLiteral("Evergreen Terrace"), others);
    if (!created.wait(kWait) && created.isEmpty())
        return 1;
    const qint64 group = created.first().at(0).toLongLong();
    (void)QTest::qWaitFor([&] { return window.openChat(groupChatKey(group)); }, kWait);

    const QString dinner = QStringLiteral("Pork chops for dinner tonight!");
    const QString homework = QStringLiteral("Who wants to help me with my homework?");
    const QString donuts = QStringLiteral("I brought donuts");
    controller.sendMessage(dinner);
    (void)QTest::qWaitFor([&] { return rowOf(controller.messages(), dinner) >= 0; }, kWait);
    people.at(QStringLiteral("lisa"))->sendToGroup(group, homework);
    QTest::qWait(300);
    controller.sendMessage(donuts);
    MessageModel *model = controller.messages();
    const auto idOf = [&](const QString &text) {
        const int row = rowOf(model, text);
        return row < 0 ? qint64(0) : model->index(row).data(MessageModel::MsgIdRole).toLongLong();
    };
    (void)QTest::qWaitFor(
        [&] { return idOf(dinner) > 0 && idOf(homework) > 0 && idOf(donuts) > 0; }, kWait);
    const auto react = [&](const QString &who, const QString &text, const QString &emoji) {
        Palomar::Client::Reactions reactions(people.at(who).get());
        awaitOk(reactions.react(idOf(text), emoji));
    };
    react(QStringLiteral("marge"), dinner, QStringLiteral("❤️"));
    react(QStringLiteral("bart"), dinner, QStringLiteral("😂"));
    react(QStringLiteral("lisa"), dinner, QStringLiteral("❤️"));
    react(QStringLiteral("marge"), homework, QStringLiteral("👍"));
    react(QStringLiteral("bart"), donuts, QStringLiteral("😮"));
    react(QStringLiteral("lisa"), donuts, QStringLiteral("🙏"));
    controller.toggleReaction(idOf(homework), QStringLiteral("👍"));
    (void)QTest::qWaitFor(
        [&] {
            const int row = rowOf(model, homework);
            return row >= 0 &&
                   !model->index(row).data(MessageModel::MyReactionRole).toString().isEmpty();
        },
        kWait);
    QTest::qWait(500);
    ChatView *view = window.chatPage()->view();
    view->scrollToNewest();
    QTest::qWait(300);

    // Chips, with the tooltip of the ❤️ under the dinner message.
    const QRect heart = view->reactionChipRect(rowOf(model, dinner), QStringLiteral("❤️"));
    QHelpEvent help(QEvent::ToolTip, heart.center(), view->viewport()->mapToGlobal(heart.center()));
    QApplication::sendEvent(view->viewport(), &help);
    QTest::qWait(600);
    grabScreen(window, out.filePath(QStringLiteral("reactions") + suffix));

    // The menu of lisa's message, with the quick reactions.
    const int row = rowOf(model, homework);
    const QPoint at = view->bubbleRect(row).center();
    std::unique_ptr<QMenu> menu(view->messageMenu(row, at));
    menu->popup(view->viewport()->mapToGlobal(at));
    QTest::qWait(600);
    grabScreen(window, out.filePath(QStringLiteral("reactions_menu") + suffix));
    menu->close();

    // Two of them typing in the group.
    for (const char *name : {"marge", "bart"}) {
        Palomar::Client::LiveNotices live(people.at(QLatin1String(name)).get());
        awaitOk(live.sendTypingInGroup(group));
    }
    (void)QTest::qWaitFor(
        [&] {
            return window.chatPage()->typingLine()->isVisibleTo(&window) &&
                   window.chatPage()->typingLine()->text().contains(QLatin1String("bart"));
        },
        kWait);
    QTest::qWait(300);
    grabScreen(window, out.filePath(QStringLiteral("typing") + suffix));
    return 0;
}
