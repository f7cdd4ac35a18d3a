// Issue 17's message actions in the desktop, against a real server: Reply
// (the reply bar, reply_to on the wire, the quote above the bubble and the
// jump to the answered message), Edit in the compose box (Enter saves, Esc
// gives the draft back, Ctrl+Up edits my last message), Delete for everyone
// (asked first, a tombstone on both sides), Forward (text and file, marked
// forwarded), and the menu items only for my messages and the server's features.
#include "cache/localcache.h"
#include "delegates/bubblemetrics.h"
#include "delegates/messagedelegate.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/messagemodel.h"
#include "protocol/features.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeactionbar.h"
#include "widgets/composeedit.h"
#include "widgets/confirmdialog.h"
#include "widgets/forwarddialog.h"
#include "widgets/shortcutsdialog.h"

#include "client/messageactions.h"

#include <QAction>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace Palomar;
using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

namespace {
const QString kBob = QStringLiteral("bob");
const QString kCarol = QStringLiteral("carol");
const QString kQuestion = QStringLiteral("Lunch on Sunday?\nAt one, as usual");
} // namespace

class TestGuiMessageActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuOffersActionsByOwnerAndFeature();
    void replyCarriesReplyToAndTheQuoteJumps();
    void quoteJumpLoadsOlderHistory();
    void editInlineSavesAndThePeerGetsIt();
    void escCancelsTheEditAndRestoresTheDraft();
    void ctrlUpEditsMyLastMessage();
    void deleteForEveryoneAsksThenLeavesATombstone();
    void forwardTextAndFileToAnotherChat();
    void cacheKeepsRepliesForwardsAndQueuedReplies();
    void tooLateEditSaysWhy();

private:
    ChatPage *page() const { return f.window->chatPage(); }
    ChatView *view() const { return page()->view(); }
    ComposeEdit *compose() const { return page()->composeEdit(); }
    MessageModel *messages() const { return f.controller->messages(); }
    Client::ClientSession *session(const QString &user) { return f.friends.at(user).get(); }
    int rowOf(const QString &text) const;
    QStringList itemsOf(int row);
    // Runs the item `name` of `row`'s message menu; false when it has none.
    bool trigger(int row, const QString &name);
    // Types `text` into the compose box and presses Enter; waits until the
    // server has it (an id); its row.
    int sendFromAlice(const QString &text);

    ChatsFixture f;
    std::unique_ptr<Client::MessageActions> m_bobActions;
};

void TestGuiMessageActions::initTestCase()
{
    QVERIFY(f.start({kBob, kCarol}));
    m_bobActions = std::make_unique<Client::MessageActions>(session(kBob));
    // (Two lines: the chat list's one-line preview is not what sendToAlice() waits for.)
    QVERIFY(awaitOk(session(kBob)->request(
        QStringLiteral("send"),
        {{QStringLiteral("to"), QStringLiteral("alice")}, {QStringLiteral("text"), kQuestion}})));
    QVERIFY(f.sendToAlice(kCarol, QStringLiteral("hi from carol")));
    QVERIFY(f.window->openChat(kBob));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(kQuestion) >= 0, kWait);
    f.window->activateWindow();
}

int TestGuiMessageActions::rowOf(const QString &text) const
{
    for (int row = messages()->rowCount() - 1; row >= 0; --row) {
        if (messages()->index(row).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

QStringList TestGuiMessageActions::itemsOf(int row)
{
    const std::unique_ptr<QMenu> menu(view()->messageMenu(row));
    QStringList names;
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator())
            names.append(action->objectName());
    }
    return names;
}

bool TestGuiMessageActions::trigger(int row, const QString &name)
{
    const std::unique_ptr<QMenu> menu(view()->messageMenu(row));
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name) {
            action->trigger();
            return true;
        }
    }
    return false;
}

int TestGuiMessageActions::sendFromAlice(const QString &text)
{
    compose()->setFocus();
    compose()->setPlainText(text);
    QTest::keyClick(compose(), Qt::Key_Return);
    if (!QTest::qWaitFor(
            [&] {
                const int row = rowOf(text);
                return row >= 0 &&
                       messages()->index(row).data(MessageModel::MsgIdRole).toLongLong() > 0;
            },
            kWait))
        return -1;
    return rowOf(text);
}

