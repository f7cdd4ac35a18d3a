// Issue 17's search in the desktop, against a real server: Ctrl+F in a chat
// searches it at the server (marks, "n of N", Enter / Shift+Enter walking the
// results newest first, an old result loaded from server history and shown),
// the chat list's search lists matching messages of every chat (paged as it
// is scrolled) and a click opens the chat at the message, accents are folded
// ("cafe" finds "café"), and without the server's search the find bar keeps
// finding in the loaded history.
#include "delegates/messagedelegate.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "models/searchresultmodel.h"
#include "util/searchmatch.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/findbar.h"
#include "widgets/searchresultsview.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QToolButton>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

namespace {
// bob's chat has this many messages: more than the desktop loads on opening
// (the newest 50 of server history), so the oldest results are not loaded.
constexpr int kBobMessages = 130;
constexpr int kEarly = 3, kMiddle = 100, kLate = 128;

QString bobText(int i)
{
    switch (i) {
    case kEarly:
        return QStringLiteral("an early pineapple, long ago");
    case kMiddle:
        return QStringLiteral("Pineapple in the middle");
    case kLate:
        return QStringLiteral("the last PINEAPPLE");
    default:
        return QStringLiteral("filler number %1").arg(i);
    }
}
} // namespace

class TestGuiSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void matchingFoldsCaseAndAccents();
    void findInChatWalksServerResults();
    void findFoldsAccentsAtTheServer();
    void findFollowsNewMessages();
    void findSaysNoResults();
    void globalSearchOpensAnotherChat();
    void globalSearchPagesOnScroll();
    void withoutServerSearchFindsLocally();
    void revealOfAMissingMessageGivesUp();

private:
    ChatPage *page() const { return f.window->chatPage(); }
    FindBar *findBar() const { return page()->findBar(); }
    MessageModel *messages() const { return f.controller->messages(); }
    SearchResultsView *results() const { return f.window->searchResultsView(); }
    // Whether server message `msgId` is loaded and its row shows in the view.
    bool shownInView(qint64 msgId) const;
    // Types `text` into the find bar, opened on `chat`.
    void findIn(const QString &chat, const QString &text);
    // A message sent by `from` to alice; its msg_id (0 on failure).
    qint64 send(const QString &from, const QString &text);

    ChatsFixture f;
    QHash<int, qint64> m_bob; // bob's message number -> msg_id
    qint64 m_cafe = 0;
    bool m_flashed = false;
};

qint64 TestGuiSearch::send(const QString &from, const QString &text)
{
    QJsonObject result;
    if (!awaitOk(f.friends.at(from)->request(QStringLiteral("send"),
                                             {{QStringLiteral("to"), QStringLiteral("alice")},
                                              {QStringLiteral("text"), text}}),
                 nullptr, &result))
        return 0;
    return result.value(QStringLiteral("msg_id")).toInteger();
}

void TestGuiSearch::initTestCase()
{
    QVERIFY(f.start({QStringLiteral("bob"), QStringLiteral("carol")}));
    for (int i = 0; i < kBobMessages; ++i) {
        const qint64 id = send(QStringLiteral("bob"), bobText(i));
        QVERIFY(id > 0);
        m_bob.insert(i, id);
    }
    m_cafe = send(QStringLiteral("carol"), QStringLiteral("Meet me at the café at noon"));
    QVERIFY(m_cafe > 0);
    QVERIFY(f.sendToAlice(QStringLiteral("carol"), QStringLiteral("see you")));
    QTRY_VERIFY_WITH_TIMEOUT(f.controller->chatList()
                                     ->index(f.controller->chatList()->rowOf(QStringLiteral("bob")))
                                     .data(ChatListModel::PreviewRole)
                                     .toString() == bobText(kBobMessages - 1),
                             kWait);
    // A new computer: the cache starts empty, so only what the chat loads
    // from server history is here, the newest page first.
    f.window.reset();
    f.controller.reset();
    QVERIFY(QDir(f.cacheDir.path()).removeRecursively());
    QVERIFY(QDir().mkpath(f.cacheDir.path()));
    QVERIFY(f.restart());
    QVERIFY(f.controller->session()->hasFeature(QStringLiteral("search")));
    QTRY_VERIFY_WITH_TIMEOUT(f.controller->chatList()->contains(QStringLiteral("bob")) &&
                                 f.controller->chatList()->contains(QStringLiteral("carol")),
                             kWait);
    connect(page(), &ChatPage::messageRevealed, this, [this](qint64 msgId) {
        const int row = messages()->rowOfMsgId(msgId);
        m_flashed = row >= 0 && page()->view()->messageDelegate()->flash() ==
                                    messages()->messageAt(row).localId;
    });
}

