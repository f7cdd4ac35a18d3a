// Issue 17's reactions and typing in the desktop: alice in a real window,
// bob and carol as plain ClientSessions on a real server. React from the
// message menu reaches the sender; reactions of others show as chips (emoji,
// count, who in the tooltip); a click on my chip takes it back; they are
// kept in the cache across a restart. Typing notices of others show under
// the chat's name and go by themselves or when the message comes; typing in
// the compose box sends them.
#include "app/typingtracker.h"
#include "cache/localcache.h"
#include "client/livenotices.h"
#include "client/reactions.h"
#include "client/reply.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeedit.h"
#include "widgets/reactionbar.h"

#include <QAbstractButton>
#include <QDialog>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QWidgetAction>
#include <QtTest>

#include <functional>
#include <memory>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::LiveNotices;
using Palomar::Client::Reaction;
using Palomar::Client::Reactions;

namespace {
const QString kThumbs = QStringLiteral("👍");
const QString kHeart = QStringLiteral("❤️");
const QString kToBob = QStringLiteral("react to this, alice");
const QString kToGroup = QStringLiteral("hello team");
} // namespace

class TestGuiReactions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuOffersReactionsOnSentMessagesOnly();
    void reactFromTheMenuReachesThePeer();
    void choosingMyReactionAgainRemovesIt();
    void moreOpensThePicker();
    void peersReactionsShowAsChips();
    void clickingMyChipTogglesIt();
    void reactionsSurviveARestart();
    void cacheKeepsReactions();
    void typingTexts();
    void peerTypingShowsAndExpires();
    void peerTypingEndsWithTheirMessage();
    void groupTypingNamesWhoTypes();
    void typingInTheComposeBoxSendsNotices();

private:
    ChatView *view() const { return f.window->chatPage()->view(); }
    MessageModel *messages() const { return f.controller->messages(); }
    QLabel *typingLine() const { return f.window->chatPage()->typingLine(); }
    int rowOf(const QString &text) const;
    qint64 msgIdOf(const QString &text) const;
    QVariantMap reactionsOf(const QString &text) const;
    // The quick reactions row of `row`'s menu (the menu stays open in `menu`).
    ReactionBar *barOf(int row, std::unique_ptr<QMenu> *menu);
    // The 👍 of the quick reactions of message `text`'s menu.
    QAbstractButton *thumbsOf(const QString &text, std::unique_ptr<QMenu> *menu);
    QString typingInList(const QString &peer) const
    {
        ChatListModel *chats = f.controller->chatList();
        return chats->index(chats->rowOf(peer)).data(ChatListModel::TypingRole).toString();
    }
    // The chip of `emoji` under message `text` is drawn, within the row's height.
    bool chipInsideItsRow(const QString &text, const QString &emoji) const
    {
        const int row = rowOf(text);
        const QRect chip = row < 0 ? QRect() : view()->reactionChipRect(row, emoji);
        return !chip.isEmpty() && view()->visualRect(view()->model()->index(row, 0)).contains(chip);
    }
    // Sends typing (again every interval) until `shown` holds: a notice lives
    // only seconds, and on a very busy machine one may pass before a poll.
    static bool typeUntil(const std::function<void()> &send, const std::function<bool()> &shown)
    {
        QDeadlineTimer deadline(4 * kWait);
        while (!deadline.hasExpired()) {
            send();
            if (QTest::qWaitFor(shown, int(LiveNotices::kTypingIntervalMs) + 500))
                return true;
        }
        return false;
    }
    bool typingShown() const { return typingLine()->isVisibleTo(f.window.get()); }

    ChatsFixture f;
    qint64 m_group = 0;
};

void TestGuiReactions::initTestCase()
{
    QVERIFY(f.start({QStringLiteral("bob"), QStringLiteral("carol")}));
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), kToBob));
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(kToBob) >= 0 && msgIdOf(kToBob) > 0, kWait);
    QVERIFY(f.controller->canReact());
    QVERIFY(f.controller->canSendTyping());
}