void TestGuiMessageActions::menuOffersActionsByOwnerAndFeature()
{
    const QStringList actions{QStringLiteral("replyAction"), QStringLiteral("forwardAction"),
                              QStringLiteral("editAction"),
                              QStringLiteral("deleteForEveryoneAction")};
    // The server speaks all four: the window took them from its hello.
    for (const QString &feature : {Protocol::Feature::Reply, Protocol::Feature::Edit,
                                   Protocol::Feature::Delete, Protocol::Feature::Forward})
        QVERIFY2(view()->offers(feature), qPrintable(feature));
    // bob's message: answered and passed on, never changed by me.
    QStringList theirs = itemsOf(rowOf(kQuestion));
    QVERIFY(theirs.contains(actions[0]));
    QVERIFY(theirs.contains(actions[1]));
    QVERIFY(!theirs.contains(actions[2]));
    QVERIFY(!theirs.contains(actions[3]));
    const int mine = sendFromAlice(QStringLiteral("menu check"));
    QVERIFY(mine >= 0);
    const QStringList own = itemsOf(mine);
    for (const QString &action : actions)
        QVERIFY2(own.contains(action), qPrintable(action));
    // A server without the features: none of them.
    view()->setOfferedFeatures({});
    QStringList names = itemsOf(mine) + itemsOf(rowOf(kQuestion));
    for (const QString &action : actions)
        QVERIFY2(!names.contains(action), qPrintable(action));
    QVERIFY(names.contains(QStringLiteral("copyTextAction")));
    // Nor Ctrl+Up.
    compose()->clear();
    QTest::keyClick(compose(), Qt::Key_Up, Qt::ControlModifier);
    QVERIFY(!page()->isEditing());
    view()->setOfferedFeatures({Protocol::Feature::Reply, Protocol::Feature::Edit,
                                Protocol::Feature::Delete, Protocol::Feature::Forward});
}

void TestGuiMessageActions::replyCarriesReplyToAndTheQuoteJumps()
{
    const int asked = rowOf(kQuestion);
    const qint64 askedId = messages()->index(asked).data(MessageModel::MsgIdRole).toLongLong();
    const qint64 askedLocal = messages()->index(asked).data(MessageModel::LocalIdRole).toLongLong();
    QVERIFY(trigger(asked, QStringLiteral("replyAction")));
    ComposeActionBar *bar = page()->composeActionBar();
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->title(), QStringLiteral("Reply to bob"));
    QCOMPARE(bar->text(), QStringLiteral("Lunch on Sunday?"));
    QCOMPARE(page()->replyingTo(), askedId);

    QSignalSpy bobGot(session(kBob), &Client::ClientSession::messageReceived);
    const int reply = sendFromAlice(QStringLiteral("Count me in"));
    QVERIFY(reply >= 0);
    QVERIFY(!bar->isVisible());
    QCOMPARE(page()->replyingTo(), 0);
    // bob may still be receiving an earlier test's message: wait for this one.
    const auto reached = [&bobGot](Client::Message *found) {
        for (const QList<QVariant> &call : bobGot) {
            const auto message = call.at(0).value<Client::Message>();
            if (message.text == QStringLiteral("Count me in")) {
                *found = message;
                return true;
            }
        }
        return false;
    };
    Client::Message got;
    QTRY_VERIFY_WITH_TIMEOUT(reached(&got), kWait);
    QCOMPARE(got.replyTo, askedId);

    // The quote: bob's name and the first line.
    const QModelIndex index = messages()->index(reply);
    QCOMPARE(index.data(MessageModel::ReplyToRole).toLongLong(), askedId);
    QCOMPARE(index.data(MessageModel::QuoteSenderRole).toString(), kBob);
    QCOMPARE(index.data(MessageModel::QuoteTextRole).toString(),
             QStringLiteral("Lunch on Sunday?"));
    // A click on it jumps to bob's message and tints it for a moment.
    view()->scrollToNewest();
    QTRY_VERIFY(!view()->bubbleRect(reply).isEmpty());
    const QRect bubble = view()->bubbleRect(reply);
    const QPoint onQuote =
        bubble.topLeft() + QPoint(BubbleMetrics::kPadH + 12, BubbleMetrics::kPadV + 6);
    // The pointer says it can be clicked.
    QMouseEvent hover(QEvent::MouseMove, onQuote, view()->viewport()->mapToGlobal(onQuote),
                      Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(view()->viewport(), &hover);
    QCOMPARE(view()->viewport()->cursor().shape(), Qt::PointingHandCursor);
    QSignalSpy revealed(page(), &ChatPage::messageRevealed);
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, onQuote);
    QTRY_COMPARE(revealed.size(), 1);
    QCOMPARE(revealed.at(0).at(0).toLongLong(), askedId);
    QCOMPARE(view()->messageDelegate()->flash(), askedLocal);
    QTRY_COMPARE_WITH_TIMEOUT(view()->messageDelegate()->flash(), qint64(0), kWait);
}

