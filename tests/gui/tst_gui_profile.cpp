// Profiles and passwords in the desktop (issue 17, item 9): ann and bob each
// in a real controller and window against a real server. A display name set
// in ann's Profile dialog reaches bob (a `profile` event) and names her in
// his chat list (and its search), chat header and group (sender names,
// subtitle, preview, typing line; message info too); a picture she chooses
// is cropped, resized and re-encoded under the server's 64 KB and becomes her avatar on
// his side (fetched once, kept privately on disk); a wrong current password
// is said clearly; the right one changes it.
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "app/typingtracker.h"
#include "client/privacy.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "models/people.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/groupinfopanel.h"
#include "widgets/mainwindow.h"
#include "widgets/messageinfodialog.h"
#include "widgets/profiledialog.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

namespace {

// A photo-like picture that no JPEG quality squeezes into 64 KB at full size.
QImage noisyPicture(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(17);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] = random.generate() | 0xff000000u;
    }
    return image;
}

QLabel *labelWithText(QWidget *root, const QString &text)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->text() == text)
            return label;
    }
    return nullptr;
}

} // namespace

class TestGuiProfile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void profileIsInTheMenuWhenTheServerSpeaksIt();
    void displayNameReachesAFriend();
    void pictureIsResizedAndBecomesTheAvatar();
    void groupsShowDisplayNames();
    void messageInfoShowsDisplayNames();
    void wrongPasswordsAreSaidClearly();
    void rightPasswordChangesIt();

private:
    ProfileDialog *annsDialog();

    ServerProcess m_server;
    QTemporaryDir m_files;
    Desk m_ann;
    Desk m_bob;
};

ProfileDialog *TestGuiProfile::annsDialog()
{
    ProfileDialog *dialog = m_ann.window->showProfile();
    if (!QTest::qWaitFor([dialog] { return dialog->isLoaded(); }, kWait))
        return nullptr;
    return dialog;
}

void TestGuiProfile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    for (const char *name : {"ann", "bob"})
        QVERIFY(registerUser(m_server.port(), QLatin1String(name)));
    {
        auto bob = connectedSession(m_server.port());
        QVERIFY(bob && logIn(bob.get(), QStringLiteral("bob")));
        QVERIFY(befriend(m_server.port(), QStringLiteral("ann"), bob.get(), QStringLiteral("bob")));
        QVERIFY(awaitOk(bob->logout()));
    }
    QVERIFY(m_ann.open(m_server.port(), QStringLiteral("ann")));
    QVERIFY(m_bob.open(m_server.port(), QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(m_bob.chat(QStringLiteral("ann")).isValid(), kWait);
}

void TestGuiProfile::profileIsInTheMenuWhenTheServerSpeaksIt()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_ann.controller->canEditProfile(), kWait);
    QVERIFY(m_ann.controller->canChangePassword());
    QAction *profile = nullptr;
    for (QMenu *menu : m_ann.window->findChildren<QMenu *>()) {
        for (QAction *action : menu->actions()) {
            if (action->text() == QStringLiteral("Profile…")) {
                profile = action;
                emit menu->aboutToShow();
            }
        }
    }
    QVERIFY(profile);
    QVERIFY(profile->isVisible());
    profile->trigger();
    auto *dialog = m_ann.window->findChild<ProfileDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), kWait);
    dialog->close();
}

void TestGuiProfile::displayNameReachesAFriend()
{
    ProfileDialog *dialog = annsDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->saveButton()->isEnabled()); // nothing changed yet
    dialog->nameEdit()->setText(QStringLiteral("  Ann Lee "));
    QVERIFY(dialog->saveButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->profileStatus()->text(), QStringLiteral("Profile saved."),
                              kWait);

    // Bob's list names her by it (the live profile event), his header too,
    // with her username as the name's tooltip.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_bob.chat(QStringLiteral("ann")).data(ChatListModel::DisplayTitleRole).toString(),
        QStringLiteral("Ann Lee"), kWait);
    QCOMPARE(m_bob.chat(QStringLiteral("ann")).data(ChatListModel::TitleRole).toString(),
             QStringLiteral("ann"));
    QVERIFY(m_bob.window->openChat(QStringLiteral("ann")));
    QLabel *name = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (name = labelWithText(m_bob.window->chatPage(), QStringLiteral("Ann Lee"))), kWait);
    QCOMPARE(name->toolTip(), QStringLiteral("ann"));

    // His chat list's search finds her by it, and by her username still.
    QLineEdit *search = m_bob.window->searchField();
    const auto listed = [this] {
        QStringList peers;
        const QAbstractItemModel *list = m_bob.window->chatListView()->model();
        for (int row = 0; row < list->rowCount(); ++row)
            peers.append(list->index(row, 0).data(ChatListModel::PeerRole).toString());
        return peers;
    };
    for (const QString &typed : {QStringLiteral("lee"), QStringLiteral("ann")}) {
        search->setText(typed);
        QTRY_COMPARE(listed(), QStringList{QStringLiteral("ann")});
    }
    search->setText(QStringLiteral("nobody by that name"));
    QTRY_VERIFY(listed().isEmpty());
    search->clear();

    // Too long for the server: said before sending.
    dialog->nameEdit()->setText(QString(65, QChar(0x00e9)));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(dialog->profileStatus()->text(),
             QStringLiteral("A display name has at most 64 characters."));
    dialog->nameEdit()->setText(QStringLiteral("Ann Lee"));
    dialog->close();
}