int TestGuiReactions::rowOf(const QString &text) const
{
    for (int row = 0; row < messages()->rowCount(); ++row) {
        if (messages()->index(row).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

qint64 TestGuiReactions::msgIdOf(const QString &text) const
{
    const int row = rowOf(text);
    return row < 0 ? 0 : messages()->index(row).data(MessageModel::MsgIdRole).toLongLong();
}

QVariantMap TestGuiReactions::reactionsOf(const QString &text) const
{
    const int row = rowOf(text);
    return row < 0 ? QVariantMap()
                   : messages()->index(row).data(MessageModel::ReactionsRole).toMap();
}

QAbstractButton *TestGuiReactions::thumbsOf(const QString &text, std::unique_ptr<QMenu> *menu)
{
    ReactionBar *bar = barOf(rowOf(text), menu);
    auto *thumbs =
        bar ? bar->findChild<QAbstractButton *>(QStringLiteral("reactButton0")) : nullptr;
    return thumbs && thumbs->text() == kThumbs ? thumbs : nullptr;
}

ReactionBar *TestGuiReactions::barOf(int row, std::unique_ptr<QMenu> *menu)
{
    menu->reset(view()->messageMenu(row));
    if (!*menu)
        return nullptr;
    auto *action = (*menu)->findChild<QWidgetAction *>(QStringLiteral("reactAction"));
    return action ? qobject_cast<ReactionBar *>(action->defaultWidget()) : nullptr;
}

void TestGuiReactions::menuOffersReactionsOnSentMessagesOnly()
{
    std::unique_ptr<QMenu> menu;
    ReactionBar *bar = barOf(rowOf(kToBob), &menu);
    QVERIFY(bar);
    // Six quick emoji and More…, the reactions row first in the menu.
    QCOMPARE(bar->findChildren<QAbstractButton *>().size(), 7);
    QCOMPARE(menu->actions().first()->objectName(), QStringLiteral("reactAction"));
    // My message still on its way has no server id: nothing to react to.
    const QString unsent = QStringLiteral("not yet sent");
    const CachedMessage pending =
        f.controller->cache()->addPending(QStringLiteral("reactions-test-1"), QStringLiteral("bob"),
                                          unsent, QDateTime::currentMSecsSinceEpoch());
    messages()->upsert(pending);
    QVERIFY(rowOf(unsent) >= 0);
    QVERIFY(!barOf(rowOf(unsent), &menu));
    f.controller->deleteUnsentMessage(QStringLiteral("reactions-test-1"));
    QTRY_COMPARE(rowOf(unsent), -1);
    // A server without the feature: no reactions row.
    view()->setReactionsEnabled(false);
    QVERIFY(!barOf(rowOf(kToBob), &menu));
    view()->setReactionsEnabled(true);
}

void TestGuiReactions::reactFromTheMenuReachesThePeer()
{
    Reactions bobReactions(f.friends.at(QStringLiteral("bob")).get());
    QSignalSpy heard(&bobReactions, &Reactions::reactionChanged);
    std::unique_ptr<QMenu> menu;
    QAbstractButton *thumbs = thumbsOf(kToBob, &menu);
    QVERIFY(thumbs);
    QVERIFY(!thumbs->isChecked());
    thumbs->click();
    QTRY_VERIFY_WITH_TIMEOUT(!heard.isEmpty(), kWait);
    const auto reaction = heard.first().first().value<Reaction>();
    QCOMPARE(reaction.user, QStringLiteral("alice"));
    QCOMPARE(reaction.emoji, kThumbs);
    QCOMPARE(reaction.msgId, msgIdOf(kToBob));
    // My chip, highlighted as mine, under the bubble and inside the row.
    QTRY_COMPARE_WITH_TIMEOUT(
        messages()->index(rowOf(kToBob)).data(MessageModel::MyReactionRole).toString(), kThumbs,
        kWait);
    QTRY_VERIFY_WITH_TIMEOUT(chipInsideItsRow(kToBob, kThumbs), kWait);
    const int row = rowOf(kToBob);
    QVERIFY(view()->reactionChipRect(row, kThumbs).top() >= view()->bubbleRect(row).bottom());
    // Over it, the pointer says it can be clicked; beside the bubble, not.
    const auto pointerAt = [this](const QPoint &point) {
        QMouseEvent move(QEvent::MouseMove, point, view()->viewport()->mapToGlobal(point),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(view()->viewport(), &move);
        return view()->viewport()->cursor().shape();
    };
    QCOMPARE(pointerAt(view()->reactionChipRect(row, kThumbs).center()), Qt::PointingHandCursor);
    const QRect bubble = view()->bubbleRect(row);
    QCOMPARE(pointerAt(QPoint(bubble.left() - 8, bubble.center().y())), Qt::ArrowCursor);
}

void TestGuiReactions::choosingMyReactionAgainRemovesIt()
{
    Reactions bobReactions(f.friends.at(QStringLiteral("bob")).get());
    QSignalSpy heard(&bobReactions, &Reactions::reactionChanged);
    std::unique_ptr<QMenu> menu;
    QAbstractButton *thumbs = thumbsOf(kToBob, &menu);
    QVERIFY(thumbs);
    QVERIFY(thumbs->isChecked()); // my current one
    thumbs->click();
    QTRY_VERIFY_WITH_TIMEOUT(!heard.isEmpty(), kWait);
    QCOMPARE(heard.first().first().value<Reaction>().emoji, QString());
    QTRY_VERIFY_WITH_TIMEOUT(reactionsOf(kToBob).isEmpty(), kWait);
    QVERIFY(view()->reactionChipRect(rowOf(kToBob), kThumbs).isEmpty());
}

void TestGuiReactions::moreOpensThePicker()
{
    std::unique_ptr<QMenu> menu;
    ReactionBar *bar = barOf(rowOf(kToBob), &menu);
    QVERIFY(bar);
    bar->findChild<QAbstractButton *>(QStringLiteral("moreReactionsButton"))->click();
    QWidget *picker = view()->findChild<QWidget *>(QStringLiteral("reactionPicker"));
    QVERIFY(picker);
    QTRY_VERIFY(picker->isVisible());
    // Any emoji of the picker is a reaction.
    QAbstractButton *first = nullptr;
    for (QAbstractButton *button : picker->findChildren<QAbstractButton *>()) {
        if (!button->text().isEmpty()) {
            first = button;
            break;
        }
    }
    QVERIFY(first);
    const QString emoji = first->text();
    first->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        messages()->index(rowOf(kToBob)).data(MessageModel::MyReactionRole).toString(), emoji,
        kWait);
}

void TestGuiReactions::peersReactionsShowAsChips()
{
    QSignalSpy created(f.controller.get(), &AppController::groupCreated);
    f.controller->createGroup(QStringLiteral("Team"),
                              {QStringLiteral("bob"), QStringLiteral("carol")});
    QVERIFY(created.count() == 1 || created.wait(kWait));
    m_group = created.first().at(0).toLongLong();
    QVERIFY(f.window->openChat(groupChatKey(m_group)));
    f.controller->sendMessage(kToGroup);
    QTRY_VERIFY_WITH_TIMEOUT(msgIdOf(kToGroup) > 0, kWait);
    const qint64 msgId = msgIdOf(kToGroup);
    for (const char *name : {"bob", "carol"}) {
        Reactions reactions(f.friends.at(QLatin1String(name)).get());
        QVERIFY(awaitOk(reactions.react(msgId, kHeart)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(reactionsOf(kToGroup).value(kHeart).toStringList(),
                              (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}), kWait);
    const int row = rowOf(kToGroup);
    QVERIFY(messages()->index(row).data(MessageModel::MyReactionRole).toString().isEmpty());
    // The row grew for the chips.
    QTRY_VERIFY_WITH_TIMEOUT(chipInsideItsRow(kToGroup, kHeart), kWait);
    const QRect chip = view()->reactionChipRect(row, kHeart);
    // Hovering the chip says who reacted.
    QHelpEvent help(QEvent::ToolTip, chip.center(), view()->viewport()->mapToGlobal(chip.center()));
    QApplication::sendEvent(view()->viewport(), &help);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("bob, carol"));
    QToolTip::hideText();
    // The Info dialog of my group message lists them per person.
    emit view()->messageInfoRequested(msgIdOf(kToGroup), kToGroup);
    QWidget *bobRow = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (bobRow = findByAccessibleName<QWidget>(f.window.get(), QStringLiteral("Reactions:bob"))),
        kWait);
    QStringList texts;
    for (const QLabel *label : bobRow->findChildren<QLabel *>())
        texts.append(label->text());
    QVERIFY2(texts.contains(kHeart), qPrintable(texts.join(u'|')));
    QVERIFY(findByAccessibleName<QWidget>(f.window.get(), QStringLiteral("Reactions:carol")));
    auto *info = f.window->findChild<QDialog *>(QStringLiteral("messageInfoDialog"));
    QVERIFY(info);
    info->close();
}

void TestGuiReactions::clickingMyChipTogglesIt()
{
    const int row = rowOf(kToGroup);
    QRect chip = view()->reactionChipRect(row, kHeart);
    QVERIFY(!chip.isEmpty());
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, chip.center());
    QTRY_COMPARE_WITH_TIMEOUT(reactionsOf(kToGroup).value(kHeart).toStringList().size(), 3, kWait);
    QCOMPARE(messages()->index(rowOf(kToGroup)).data(MessageModel::MyReactionRole).toString(),
             kHeart);
    chip = view()->reactionChipRect(rowOf(kToGroup), kHeart);
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, chip.center());
    QTRY_COMPARE_WITH_TIMEOUT(reactionsOf(kToGroup).value(kHeart).toStringList(),
                              (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}), kWait);
    QVERIFY(
        messages()->index(rowOf(kToGroup)).data(MessageModel::MyReactionRole).toString().isEmpty());
}