void TestGuiMessageActions::quoteJumpLoadsOlderHistory()
{
    // bob answers his own first message after many others: opened again with
    // small pages, the answered message is not loaded; the quote comes from
    // the cache and the jump loads older pages until it is there.
    const qint64 askedId =
        messages()->index(rowOf(kQuestion)).data(MessageModel::MsgIdRole).toLongLong();
    for (int i = 0; i < 40; ++i)
        QVERIFY(f.sendToAlice(kBob, QStringLiteral("filler %1").arg(i)));
    QVERIFY(awaitOk(session(kBob)->request(QStringLiteral("send"),
                                           {{QStringLiteral("to"), QStringLiteral("alice")},
                                            {QStringLiteral("text"), QStringLiteral("well?")},
                                            {QStringLiteral("reply_to"), askedId}})));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("well?")) >= 0, kWait);
    // Read, so that opening the chat does not load back to an unread message.
    f.controller->markChatRead();
    messages()->setPageSize(5);
    QVERIFY(f.window->openChat(kCarol));
    QVERIFY(f.window->openChat(kBob));
    QTRY_VERIFY(rowOf(QStringLiteral("well?")) >= 0);
    QVERIFY(messages()->rowOfMsgId(askedId) < 0);
    const QModelIndex well = messages()->index(rowOf(QStringLiteral("well?")));
    QCOMPARE(well.data(MessageModel::QuoteTextRole).toString(), QStringLiteral("Lunch on Sunday?"));
    QVERIFY(well.data(MessageModel::QuoteFoundRole).toBool());
    QSignalSpy revealed(page(), &ChatPage::messageRevealed);
    page()->revealMessage(askedId);
    QTRY_COMPARE_WITH_TIMEOUT(revealed.size(), 1, kWait);
    const int row = messages()->rowOfMsgId(askedId);
    QVERIFY(row >= 0);
    QTRY_VERIFY(
        view()->viewport()->rect().intersects(view()->visualRect(view()->model()->index(row, 0))));
    // A message of no chat of mine: a notice, nothing else.
    QSignalSpy notFound(page(), &ChatPage::messageNotFound);
    page()->revealMessage(askedId + 1000000);
    QTRY_COMPARE_WITH_TIMEOUT(notFound.size(), 1, kWait);
    QCOMPARE(notFound.at(0).at(0).toLongLong(), askedId + 1000000);
    QCOMPARE(revealed.size(), 1);
    messages()->setPageSize(80);
}

void TestGuiMessageActions::editInlineSavesAndThePeerGetsIt()
{
    const int row = sendFromAlice(QStringLiteral("See you at 1"));
    QVERIFY(row >= 0);
    const qint64 msgId = messages()->index(row).data(MessageModel::MsgIdRole).toLongLong();
    compose()->setPlainText(QStringLiteral("half typed"));
    QVERIFY(trigger(row, QStringLiteral("editAction")));
    QVERIFY(page()->isEditing());
    QCOMPARE(page()->composeActionBar()->title(), QStringLiteral("Editing"));
    QCOMPARE(page()->composeActionBar()->text(), QStringLiteral("See you at 1"));
    QCOMPARE(compose()->toPlainText(), QStringLiteral("See you at 1"));
    // The draft is still what was typed before.
    QCOMPARE(f.controller->draft(kBob), QStringLiteral("half typed"));

    QSignalSpy edited(m_bobActions.get(), &Client::MessageActions::messageEdited);
    compose()->setPlainText(QStringLiteral("See you at 2"));
    QTest::keyClick(compose(), Qt::Key_Return);
    QVERIFY(!page()->isEditing());
    QCOMPARE(compose()->toPlainText(), QStringLiteral("half typed"));
    QTRY_VERIFY_WITH_TIMEOUT(!edited.isEmpty(), kWait);
    QCOMPARE(edited.at(0).at(0).toLongLong(), msgId);
    QCOMPARE(edited.at(0).at(1).toString(), QStringLiteral("See you at 2"));
    const int now = messages()->rowOfMsgId(msgId);
    QTRY_COMPARE(messages()->index(now).data(MessageModel::TextRole).toString(),
                 QStringLiteral("See you at 2"));
    QVERIFY(messages()->index(now).data(MessageModel::EditedRole).toBool());

    // Saving an unchanged text only closes the bar: nothing goes out.
    QVERIFY(trigger(now, QStringLiteral("editAction")));
    QTest::keyClick(compose(), Qt::Key_Return);
    QVERIFY(!page()->isEditing());
    QCOMPARE(compose()->toPlainText(), QStringLiteral("half typed"));
    compose()->clear();
}