void TestGuiSearch::init()
{
    findBar()->dismiss();
    f.window->searchField()->clear();
    m_flashed = false;
}

bool TestGuiSearch::shownInView(qint64 msgId) const
{
    const int row = messages()->rowOfMsgId(msgId);
    if (row < 0)
        return false;
    ChatView *view = page()->view();
    return view->visualRect(view->model()->index(row, 0)).intersects(view->viewport()->rect());
}

void TestGuiSearch::findIn(const QString &chat, const QString &text)
{
    QVERIFY(f.window->openChat(chat));
    QTRY_VERIFY_WITH_TIMEOUT(messages()->rowCount() > 0, kWait);
    findBar()->open();
    QVERIFY(findBar()->isVisible());
    QVERIFY(findBar()->searchesServer());
    findBar()->field()->selectAll();
    QTest::keyClicks(findBar()->field(), text);
}

void TestGuiSearch::matchingFoldsCaseAndAccents()
{
    QCOMPARE(SearchMatch::words(QStringLiteral("  Café, \"AU\"-lait* ")),
             QStringList({QStringLiteral("cafe"), QStringLiteral("au"), QStringLiteral("lait")}));
    const QList<SearchMatch::Range> found =
        SearchMatch::ranges(QStringLiteral("Un CAFÉ au café"), QStringLiteral("cafe"));
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).start, 3);
    QCOMPARE(found.at(0).length, 4);
    QCOMPARE(found.at(1).start, 11);
    QVERIFY(SearchMatch::hasAllWords(QStringLiteral("café au lait"), QStringLiteral("LAIT cafe")));
    QVERIFY(!SearchMatch::hasAllWords(QStringLiteral("café au lait"), QStringLiteral("cafe tea")));
    QVERIFY(SearchMatch::ranges(QStringLiteral("anything"), QStringLiteral("*** ")).isEmpty());
}

void TestGuiSearch::findInChatWalksServerResults()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOfMsgId(m_bob.value(kBobMessages - 1)) >= 0, kWait);
    // The oldest result is not loaded: only the server knows it.
    QCOMPARE(messages()->rowOfMsgId(m_bob.value(kEarly)), -1);

    findIn(QStringLiteral("bob"), QStringLiteral("pineapple"));
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("1 of 3"), kWait);
    QCOMPARE(findBar()->currentMsgId(), m_bob.value(kLate));
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_bob.value(kLate), kWait);
    QVERIFY(m_flashed);
    QVERIFY(shownInView(m_bob.value(kLate)));
    QCOMPARE(page()->view()->messageDelegate()->highlight(), QStringLiteral("pineapple"));

    QTest::keyClick(findBar()->field(), Qt::Key_Return); // older
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("2 of 3"));
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_bob.value(kMiddle), kWait);
    QVERIFY(shownInView(m_bob.value(kMiddle)));

    // The oldest: server history is loaded back to it, and it is shown.
    m_flashed = false;
    QTest::keyClick(findBar()->field(), Qt::Key_Return);
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("3 of 3"));
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_bob.value(kEarly), kWait);
    QVERIFY(m_flashed);
    QVERIFY(messages()->rowOfMsgId(m_bob.value(kEarly)) >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(shownInView(m_bob.value(kEarly)), kWait);
    QCOMPARE(page()->view()->currentIndex().data(MessageModel::MsgIdRole).toLongLong(),
             m_bob.value(kEarly));

    QTest::keyClick(findBar()->field(), Qt::Key_Return, Qt::ShiftModifier); // newer
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("2 of 3"));
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_bob.value(kMiddle), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(shownInView(m_bob.value(kMiddle)), kWait);

    // The buttons do the same as the keys; round from the newest to the oldest.
    QToolButton *newer = nullptr;
    for (QToolButton *button : findBar()->findChildren<QToolButton *>()) {
        if (button->arrowType() == Qt::DownArrow)
            newer = button;
    }
    QVERIFY(newer);
    newer->click();
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("1 of 3"));
    newer->click();
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("3 of 3"));
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_bob.value(kEarly), kWait);

    QTest::keyClick(findBar()->field(), Qt::Key_Escape);
    QVERIFY(!findBar()->isVisible());
    QVERIFY(page()->view()->messageDelegate()->highlight().isEmpty());
}