void TestGuiProfile::pictureIsResizedAndBecomesTheAvatar()
{
    QVERIFY(m_files.isValid());
    const QString path = m_files.filePath(QStringLiteral("big.png"));
    QVERIFY(noisyPicture(1400, 900).save(path));
    ProfileDialog *dialog = annsDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->setPictureFile(m_files.filePath(QStringLiteral("missing.png"))));
    QVERIFY(dialog->setPictureFile(path));
    const QByteArray jpeg = dialog->pendingPicture();
    QVERIFY(jpeg.size() <= Palomar::Client::Privacy::kMaxAvatarBytes);
    QVERIFY(jpeg.startsWith("\xFF\xD8\xFF"));
    const QImage sent = QImage::fromData(jpeg);
    QCOMPARE(sent.width(), sent.height()); // cropped to a square
    QVERIFY(sent.width() <= 256 && sent.width() >= 32);
    QVERIFY(dialog->removePictureButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->profileStatus()->text(), QStringLiteral("Profile saved."),
                              kWait);

    // Bob fetches it once and draws it as her avatar, in the list and the header.
    QTRY_VERIFY_WITH_TIMEOUT(!m_bob.chat(QStringLiteral("ann"))
                                  .data(ChatListModel::PictureRole)
                                  .value<QImage>()
                                  .isNull(),
                             kWait);
    QCOMPARE(
        m_bob.chat(QStringLiteral("ann")).data(ChatListModel::PictureRole).value<QImage>().size(),
        sent.size());
    // Kept on disk for the user alone, under its hash.
    const QString hash = m_bob.controller->people()->avatarHash(QStringLiteral("ann"));
    QCOMPARE(hash.size(), 64);
    QString kept;
    QDirIterator files(m_bob.cacheDir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        if (file.endsWith(hash))
            kept = file;
    }
    QVERIFY2(!kept.isEmpty(), "the avatar is not in bob's cache folder");
    QCOMPARE(QFileInfo(kept).permissions() & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());
    QFile keptFile(kept);
    QVERIFY(keptFile.open(QIODevice::ReadOnly));
    QCOMPARE(keptFile.readAll(), jpeg);

    // Removed: bob is back to her initials.
    QTest::mouseClick(dialog->removePictureButton(), Qt::LeftButton);
    QVERIFY(!dialog->removePictureButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bob.chat(QStringLiteral("ann")).data(ChatListModel::PictureRole).value<QImage>().isNull(),
        kWait);
    dialog->close();
}

void TestGuiProfile::groupsShowDisplayNames()
{
    QSignalSpy created(m_ann.controller.get(), &AppController::groupCreated);
    m_ann.controller->createGroup(QStringLiteral("Team"), {QStringLiteral("bob")});
    QVERIFY(created.count() == 1 || created.wait(kWait));
    const qint64 group = created.first().at(0).toLongLong();
    const QString key = groupChatKey(group);
    m_ann.controller->openChat(key);
    m_ann.controller->sendMessage(QStringLiteral("hello team"));
    QTRY_VERIFY_WITH_TIMEOUT(m_bob.chat(key).isValid(), kWait);
    QVERIFY(m_bob.window->openChat(key));
    MessageModel *messages = m_bob.controller->messages();
    // The sender's name above her message in bob's group chat.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < messages->rowCount(); ++row) {
                const QModelIndex index = messages->index(row);
                if (index.data(MessageModel::TextRole).toString() == QStringLiteral("hello team"))
                    return index.data(MessageModel::SenderNameRole).toString() ==
                           QStringLiteral("Ann Lee");
            }
            return false;
        }(),
        kWait);
    // The info panel lists her by it, her username under it.
    m_bob.window->chatPage()->setGroupInfoVisible(true);
    GroupInfoPanel *panel = m_bob.window->chatPage()->groupInfoPanel();
    QTRY_VERIFY_WITH_TIMEOUT(findByAccessibleName<QLabel>(panel, QStringLiteral("member:ann")),
                             kWait);
    QCOMPARE(findByAccessibleName<QLabel>(panel, QStringLiteral("member:ann"))->text(),
             QStringLiteral("Ann Lee"));
    QVERIFY(labelWithText(panel, QStringLiteral("ann")));
    m_bob.window->chatPage()->setGroupInfoVisible(false);

    // The chat's subtitle, the list's preview ("Ann Lee: hello team") and
    // the typing line name her by it too.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (QLabel *label : m_bob.window->chatPage()->findChildren<QLabel *>()) {
                if (label->text().startsWith(QStringLiteral("2 member")) &&
                    label->text().contains(QStringLiteral("Ann Lee")))
                    return true;
            }
            return false;
        }(),
        kWait);
    QCOMPARE(m_bob.chat(key).data(ChatListModel::LastSenderRole).toString(), QStringLiteral("ann"));
    QCOMPARE(m_bob.chat(key).data(ChatListModel::LastSenderNameRole).toString(),
             QStringLiteral("Ann Lee"));
    m_bob.controller->typing()->note(key, QStringLiteral("ann"), 120);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.window->chatPage()->typingLine()->text(),
                              QStringLiteral("Ann Lee is typing…"), kWait);
    m_bob.controller->typing()->clear(key, QStringLiteral("ann"));
}

