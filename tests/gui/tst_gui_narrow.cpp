// Narrow windows: below MainWindow::kNarrowWidth one pane at a time, the
// chat list or the open chat with a back button in its header; widening
// the window shows both again.
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "widgets/chatpage.h"
#include "widgets/composeedit.h"

#include <QListView>
#include <QToolButton>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

class TestGuiNarrow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wideShowsBoth();
    void narrowKeepsTheOpenChatAlone();
    void openingAChatShowsOnlyTheChat();
    void backAndForth();
    void escGoesBack();
    void wideningShowsBothAgain();

private:
    QWidget *sidePane() const { return f.window->findChild<QWidget *>(QStringLiteral("sidePane")); }
    ChatPage *chat() const { return f.window->chatPage(); }
    void resizeTo(int width);
    QModelIndex shown(const QString &peer) const { return f.shown(peer); }

    ChatsFixture f;
};

void TestGuiNarrow::initTestCase()
{
    QVERIFY(f.start({QStringLiteral("bob"), QStringLiteral("carol")}));
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("hi from bob")));
}

void TestGuiNarrow::resizeTo(int width)
{
    f.window->resize(width, 700);
    QTRY_COMPARE(f.window->width(), width);
}

void TestGuiNarrow::wideShowsBoth()
{
    resizeTo(1000);
    QVERIFY(!f.window->isNarrow());
    QVERIFY(sidePane()->isVisible());
    QVERIFY(f.window->openChat(QStringLiteral("carol")));
    QVERIFY(chat()->isVisible());
    QVERIFY(!chat()->backButton()->isVisible());
}

void TestGuiNarrow::narrowKeepsTheOpenChatAlone()
{
    resizeTo(600);
    QVERIFY(f.window->isNarrow());
    // A chat was open: shrinking keeps it, alone, with a way back.
    QVERIFY(chat()->isVisible());
    QVERIFY(!sidePane()->isVisible());
    QVERIFY(chat()->backButton()->isVisible());
    QTest::mouseClick(chat()->backButton(), Qt::LeftButton);
    QVERIFY(sidePane()->isVisible());
    QVERIFY(!chat()->isVisible());
    // The list has the whole width.
    QTRY_VERIFY(sidePane()->width() >= f.window->width() - 2);
    QVERIFY(!f.window->grab().isNull());
}

void TestGuiNarrow::openingAChatShowsOnlyTheChat()
{
    QListView *list = f.window->chatListView();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(shown(QStringLiteral("bob"))).center());
    QCOMPARE(f.controller->currentChat(), QStringLiteral("bob"));
    QVERIFY(chat()->isVisible());
    QVERIFY(!sidePane()->isVisible());
    QTRY_VERIFY(chat()->width() >= f.window->width() - 2);
}

void TestGuiNarrow::backAndForth()
{
    QTest::mouseClick(chat()->backButton(), Qt::LeftButton);
    QVERIFY(sidePane()->isVisible());
    // The open chat again: a click on it shows it, though it was already current.
    QListView *list = f.window->chatListView();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(shown(QStringLiteral("bob"))).center());
    QVERIFY(chat()->isVisible());
    QVERIFY(!sidePane()->isVisible());
}

void TestGuiNarrow::escGoesBack()
{
    f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
    chat()->composeEdit()->setFocus();
    QTest::keyClick(chat()->composeEdit(), Qt::Key_Escape);
    QVERIFY(sidePane()->isVisible());
    QVERIFY(!chat()->isVisible());
}

void TestGuiNarrow::wideningShowsBothAgain()
{
    resizeTo(1000);
    QVERIFY(!f.window->isNarrow());
    QVERIFY(sidePane()->isVisible());
    QVERIFY(chat()->isVisible());
    QVERIFY(!chat()->backButton()->isVisible());
    QCOMPARE(f.controller->currentChat(), QStringLiteral("bob"));
}

QTEST_MAIN(TestGuiNarrow)
#include "tst_gui_narrow.moc"
