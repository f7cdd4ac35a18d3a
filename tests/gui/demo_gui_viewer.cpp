// Not a test: the picture viewer and the "new messages" line in the real
// main window, for a look under Xvfb. Starts its own server; lisa (the
// window) has read her chat with milhouse, who then writes and sends two
// pictures. Saves, in the given folder: reading.png (the chat opened at its
// "new messages" line), viewer.png (the second picture, fitted) and
// viewer-zoom.png (the same at 1:1, panned), then quits:
//   Xvfb :96 -screen 0 1280x800x24 &
//   DISPLAY=:96 demo_gui_viewer /tmp/shots [en|es] [dark|light]
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "app/languages.h"
#include "client/filetransfer.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/mainwindow.h"
#include "widgets/picturecanvas.h"
#include "widgets/pictureviewer.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdio>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;

namespace {

// Rings of colour on a dusk sky: a picture with detail worth zooming into.
QImage rings(QSize size, double hue)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, size.height());
    sky.setColorAt(0, QColor::fromHsvF(hue, 0.6, 0.35));
    sky.setColorAt(1, QColor::fromHsvF(std::fmod(hue + 0.1, 1.0), 0.5, 0.95));
    painter.fillRect(image.rect(), sky);
    for (int i = 0; i < 14; ++i) {
        const QPointF centre(size.width() * (0.15 + 0.06 * i),
                             size.height() * (0.5 + 0.3 * std::sin(i * 0.7)));
        painter.setPen(QPen(QColor::fromHsvF(std::fmod(hue + i * 0.05, 1.0), 0.8, 1.0), 6));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(centre, 40.0 + 9 * i, 40.0 + 9 * i);
    }
    return image;
}

void grabScreen(const QString &path)
{
    QApplication::processEvents();
    QScreen *screen = QGuiApplication::primaryScreen();
    screen->grabWindow(0).save(path);
    std::printf("saved %s\n", qPrintable(path));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("palomar-demo"));
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(&app);
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath());
    Languages::install(&app, argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
    Palomar::GuiTest::applyDemoLook(argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString());

    Palomar::Testing::ServerProcess server;
    if (!server.start())
        return 1;
    const QString lisa = QStringLiteral("lisa");
    const QString milhouse = QStringLiteral("milhouse");
    const QString bart = QStringLiteral("bart");
    for (const QString &user : {lisa, milhouse, bart})
        registerUser(server.port(), user);
    auto him = connectedSession(server.port());
    auto other = connectedSession(server.port());
    if (!him || !other || !logIn(him.get(), milhouse) || !logIn(other.get(), bart) ||
        !awaitOk(him->friendRequest(lisa)) || !awaitOk(other->friendRequest(lisa)))
        return 1;

    QTemporaryDir dir;
    AppController controller;
    controller.setCacheDirectory(dir.filePath(QStringLiteral("cache")));
    controller.setDownloadDirectory(dir.filePath(QStringLiteral("Downloads")));
    MainWindow window(&controller);
    if (!openAccount(&controller, server.port(), lisa))
        return 1;
    window.resize(1200, 760);
    window.show();
    window.activateWindow();
    controller.respondToFriendRequest(milhouse, true);
    controller.respondToFriendRequest(bart, true);
    (void)QTest::qWaitFor([&] { return controller.chatList()->contains(bart); }, kWait);
    other->send(lisa, QStringLiteral("Eat my shorts"));
    (void)QTest::qWaitFor([&] { return window.openChat(milhouse); }, kWait);
    const QStringList earlier{QStringLiteral("Did you finish the science project?"),
                              QStringLiteral("I glued the volcano to the table by mistake"),
                              QStringLiteral("Can you come over after school?")};
    for (const QString &text : earlier)
        him->send(lisa, text);
    (void)QTest::qWaitFor([&] { return controller.messages()->rowCount() == 3; }, kWait);
    controller.sendMessage(QStringLiteral("Only if you unglue it first"));
    QTest::qWait(500);

    // milhouse writes while lisa reads bart's chat.
    window.openChat(bart);
    for (const QString &text :
         {QStringLiteral("It's unglued!"), QStringLiteral("Well, mostly. Look at these:")})
        him->send(lisa, text);
    for (const double hue : {0.62, 0.05}) {
        const QString path = dir.filePath(QStringLiteral("rings-%1.png").arg(hue));
        rings(QSize(2400, 1600), hue).save(path);
        auto *transfer = him->sendFile(lisa, path, QStringLiteral("image/png"));
        QSignalSpy(transfer, &Palomar::Client::FileTransfer::finished).wait(kWait);
    }
    him->send(lisa, QStringLiteral("The rings are the lava"));
    ChatListModel *chats = controller.chatList();
    (void)QTest::qWaitFor(
        [&] {
            return chats->index(chats->rowOf(milhouse)).data(ChatListModel::UnreadRole).toInt() ==
                   5;
        },
        kWait);
    QTest::qWait(1500); // the pictures download by themselves
    window.openChat(milhouse);
    QTest::qWait(800);
    grabScreen(out.filePath(QStringLiteral("reading.png")));

    MessageModel *model = controller.messages();
    qint64 picture = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageModel::IsFileRole).toBool())
            picture = model->index(row).data(MessageModel::LocalIdRole).toLongLong();
    }
    controller.openFile(picture);
    QTest::qWait(800);
    grabScreen(out.filePath(QStringLiteral("viewer.png")));
    if (auto *viewer = window.findChild<PictureViewer *>()) {
        viewer->canvas()->showActualSize();
        viewer->canvas()->pan(QPointF(500, 300));
    }
    QTest::qWait(500);
    grabScreen(out.filePath(QStringLiteral("viewer-zoom.png")));
    return 0;
}
