// The group dialogs and the chat list, as a new user meets them: homer in
// the real main window, marge and bart (his friends) as plain
// ClientSessions. The New group dialog ticks a friend on a click anywhere on
// the row and creates nothing without a member; removing a member is a
// labelled action that asks first, naming them; "Add member" says why it is
// disabled; Rename, Leave and Message info use the app's own buttons; the
// divider beside the group panel runs its full height; adding yourself as a
// friend says so; clearing the chat search highlights the open chat again.
#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "support/serverprocess.h"
#include "widgets/addfrienddialog.h"
#include "widgets/chatpage.h"
#include "widgets/confirmdialog.h"
#include "widgets/groupinfopanel.h"
#include "widgets/mainwindow.h"
#include "widgets/messageinfodialog.h"
#include "widgets/newgroupdialog.h"
#include "widgets/renamegroupdialog.h"
#include "widgets/theme.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

class TestGuiGroupList : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void newGroupTicksOnAClickOnTheBox();
    void infoPanelAddMemberExplainsWhenEveryoneIsIn();
    void removingAMemberIsLabelledAndAsksFirst();
    void removeIsInTheMemberContextMenu();
    void renameLeaveAndInfoUseTheAppsButtons();
    void dividerRunsTheFullHeight();
    void addingYourselfAsAFriendSaysSo();
    void clearingTheSearchHighlightsTheOpenChat();
    void cleanupTestCase();

private:
    GroupInfoPanel *openGroupPanel();
    QStringList memberNames();
    template<class T> T *waitForDialog(QWidget *parent, const QString &name)
    {
        T *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (dialog = parent->findChild<T *>(name)) && dialog->isVisible(); }, kWait);
        return shown ? dialog : nullptr;
    }

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ClientSession> m_marge;
    std::unique_ptr<ClientSession> m_bart;
    qint64 m_group = 0;
};

void TestGuiGroupList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    for (const char *name : {"homer", "marge", "bart"})
        QVERIFY(registerUser(m_server.port(), QLatin1String(name)));
    m_marge = connectedSession(m_server.port());
    m_bart = connectedSession(m_server.port());
    QVERIFY(m_marge && m_bart);
    QVERIFY(logIn(m_marge.get(), QStringLiteral("marge")));
    QVERIFY(logIn(m_bart.get(), QStringLiteral("bart")));
    QVERIFY(awaitOk(m_marge->friendRequest(QStringLiteral("homer"))));
    QVERIFY(awaitOk(m_bart->friendRequest(QStringLiteral("homer"))));

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_cacheDir.path());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    QSignalSpy opened(m_controller.get(), &AppController::accountOpened);
    m_controller->logIn({QStringLiteral("127.0.0.1"), m_server.port()}, QStringLiteral("homer"),
                        kPassword, AppController::LoginMode::LogIn,
                        ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    m_controller->respondToFriendRequest(QStringLiteral("marge"), true);
    m_controller->respondToFriendRequest(QStringLiteral("bart"), true);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->chatList()->contains(QStringLiteral("bart")) &&
                                 m_controller->chatList()->contains(QStringLiteral("marge")),
                             kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->friendNames().size(), 2, kWait);
}

void TestGuiGroupList::newGroupTicksOnAClickOnTheBox()
{
    NewGroupDialog *dialog = m_window->showNewGroupDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QListWidget *list = dialog->memberList();
    QCOMPARE(list->count(), 2);
    QTest::keyClicks(dialog->nameField(), QStringLiteral("Springfield"));
    // A name alone is not enough: a group needs someone in it.
    QVERIFY(!dialog->createButton()->isEnabled());

    // A click on the box itself ticks it, and a second one clears it.
    QListWidgetItem *first = list->item(0);
    QStyleOptionViewItem option;
    option.initFrom(list->viewport());
    option.rect = list->visualItemRect(first);
    option.features = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDisplay |
                      QStyleOptionViewItem::HasDecoration;
    option.text = first->text();
    option.decorationSize = list->iconSize();
    const QRect box =
        list->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, list);
    QVERIFY(option.rect.contains(box.center()));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(first->checkState(), Qt::Checked);
    QVERIFY(dialog->createButton()->isEnabled());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(first->checkState(), Qt::Unchecked);
    QVERIFY(!dialog->createButton()->isEnabled());

    // Anywhere else on the row: the name, the empty space at its end.
    QListWidgetItem *second = list->item(1);
    const QRect row = list->visualItemRect(second);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      QPoint(row.right() - 4, row.center().y()));
    QCOMPARE(second->checkState(), Qt::Checked);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(second->checkState(), Qt::Unchecked);
    // And Space, for the keyboard.
    list->setFocus();
    list->setCurrentItem(first);
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(first->checkState(), Qt::Checked);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(second->checkState(), Qt::Checked);

    // Without a name, Create waits again.
    dialog->nameField()->clear();
    QVERIFY(!dialog->createButton()->isEnabled());
    QTest::keyClicks(dialog->nameField(), QStringLiteral("Springfield"));
    QVERIFY(dialog->createButton()->isEnabled());

    QSignalSpy margeAdded(m_marge.get(), &ClientSession::groupAdded);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QVERIFY(margeAdded.count() == 1 || margeAdded.wait(kWait));
    m_group = margeAdded.first().at(0).toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->currentChat(), groupChatKey(m_group), kWait);
}

