// Not a test: a populated group chat with its info panel in the real main
// window, for docs/screenshots/group.png. Starts its own server, makes
// homer (the window) and his friends, fills a group and a 1:1 chat, and
// stays open for the given number of seconds (default 60):
//   Xvfb :99 -screen 0 1366x800x24 & openbox &
//   DISPLAY=:99 demo_gui_group 60 [en|es] [light|dark] [settings|-] [shot.png] & sleep 15;
//   import -display :99 -window root group.png   (or let it save shot.png itself)
#include "app/appcontroller.h"
#include "app/languages.h"
#include "cache/cachetypes.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"
#include "widgets/settingsdialog.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QPixmap>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;

namespace {
void say(ClientSession *session, qint64 group, const QString &text)
{
    awaitOk(session->request(QStringLiteral("send"),
                             {{QStringLiteral("group"), group}, {QStringLiteral("text"), text}}));
    QTest::qWait(150);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("palomar-demo"));
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(&app);
    const int seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 60;
    Languages::install(&app, argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
    // A third argument picks the theme ("dark", "light") for the screenshots.
    Palomar::GuiTest::applyDemoLook(argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString());

    Palomar::Testing::ServerProcess server;
    if (!server.start()) {
        std::fprintf(stderr, "cannot start the server\n");
        return 1;
    }
    const quint16 port = server.port();
    const QStringList people{QStringLiteral("Homer"), QStringLiteral("Marge"),
                             QStringLiteral("Bart"), QStringLiteral("Lisa"), QStringLiteral("Moe")};
    std::map<QString, std::unique_ptr<ClientSession>> s;
    for (const QString &name : people) {
        registerUser(port, name);
        s[name] = connectedSession(port);
        logIn(s[name].get(), name);
    }
    for (const QString &name : people.mid(1)) {
        awaitOk(s[QStringLiteral("Homer")]->friendRequest(name));
        awaitOk(
            s[name]->friendRespond(QStringLiteral("Homer"), ClientSession::FriendResponse::Accept));
    }
    QJsonObject result;
    awaitOk(s[QStringLiteral("Homer")]->groupCreate(
                QStringLiteral("Evergreen Terrace"),
                {QStringLiteral("Marge"), QStringLiteral("Bart"), QStringLiteral("Lisa")}),
            nullptr, &result);
    const qint64 group = qint64(result.value(QLatin1String("group")).toDouble());
    ClientSession *homer = s[QStringLiteral("Homer")].get();
    awaitOk(homer->logout());
    s.erase(QStringLiteral("Homer"));

    say(s[QStringLiteral("Marge")].get(), group,
        QStringLiteral("Dinner is at seven tonight. Everyone home, please! 🍝"));
    say(s[QStringLiteral("Bart")].get(), group, QStringLiteral("Can Milhouse come too?"));
    say(s[QStringLiteral("Bart")].get(), group, QStringLiteral("He says he'll bring dessert"));
    say(s[QStringLiteral("Lisa")].get(), group,
        QStringLiteral("I'll set the table. Vegetarian option for me, mom?"));
    say(s[QStringLiteral("Marge")].get(), group, QStringLiteral("Of course, sweetie."));

    QTemporaryDir cacheDir;
    AppController controller;
    controller.setCacheDirectory(cacheDir.path());
    MainWindow window(&controller);
    QSignalSpy opened(&controller, &AppController::accountOpened);
    controller.logIn({QStringLiteral("127.0.0.1"), port}, QStringLiteral("Homer"), kPassword,
                     AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
    opened.wait(kWait);
    window.resize(1366, 768);
    window.show();
    (void)QTest::qWaitFor([&] { return controller.chatList()->contains(groupChatKey(group)); },
                          kWait);
    QTest::qWait(1000);
    const auto direct = [&](const char *from, const QString &text) {
        awaitOk(s[QLatin1String(from)]->request(
            QStringLiteral("send"),
            {{QStringLiteral("to"), QStringLiteral("Homer")}, {QStringLiteral("text"), text}}));
        QTest::qWait(150);
    };
    direct("Moe", QStringLiteral("Your tab is still open, Homer."));
    direct("Marge", QStringLiteral("Don't forget the milk on your way home"));
    direct("Moe", QStringLiteral("Flaming Moe special tonight 🔥"));
    QTest::qWait(500);
    window.openChat(groupChatKey(group));
    QTest::qWait(800);
    controller.sendMessage(QStringLiteral("Mmm… spaghetti. I'll pick up a Duff on the way home."));
    QTest::qWait(1500);
    // Everyone has it; Marge and Lisa have read it: two grey ticks until Bart reads.
    awaitOk(s[QStringLiteral("Marge")]->markGroupRead(group, 1 << 30));
    awaitOk(s[QStringLiteral("Lisa")]->markGroupRead(group, 1 << 30));
    say(s[QStringLiteral("Lisa")].get(), group, QStringLiteral("Dad, no beer at the table 🙄"));
    window.chatPage()->setGroupInfoVisible(true);
    QTest::qWait(1500);
    window.chatPage()->view()->scrollToNewest();
    if (argc > 4 && QLatin1String(argv[4]) == QLatin1String("settings"))
        window.showSettings()->move(window.geometry().center() - QPoint(230, 280));
    std::printf("ready\n");
    std::fflush(stdout);
    // A fifth argument: save a picture of the screen there a moment later.
    if (argc > 5) {
        const QString shot = QString::fromLocal8Bit(argv[5]);
        QTimer::singleShot(1500, &app, [shot] {
            QGuiApplication::primaryScreen()->grabWindow(0).save(shot);
            std::printf("saved %s\n", qPrintable(shot));
            std::fflush(stdout);
        });
    }
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    return app.exec();
}
