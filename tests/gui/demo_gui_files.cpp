// Not a test: a chat with files in the real main window, for
// docs/screenshots/files.png. Starts its own server, makes homer (the
// window) and his friends, who send him a picture (its thumbnail appears
// by itself), a PDF and a document; homer sends a spreadsheet (read) and
// then a large video, and while that upload is under way (about 40%) the
// screen is captured to the given file, then the demo stays open for the
// given number of seconds:
//   Xvfb :99 -screen 0 1366x800x24 & openbox &
//   DISPLAY=:99 demo_gui_files files.png 20
#include "app/appcontroller.h"
#include "app/languages.h"
#include "cache/cachetypes.h"
#include "client/filetransfer.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QRadialGradient>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Client::FileTransfer;

namespace {

// A picnic in the hills, drawn: something that looks like a photo.
QImage picnic()
{
    QImage image(1200, 800, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 520);
    sky.setColorAt(0, QColor(0x6F, 0xB7, 0xF2));
    sky.setColorAt(0.7, QColor(0xC9, 0xE6, 0xFA));
    sky.setColorAt(1, QColor(0xFF, 0xE7, 0xC2));
    p.fillRect(image.rect(), sky);
    QRadialGradient sun(QPointF(900, 170), 140);
    sun.setColorAt(0, QColor(255, 250, 220));
    sun.setColorAt(0.35, QColor(255, 236, 160));
    sun.setColorAt(1, QColor(255, 236, 160, 0));
    p.setPen(Qt::NoPen);
    p.setBrush(sun);
    p.drawEllipse(QPointF(900, 170), 140, 140);
    p.setBrush(QColor(255, 255, 255, 200));
    for (const QPointF &c : {QPointF(260, 140), QPointF(330, 120), QPointF(390, 150)})
        p.drawEllipse(c, 70, 38);
    const auto hill = [&p](qreal top, const QColor &near, const QColor &far, qreal phase) {
        QPainterPath path;
        path.moveTo(0, 800);
        for (int x = 0; x <= 1200; x += 20)
            path.lineTo(x, top + 40 * std::sin(x / 170.0 + phase) + 25 * std::sin(x / 63.0));
        path.lineTo(1200, 800);
        path.closeSubpath();
        QLinearGradient fill(0, top - 60, 0, 800);
        fill.setColorAt(0, far);
        fill.setColorAt(1, near);
        p.setBrush(fill);
        p.drawPath(path);
    };
    hill(430, QColor(0x5D, 0x8F, 0x5A), QColor(0x9C, 0xC3, 0x8E), 0.5);
    hill(540, QColor(0x3F, 0x7A, 0x3B), QColor(0x79, 0xB0, 0x62), 2.1);
    for (const QPointF &t : {QPointF(180, 560), QPointF(240, 585), QPointF(1010, 575)}) {
        p.setBrush(QColor(0x6B, 0x4A, 0x2F));
        p.drawRect(QRectF(t.x() - 7, t.y() - 10, 14, 70));
        p.setBrush(QColor(0x2E, 0x6B, 0x33));
        p.drawEllipse(t + QPointF(0, -45), 55, 60);
        p.setBrush(QColor(0x3E, 0x86, 0x3F));
        p.drawEllipse(t + QPointF(-14, -60), 35, 38);
    }
    // The blanket, red and white squares in perspective.
    p.save();
    p.translate(640, 690);
    p.scale(1, 0.42);
    p.rotate(12);
    for (int i = -4; i < 4; ++i)
        for (int j = -3; j < 3; ++j) {
            p.setBrush((i + j) % 2 ? QColor(0xD9, 0x3A, 0x3A) : QColor(0xF7, 0xF2, 0xEA));
            p.drawRect(QRectF(i * 45, j * 45, 45, 45));
        }
    p.restore();
    p.setBrush(QColor(0xC6, 0x8A, 0x3C));
    p.drawEllipse(QPointF(600, 680), 34, 16);
    p.setBrush(QColor(0xE8, 0xC1, 0x6E));
    p.drawEllipse(QPointF(690, 700), 20, 10);
    p.end();
    return image;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QByteArray block(1 << 20, '\0');
    for (qint64 i = 0; i < block.size(); ++i)
        block[i] = char((i * 7919 + i / 4096) & 0xFF);
    for (qint64 left = size; left > 0; left -= block.size())
        file.write(block.constData(), qMin<qint64>(left, block.size()));
    return file.fileName();
}

bool sendFile(ClientSession *from, const QString &to, const QString &path)
{
    FileTransfer *transfer = from->sendFile(to, path);
    QSignalSpy finished(transfer, &FileTransfer::finished);
    const bool ok = finished.wait(kWait);
    QTest::qWait(150);
    return ok;
}

void say(ClientSession *from, const QString &to, const QString &text)
{
    awaitOk(from->request(QStringLiteral("send"),
                          {{QStringLiteral("to"), to}, {QStringLiteral("text"), text}}));
    QTest::qWait(150);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("palomar-demo"));
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(&app);
    const QString shot = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const int seconds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 20;
    Languages::install(&app, argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("en"));