GroupInfoPanel *TestGuiGroupList::openGroupPanel()
{
    if (m_controller->currentChat() != groupChatKey(m_group))
        m_window->openChat(groupChatKey(m_group));
    ChatPage *page = m_window->chatPage();
    page->setGroupInfoVisible(true);
    GroupInfoPanel *panel = page->groupInfoPanel();
    return panel;
}

QStringList TestGuiGroupList::memberNames()
{
    // Asked on homer's own connection: it answers after anything he sent before.
    bool done = false;
    QStringList members;
    m_controller->fetchGroupInfo(m_group, this,
                                 [&](bool ok, const Palomar::Client::GroupInfo &info) {
                                     done = true;
                                     if (ok)
                                         members = info.members;
                                 });
    if (!QTest::qWaitFor([&done] { return done; }, kWait))
        return {QStringLiteral("<no answer>")};
    members.sort(Qt::CaseInsensitive);
    return members;
}

void TestGuiGroupList::infoPanelAddMemberExplainsWhenEveryoneIsIn()
{
    QVERIFY(m_group > 0);
    GroupInfoPanel *panel = openGroupPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 3, kWait);
    QVERIFY(panel->isAdmin());
    // Both friends are in: the button is visibly off, and the panel says why.
    QVERIFY(panel->addButton()->isVisible());
    QVERIFY(!panel->addButton()->isEnabled());
    QVERIFY(panel->addHint()->isVisible());
    QVERIFY(panel->addHint()->text().contains(QStringLiteral("already in this group")));
}

void TestGuiGroupList::removingAMemberIsLabelledAndAsksFirst()
{
    GroupInfoPanel *panel = openGroupPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 3, kWait);
    auto *remove = findByAccessibleName<QAbstractButton>(panel, QStringLiteral("remove:bart"));
    QVERIFY(remove);
    QVERIFY(!findByAccessibleName<QAbstractButton>(panel, QStringLiteral("remove:homer")));
    // Labelled with words, the member named in its tooltip.
    QCOMPARE(remove->text(), QStringLiteral("Remove"));
    QVERIFY(remove->toolTip().contains(QStringLiteral("bart")));

    // The click asks first, naming bart; Cancel removes nobody.
    QTest::mouseClick(remove, Qt::LeftButton);
    auto *ask = waitForDialog<ConfirmDialog>(panel, QStringLiteral("confirmRemoveMember"));
    QVERIFY(ask);
    QVERIFY(ask->text().contains(QStringLiteral("bart")));
    QCOMPARE(ask->confirmButton()->text(), QStringLiteral("Remove from group"));
    QTest::mouseClick(ask->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<ConfirmDialog *>(QStringLiteral("confirmRemoveMember")));
    QCOMPARE(memberNames(), (QStringList{QStringLiteral("bart"), QStringLiteral("homer"),
                                         QStringLiteral("marge")}));

    // Confirmed, bart goes; the panel follows, and "Add member" comes back.
    QSignalSpy bartRemoved(m_bart.get(), &ClientSession::groupRemoved);
    remove = findByAccessibleName<QAbstractButton>(panel, QStringLiteral("remove:bart"));
    QTest::mouseClick(remove, Qt::LeftButton);
    ask = waitForDialog<ConfirmDialog>(panel, QStringLiteral("confirmRemoveMember"));
    QVERIFY(ask);
    QTest::mouseClick(ask->confirmButton(), Qt::LeftButton);
    QVERIFY(bartRemoved.count() == 1 || bartRemoved.wait(kWait));
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 2, kWait);
    QVERIFY(panel->addButton()->isEnabled());
    QVERIFY(!panel->addHint()->isVisible());
}

void TestGuiGroupList::removeIsInTheMemberContextMenu()
{
    GroupInfoPanel *panel = openGroupPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 2, kWait);
    auto *remove = findByAccessibleName<QAbstractButton>(panel, QStringLiteral("remove:marge"));
    QVERIFY(remove);
    QWidget *row = remove->parentWidget();
    QStringList offered;
    QTimer::singleShot(0, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *action : menu->actions())
            offered.append(action->text());
        if (!menu->actions().isEmpty())
            menu->actions().first()->trigger();
        menu->close();
    });
    emit row->customContextMenuRequested(QPoint(10, 10));
    QCOMPARE(offered, QStringList{QStringLiteral("Remove from group")});
    auto *ask = waitForDialog<ConfirmDialog>(panel, QStringLiteral("confirmRemoveMember"));
    QVERIFY(ask);
    QVERIFY(ask->text().contains(QStringLiteral("marge")));
    ask->reject();
    QTRY_VERIFY(!panel->findChild<ConfirmDialog *>(QStringLiteral("confirmRemoveMember")));
    QCOMPARE(memberNames(), (QStringList{QStringLiteral("homer"), QStringLiteral("marge")}));
}

