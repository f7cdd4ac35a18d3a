// Not a test: the Profile dialog and a chat list of friends with display
// names and pictures, for docs/screenshots/profile_*.png. Starts its own
// server; Homer's friends set names and pictures, write to him, and his
// window and dialog are grabbed (offscreen works):
//   QT_QPA_PLATFORM=offscreen demo_gui_profile OUTDIR [en|es] [light|dark]
// writes OUTDIR/profile_dialog_LOOK[_es].png and OUTDIR/profile_chatlist_LOOK[_es].png.
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "client/privacy.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "support/serverprocess.h"
#include "util/avatar.h"
#include "util/picturecompress.h"
#include "widgets/mainwindow.h"
#include "widgets/profiledialog.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <map>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;

namespace {

// A simple made-up portrait: a coloured backdrop, a head and shoulders.
QImage portrait(const QColor &backdrop, const QColor &shirt, const QColor &hair)
{
    QImage image(640, 480, QImage::Format_RGB32); // not square: the client crops it
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 480);
    sky.setColorAt(0, backdrop.lighter(130));
    sky.setColorAt(1, backdrop);
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(shirt);
    painter.drawEllipse(QRectF(170, 330, 300, 300));
    painter.setBrush(QColor(0xf1, 0xc2, 0x7d));
    painter.drawEllipse(QRectF(240, 140, 160, 190));
    painter.setBrush(hair);
    painter.drawChord(QRectF(232, 120, 176, 140), 0, 180 * 16);
    return image;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString outDir = startDemo(&app, argc, argv);
    const QString language = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en");
    const QString look = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("light");
    const QString suffix = look + (language == QLatin1String("en") ? QString() : u'_' + language);

    Palomar::Testing::ServerProcess server;
    if (!server.start()) {
        std::fprintf(stderr, "cannot start the server\n");
        return 1;
    }
    const quint16 port = server.port();
    struct Friend
    {
        const char *user;
        const char *name;
        QColor backdrop, shirt, hair;
        const char *text;
    };
    const QList<Friend> friends{
        {"marge", "Marge Simpson", QColor(0x5b, 0x8d, 0xd6), QColor(0x3f, 0xa3, 0x5b),
         QColor(0x2f, 0x5f, 0xc8), "Don't forget the milk on your way home"},
        {"lisa", "Lisa", QColor(0xe8, 0x9a, 0x3c), QColor(0xd9, 0x4f, 0x3d),
         QColor(0xf0, 0xb4, 0x2a), "Can you help me with my science project?"},
        {"moe", "", {}, {}, {}, "Your tab is still open, Homer."},
        {"ned", "Ned Flanders", {}, {}, {}, "Hi-diddly-ho, neighborino!"},
    };
    std::map<QString, std::unique_ptr<ClientSession>> s;
    registerUser(port, QStringLiteral("homer"));
    auto homer = connectedSession(port);
    logIn(homer.get(), QStringLiteral("homer"));
    for (const Friend &f : friends) {
        const QString user = QLatin1String(f.user);
        registerUser(port, user);
        s[user] = connectedSession(port);
        logIn(s[user].get(), user);
        awaitOk(homer->friendRequest(user));
        awaitOk(
            s[user]->friendRespond(QStringLiteral("homer"), ClientSession::FriendResponse::Accept));
        Palomar::Client::Privacy privacy(s[user].get());
        if (f.backdrop.isValid())
            awaitOk(privacy.setProfile(
                QLatin1String(f.name),
                PictureCompress::avatarJpeg(portrait(f.backdrop, f.shirt, f.hair),
                                            Palomar::Client::Privacy::kMaxAvatarBytes)));
        else if (*f.name)
            awaitOk(privacy.setDisplayName(QLatin1String(f.name)));
    }
    awaitOk(homer->logout());
    for (const Friend &f : friends) {
        awaitOk(s[QLatin1String(f.user)]->request(
            QStringLiteral("send"), {{QStringLiteral("to"), QStringLiteral("homer")},
                                     {QStringLiteral("text"), QLatin1String(f.text)}}));
        QTest::qWait(50);
    }

    Desk desk;
    if (!desk.open(port, QStringLiteral("homer"), QSize(1000, 640))) {
        std::fprintf(stderr, "cannot open homer's account\n");
        return 1;
    }
    MainWindow &window = *desk.window;
    ChatListModel *chats = desk.controller->chatList();
    (void)QTest::qWaitFor(
        [&] {
            return chats->contains(QStringLiteral("lisa")) &&
                   chats->contains(QStringLiteral("ned")) &&
                   !chats->index(chats->rowOf(QStringLiteral("lisa")))
                        .data(ChatListModel::PictureRole)
                        .value<QImage>()
                        .isNull() &&
                   !chats->index(chats->rowOf(QStringLiteral("marge")))
                        .data(ChatListModel::PictureRole)
                        .value<QImage>()
                        .isNull();
        },
        kWait);
    window.openChat(QStringLiteral("marge"));
    QTest::qWait(800);
    QDir().mkpath(outDir);
    const QString listShot =
        QDir(outDir).filePath(QStringLiteral("profile_chatlist_%1.png").arg(suffix));
    window.grab().save(listShot);
    std::printf("saved %s\n", qPrintable(listShot));

    ProfileDialog *dialog = window.showProfile();
    (void)QTest::qWaitFor([dialog] { return dialog->isLoaded(); }, kWait);
    QTemporaryDir files;
    const QString picture = files.filePath(QStringLiteral("me.png"));
    portrait(QColor(0x8e, 0x6c, 0xc9), Qt::white, QColor(0x55, 0x44, 0x33)).save(picture);
    dialog->setPictureFile(picture);
    dialog->nameEdit()->setText(QStringLiteral("Homer J. Simpson"));
    dialog->oldPasswordEdit()->setText(QStringLiteral("not my password"));
    dialog->newPasswordEdit()->setText(QStringLiteral("donuts forever 1"));
    dialog->repeatPasswordEdit()->setText(QStringLiteral("donuts forever 1"));
    dialog->changePasswordButton()->click();
    (void)QTest::qWaitFor([dialog] { return dialog->passwordStatus()->isVisible(); }, kWait);
    dialog->adjustSize();
    QTest::qWait(300);
    const QString dialogShot =
        QDir(outDir).filePath(QStringLiteral("profile_dialog_%1.png").arg(suffix));
    dialog->grab().save(dialogShot);
    std::printf("saved %s\n", qPrintable(dialogShot));
    std::fflush(stdout);
    return 0;
}
