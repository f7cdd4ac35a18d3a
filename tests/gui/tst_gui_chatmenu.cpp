// The chat list's context menu: pin (pinned chats first, in pin order),
// mute (no notification, a grey badge, left out of the unread total), mark
// as unread (until opened), all kept across a restart; delete chat (this
// computer's copy only, after a confirmation; the chat comes back with the
// next message) and unfriend (the server op, after a confirmation).
#include "cache/localcache.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"

#include <QAction>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Client::Reply;

class TestGuiChatMenu : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuOffersTheActions();
    void pinnedChatsComeFirstInPinOrder();
    void mutedChatDoesNotNotify();
    void markAsUnreadUntilOpened();
    void stateSurvivesRestart();
    void deleteChatClearsOnlyThisComputer();
    void unfriendAsksFirst();
    void blockAsksFirstAndRefusesTheirMessages();
    void cacheOfVersion2GainsChatState();

private:
    // The chats as the list shows them, top to bottom.
    QStringList shownOrder() const;
    QModelIndex shown(const QString &peer) const { return f.shown(peer); }
    void trigger(const QString &peer, const QString &action);
    // Presses the button `text` of the question named `name`.
    bool answer(const QString &name, const QString &text);
    int row(const QString &peer) const { return f.controller->chatList()->rowOf(peer); }
    QVariant chatData(const QString &peer, int role) const
    {
        return f.controller->chatList()->index(row(peer)).data(role);
    }

    ChatsFixture f;
};

void TestGuiChatMenu::initTestCase()
{
    QVERIFY(f.start({QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")}));
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("hi from bob")));
    QVERIFY(f.sendToAlice(QStringLiteral("carol"), QStringLiteral("hi from carol")));
    QVERIFY(f.sendToAlice(QStringLiteral("dave"), QStringLiteral("hi from dave")));
    QCOMPARE(shownOrder(),
             (QStringList{QStringLiteral("dave"), QStringLiteral("carol"), QStringLiteral("bob")}));
}

QStringList TestGuiChatMenu::shownOrder() const
{
    QStringList peers;
    const QAbstractItemModel *model = f.window->chatListView()->model();
    for (int i = 0; i < model->rowCount(); ++i)
        peers.append(model->index(i, 0).data(ChatListModel::PeerRole).toString());
    return peers;
}

void TestGuiChatMenu::trigger(const QString &peer, const QString &action)
{
    const QModelIndex index = shown(peer);
    QVERIFY2(index.isValid(), qPrintable(peer));
    QMenu *menu = f.window->chatMenu(index);
    auto *found = menu->findChild<QAction *>(action);
    QVERIFY2(found, qPrintable(action));
    QVERIFY(found->isEnabled());
    found->trigger();
    menu->close();
}

bool TestGuiChatMenu::answer(const QString &name, const QString &text)
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = f.window->findChild<QMessageBox *>(name)); }, kWait))
        return false;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == text) {
            button->click();
            return true;
        }
    }
    return false;
}

void TestGuiChatMenu::menuOffersTheActions()
{
    QMenu *menu = f.window->chatMenu(shown(QStringLiteral("bob")));
    QStringList names;
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator())
            names.append(action->objectName());
    }
    QCOMPARE(names,
             (QStringList{QStringLiteral("pinAction"), QStringLiteral("muteAction"),
                          QStringLiteral("markUnreadAction"), QStringLiteral("deleteChatAction"),
                          QStringLiteral("unfriendAction"), QStringLiteral("blockAction")}));
    // bob has an unread message: "Mark as unread" has nothing to do.
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("markUnreadAction"))->isEnabled());
    menu->close();
    // A right click pops the same menu up.
    QListView *list = f.window->chatListView();
    const QRect rect = list->visualRect(shown(QStringLiteral("bob")));
    QContextMenuEvent event(QContextMenuEvent::Mouse, rect.center(),
                            list->viewport()->mapToGlobal(rect.center()));
    QApplication::sendEvent(list->viewport(), &event);
    QMenu *popped = nullptr;
    QTRY_VERIFY((popped = f.window->findChild<QMenu *>(QStringLiteral("chatMenu"))) &&
                popped->isVisible());
    popped->close();
}

