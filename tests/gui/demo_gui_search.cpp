// Not a test: the search of issue 17 on screen against a real server, one of:
// the find bar searching marge's chat at the server ("find"), or the chat
// list's search with its "Messages" section ("global"); for looking at them
// and for screenshots. With a file name it saves the window after two
// seconds and quits:
//   Xvfb :95 -screen 0 1280x800x24 &
//   DISPLAY=:95 demo_gui_search global 60 es search_global_es.png [dark|light]
#include "app/languages.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "widgets/chatpage.h"
#include "widgets/findbar.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QLineEdit>
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
    if (!f.start({QStringLiteral("marge"), QStringLiteral("bart"), QStringLiteral("lisa"),
                  QStringLiteral("moe")})) {
        std::fprintf(stderr, "cannot set up\n");
        return 1;
    }
    for (const QString &text :
         {QStringLiteral("Who wants lunch at the café on Saturday?"),
          QStringLiteral("The new bakery sells cinnamon rolls, we should try them some day"),
          QStringLiteral("Lunch is at one o'clock, don't be late."),
          QStringLiteral("I am making pork chops."), QStringLiteral("Remember the pie for lunch!"),
          QStringLiteral("See you all then 💙")})
        f.sendToAlice(QStringLiteral("marge"), text);
    f.sendToAlice(QStringLiteral("lisa"),
                  QStringLiteral("Can we have a vegetarian lunch this time, please?"));
    f.sendToAlice(QStringLiteral("bart"), QStringLiteral("Eat my shorts, lunch is for losers"));
    f.sendToAlice(QStringLiteral("moe"), QStringLiteral("Duff is on the house tonight"));
    f.window->resize(1100, 720);

    if (what == QLatin1String("find")) {
        f.window->openChat(QStringLiteral("marge"));
        FindBar *bar = f.window->chatPage()->findBar();
        bar->open();
        bar->setText(QStringLiteral("lunch"));
        QTest::qWaitFor([bar] { return bar->matchCount() == 3; }, kWait);
        bar->findOlder();
    } else if (what == QLatin1String("global")) {
        f.window->openChat(QStringLiteral("marge"));
        f.window->searchField()->setText(QStringLiteral("lunch"));
    }
    if (argc > 4) {
        const QString shot = QString::fromLocal8Bit(argv[4]);
        QTimer::singleShot(2000, &app, [shot, &f] {
            f.window->grab().save(shot);
            QCoreApplication::exit(0);
        });
    }
    QTimer::singleShot(seconds * 1000, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