void TestGuiSearch::findFoldsAccentsAtTheServer()
{
    findIn(QStringLiteral("carol"), QStringLiteral("cafe"));
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("1 of 1"), kWait);
    QCOMPARE(findBar()->currentMsgId(), m_cafe);
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_cafe, kWait);
    // bob's chat has no café: one chat is searched.
    findIn(QStringLiteral("bob"), QStringLiteral("cafe"));
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("No results"), kWait);
}

void TestGuiSearch::findFollowsNewMessages()
{
    findIn(QStringLiteral("carol"), QStringLiteral("noon"));
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("1 of 1"), kWait);
    // A new message with the word joins as the newest; the current one stays.
    const qint64 fresh = send(QStringLiteral("carol"), QStringLiteral("Noon is fine"));
    QVERIFY(fresh > 0);
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("2 of 2"), kWait);
    QCOMPARE(findBar()->currentMsgId(), m_cafe);
    QTest::keyClick(findBar()->field(), Qt::Key_Down); // newer
    QCOMPARE(findBar()->currentMsgId(), fresh);
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), fresh, kWait);
    // One without it does not.
    QVERIFY(send(QStringLiteral("carol"), QStringLiteral("see you there")) > 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        messages()->index(messages()->rowCount() - 1).data(MessageModel::TextRole).toString() ==
            QStringLiteral("see you there"),
        kWait);
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("1 of 2"));
}

void TestGuiSearch::findSaysNoResults()
{
    findIn(QStringLiteral("bob"), QStringLiteral("zebra"));
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("No results"), kWait);
    QCOMPARE(findBar()->matchCount(), 0);
    // Typing on: the answer for the older words never shows (a new search).
    findBar()->field()->selectAll();
    QTest::keyClicks(findBar()->field(), QStringLiteral("number 12"));
    // 12, and 120-127 and 129 (the last word is also a prefix; 128 is a pineapple).
    QTRY_COMPARE_WITH_TIMEOUT(findBar()->countLabel()->text(), QStringLiteral("1 of 10"), kWait);
    QCOMPARE(findBar()->currentMsgId(), m_bob.value(129));
    // The server's refusal is said (a query over its 256 characters).
    findBar()->setText(QString(300, u'a'));
    QTRY_VERIFY_WITH_TIMEOUT(
        findBar()->countLabel()->text().startsWith(QStringLiteral("Search failed: ")), kWait);
    QCOMPARE(findBar()->matchCount(), 0);
}