void TestGuiGroupList::renameLeaveAndInfoUseTheAppsButtons()
{
    GroupInfoPanel *panel = openGroupPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->renameButton()->isVisible(), kWait);

    // Rename: the app's dialog with Cancel and Save.
    QTest::mouseClick(panel->renameButton(), Qt::LeftButton);
    auto *rename = waitForDialog<RenameGroupDialog>(panel, QStringLiteral("renameGroupDialog"));
    QVERIFY(rename);
    QCOMPARE(rename->saveButton()->objectName(), QStringLiteral("primaryButton"));
    QVERIFY(!rename->findChild<QDialogButtonBox *>());
    QVERIFY(!rename->saveButton()->isEnabled()); // the name is unchanged
    rename->nameField()->setText(QStringLiteral("Evergreen Terrace"));
    QVERIFY(rename->saveButton()->isEnabled());
    QTest::mouseClick(rename->saveButton(), Qt::LeftButton);
    const int row = m_controller->chatList()->rowOf(groupChatKey(m_group));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_controller->chatList()->index(row).data(ChatListModel::TitleRole).toString(),
        QStringLiteral("Evergreen Terrace"), kWait);

    // Leave: asks with the same buttons; Cancel keeps homer in.
    QTest::mouseClick(panel->leaveButton(), Qt::LeftButton);
    auto *leave = waitForDialog<ConfirmDialog>(m_window.get(), QStringLiteral("confirmLeaveGroup"));
    QVERIFY(leave);
    QCOMPARE(leave->cancelButton()->objectName(), QStringLiteral("secondaryButton"));
    QVERIFY(!leave->findChild<QDialogButtonBox *>());
    QTest::mouseClick(leave->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<ConfirmDialog *>(QStringLiteral("confirmLeaveGroup")));
    QVERIFY(m_controller->isGroupMember(m_group));

    // Message info: a Close button like the others, no stock button box.
    MessageInfoDialog info(QStringLiteral("hello"));
    QVERIFY(!info.findChild<QDialogButtonBox *>());
    bool styled = false;
    for (QPushButton *button : info.findChildren<QPushButton *>())
        styled = styled || (button->text() == QStringLiteral("Close") &&
                            button->objectName() == QStringLiteral("primaryButton"));
    QVERIFY(styled);
}

void TestGuiGroupList::dividerRunsTheFullHeight()
{
    GroupInfoPanel *panel = openGroupPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && panel->memberList()->count() > 0, kWait);
    const QImage image = panel->grab().toImage();
    QVERIFY(image.height() > 200);
    // The divider's pixel column, from under the header to the bottom.
    const QColor divider = Theme::divider();
    for (int y = 70; y < image.height() - 2; y += 10)
        QCOMPARE(QColor(image.pixel(0, y)).name(), divider.name());
}

void TestGuiGroupList::addingYourselfAsAFriendSaysSo()
{
    AddFriendDialog dialog(m_controller.get(), m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("formField"));
    auto *send = dialog.findChild<QPushButton *>(QStringLiteral("primaryButton"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(field && send && error);
    QTest::keyClicks(field, QStringLiteral("Homer"));
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), kWait);
    QVERIFY2(error->text().contains(QStringLiteral("yourself")), qPrintable(error->text()));
    QVERIFY(dialog.isVisible());
}

void TestGuiGroupList::clearingTheSearchHighlightsTheOpenChat()
{
    QVERIFY(m_window->openChat(QStringLiteral("bart")));
    QTRY_COMPARE(m_controller->currentChat(), QStringLiteral("bart"));
    QListView *list = m_window->chatListView();
    auto selectedPeer = [list] {
        const QModelIndexList selected = list->selectionModel()->selectedIndexes();
        return selected.size() == 1 ? selected.first().data(ChatListModel::PeerRole).toString()
                                    : QString();
    };
    QCOMPARE(selectedPeer(), QStringLiteral("bart"));

    // A search that hides bart: his chat stays open.
    QLineEdit *search = m_window->searchField();
    QTest::keyClicks(search, QStringLiteral("marge"));
    QTRY_COMPARE(list->model()->rowCount(), 1);
    QCOMPARE(m_controller->currentChat(), QStringLiteral("bart"));
    // Cleared: bart's row is highlighted again, and still the current one.
    search->clear();
    QTRY_VERIFY(list->model()->rowCount() > 1);
    QCOMPARE(selectedPeer(), QStringLiteral("bart"));
    QCOMPARE(list->currentIndex().data(ChatListModel::PeerRole).toString(), QStringLiteral("bart"));
    QCOMPARE(m_controller->currentChat(), QStringLiteral("bart"));

    // A search that keeps him: still highlighted throughout.
    QTest::keyClicks(search, QStringLiteral("ba"));
    QTRY_COMPARE(list->model()->rowCount(), 1);
    QCOMPARE(selectedPeer(), QStringLiteral("bart"));
    search->clear();
    QCOMPARE(selectedPeer(), QStringLiteral("bart"));
}

void TestGuiGroupList::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
}

QTEST_MAIN(TestGuiGroupList)
#include "tst_gui_grouplist.moc"