void TestGuiChatMenu::pinnedChatsComeFirstInPinOrder()
{
    trigger(QStringLiteral("bob"), QStringLiteral("pinAction"));
    trigger(QStringLiteral("carol"), QStringLiteral("pinAction"));
    QCOMPARE(shownOrder(),
             (QStringList{QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")}));
    // Newer activity does not move a chat above the pinned ones...
    QVERIFY(f.sendToAlice(QStringLiteral("dave"), QStringLiteral("still here")));
    QCOMPARE(shownOrder(),
             (QStringList{QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")}));
    // ...nor between them.
    QVERIFY(f.sendToAlice(QStringLiteral("carol"), QStringLiteral("me first")));
    QCOMPARE(shownOrder(),
             (QStringList{QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")}));
    QCOMPARE(f.window->chatMenu(shown(QStringLiteral("bob")))
                 ->findChild<QAction *>(QStringLiteral("pinAction"))
                 ->text(),
             QStringLiteral("Unpin"));
}

void TestGuiChatMenu::mutedChatDoesNotNotify()
{
    const int totalBefore = f.controller->chatList()->unreadTotal();
    const int bobUnread = chatData(QStringLiteral("bob"), ChatListModel::UnreadRole).toInt();
    QVERIFY(bobUnread > 0);
    trigger(QStringLiteral("bob"), QStringLiteral("muteAction"));
    QVERIFY(chatData(QStringLiteral("bob"), ChatListModel::MutedRole).toBool());
    QCOMPARE(f.controller->chatList()->unreadTotal(), totalBefore - bobUnread);

    QSignalSpy notified(f.controller.get(), &AppController::incomingMessageArrived);
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("muted news")));
    QCOMPARE(chatData(QStringLiteral("bob"), ChatListModel::UnreadRole).toInt(), bobUnread + 1);
    // dave is not muted: his message notifies, and comes after bob's.
    QVERIFY(f.sendToAlice(QStringLiteral("dave"), QStringLiteral("loud news")));
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().first().toString(), QStringLiteral("dave"));
    QVERIFY(!f.window->chatListView()->viewport()->grab().isNull());
}

void TestGuiChatMenu::markAsUnreadUntilOpened()
{
    QVERIFY(f.window->openChat(QStringLiteral("carol")));
    QTRY_COMPARE_WITH_TIMEOUT(chatData(QStringLiteral("carol"), ChatListModel::UnreadRole).toInt(),
                              0, kWait);
    QVERIFY(f.window->openChat(QStringLiteral("dave")));
    trigger(QStringLiteral("carol"), QStringLiteral("markUnreadAction"));
    QVERIFY(chatData(QStringLiteral("carol"), ChatListModel::MarkedUnreadRole).toBool());
    QVERIFY(!f.window->chatMenu(shown(QStringLiteral("carol")))
                 ->findChild<QAction *>(QStringLiteral("markUnreadAction"))
                 ->isEnabled());
    QVERIFY(f.window->openChat(QStringLiteral("carol")));
    QVERIFY(!chatData(QStringLiteral("carol"), ChatListModel::MarkedUnreadRole).toBool());
    // Marked again, and left marked for the restart.
    QVERIFY(f.window->openChat(QStringLiteral("dave")));
    trigger(QStringLiteral("carol"), QStringLiteral("markUnreadAction"));
}

void TestGuiChatMenu::stateSurvivesRestart()
{
    QVERIFY(f.restart());
    QTRY_VERIFY_WITH_TIMEOUT(f.controller->chatList()->rowCount() == 3, kWait);
    QCOMPARE(shownOrder(),
             (QStringList{QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")}));
    QVERIFY(chatData(QStringLiteral("bob"), ChatListModel::MutedRole).toBool());
    QVERIFY(!chatData(QStringLiteral("dave"), ChatListModel::MutedRole).toBool());
    QVERIFY(chatData(QStringLiteral("carol"), ChatListModel::MarkedUnreadRole).toBool());
    QCOMPARE(chatData(QStringLiteral("bob"), ChatListModel::PinOrderRole).toInt() > 0, true);
    QCOMPARE(chatData(QStringLiteral("dave"), ChatListModel::PinOrderRole).toInt(), 0);

    // Unpinning and unmuting undo it.
    trigger(QStringLiteral("bob"), QStringLiteral("pinAction"));
    trigger(QStringLiteral("bob"), QStringLiteral("muteAction"));
    QCOMPARE(shownOrder().first(), QStringLiteral("carol"));
    QVERIFY(!chatData(QStringLiteral("bob"), ChatListModel::MutedRole).toBool());
}

void TestGuiChatMenu::deleteChatClearsOnlyThisComputer()
{
    const QString bob = QStringLiteral("bob");
    QVERIFY(f.controller->cache()->messageCount(bob) >= 2);
    // Cancel keeps everything.
    trigger(bob, QStringLiteral("deleteChatAction"));
    QVERIFY(answer(QStringLiteral("confirmDeleteChat"), QStringLiteral("Cancel")));
    QVERIFY(f.controller->cache()->messageCount(bob) >= 2);

    QVERIFY(f.window->openChat(bob));
    trigger(bob, QStringLiteral("deleteChatAction"));
    QVERIFY(answer(QStringLiteral("confirmDeleteChat"), QStringLiteral("Delete")));
    QTRY_COMPARE(f.controller->cache()->messageCount(bob), 0);
    QCOMPARE(f.controller->messages()->rowCount(), 0);
    QVERIFY(!shown(bob).isValid());

    // Opening it again (the switcher does) fetches the server's history:
    // what was deleted here is not stored again.
    QVERIFY(f.window->openChat(QStringLiteral("dave")));
    QVERIFY(f.window->openChat(bob));
    QVERIFY(awaitOk(f.controller->session()->ping())); // after the history reply
    QCOMPARE(f.controller->messages()->rowCount(), 0);
    QCOMPARE(f.controller->cache()->messageCount(bob), 0);

    // bob still has it all; his next message brings the chat back.
    QJsonObject result;
    QVERIFY(awaitOk(f.friends.at(bob)->history(QStringLiteral("alice")), nullptr, &result));
    QVERIFY(result.value(QStringLiteral("messages")).toArray().size() >= 2);
    QVERIFY(f.window->openChat(QStringLiteral("dave")));
    QVERIFY(f.sendToAlice(bob, QStringLiteral("anyone there?")));
    QTRY_VERIFY(shown(bob).isValid());
    QCOMPARE(f.controller->cache()->messageCount(bob), 1);
}

void TestGuiChatMenu::unfriendAsksFirst()
{
    const QString dave = QStringLiteral("dave");
    QSignalSpy removed(f.friends.at(dave).get(), &ClientSession::friendRemoved);
    trigger(dave, QStringLiteral("unfriendAction"));
    QVERIFY(answer(QStringLiteral("confirmUnfriend"), QStringLiteral("Cancel")));
    QVERIFY(f.controller->chatList()->contains(dave));

    trigger(dave, QStringLiteral("unfriendAction"));
    QVERIFY(answer(QStringLiteral("confirmUnfriend"), QStringLiteral("Unfriend")));
    QTRY_VERIFY_WITH_TIMEOUT(!f.controller->chatList()->contains(dave), kWait);
    QVERIFY(removed.count() == 1 || removed.wait(kWait));
    QVERIFY(!f.controller->cache()->contacts().contains(dave));
    // Groups have no "Unfriend".
}

void TestGuiChatMenu::blockAsksFirstAndRefusesTheirMessages()
{
    const QString carol = QStringLiteral("carol");
    trigger(carol, QStringLiteral("blockAction"));
    QVERIFY(answer(QStringLiteral("confirmBlock"), QStringLiteral("Cancel")));
    QVERIFY(f.controller->chatList()->contains(carol));

    QSignalSpy removed(f.friends.at(carol).get(), &ClientSession::friendRemoved);
    trigger(carol, QStringLiteral("blockAction"));
    QVERIFY(answer(QStringLiteral("confirmBlock"), QStringLiteral("Block")));
    QTRY_VERIFY_WITH_TIMEOUT(!f.controller->chatList()->contains(carol), kWait);
    QVERIFY(removed.count() == 1 || removed.wait(kWait));
    QVERIFY(!f.controller->cache()->contacts().contains(carol));
    // The server holds the block: carol can no longer write or ask again.
    Reply *sent = f.friends.at(carol)->request(
        QStringLiteral("send"), {{QStringLiteral("to"), QStringLiteral("alice")},
                                 {QStringLiteral("text"), QStringLiteral("hello?")}});
    QSignalSpy answered(sent, &Reply::finished);
    QVERIFY(answered.wait(kWait));
    QCOMPARE(sent->error(), QStringLiteral("not_friends"));
    Reply *request = f.friends.at(carol)->friendRequest(QStringLiteral("alice"));
    QSignalSpy requested(request, &Reply::finished);
    QVERIFY(requested.wait(kWait));
    QCOMPARE(request->error(), QStringLiteral("not_friends"));
}

void TestGuiChatMenu::cacheOfVersion2GainsChatState()
{
    // A cache as version 2 (files, no chat state) left it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v2.db"));
    {
        LocalCache fresh;
        QVERIFY(fresh.open(path));
        fresh.addContact(QStringLiteral("carol"));
        fresh.addPending(QStringLiteral("c1"), QStringLiteral("carol"), QStringLiteral("kept"), 1);
        fresh.commit();
    }
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        // Undo every later step (chat state and the steps after it).
        for (const char *statement :
             {"DROP TABLE chat_state", "DROP TABLE hidden_messages",
              "ALTER TABLE messages DROP COLUMN system", "ALTER TABLE messages DROP COLUMN edited",
              "ALTER TABLE messages DROP COLUMN deleted",
              "ALTER TABLE messages DROP COLUMN reply_to",
              "ALTER TABLE messages DROP COLUMN forwarded",
              "ALTER TABLE outbox DROP COLUMN reply_to", "DROP TABLE reactions",
              "PRAGMA user_version = 2"})
            QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2"));

    {
        LocalCache cache;
        QVERIFY(cache.open(path));
        QCOMPARE(cache.messages(QStringLiteral("carol"), 0, 10).size(), 1);
        QVERIFY(!cache.chatState(QStringLiteral("carol")).muted);
        cache.setMuted(QStringLiteral("carol"), true);
        cache.setPinned(QStringLiteral("carol"), true);
        cache.commit();
    }
    LocalCache again;
    QVERIFY(again.open(path));
    const ChatSummary carol = again.chatSummary(QStringLiteral("carol"));
    QVERIFY(carol.muted);
    QCOMPARE(carol.pinOrder, 1);
    QVERIFY(!carol.markedUnread);
    QCOMPARE(carol.lastText, QStringLiteral("kept"));
}

QTEST_MAIN(TestGuiChatMenu)
#include "tst_gui_chatmenu.moc"