    Palomar::Testing::ServerProcess server(
        {QStringLiteral("--max-file-size"), QString::number(1024LL * 1024 * 1024)});
    if (!server.start()) {
        std::fprintf(stderr, "cannot start the server\n");
        return 1;
    }
    const quint16 port = server.port();
    const QStringList people{QStringLiteral("Homer"), QStringLiteral("Marge"),
                             QStringLiteral("Bart"), QStringLiteral("Moe")};
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
    awaitOk(s[QStringLiteral("Homer")]->logout());
    s.erase(QStringLiteral("Homer"));
    const QString homer = QStringLiteral("Homer");
    ClientSession *marge = s[QStringLiteral("Marge")].get();

    QTemporaryDir files;
    const QString photo = files.filePath(QStringLiteral("Picnic at the gorge.jpg"));
    picnic().save(photo, "JPG", 88);
    say(s[QStringLiteral("Moe")].get(), homer, QStringLiteral("Your tab is still open, Homer."));
    sendFile(s[QStringLiteral("Bart")].get(), homer,
             writeFile(files, QStringLiteral("Homework - volcano project.docx"), 48 * 1024));
    say(marge, homer, QStringLiteral("Here's the best one from Sunday's picnic ☀️"));
    sendFile(marge, homer, photo);

    QTemporaryDir cacheDir;
    AppController controller;
    controller.setCacheDirectory(cacheDir.filePath(QStringLiteral("cache")));
    controller.setDownloadDirectory(cacheDir.filePath(QStringLiteral("Downloads")));
    MainWindow window(&controller);
    QSignalSpy opened(&controller, &AppController::accountOpened);
    controller.logIn({QStringLiteral("127.0.0.1"), port}, homer, kPassword,
                     AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
    opened.wait(kWait);
    window.resize(1366, 768);
    window.show();
    (void)QTest::qWaitFor([&] { return controller.chatList()->contains(QStringLiteral("Marge")); },
                          kWait);
    QTest::qWait(800);
    window.openChat(QStringLiteral("Marge"));
    QTest::qWait(1200);
    controller.sendMessage(QStringLiteral("Mmm… picnic. Best shot ever 😍"));
    QTest::qWait(400);
    controller.sendFiles({writeFile(files, QStringLiteral("Duff order - March.xlsx"), 23 * 1024)});
    QTest::qWait(1200);
    awaitOk(marge->markRead(homer, 1 << 30));
    say(marge, homer, QStringLiteral("And the PTA minutes, please read them before Thursday"));
    sendFile(
        marge, homer,
        writeFile(files, QStringLiteral("Springfield Elementary PTA minutes.pdf"), 412 * 1024));
    QTest::qWait(1000);

    // The upload under way when the screen is captured.
    MessageModel *model = controller.messages();
    bool captured = shot.isEmpty();
    QObject::connect(model, &QAbstractItemModel::dataChanged, &app, [&] {
        const int last = model->rowCount() - 1;
        const QModelIndex index = model->index(last);
        const double total = index.data(MessageModel::TransferTotalRole).toDouble();
        const double done = index.data(MessageModel::TransferDoneRole).toDouble();
        if (captured || total <= 0 || done / total < 0.4)
            return;
        captured = true;
        window.chatPage()->view()->viewport()->repaint();
        window.repaint();
        QApplication::processEvents();
        QProcess::execute(QStringLiteral("import"),
                          {QStringLiteral("-window"), QStringLiteral("root"), shot});
        std::printf("captured %s\n", qPrintable(shot));
        std::fflush(stdout);
    });
    controller.sendFiles(
        {writeFile(files, QStringLiteral("Vacation in Branson.mp4"), 300LL * 1024 * 1024)});
    std::printf("ready\n");
    std::fflush(stdout);
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    return app.exec();
}
