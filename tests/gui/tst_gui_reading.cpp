// Reading in the desktop app: alice in the real main window, bob and carol
// as plain ClientSessions. A chat opened with unread messages shows the
// "new messages" line above the first of them, scrolled into view, and
// stays unread until alice scrolls down to them; reopened with nothing
// unread, the line is gone. Each chat comes back where it was left (in the
// middle of the history, or at the bottom, following new messages).
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "cache/localcache.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

class TestGuiReading : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void newMessagesLineAboveTheFirstUnread();
    void lineGoneWhenReopenedWithNothingUnread();
    void scrollPositionKeptPerChat();
    void atTheBottomFollowsNewMessages();
    void cleanupTestCase();

private:
    // `from` writes `count` numbered messages to alice and waits until she has them.
    void send(ClientSession *from, const QString &prefix, int count);
    int unread(const QString &peer) const;
    int rowOfText(const QString &text) const;
    ChatView *view() const { return m_window->chatPage()->view(); }
    bool open(const QString &peer);

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ClientSession> m_bob;
    std::unique_ptr<ClientSession> m_carol;
};

void TestGuiReading::send(ClientSession *from, const QString &prefix, int count)
{
    const QString sender = from == m_bob.get() ? QStringLiteral("bob") : QStringLiteral("carol");
    const int before = m_controller->cache()->messageCount(sender);
    for (int i = 0; i < count; ++i)
        from->send(QStringLiteral("alice"), QStringLiteral("%1 %2").arg(prefix).arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->cache()->messageCount(sender), before + count, kWait);
}

int TestGuiReading::unread(const QString &peer) const
{
    ChatListModel *chats = m_controller->chatList();
    return chats->index(chats->rowOf(peer)).data(ChatListModel::UnreadRole).toInt();
}

int TestGuiReading::rowOfText(const QString &text) const
{
    MessageModel *model = m_controller->messages();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

bool TestGuiReading::open(const QString &peer)
{
    if (!m_window->openChat(peer))
        return false;
    // The view settles in the next turn of the event loop.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    return m_controller->messages()->peer() == peer;
}

void TestGuiReading::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_server.start());
    for (const char *user : {"alice", "bob", "carol"})
        QVERIFY(registerUser(m_server.port(), QString::fromLatin1(user)));
    m_bob = connectedSession(m_server.port());
    m_carol = connectedSession(m_server.port());
    QVERIFY(m_bob && m_carol);
    QVERIFY(logIn(m_bob.get(), QStringLiteral("bob")));
    QVERIFY(logIn(m_carol.get(), QStringLiteral("carol")));
    QVERIFY(befriend(m_server.port(), QStringLiteral("alice"), m_bob.get(), QStringLiteral("bob")));
    QVERIFY(
        befriend(m_server.port(), QStringLiteral("alice"), m_carol.get(), QStringLiteral("carol")));

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_cacheDir.path());
    m_controller->messages()->setPageSize(20); // so that a chat of 70 messages comes in pages
    m_window = std::make_unique<MainWindow>(m_controller.get());
    QVERIFY(openAccount(m_controller.get(), m_server.port(), QStringLiteral("alice")));
    m_window->resize(1000, 700);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->chatList()->contains(QStringLiteral("bob")) &&
                                 m_controller->chatList()->contains(QStringLiteral("carol")),
                             kWait);

    // Some history with bob that alice has read, and a few lines from carol.
    QVERIFY(open(QStringLiteral("bob")));
    send(m_bob.get(), QStringLiteral("old"), 30);
    QTRY_COMPARE_WITH_TIMEOUT(unread(QStringLiteral("bob")), 0, kWait);
    QVERIFY(open(QStringLiteral("carol")));
    send(m_carol.get(), QStringLiteral("hello"), 3);
    QTRY_COMPARE_WITH_TIMEOUT(unread(QStringLiteral("carol")), 0, kWait);
}

void TestGuiReading::newMessagesLineAboveTheFirstUnread()
{
    // bob writes while alice reads carol's chat.
    send(m_bob.get(), QStringLiteral("new"), 40);
    QTRY_COMPARE_WITH_TIMEOUT(unread(QStringLiteral("bob")), 40, kWait);

    QVERIFY(open(QStringLiteral("bob")));
    MessageModel *model = m_controller->messages();
    const int first = rowOfText(QStringLiteral("new 0"));
    QVERIFY(first > 0);
    QCOMPARE(model->unreadDividerRow(), first);
    QVERIFY(model->index(first).data(MessageModel::UnreadDividerRole).toBool());
    QVERIFY(!model->index(first + 1).data(MessageModel::UnreadDividerRole).toBool());
    QVERIFY(!model->index(first - 1).data(MessageModel::UnreadDividerRole).toBool());
    // The line makes its row taller than the one after it (same sender, one line each).
    QTRY_VERIFY(view()->visualRect(view()->model()->index(first, 0)).height() >=
                view()->visualRect(view()->model()->index(first + 1, 0)).height() + 24);

    // Scrolled to the line, not to the bottom: the new messages are still unread.
    const auto lineVisible = [this, first] {
        const QRect line = view()->visualRect(view()->model()->index(first, 0));
        return line.top() >= 0 && line.top() < view()->viewport()->height() / 2;
    };
    QTRY_VERIFY(lineVisible());
    QVERIFY(!view()->isAtBottom());
    QVERIFY(view()->visualRect(view()->model()->index(first - 1, 0)).bottom() >= 0);
    QCOMPARE(unread(QStringLiteral("bob")), 40);
    QVERIFY(!view()->viewport()->grab().isNull());

    // Reading down to the end marks them read; the line stays while the chat is open.
    view()->verticalScrollBar()->setValue(view()->verticalScrollBar()->maximum());
    QTRY_COMPARE_WITH_TIMEOUT(unread(QStringLiteral("bob")), 0, kWait);
    QCOMPARE(model->unreadDividerRow(), first);
}