void TestGuiReactions::reactionsSurviveARestart()
{
    const qint64 msgId = msgIdOf(kToGroup);
    QVERIFY(f.restart());
    // In the cache before the server is asked for anything.
    const auto cached = f.controller->cache()->messageByMsgId(msgId);
    QVERIFY(cached);
    QCOMPARE(cached->reactions.value(kHeart),
             (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}));
    QVERIFY(f.window->openChat(groupChatKey(m_group)));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(kToGroup) >= 0, kWait);
    QCOMPARE(reactionsOf(kToGroup).value(kHeart).toStringList().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!view()->reactionChipRect(rowOf(kToGroup), kHeart).isEmpty(), kWait);
}

void TestGuiReactions::cacheKeepsReactions()
{
    // History's reactions, then live changes, kept in a cache file.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    Palomar::Client::Message message;
    message.msgId = 77;
    message.from = QStringLiteral("bob");
    message.to = QStringLiteral("alice");
    message.text = QStringLiteral("hi");
    message.ts = 1000;
    message.reactions.insert(kThumbs, {QStringLiteral("bob"), QStringLiteral("carol")});
    {
        LocalCache cache;
        QVERIFY(cache.open(path));
        const CachedMessage stored =
            cache.storeMessage(message, QStringLiteral("alice"), LocalCache::Origin::History).first;
        QCOMPARE(stored.reactions, message.reactions);
        // carol changes hers, alice adds one, bob takes his back.
        QVERIFY(cache.applyReaction(77, QStringLiteral("carol"), kHeart));
        QVERIFY(cache.applyReaction(77, QStringLiteral("alice"), kHeart));
        const auto row = cache.applyReaction(77, QStringLiteral("bob"), QString());
        QVERIFY(row);
        QCOMPARE(row->reactions.size(), 1);
        QCOMPARE(row->reactions.value(kHeart),
                 (QStringList{QStringLiteral("alice"), QStringLiteral("carol")}));
        // Not here: nothing.
        QVERIFY(!cache.applyReaction(78, QStringLiteral("bob"), kHeart));
    }
    LocalCache reopened;
    QVERIFY(reopened.open(path));
    QCOMPARE(reopened.messageByMsgId(77)->reactions.value(kHeart),
             (QStringList{QStringLiteral("alice"), QStringLiteral("carol")}));
    // History's word replaces what was kept; a live event does not.
    message.reactions.clear();
    QVERIFY(reopened.storeMessage(message, QStringLiteral("alice"), LocalCache::Origin::Sync)
                .first.reactions.size() == 1);
    QVERIFY(reopened.storeMessage(message, QStringLiteral("alice"), LocalCache::Origin::History)
                .first.reactions.isEmpty());
}

