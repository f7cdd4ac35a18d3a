// Not a test: the message actions on screen, for docs/screenshots/actions_*.png.
// alice (the window) talks with marge and lisa; it shows one of: a reply
// being written under a conversation with quotes and a forwarded message
// ("reply"), an edit in the compose box ("edit"), or the Forward dialog
// ("forward"). With a file name it saves the screen area of the window (and
// its dialog) there after two seconds and quits:
//   Xvfb :96 -screen 0 1280x800x24 &
//   DISPLAY=:96 demo_gui_actions reply 60 es actions_reply_es.png [dark|light]
#include "app/languages.h"
#include "client/clientsession.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeedit.h"
#include "widgets/forwarddialog.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QLineEdit>
#include <QScreen>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

namespace {
// The row of the newest message with `text` in alice's open chat; -1 when none.
int newestRowOf(MessageModel *model, const QString &text)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->index(row).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

// Alice types `text` into the open chat and sends it; waits for the server's id.
void aliceSends(ChatsFixture &f, const QString &text)
{
    ComposeEdit *compose = f.window->chatPage()->composeEdit();
    compose->setPlainText(text);
    QTest::keyClick(compose, Qt::Key_Return);
    MessageModel *model = f.controller->messages();
    QTest::qWaitFor(
        [&] {
            const int row = newestRowOf(model, text);
            return row >= 0 && model->index(row).data(MessageModel::MsgIdRole).toLongLong() > 0;
        },
        kWait);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("palomar-demo"));
    Theme::apply(&app);
    const QString what = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("reply");
    const int seconds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 60;
    Languages::install(&app, argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("en"));
    applyDemoLook(argc > 5 ? QString::fromLocal8Bit(argv[5]) : QString());

    ChatsFixture f;
    const QString marge = QStringLiteral("marge");
    if (!f.start({marge, QStringLiteral("lisa"), QStringLiteral("moe")})) {
        std::fprintf(stderr, "cannot set up\n");
        return 1;
    }
    f.sendToAlice(QStringLiteral("moe"), QStringLiteral("Duff is on the house tonight"));
    f.sendToAlice(QStringLiteral("lisa"), QStringLiteral("Can you help with my science project?"));
    const QString question = QStringLiteral("Who is coming to lunch on Sunday?\nPork chops!");
    awaitOk(f.friends.at(marge)->request(
        QStringLiteral("send"),
        {{QStringLiteral("to"), QStringLiteral("alice")}, {QStringLiteral("text"), question}}));
    f.window->resize(1100, 720);
    f.window->openChat(marge);
    MessageModel *model = f.controller->messages();
    QTest::qWaitFor([&] { return newestRowOf(model, question) >= 0; }, kWait);
    ChatPage *page = f.window->chatPage();
    ChatView *view = page->view();
    const auto localIdOf = [&](const QString &text) {
        return model->index(newestRowOf(model, text)).data(MessageModel::LocalIdRole).toLongLong();
    };
    // A conversation with a reply of each side and a forwarded message.
    const QString pie = QStringLiteral("Count me in, I will bring the apple pie");
    page->startReply(localIdOf(question));
    aliceSends(f, pie);
    const qint64 pieId =
        model->index(newestRowOf(model, pie)).data(MessageModel::MsgIdRole).toLongLong();
    const QString thanks = QStringLiteral("Great, thank you!");
    awaitOk(f.friends.at(marge)->request(QStringLiteral("send"),
                                         {{QStringLiteral("to"), QStringLiteral("alice")},
                                          {QStringLiteral("text"), thanks},
                                          {QStringLiteral("reply_to"), pieId}}));
    QTest::qWaitFor([&] { return newestRowOf(model, thanks) >= 0; }, kWait);
    const QString duff = QStringLiteral("Duff is on the house tonight");
    f.window->openChat(QStringLiteral("moe"));
    QTest::qWaitFor([&] { return newestRowOf(model, duff) >= 0; }, kWait);
    f.controller->forwardMessage(localIdOf(duff), {marge});
    f.window->openChat(marge);
    QTest::qWaitFor([&] { return newestRowOf(model, duff) >= 0; }, kWait);
    aliceSends(f, QStringLiteral("Is it at one o'clock?"));

    if (what == QLatin1String("reply")) {
        page->startReply(localIdOf(question));
        page->composeEdit()->setPlainText(QStringLiteral("And Grandpa too"));
    } else if (what == QLatin1String("edit")) {
        page->composeEdit()->setPlainText(QStringLiteral("a draft"));
        page->startEdit(localIdOf(QStringLiteral("Is it at one o'clock?")));
        page->composeEdit()->setPlainText(QStringLiteral("Is it at two o'clock?"));
    } else if (what == QLatin1String("forward")) {
        ForwardDialog *dialog = f.window->showForwardDialog(localIdOf(question));
        dialog->setChosen(QStringLiteral("lisa"), true);
        dialog->setChosen(QStringLiteral("moe"), true);
    }
    view->scrollToNewest();
    if (argc > 4) {
        const QString shot = QString::fromLocal8Bit(argv[4]);
        QTimer::singleShot(2000, &app, [shot, &f] {
            const QRect window = f.window->frameGeometry();
            const QPixmap screen = QGuiApplication::primaryScreen()->grabWindow(
                0, window.x(), window.y(), window.width(), window.height());
            if (!screen.save(shot))
                std::fprintf(stderr, "cannot save %s\n", qPrintable(shot));
            QCoreApplication::exit(0);
        });
    }
    QTimer::singleShot(seconds * 1000, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
