// Not a test: the main window with a pinned, a muted and a marked-unread
// chat, showing one of: the find bar ("find"), the quick switcher
// ("switcher"), the chat list's menu ("menu"), the shortcuts help ("help"),
// or a narrow window ("narrow"), or in marge's chat a message's menu
// ("message") or a link and a selected part of a text ("selection"), or the
// search at the server: the find bar ("searchfind") or the chat list's
// "Messages" ("searchglobal", docs/screenshots/search_*.png); for looking at
// them and for screenshots.
// With a file name it saves the window's part of the screen there after
// two seconds and quits:
//   Xvfb :95 -screen 0 1280x800x24 &
//   DISPLAY=:95 demo_gui_keyboard find 60 es find-es.png [dark|light]
#include "app/languages.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/findbar.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QScreen>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("palomar-demo"));
    Theme::apply(&app);
    const QString what = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("find");
    const int seconds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 60;
    Languages::install(&app, argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("en"));
    Palomar::GuiTest::applyDemoLook(argc > 5 ? QString::fromLocal8Bit(argv[5]) : QString());

    ChatsFixture f;
    const QStringList people{QStringLiteral("marge"), QStringLiteral("bart"),
                             QStringLiteral("lisa"), QStringLiteral("moe")};
    if (!f.start(people)) {
        std::fprintf(stderr, "cannot set up\n");
        return 1;
    }
    f.sendToAlice(QStringLiteral("moe"), QStringLiteral("Duff is on the house tonight"));
    f.sendToAlice(QStringLiteral("lisa"), QStringLiteral("Can you help with my science project?"));
    f.sendToAlice(QStringLiteral("bart"), QStringLiteral("Eat my shorts"));
    for (const QString &text :
         {QStringLiteral("Is anyone coming to lunch on Sunday?"),
          QStringLiteral("I am making pork chops."), QStringLiteral("Lunch is at one o'clock."),
          QStringLiteral("Remember the pie for lunch!"), QStringLiteral("See you all then 💙")})
        f.sendToAlice(QStringLiteral("marge"), text);
    f.controller->setChatPinned(QStringLiteral("lisa"), true);
    f.controller->setChatPinned(QStringLiteral("marge"), true);
    f.controller->setChatMuted(QStringLiteral("bart"), true);
    f.controller->markChatUnread(QStringLiteral("moe"));
    f.window->resize(1100, 720);

    if (what == QLatin1String("find")) {
        f.window->openChat(QStringLiteral("marge"));
        f.window->chatPage()->findBar()->setSession(
            nullptr); // the local find (search_*.png: server)
        f.window->chatPage()->findBar()->open();
        f.window->chatPage()->findBar()->setText(QStringLiteral("lunch"));
        f.window->chatPage()->findBar()->findOlder();
    } else if (what == QLatin1String("switcher")) {
        f.window->openChat(QStringLiteral("marge"));
        f.window->showQuickSwitcher();
    } else if (what == QLatin1String("menu")) {
        QListView *list = f.window->chatListView();
        const QModelIndex index = list->model()->index(2, 0);
        const QRect rect = list->visualRect(index);
        f.window->chatMenu(index)->popup(list->viewport()->mapToGlobal(rect.center()));
    } else if (what == QLatin1String("help")) {
        f.window->showShortcuts();
    } else if (what == QLatin1String("message") || what == QLatin1String("selection")) {
        const QString recipe =
            QStringLiteral("The recipe is on www.example.org/pork-chops, the dessert at "
                           "https://pies.example.com/apple");
        f.sendToAlice(QStringLiteral("marge"), recipe);
        f.sendToAlice(QStringLiteral("marge"), QStringLiteral("Bring the pie for lunch 🥧"));
        f.window->openChat(QStringLiteral("marge"));
        QCoreApplication::processEvents();
        ChatView *view = f.window->chatPage()->view();
        const int row = view->model()->rowCount() - 2;
        const qint64 localId =
            view->model()->index(row, 0).data(MessageModel::LocalIdRole).toLongLong();
        view->selectText(localId, 4, 10); // "recipe"
        if (what == QLatin1String("message")) {
            const QPoint at = view->bubbleRect(row).center();
            view->messageMenu(row, at)->popup(view->viewport()->mapToGlobal(at));
        }
    } else if (what == QLatin1String("searchfind")) {
        f.window->openChat(QStringLiteral("marge"));
        FindBar *bar = f.window->chatPage()->findBar();
        bar->open();
        bar->setText(QStringLiteral("lunch"));
        QTest::qWaitFor([bar] { return bar->matchCount() == 3; }, kWait);
        bar->findOlder();
    } else if (what == QLatin1String("searchglobal")) {
        f.sendToAlice(QStringLiteral("lisa"),
                      QStringLiteral("Can we have a vegetarian lunch this time, please? Tofu "
                                     "would be fine"));
        f.sendToAlice(QStringLiteral("bart"), QStringLiteral("Lunch is for losers"));
        f.window->openChat(QStringLiteral("marge"));
        f.window->searchField()->setText(QStringLiteral("lunch"));
    } else if (what == QLatin1String("narrow")) {
        f.window->resize(560, 720);
        f.window->openChat(QStringLiteral("marge"));
    }
    if (argc > 4) {
        const QString shot = QString::fromLocal8Bit(argv[4]);
        QTimer::singleShot(2000, &app, [shot, &f] {
            // The screen where the window is: its popups (menu, switcher) included.
            const QRect area = f.window->frameGeometry();
            QGuiApplication::primaryScreen()
                ->grabWindow(0, area.x(), area.y(), area.width(), area.height())
                .save(shot);
            QCoreApplication::exit(0);
        });
    }
    QTimer::singleShot(seconds * 1000, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