void TestGuiReactions::typingTexts()
{
    QCOMPARE(TypingTracker::text({}, false), QString());
    QCOMPARE(TypingTracker::text({QStringLiteral("bob")}, false), QStringLiteral("typing…"));
    QCOMPARE(TypingTracker::text({QStringLiteral("bob")}, true), QStringLiteral("bob is typing…"));
    QCOMPARE(TypingTracker::text({QStringLiteral("bob"), QStringLiteral("carol")}, true),
             QStringLiteral("bob and carol are typing…"));
    QCOMPARE(
        TypingTracker::text({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, true),
        QStringLiteral("3 people are typing…"));
}

void TestGuiReactions::peerTypingShowsAndExpires()
{
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(kToBob) >= 0, kWait);
    QVERIFY(!typingShown());
    LiveNotices bob(f.friends.at(QStringLiteral("bob")).get());
    QVERIFY(
        typeUntil([&] { bob.sendTyping(QStringLiteral("alice")); }, [&] { return typingShown(); }));
    QCOMPARE(typingLine()->text(), QStringLiteral("typing…"));
    // The chat list's row says so too.
    QCOMPARE(typingInList(QStringLiteral("bob")), QStringLiteral("typing…"));
    // The notice's expires_in (5 s) passes: gone by itself.
    QTRY_VERIFY_WITH_TIMEOUT(!typingShown(), 30000);
    QVERIFY(f.controller->typing()->typists(QStringLiteral("bob")).isEmpty());
    QVERIFY(typingInList(QStringLiteral("bob")).isEmpty());
}

