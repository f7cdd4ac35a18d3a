// The main window's keyboard: Ctrl+K (the quick switcher), Ctrl+F (find in
// the loaded history: marks, "n of N", Enter / Shift+Enter / arrows), Esc,
// Alt+Up/Down and Ctrl+Tab / Ctrl+Shift+Tab, Page Up/Down in the history
// while typing, and the shortcuts help (Ctrl+/, F1).
#include "delegates/messagedelegate.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeedit.h"
#include "widgets/findbar.h"
#include "widgets/quickswitcher.h"
#include "widgets/shortcutsdialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

class TestGuiKeyboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void quickSwitcherFromTheComposeBox();
    void quickSwitcherEscCloses();
    void findInChat();
    void findFollowsNewMessages();
    void escClearsTheSearch();
    void nextAndPreviousChat();
    void pageKeysScrollTheHistory();
    void shortcutsHelp();

private:
    ComposeEdit *compose() const { return f.window->chatPage()->composeEdit(); }
    FindBar *findBar() const { return f.window->chatPage()->findBar(); }
    QString current() const { return f.controller->currentChat(); }

    ChatsFixture f;
};

void TestGuiKeyboard::initTestCase()
{
    QVERIFY(f.start({QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")}));
    QVERIFY(f.sendToAlice(QStringLiteral("carol"), QStringLiteral("carol says hi")));
    QVERIFY(f.sendToAlice(QStringLiteral("dave"), QStringLiteral("dave says hi")));
    // bob's chat: 40 messages, three of them about lunch, the newest last.
    for (int i = 0; i < 40; ++i) {
        const QString text = (i == 5 || i == 20) ? QStringLiteral("Lunch at %1?").arg(i)
                                                 : QStringLiteral("filler %1").arg(i);
        f.friends.at(QStringLiteral("bob"))
            ->request(QStringLiteral("send"), {{QStringLiteral("to"), QStringLiteral("alice")},
                                               {QStringLiteral("text"), text}});
    }
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("so, lunch today?")));
    // The find bar's own find over the loaded history, as without the
    // server's `search` (its server search: tst_gui_search).
    findBar()->setSession(nullptr);
}

void TestGuiKeyboard::init()
{
    f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
}

void TestGuiKeyboard::quickSwitcherFromTheComposeBox()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    compose()->setFocus();
    QTest::keyClicks(compose(), QStringLiteral("draft"));
    // Ctrl+K in a text box is "delete to the end of the line" on X11: the window keeps it.
    QTest::keyClick(compose(), Qt::Key_K, Qt::ControlModifier);
    auto *switcher = f.window->findChild<QuickSwitcher *>();
    QVERIFY(switcher);
    QTRY_VERIFY(switcher->isVisible());
    QCOMPARE(switcher->list()->model()->rowCount(), 3);
    QTest::keyClicks(switcher->field(), QStringLiteral("CAR"));
    QCOMPARE(switcher->list()->model()->rowCount(), 1);
    QTest::keyClick(switcher->field(), Qt::Key_Return);
    QTRY_VERIFY(!switcher->isVisible());
    QCOMPARE(current(), QStringLiteral("carol"));

    // Up/Down choose among the matches; names only ("says" is in every preview).
    f.window->activateWindow();
    QTest::keyClick(f.window->chatListView(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(switcher->isVisible());
    QTest::keyClicks(switcher->field(), QStringLiteral("says"));
    QCOMPARE(switcher->list()->model()->rowCount(), 0);
    switcher->field()->clear();
    QTest::keyClicks(switcher->field(), QStringLiteral("a")); // carol, dave
    QCOMPARE(switcher->list()->model()->rowCount(), 2);
    const QString second =
        switcher->list()->model()->index(1, 0).data(ChatListModel::PeerRole).toString();
    QTest::keyClick(switcher->field(), Qt::Key_Down);
    QTest::keyClick(switcher->field(), Qt::Key_Enter);
    QCOMPARE(current(), second);
}

void TestGuiKeyboard::quickSwitcherEscCloses()
{
    const QString before = current();
    // From the search field, whose text Ctrl+K leaves alone (with the X11
    // key scheme a QLineEdit's Ctrl+K would delete to the end of the line).
    QLineEdit *search = f.window->searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("abc"));
    search->setCursorPosition(1);
    QTest::keyClick(search, Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(search->text(), QStringLiteral("abc"));
    search->clear();
    auto *switcher = f.window->findChild<QuickSwitcher *>();
    QTRY_VERIFY(switcher->isVisible());
    QTest::keyClick(switcher->field(), Qt::Key_Escape);
    QVERIFY(!switcher->isVisible());
    QCOMPARE(current(), before);
}

void TestGuiKeyboard::findInChat()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY(f.controller->messages()->rowCount() >= 40);
    compose()->setFocus();
    QTest::keyClick(compose(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(findBar()->isVisible());
    QVERIFY(findBar()->field()->hasFocus());
    QTest::keyClicks(findBar()->field(), QStringLiteral("lunch"));
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("1 of 3"));
    MessageDelegate *delegate = f.window->chatPage()->view()->messageDelegate();
    QCOMPARE(delegate->highlight(), QStringLiteral("lunch"));

    QTest::keyClick(findBar()->field(), Qt::Key_Return); // older
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("2 of 3"));
    QTest::keyClick(findBar()->field(), Qt::Key_Up);
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("3 of 3"));
    // The oldest match ("Lunch at 5?") is in view.
    ChatView *view = f.window->chatPage()->view();
    const int row = [&] {
        MessageModel *model = f.controller->messages();
        for (int i = 0; i < model->rowCount(); ++i) {
            if (model->index(i).data(MessageModel::TextRole).toString() ==
                QStringLiteral("Lunch at 5?"))
                return i;
        }
        return -1;
    }();
    QVERIFY(row >= 0);
    QTRY_VERIFY(
        view->viewport()->rect().intersects(view->visualRect(view->model()->index(row, 0))));
    QTest::keyClick(findBar()->field(), Qt::Key_Return, Qt::ShiftModifier); // newer
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("2 of 3"));
    QTest::keyClick(findBar()->field(), Qt::Key_Down);
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("1 of 3"));
    QTest::keyClick(findBar()->field(), Qt::Key_Down); // round to the oldest
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("3 of 3"));
    QVERIFY(!view->viewport()->grab().isNull());

    QTest::keyClicks(findBar()->field(), QStringLiteral("zzz"));
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("No results"));

    QTest::keyClick(findBar()->field(), Qt::Key_Escape);
    QVERIFY(!findBar()->isVisible());
    QVERIFY(delegate->highlight().isEmpty());
}

