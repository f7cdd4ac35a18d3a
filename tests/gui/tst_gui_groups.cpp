// Groups in the desktop client: homer in the real main window, marge and
// bart as plain ClientSessions (friends of homer, not of each other). A
// group made through the New group dialog, a message typed into it reaching
// both, its tick turning only once both have it, sender names, the info
// panel with admin-only actions, and a removed member's read-only chat.
#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "cache/localcache.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/composeedit.h"
#include "widgets/confirmdialog.h"
#include "widgets/groupinfopanel.h"
#include "widgets/mainwindow.h"
#include "widgets/newgroupdialog.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

class TestGuiGroups : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void oldCacheIsMigrated();
    void createGroupThroughUi();
    void groupTickTurnsWhenEveryoneHasIt();
    void senderNamesAndPreview();
    void infoPanelForTheAdmin();
    void nonAdminCannotChangeTheGroup();
    void removedMemberKeepsReadOnlyChat();
    void cleanupTestCase();

private:
    int lastRow() const { return m_controller->messages()->rowCount() - 1; }
    QVariant last(int role) const
    {
        MessageModel *model = m_controller->messages();
        return model->index(model->rowCount() - 1).data(role);
    }

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ClientSession> m_marge;
    std::unique_ptr<ClientSession> m_bart;
    qint64 m_group = 0;
    qint64 m_margesGroup = 0;
};

void TestGuiGroups::initTestCase()
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
    {
        auto homer = connectedSession(m_server.port());
        QVERIFY(homer && logIn(homer.get(), QStringLiteral("homer")));
        QVERIFY(awaitOk(homer->friendRequest(QStringLiteral("marge"))));
        QVERIFY(awaitOk(homer->friendRequest(QStringLiteral("bart"))));
        QVERIFY(awaitOk(m_marge->friendRespond(QStringLiteral("homer"),
                                               ClientSession::FriendResponse::Accept)));
        QVERIFY(awaitOk(
            m_bart->friendRespond(QStringLiteral("homer"), ClientSession::FriendResponse::Accept)));
        QVERIFY(awaitOk(homer->logout()));
    }

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_cacheDir.path());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    QSignalSpy opened(m_controller.get(), &AppController::accountOpened);
    m_controller->logIn({QStringLiteral("127.0.0.1"), m_server.port()}, QStringLiteral("homer"),
                        kPassword, AppController::LoginMode::LogIn,
                        ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->chatList()->contains(QStringLiteral("bart")), kWait);
}

void TestGuiGroups::oldCacheIsMigrated()
{
    // A cache file as the first release wrote it: no groups, no sender.
    const QString path = m_cacheDir.filePath(QStringLiteral("old.db"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
            "CREATE TABLE messages (id INTEGER PRIMARY KEY, msg_id INTEGER UNIQUE, client_id TEXT "
            "UNIQUE, peer TEXT NOT NULL COLLATE NOCASE, outgoing INTEGER NOT NULL, text TEXT NOT "
            "NULL, ts INTEGER NOT NULL, status INTEGER NOT NULL, sort_key INTEGER, unread INTEGER "
            "NOT NULL DEFAULT 0)")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO messages VALUES (1, 7, NULL, 'bob', 0, 'old hello', 1, 0, 7, 0)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    LocalCache cache;
    QVERIFY(cache.open(path));
    const QList<CachedMessage> old = cache.messages(QStringLiteral("bob"), 0, 10);
    QCOMPARE(old.size(), 1);
    QCOMPARE(old.first().text, QStringLiteral("old hello"));
    QVERIFY(old.first().sender.isEmpty());
    cache.upsertGroup({42, QStringLiteral("Bowling"), QString(), true});
    QCOMPARE(cache.group(42)->name, QStringLiteral("Bowling"));
    Palomar::Client::OutgoingMessage queued;
    queued.clientId = QStringLiteral("c-1");
    queued.group = 42;
    queued.text = QStringLiteral("strike!");
    cache.outboxAdd(queued);
    cache.commit();
    const QList<Palomar::Client::OutgoingMessage> entries = cache.outboxEntries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().group, 42);
    QVERIFY(entries.first().to.isEmpty());
    QVERIFY(cache.chatSummary(groupChatKey(42)).title == QStringLiteral("Bowling"));
}