void TestGuiReactions::peerTypingEndsWithTheirMessage()
{
    LiveNotices carol(f.friends.at(QStringLiteral("carol")).get());
    QVERIFY(f.window->openChat(QStringLiteral("carol")));
    QVERIFY(typeUntil([&] { carol.sendTyping(QStringLiteral("alice")); },
                      [&] { return typingShown(); }));
    const QString text = QStringLiteral("done typing");
    QVERIFY(awaitOk(
        f.friends.at(QStringLiteral("carol"))
            ->request(QStringLiteral("send"), {{QStringLiteral("to"), QStringLiteral("alice")},
                                               {QStringLiteral("text"), text}})));
    // The moment her message is shown, she is no longer typing.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(text) >= 0, kWait);
    QVERIFY(!typingShown());
    QVERIFY(f.controller->typing()->typists(QStringLiteral("carol")).isEmpty());
}

void TestGuiReactions::groupTypingNamesWhoTypes()
{
    QVERIFY(f.window->openChat(groupChatKey(m_group)));
    LiveNotices bob(f.friends.at(QStringLiteral("bob")).get());
    QVERIFY(typeUntil([&] { bob.sendTypingInGroup(m_group); },
                      [&] { return typingLine()->text() == QStringLiteral("bob is typing…"); }));
    QVERIFY(typingShown());
    LiveNotices carol(f.friends.at(QStringLiteral("carol")).get());
    QVERIFY(typeUntil(
        [&] {
            bob.sendTypingInGroup(m_group);
            carol.sendTypingInGroup(m_group);
        },
        [&] { return typingLine()->text() == QStringLiteral("bob and carol are typing…"); }));
    // Another chat opened: its own line (nobody types there).
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QVERIFY(!typingShown());
    QTRY_VERIFY_WITH_TIMEOUT(f.controller->typing()->typists(groupChatKey(m_group)).isEmpty(),
                             30000);
}

void TestGuiReactions::typingInTheComposeBoxSendsNotices()
{
    LiveNotices bob(f.friends.at(QStringLiteral("bob")).get());
    QSignalSpy typing(&bob, &LiveNotices::typing);
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    ComposeEdit *compose = f.window->chatPage()->composeEdit();
    compose->setFocus();
    // Typing goes on while bob has not heard (a notice lives only seconds: on
    // a very busy machine one may pass before his next poll).
    QDeadlineTimer deadline(4 * kWait);
    while (typing.isEmpty() && !deadline.hasExpired()) {
        QTest::keyClicks(compose, QStringLiteral("hel"));
        typing.wait(LiveNotices::kTypingIntervalMs + 500);
    }
    QVERIFY(!typing.isEmpty());
    QCOMPARE(typing.first().at(0).toString(), QStringLiteral("alice"));
    QCOMPARE(typing.first().at(1).toLongLong(), 0);
    QVERIFY(typing.first().at(2).toInt() > 0);
    compose->clear();
}

QTEST_MAIN(TestGuiReactions)
#include "tst_gui_reactions.moc"