void TestGuiProfile::messageInfoShowsDisplayNames()
{
    People people;
    people.setProfile(QStringLiteral("carol"), QStringLiteral("Carol Díaz"), QString());
    MessageInfoDialog dialog(QStringLiteral("hello"));
    dialog.setPeople(&people);
    Palomar::Client::MessageInfo info;
    info.receipts = {{QStringLiteral("carol"), 1000, 2000}, {QStringLiteral("dave"), 1000, 0}};
    dialog.setInfo(info);
    QLabel *carol = labelWithText(&dialog, QStringLiteral("Carol Díaz"));
    QVERIFY(carol);
    QCOMPARE(carol->toolTip(), QStringLiteral("carol"));           // the username under the name
    QLabel *dave = labelWithText(&dialog, QStringLiteral("dave")); // no display name
    QVERIFY(dave);
    QVERIFY(dave->toolTip().isEmpty());
    QVERIFY(!labelWithText(&dialog, QStringLiteral("carol")));
}

void TestGuiProfile::wrongPasswordsAreSaidClearly()
{
    ProfileDialog *dialog = annsDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->changePasswordButton()->isEnabled());
    dialog->oldPasswordEdit()->setText(QStringLiteral("not my password"));
    dialog->newPasswordEdit()->setText(QStringLiteral("a brand new one 1"));
    dialog->repeatPasswordEdit()->setText(QStringLiteral("a brand new one 2"));
    QTest::mouseClick(dialog->changePasswordButton(), Qt::LeftButton);
    QCOMPARE(dialog->passwordStatus()->text(), QStringLiteral("The new passwords do not match."));
    dialog->repeatPasswordEdit()->setText(QStringLiteral("a brand new one 1"));
    QTest::mouseClick(dialog->changePasswordButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->passwordStatus()->text(),
                              QStringLiteral("The current password is wrong."), kWait);
    QVERIFY(dialog->passwordStatus()->isVisible());
    QCOMPARE(dialog->passwordStatus()->objectName(), QStringLiteral("errorLabel"));
    QVERIFY(dialog->changePasswordButton()->isEnabled());
    dialog->close();
}

void TestGuiProfile::rightPasswordChangesIt()
{
    ProfileDialog *dialog = annsDialog();
    QVERIFY(dialog);
    const QString oldToken = m_ann.controller->session()->token();
    QSignalSpy issued(m_ann.controller.get(), &AppController::tokenIssued);
    const QString newPassword = QStringLiteral("a brand new one 1");
    dialog->oldPasswordEdit()->setText(kPassword);
    dialog->newPasswordEdit()->setText(newPassword);
    dialog->repeatPasswordEdit()->setText(newPassword);
    QTest::mouseClick(dialog->changePasswordButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        dialog->passwordStatus()->text(),
        QStringLiteral("Password changed. Your other sessions have been logged out."), kWait);
    QVERIFY(dialog->oldPasswordEdit()->text().isEmpty());
    // The new token, for a remembered session (the Launcher stores it).
    QCOMPARE(issued.count(), 1);
    QVERIFY(issued.first().first().toString() != oldToken);
    QCOMPARE(issued.first().first().toString(), m_ann.controller->session()->token());
    dialog->close();

    // Ann logs out; the new password logs in, the old one no more.
    bool closed = false;
    m_ann.controller->closeAccount(AppController::Farewell::LogOut, [&closed] { closed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(closed, kWait);
    auto session = connectedSession(m_server.port());
    QVERIFY(session);
    QString error;
    QVERIFY(!awaitOk(session->login(QStringLiteral("ann"), kPassword), &error));
    QCOMPARE(error, QStringLiteral("bad_credentials"));
    QVERIFY(logIn(session.get(), QStringLiteral("ann"), newPassword));
}

QTEST_MAIN(TestGuiProfile)
#include "tst_gui_profile.moc"