void TestGuiSearch::globalSearchOpensAnotherChat()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTest::keyClicks(f.window->searchField(), QStringLiteral("Cafe"));
    QVERIFY(results()->isVisible());
    QListView *list = results()->list();
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, kWait);
    const QModelIndex found = list->model()->index(0, 0);
    QCOMPARE(found.data(SearchResultModel::ChatKeyRole).toString(), QStringLiteral("carol"));
    QCOMPARE(found.data(SearchResultModel::ChatTitleRole).toString(), QStringLiteral("carol"));
    QCOMPARE(found.data(SearchResultModel::MsgIdRole).toLongLong(), m_cafe);
    QVERIFY(found.data(SearchResultModel::TextRole).toString().contains(QStringLiteral("café")));
    QVERIFY(results()->status()->isHidden());
    // The chat list still filters chats by name: none is called "cafe".
    QCOMPARE(f.window->chatListView()->model()->rowCount(), 0);

    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(found).center());
    QTRY_COMPARE_WITH_TIMEOUT(f.controller->currentChat(), QStringLiteral("carol"), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_cafe, kWait);
    QVERIFY(m_flashed);
    QVERIFY(shownInView(m_cafe));
    // The search stays, with the opened chat shown beside what it found.
    QCOMPARE(f.window->searchField()->text(), QStringLiteral("Cafe"));
    QCOMPARE(list->model()->rowCount(), 1);

    // Nothing found says so.
    f.window->searchField()->clear();
    QVERIFY(!results()->isVisible());
    QTest::keyClicks(f.window->searchField(), QStringLiteral("zebra"));
    QTRY_COMPARE_WITH_TIMEOUT(results()->status()->text(), QStringLiteral("No messages found"),
                              kWait);
    f.window->searchField()->setText(QString(300, u'a'));
    QTRY_VERIFY_WITH_TIMEOUT(
        results()->status()->text().startsWith(QStringLiteral("Search failed: ")), kWait);
}

void TestGuiSearch::globalSearchPagesOnScroll()
{
    QTest::keyClicks(f.window->searchField(), QStringLiteral("filler"));
    QListView *list = results()->list();
    QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() > 0, kWait);
    const int firstPage = list->model()->rowCount();
    QVERIFY(firstPage < kBobMessages - 3);
    // Newest first.
    QCOMPARE(list->model()->index(0, 0).data(SearchResultModel::MsgIdRole).toLongLong(),
             m_bob.value(kBobMessages - 1));
    // Scrolled to the end, more come, until all of them are there.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            list->scrollToBottom();
            return list->model()->rowCount() == kBobMessages - 3;
        }(),
        kWait);
    const QModelIndex oldest = list->model()->index(kBobMessages - 4, 0);
    QCOMPARE(oldest.data(SearchResultModel::MsgIdRole).toLongLong(), m_bob.value(0));

    // The oldest opens in bob's chat: history is loaded back to it.
    list->scrollTo(oldest);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(oldest).center());
    QTRY_COMPARE_WITH_TIMEOUT(f.controller->currentChat(), QStringLiteral("bob"), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(page()->lastRevealed(), m_bob.value(0), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(shownInView(m_bob.value(0)), kWait);
}

void TestGuiSearch::withoutServerSearchFindsLocally()
{
    findBar()->setSession(nullptr);
    QVERIFY(f.window->openChat(QStringLiteral("carol")));
    QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOfMsgId(m_cafe) >= 0, kWait);
    findBar()->open();
    QVERIFY(!findBar()->searchesServer());
    QTest::keyClicks(findBar()->field(), QStringLiteral("CAFE"));
    // At once, from the loaded history; accents folded here too.
    QCOMPARE(findBar()->countLabel()->text(), QStringLiteral("1 of 1"));
    QCOMPARE(findBar()->currentMsgId(), 0);
    QTest::keyClick(findBar()->field(), Qt::Key_Escape);
    findBar()->setSession(f.controller->session());
}

void TestGuiSearch::revealOfAMissingMessageGivesUp()
{
    QVERIFY(f.window->openChat(QStringLiteral("carol")));
    QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOfMsgId(m_cafe) >= 0, kWait);
    QSignalSpy notFound(page(), &ChatPage::messageNotFound);
    // bob's message is not in carol's chat, however far back it is paged.
    const qint64 elsewhere = m_bob.value(kLate);
    page()->revealMessage(elsewhere);
    QTRY_COMPARE_WITH_TIMEOUT(notFound.size(), 1, kWait);
    QCOMPARE(notFound.at(0).at(0).toLongLong(), elsewhere);
    QVERIFY(page()->lastRevealed() != elsewhere);
    QVERIFY(page()->notice()->isVisible());
}

QTEST_MAIN(TestGuiSearch)
#include "tst_gui_search.moc"