void TestGuiReading::lineGoneWhenReopenedWithNothingUnread()
{
    QVERIFY(open(QStringLiteral("carol")));
    QCOMPARE(m_controller->messages()->unreadDividerRow(), -1);
    QVERIFY(open(QStringLiteral("bob")));
    QCOMPARE(m_controller->messages()->unreadDividerRow(), -1);
    for (int row = 0; row < m_controller->messages()->rowCount(); ++row)
        QVERIFY(
            !m_controller->messages()->index(row).data(MessageModel::UnreadDividerRole).toBool());
    // Left at the bottom, it opens at the bottom.
    QTRY_VERIFY(view()->isAtBottom());
}

void TestGuiReading::scrollPositionKeptPerChat()
{
    QVERIFY(open(QStringLiteral("bob")));
    QScrollBar *bar = view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 400);
    bar->setValue(bar->maximum() / 2);
    QVERIFY(!view()->isAtBottom());
    const QModelIndex top = view()->indexAt(QPoint(view()->viewport()->width() / 2, 0));
    QVERIFY(top.isValid());
    const QString topText = top.data(MessageModel::TextRole).toString();
    const int topY = view()->visualRect(top).top();

    QVERIFY(open(QStringLiteral("carol")));
    QTRY_VERIFY(view()->isAtBottom());
    QVERIFY(open(QStringLiteral("bob")));
    const auto sameTop = [&] {
        const int row = rowOfText(topText);
        return row >= 0 && view()->visualRect(view()->model()->index(row, 0)).top() == topY;
    };
    QTRY_VERIFY(sameTop());
    QCOMPARE(unread(QStringLiteral("bob")), 0);

    // Older pages loaded further up are kept as well: the top of the history.
    MessageModel *model = m_controller->messages();
    QTRY_VERIFY_WITH_TIMEOUT((bar->setValue(0), rowOfText(QStringLiteral("old 0")) >= 0), kWait);
    QVERIFY(model->rowCount() > 40);
    bar->setValue(0);
    const QString firstText = view()
                                  ->indexAt(QPoint(view()->viewport()->width() / 2, 0))
                                  .data(MessageModel::TextRole)
                                  .toString();
    QVERIFY(open(QStringLiteral("carol")));
    QVERIFY(open(QStringLiteral("bob")));
    QTRY_COMPARE(view()
                     ->indexAt(QPoint(view()->viewport()->width() / 2, 0))
                     .data(MessageModel::TextRole)
                     .toString(),
                 firstText);
}

void TestGuiReading::atTheBottomFollowsNewMessages()
{
    QVERIFY(open(QStringLiteral("carol")));
    QTRY_VERIFY(view()->isAtBottom());
    send(m_carol.get(), QStringLiteral("more"), 30);
    QTRY_VERIFY(rowOfText(QStringLiteral("more 29")) >= 0);
    QTRY_VERIFY(view()->verticalScrollBar()->maximum() > 0 && view()->isAtBottom());
    QTRY_COMPARE_WITH_TIMEOUT(unread(QStringLiteral("carol")), 0, kWait);

    // Away and back: still at the bottom, and still following.
    QVERIFY(open(QStringLiteral("bob")));
    QVERIFY(open(QStringLiteral("carol")));
    QTRY_VERIFY(view()->isAtBottom());
    send(m_carol.get(), QStringLiteral("later"), 5);
    QTRY_VERIFY(rowOfText(QStringLiteral("later 4")) >= 0);
    QTRY_VERIFY(view()->isAtBottom());
    const QRect last =
        view()->visualRect(view()->model()->index(m_controller->messages()->rowCount() - 1, 0));
    QVERIFY(last.bottom() <= view()->viewport()->height() + 1);
    QTRY_COMPARE_WITH_TIMEOUT(unread(QStringLiteral("carol")), 0, kWait);
}

void TestGuiReading::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
}

QTEST_MAIN(TestGuiReading)
#include "tst_gui_reading.moc"