void TestGuiMessageActions::escCancelsTheEditAndRestoresTheDraft()
{
    const int row = rowOf(QStringLiteral("See you at 2"));
    QVERIFY(row >= 0);
    compose()->setPlainText(QStringLiteral("my draft"));
    QVERIFY(trigger(row, QStringLiteral("editAction")));
    compose()->setPlainText(QStringLiteral("not meant"));
    QTest::keyClick(compose(), Qt::Key_Escape);
    QVERIFY(!page()->isEditing());
    QVERIFY(!page()->composeActionBar()->isVisible());
    QCOMPARE(compose()->toPlainText(), QStringLiteral("my draft"));
    QCOMPARE(messages()->index(row).data(MessageModel::TextRole).toString(),
             QStringLiteral("See you at 2"));
    // The reply bar goes the same way, and so does its close button.
    QVERIFY(trigger(rowOf(kQuestion), QStringLiteral("replyAction")));
    QTest::keyClick(compose(), Qt::Key_Escape);
    QCOMPARE(page()->replyingTo(), 0);
    QVERIFY(trigger(rowOf(kQuestion), QStringLiteral("replyAction")));
    page()->composeActionBar()->closeButton()->click();
    QCOMPARE(page()->replyingTo(), 0);
    QVERIFY(!page()->composeActionBar()->isVisible());
    compose()->clear();
}

void TestGuiMessageActions::ctrlUpEditsMyLastMessage()
{
    const int last = sendFromAlice(QStringLiteral("the very last"));
    QVERIFY(last >= 0);
    QVERIFY(f.sendToAlice(kBob, QStringLiteral("bob after that")));
    compose()->clear();
    compose()->setFocus();
    QTest::keyClick(compose(), Qt::Key_Up, Qt::ControlModifier);
    QVERIFY(page()->isEditing());
    QCOMPARE(page()->editingLocalId(),
             messages()->index(last).data(MessageModel::LocalIdRole).toLongLong());
    QCOMPARE(compose()->toPlainText(), QStringLiteral("the very last"));
    QTest::keyClick(compose(), Qt::Key_Escape);
    QVERIFY(compose()->toPlainText().isEmpty());
    // Not while something is typed.
    compose()->setPlainText(QStringLiteral("x"));
    QTest::keyClick(compose(), Qt::Key_Up, Qt::ControlModifier);
    QVERIFY(!page()->isEditing());
    compose()->clear();
    // The shortcuts help lists it.
    bool listed = false;
    for (const Shortcuts::Entry &entry : Shortcuts::all())
        listed = listed || entry.keys.contains(QKeySequence(Qt::CTRL | Qt::Key_Up));
    QVERIFY(listed);
}