void TestGuiGroups::createGroupThroughUi()
{
    QSignalSpy margeAdded(m_marge.get(), &ClientSession::groupAdded);
    QSignalSpy bartAdded(m_bart.get(), &ClientSession::groupAdded);
    NewGroupDialog *dialog = m_window->showNewGroupDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(!dialog->createButton()->isEnabled()); // no name yet
    QTest::keyClicks(dialog->nameField(), QStringLiteral("Simpsons"));
    QListWidget *list = dialog->memberList();
    QCOMPARE(list->count(), 2);
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem *item = list->item(row);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(item).center());
        QCOMPARE(item->checkState(), Qt::Checked);
    }
    QCOMPARE(dialog->checkedMembers(),
             (QStringList{QStringLiteral("bart"), QStringLiteral("marge")}));
    QVERIFY(dialog->createButton()->isEnabled());
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);

    QVERIFY(margeAdded.count() == 1 || margeAdded.wait(kWait));
    m_group = margeAdded.first().at(0).toLongLong();
    QCOMPARE(margeAdded.first().at(1).toString(), QStringLiteral("Simpsons"));
    QCOMPARE(margeAdded.first().at(2).toString(), QStringLiteral("homer"));
    QVERIFY(bartAdded.count() == 1 || bartAdded.wait(kWait));
    // The new group's chat is open.
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->currentChat(), groupChatKey(m_group), kWait);
    QCOMPARE(m_window->chatPage()->group(), m_group);
    const int row = m_controller->chatList()->rowOf(groupChatKey(m_group));
    QVERIFY(row >= 0);
    QCOMPARE(m_controller->chatList()->index(row).data(ChatListModel::TitleRole).toString(),
             QStringLiteral("Simpsons"));
}

void TestGuiGroups::groupTickTurnsWhenEveryoneHasIt()
{
    QVERIFY(m_group > 0);
    QSignalSpy margeGot(m_marge.get(), &ClientSession::messageReceived);
    QSignalSpy bartGot(m_bart.get(), &ClientSession::messageReceived);
    ComposeEdit *compose = m_window->chatPage()->composeEdit();
    QVERIFY(compose->isEnabled());
    compose->setFocus();
    QTest::keyClicks(compose, QStringLiteral("Dinner is ready!"));
    QTest::keyClick(compose, Qt::Key_Return);

    QVERIFY(margeGot.count() == 1 || margeGot.wait(kWait));
    QVERIFY(bartGot.count() == 1 || bartGot.wait(kWait));
    for (QSignalSpy *spy : {&margeGot, &bartGot}) {
        const auto message = spy->first().first().value<Palomar::Client::Message>();
        QCOMPARE(message.group, m_group);
        QCOMPARE(message.from, QStringLiteral("homer"));
        QCOMPARE(message.text, QStringLiteral("Dinner is ready!"));
    }
    const qint64 msgId = margeGot.first().first().value<Palomar::Client::Message>().msgId;

    // Both long polls acknowledge: the receipt with complete=true turns the tick.
    QTRY_COMPARE_WITH_TIMEOUT(DeliveryStatus(last(MessageModel::StatusRole).toInt()),
                              DeliveryStatus::Delivered, kWait);
    QCOMPARE(last(MessageModel::MsgIdRole).toLongLong(), msgId);

    // One reader is not enough for blue ticks.
    QVERIFY(awaitOk(m_marge->markGroupRead(m_group, msgId)));
    QTest::qWait(500);
    QCOMPARE(DeliveryStatus(last(MessageModel::StatusRole).toInt()), DeliveryStatus::Delivered);
    QVERIFY(awaitOk(m_bart->markGroupRead(m_group, msgId)));
    QTRY_COMPARE_WITH_TIMEOUT(DeliveryStatus(last(MessageModel::StatusRole).toInt()),
                              DeliveryStatus::Read, kWait);

    // Who read it, with times: message_info through the controller.
    bool done = false;
    Palomar::Client::MessageInfo info;
    m_controller->fetchMessageInfo(
        msgId, this, [&](bool ok, const Palomar::Client::MessageInfo &answer, const QString &) {
            done = ok;
            info = answer;
        });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
    QCOMPARE(info.receipts.size(), 2);
    for (const auto &receipt : std::as_const(info.receipts))
        QVERIFY(receipt.read > 0 && receipt.delivered > 0);
}

void TestGuiGroups::senderNamesAndPreview()
{
    QVERIFY(awaitOk(m_bart->request(QStringLiteral("send"),
                                    {{QStringLiteral("group"), m_group},
                                     {QStringLiteral("text"), QStringLiteral("Eat my shorts")}})));
    QTRY_COMPARE_WITH_TIMEOUT(last(MessageModel::TextRole).toString(),
                              QStringLiteral("Eat my shorts"), kWait);
    QCOMPARE(last(MessageModel::SenderRole).toString(), QStringLiteral("bart"));
    QVERIFY(last(MessageModel::ShowSenderRole).toBool());
    QVERIFY(last(MessageModel::FirstInGroupRole).toBool());
    const QModelIndex chat =
        m_controller->chatList()->index(m_controller->chatList()->rowOf(groupChatKey(m_group)));
    QCOMPARE(chat.data(ChatListModel::LastSenderRole).toString(), QStringLiteral("bart"));
    QCOMPARE(chat.data(ChatListModel::PreviewRole).toString(), QStringLiteral("Eat my shorts"));
    QVERIFY(!m_window->grab().isNull());
}