void TestGuiKeyboard::findFollowsNewMessages()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    compose()->setFocus();
    QTest::keyClick(compose(), Qt::Key_F, Qt::ControlModifier);
    findBar()->field()->selectAll();
    QTest::keyClicks(findBar()->field(), QStringLiteral("lunch"));
    QCOMPARE(findBar()->matchCount(), 3);
    QTest::keyClick(findBar()->field(), Qt::Key_Return);
    QCOMPARE(findBar()->currentMatch(), 2);
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("LUNCH is ready")));
    QTRY_COMPARE(findBar()->matchCount(), 4);
    // Still on the same message, now one further from the newest.
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("3 of 4"));
    // Esc from the window (the compose box has the focus) closes the bar too.
    compose()->setFocus();
    QTest::keyClick(compose(), Qt::Key_Escape);
    QVERIFY(!findBar()->isVisible());
}

void TestGuiKeyboard::escClearsTheSearch()
{
    QLineEdit *search = f.window->searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("dav"));
    QCOMPARE(f.window->chatListView()->model()->rowCount(), 1);
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(f.window->chatListView()->model()->rowCount(), 3);
}

void TestGuiKeyboard::nextAndPreviousChat()
{
    const QAbstractItemModel *list = f.window->chatListView()->model();
    const auto peerAt = [list](int row) {
        return list->index(row, 0).data(ChatListModel::PeerRole).toString();
    };
    QVERIFY(f.window->openChat(peerAt(0)));
    compose()->setFocus();
    QTest::keyClick(compose(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(current(), peerAt(1));
    QTest::keyClick(compose(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(current(), peerAt(2));
    QTest::keyClick(compose(), Qt::Key_Down, Qt::AltModifier); // stays at the end
    QCOMPARE(current(), peerAt(2));
    QTest::keyClick(compose(), Qt::Key_Tab, Qt::ControlModifier); // goes round
    QCOMPARE(current(), peerAt(0));
    QTest::keyClick(compose(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(current(), peerAt(2));
    QTest::keyClick(compose(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(current(), peerAt(1));
}

void TestGuiKeyboard::pageKeysScrollTheHistory()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QScrollBar *bar = f.window->chatPage()->view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > bar->pageStep());
    // It may open at its "new messages" line: start from the newest.
    f.window->chatPage()->view()->scrollToNewest();
    QTRY_COMPARE(bar->value(), bar->maximum());
    compose()->setFocus();
    compose()->setPlainText(QStringLiteral("typing"));
    // Measured from the bottom: paging older history in at the top moves values.
    const auto fromBottom = [bar] { return bar->maximum() - bar->value(); };
    QCOMPARE(fromBottom(), 0);
    QTest::keyClick(compose(), Qt::Key_PageUp);
    const int up = fromBottom();
    QVERIFY(up > 0);
    QTest::keyClick(compose(), Qt::Key_PageUp);
    QVERIFY(fromBottom() > up);
    const int twice = fromBottom();
    QTest::keyClick(compose(), Qt::Key_PageDown);
    QVERIFY(fromBottom() < twice);
    QCOMPARE(compose()->toPlainText(), QStringLiteral("typing"));
    QVERIFY(compose()->hasFocus());
    compose()->clear();
}

void TestGuiKeyboard::shortcutsHelp()
{
    QTest::keyClick(f.window->chatListView(), Qt::Key_Slash, Qt::ControlModifier);
    ShortcutsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<ShortcutsDialog *>()) && dialog->isVisible());
    QStringList texts;
    for (const QLabel *label : dialog->findChildren<QLabel *>())
        texts.append(label->text());
    const QString all = texts.join(u'\n');
    for (const QString &key :
         {QStringLiteral("Ctrl+K"), QStringLiteral("Ctrl+F"), QStringLiteral("Esc"),
          QStringLiteral("Alt+Down"), QStringLiteral("Ctrl+Tab"), QStringLiteral("PgUp"),
          QStringLiteral("F1")})
        QVERIFY2(all.contains(key), qPrintable(key + QStringLiteral(" in\n") + all));
    QVERIFY(all.contains(QStringLiteral("Find in the open chat")));
    dialog->close();
    QTRY_VERIFY(!f.window->findChild<ShortcutsDialog *>());
    f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
    QTest::keyClick(f.window->chatListView(), Qt::Key_F1);
    QTRY_VERIFY((dialog = f.window->findChild<ShortcutsDialog *>()) && dialog->isVisible());
    dialog->close();
}

QTEST_MAIN(TestGuiKeyboard)
#include "tst_gui_keyboard.moc"