void TestGuiMessageActions::deleteForEveryoneAsksThenLeavesATombstone()
{
    const int row = sendFromAlice(QStringLiteral("oops, wrong chat"));
    QVERIFY(row >= 0);
    const qint64 msgId = messages()->index(row).data(MessageModel::MsgIdRole).toLongLong();
    QSignalSpy deleted(m_bobActions.get(), &Client::MessageActions::messageDeleted);
    QVERIFY(trigger(row, QStringLiteral("deleteForEveryoneAction")));
    ConfirmDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<ConfirmDialog *>(
                     QStringLiteral("confirmDeleteForEveryone"))) != nullptr);
    // Asked first: nothing has happened yet.
    QVERIFY(!messages()->index(row).data(MessageModel::DeletedRole).toBool());
    dialog->confirmButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        messages()->index(messages()->rowOfMsgId(msgId)).data(MessageModel::DeletedRole).toBool(),
        kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!deleted.isEmpty(), kWait);
    QCOMPARE(deleted.at(0).at(0).toLongLong(), msgId);
    // bob's history keeps a tombstone.
    QJsonObject result;
    QVERIFY(
        awaitOk(session(kBob)->history(QStringLiteral("alice"), msgId + 1, 1), nullptr, &result));
    const QList<Client::Message> history = Client::messagesFromHistory(result);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().msgId, msgId);
    QVERIFY(history.first().deleted);
    QVERIFY(history.first().text.isEmpty());
    // A tombstone has no actions left but Delete for me.
    const QStringList items = itemsOf(messages()->rowOfMsgId(msgId));
    QVERIFY(!items.contains(QStringLiteral("editAction")));
    QVERIFY(!items.contains(QStringLiteral("replyAction")));
    QVERIFY(!items.contains(QStringLiteral("deleteForEveryoneAction")));
}

void TestGuiMessageActions::forwardTextAndFileToAnotherChat()
{
    QSignalSpy carolGot(session(kCarol), &Client::ClientSession::messageReceived);
    // The text: the dialog's search narrows the chats.
    QVERIFY(trigger(rowOf(kQuestion), QStringLiteral("forwardAction")));
    ForwardDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<ForwardDialog *>()) != nullptr);
    QCOMPARE(dialog->list()->count(), 2);
    QVERIFY(!dialog->forwardButton()->isEnabled());
    QTest::keyClicks(dialog->searchField(), QStringLiteral("CAR"));
    int shown = 0;
    for (int i = 0; i < dialog->list()->count(); ++i)
        shown += dialog->list()->item(i)->isHidden() ? 0 : 1;
    QCOMPARE(shown, 1);
    QVERIFY(dialog->setChosen(kCarol, true));
    QCOMPARE(dialog->chosenChats(), QStringList{kCarol});
    dialog->forwardButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!carolGot.isEmpty(), kWait);
    auto got = carolGot.last().at(0).value<Client::Message>();
    QCOMPARE(got.text, kQuestion);
    QVERIFY(got.forwarded);

    // A file: it goes without being uploaded again.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("menu.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("soup, chops, pie\n");
    file.close();
    QTRY_VERIFY(f.window->findChild<ForwardDialog *>() == nullptr); // the first one is gone
    f.controller->sendFiles({path});
    int fileRow = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (fileRow = messages()->rowCount() - 1) >= 0 &&
            messages()->index(fileRow).data(MessageModel::IsFileRole).toBool() &&
            messages()->index(fileRow).data(MessageModel::MsgIdRole).toLongLong() > 0,
        kWait);
    QVERIFY(trigger(fileRow, QStringLiteral("forwardAction")));
    QTRY_VERIFY((dialog = f.window->findChild<ForwardDialog *>()) != nullptr);
    QVERIFY(dialog->setChosen(kCarol, true));
    const int before = int(carolGot.size());
    dialog->forwardButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(carolGot.size() > before, kWait);
    got = carolGot.last().at(0).value<Client::Message>();
    QVERIFY(got.forwarded);
    QCOMPARE(got.file.value(QLatin1String("name")).toString(), QStringLiteral("menu.txt"));

    // Alice's own copies show in carol's chat, marked forwarded.
    QVERIFY(f.window->openChat(kCarol));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(kQuestion) >= 0, kWait);
    QVERIFY(messages()->index(rowOf(kQuestion)).data(MessageModel::ForwardedRole).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(
        messages()->index(messages()->rowCount() - 1).data(MessageModel::IsFileRole).toBool(),
        kWait);
    const QModelIndex copy = messages()->index(messages()->rowCount() - 1);
    QVERIFY(copy.data(MessageModel::ForwardedRole).toBool());
    QCOMPARE(copy.data(MessageModel::FileNameRole).toString(), QStringLiteral("menu.txt"));
}