void TestGuiGroups::infoPanelForTheAdmin()
{
    ChatPage *page = m_window->chatPage();
    QVERIFY(page->groupInfoButton()->isVisible());
    QTest::mouseClick(page->groupInfoButton(), Qt::LeftButton);
    GroupInfoPanel *panel = page->groupInfoPanel();
    QTRY_VERIFY(panel->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 3, kWait);
    QVERIFY(panel->isAdmin());
    QVERIFY(panel->renameButton()->isEnabled() && panel->renameButton()->isVisible());
    QVERIFY(panel->addButton()->isVisible());
    QVERIFY(panel->leaveButton()->isEnabled());
    QVERIFY(findByAccessibleName<QWidget>(panel, QStringLiteral("admin:homer")));
    QVERIFY(findByAccessibleName<QPushButton>(panel, QStringLiteral("remove:bart")));
    QVERIFY(!findByAccessibleName<QPushButton>(panel, QStringLiteral("remove:homer")));

    // Remove bart from the panel (confirmed): the member list follows.
    QSignalSpy bartRemoved(m_bart.get(), &ClientSession::groupRemoved);
    QTest::mouseClick(findByAccessibleName<QPushButton>(panel, QStringLiteral("remove:bart")),
                      Qt::LeftButton);
    ConfirmDialog *ask = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(ask = panel->findChild<ConfirmDialog *>(), kWait);
    QTest::mouseClick(ask->confirmButton(), Qt::LeftButton);
    QVERIFY(bartRemoved.count() == 1 || bartRemoved.wait(kWait));
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 2, kWait);
}

void TestGuiGroups::nonAdminCannotChangeTheGroup()
{
    QString error;
    QJsonObject result;
    QVERIFY(awaitOk(m_marge->groupCreate(QStringLiteral("Book club"), {QStringLiteral("homer")}),
                    &error, &result));
    m_margesGroup = qint64(result.value(QLatin1String("group")).toDouble());
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->chatList()->contains(groupChatKey(m_margesGroup)),
                             kWait);
    QVERIFY(m_window->openChat(groupChatKey(m_margesGroup)));
    ChatPage *page = m_window->chatPage();
    page->setGroupInfoVisible(true);
    GroupInfoPanel *panel = page->groupInfoPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->group(), m_margesGroup, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(panel->memberList()->count(), 2, kWait);
    QVERIFY(!panel->isAdmin());
    QVERIFY(!panel->renameButton()->isEnabled());
    QVERIFY(!panel->renameButton()->isVisible());
    QVERIFY(!panel->addButton()->isEnabled());
    QVERIFY(!panel->addButton()->isVisible());
    QVERIFY(!findByAccessibleName<QPushButton>(panel, QStringLiteral("remove:marge")));
    QVERIFY(findByAccessibleName<QWidget>(panel, QStringLiteral("admin:marge")));
    QVERIFY(panel->leaveButton()->isEnabled());
    QVERIFY(page->canSend());
}

void TestGuiGroups::removedMemberKeepsReadOnlyChat()
{
    QVERIFY(awaitOk(m_marge->request(QStringLiteral("send"),
                                     {{QStringLiteral("group"), m_margesGroup},
                                      {QStringLiteral("text"), QStringLiteral("Chapter one")}})));
    QTRY_COMPARE_WITH_TIMEOUT(last(MessageModel::TextRole).toString(),
                              QStringLiteral("Chapter one"), kWait);
    QVERIFY(awaitOk(m_marge->groupRemove(m_margesGroup, QStringLiteral("homer"))));
    ChatPage *page = m_window->chatPage();
    QTRY_VERIFY_WITH_TIMEOUT(!page->canSend(), kWait);
    QVERIFY(!page->composeEdit()->isVisible());
    // Still readable, and says what happened (the removal's system line).
    QTRY_COMPARE_WITH_TIMEOUT(last(MessageModel::SystemTextRole).toString(),
                              QStringLiteral("marge removed homer"), kWait);
    MessageModel *model = m_controller->messages();
    QCOMPARE(model->index(lastRow() - 1).data(MessageModel::TextRole).toString(),
             QStringLiteral("Chapter one"));
    QVERIFY(m_controller->chatList()->contains(groupChatKey(m_margesGroup)));
    QVERIFY(!m_controller->isGroupMember(m_margesGroup));
    QVERIFY(!page->groupInfoPanel()->leaveButton()->isEnabled());
    // Back in the first group, the compose box is there again.
    QVERIFY(m_window->openChat(groupChatKey(m_group)));
    QTRY_VERIFY(page->canSend());
}

void TestGuiGroups::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
}

QTEST_MAIN(TestGuiGroups)
#include "tst_gui_groups.moc"