void TestGuiMessageActions::cacheKeepsRepliesForwardsAndQueuedReplies()
{
    // Cache step 7: reply_to and forwarded of stored messages, and the
    // reply_to of a reply still in the outbox, across a restart; and a cache
    // of version 6 gains the columns with nothing lost.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.db"));
    {
        LocalCache cache;
        QVERIFY(cache.open(path));
        Client::Message reply;
        reply.msgId = 7;
        reply.from = kBob;
        reply.to = QStringLiteral("alice");
        reply.text = QStringLiteral("yes");
        reply.ts = 1000;
        reply.replyTo = 5;
        QVERIFY(
            cache.storeMessage(reply, QStringLiteral("alice"), LocalCache::Origin::History).second);
        Client::Message copy = reply;
        copy.msgId = 8;
        copy.replyTo = 0;
        copy.forwarded = true;
        cache.storeMessage(copy, QStringLiteral("alice"), LocalCache::Origin::Sync);
        Client::OutgoingMessage queued;
        queued.clientId = QStringLiteral("c-1");
        queued.to = kBob;
        queued.text = QStringLiteral("and me");
        queued.replyTo = 7;
        cache.outboxAdd(queued);
        cache.commit();
    }
    {
        LocalCache cache;
        QVERIFY(cache.open(path));
        QCOMPARE(cache.messageByMsgId(7)->replyTo, 5);
        QVERIFY(!cache.messageByMsgId(7)->forwarded);
        QVERIFY(cache.messageByMsgId(8)->forwarded);
        const QList<Client::OutgoingMessage> queued = cache.outboxEntries();
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().replyTo, 7);
    }
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v6"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const char *statement : {"ALTER TABLE messages DROP COLUMN reply_to",
                                      "ALTER TABLE messages DROP COLUMN forwarded",
                                      "ALTER TABLE outbox DROP COLUMN reply_to",
                                      "DROP TABLE reactions", "PRAGMA user_version = 6"})
            QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v6"));
    LocalCache migrated;
    QVERIFY(migrated.open(path));
    QCOMPARE(migrated.messageByMsgId(7)->text, QStringLiteral("yes"));
    QCOMPARE(migrated.messageByMsgId(7)->replyTo, 0);
    QCOMPARE(migrated.outboxEntries().size(), 1);
    QCOMPARE(migrated.outboxEntries().first().replyTo, 0);
}

void TestGuiMessageActions::tooLateEditSaysWhy()
{
    // The client cannot learn the server's edit window: Edit is offered, and
    // the server's too_late comes back as a sentence. A server with a window
    // of one second, and dora alone in a group of her own.
    Testing::ServerProcess server({QStringLiteral("--edit-window"), QStringLiteral("1")});
    QVERIFY(server.start());
    QVERIFY(registerUser(server.port(), QStringLiteral("dora")));
    QTemporaryDir cache;
    AppController dora;
    dora.setCacheDirectory(cache.path());
    QSignalSpy opened(&dora, &AppController::accountOpened);
    dora.logIn({QStringLiteral("127.0.0.1"), server.port()}, QStringLiteral("dora"), kPassword,
               AppController::LoginMode::LogIn, Client::ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    QSignalSpy created(&dora, &AppController::groupCreated);
    dora.createGroup(QStringLiteral("notes"), {});
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, kWait);
    dora.openChat(groupChatKey(created.at(0).at(0).toLongLong()));
    dora.sendMessage(QStringLiteral("draft one"));
    MessageModel *model = dora.messages();
    // (A system line may come first: the message is the last row.)
    const auto last = [model] { return model->index(model->rowCount() - 1); };
    QTRY_VERIFY_WITH_TIMEOUT(last().data(MessageModel::TextRole).toString() ==
                                     QStringLiteral("draft one") &&
                                 last().data(MessageModel::MsgIdRole).toLongLong() > 0,
                             kWait);
    // Past the window (at least two seconds, whatever the machine's speed).
    QTest::qWait(2200);
    QSignalSpy failed(&dora, &AppController::messageActionFailed);
    const qint64 localId = last().data(MessageModel::LocalIdRole).toLongLong();
    dora.editMessage(localId, QStringLiteral("draft two"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
    const QString why = failed.at(0).at(0).toString();
    QVERIFY2(why.startsWith(QStringLiteral("Too late to change this message")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("edit window of 1 s")), qPrintable(why));
    QCOMPARE(last().data(MessageModel::TextRole).toString(), QStringLiteral("draft one"));
}

QTEST_MAIN(TestGuiMessageActions)
#include "tst_gui_messageactions.moc"
