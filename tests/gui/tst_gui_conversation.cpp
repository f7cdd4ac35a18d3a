// What other people did to a conversation, as the desktop shows it (issue
// 17, receiving only): ann and bob each in a real controller and window, cat
// as a plain ClientSession. Group system lines ("ann added cat") are centred
// notices, never empty bubbles, never unread, and the chat list previews
// their sentence. A message its sender edited says "edited" by its time; one
// deleted for everyone is a muted tombstone, live and from history.
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "cache/localcache.h"
#include "client/messageactions.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"

#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleOptionViewItem>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

namespace {

// One person's desktop, with what these tests read of its open chat.
struct ChatDesk : Desk
{
    MessageModel *messages() const { return controller->messages(); }
    ChatView *view() const { return window->chatPage()->view(); }
    // The rows of the open chat that are system lines, as they read.
    QStringList systemLines() const
    {
        QStringList lines;
        for (int row = 0; row < messages()->rowCount(); ++row) {
            const QString line =
                messages()->index(row).data(MessageModel::SystemTextRole).toString();
            if (!line.isEmpty())
                lines.append(line);
        }
        return lines;
    }
    // Rows with nothing to show: no text, no file, no system line.
    int emptyRows() const
    {
        int empty = 0;
        for (int row = 0; row < messages()->rowCount(); ++row) {
            const QModelIndex index = messages()->index(row);
            empty += index.data(MessageModel::TextRole).toString().isEmpty() &&
                     !index.data(MessageModel::IsFileRole).toBool() &&
                     index.data(MessageModel::SystemTextRole).toString().isEmpty();
        }
        return empty;
    }
};

} // namespace

class TestGuiConversation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void systemLinesAreNoticesForAdminAndMember();
    void systemLineHasNoMenuAndIsNeverUnread();
    void editsAndDeletionsShowLive();
    void historyBringsEditsAndDeletions();
    void cleanupTestCase();

private:
    ServerProcess m_server;
    ChatDesk m_ann;
    ChatDesk m_bob;
    std::unique_ptr<ClientSession> m_cat;
    qint64 m_group = 0;
};

void TestGuiConversation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    for (const char *name : {"ann", "bob", "cat"})
        QVERIFY(registerUser(m_server.port(), QLatin1String(name)));
    m_cat = connectedSession(m_server.port());
    QVERIFY(m_cat && logIn(m_cat.get(), QStringLiteral("cat")));
    QVERIFY(befriend(m_server.port(), QStringLiteral("ann"), m_cat.get(), QStringLiteral("cat")));
    {
        auto bob = connectedSession(m_server.port());
        QVERIFY(bob && logIn(bob.get(), QStringLiteral("bob")));
        QVERIFY(befriend(m_server.port(), QStringLiteral("ann"), bob.get(), QStringLiteral("bob")));
        QVERIFY(awaitOk(bob->logout()));
    }
    QVERIFY(m_ann.open(m_server.port(), QStringLiteral("ann")));
    QVERIFY(m_bob.open(m_server.port(), QStringLiteral("bob")));
    QTRY_COMPARE_WITH_TIMEOUT(m_ann.controller->friendNames().size(), 2, kWait);
}

void TestGuiConversation::systemLinesAreNoticesForAdminAndMember()
{
    QSignalSpy created(m_ann.controller.get(), &AppController::groupCreated);
    m_ann.controller->createGroup(QStringLiteral("Team"), {QStringLiteral("bob")});
    QVERIFY(created.count() == 1 || created.wait(kWait));
    m_group = created.first().at(0).toLongLong();
    const QString key = groupChatKey(m_group);
    m_ann.controller->openChat(key);
    // History brings the creation's lines: notices, not empty bubbles.
    QTRY_VERIFY_WITH_TIMEOUT(m_ann.systemLines().contains(QStringLiteral("ann created the group")),
                             kWait);

    m_ann.controller->addToGroup(m_group, QStringLiteral("cat"));
    m_ann.controller->renameGroup(m_group, QStringLiteral("Lunch"));
    const QString added = QStringLiteral("ann added cat");
    const QString renamed = QStringLiteral("ann renamed the group to “Lunch”");
    // Live, from the group events, in the admin's open chat...
    QTRY_VERIFY_WITH_TIMEOUT(
        m_ann.systemLines().contains(added) && m_ann.systemLines().contains(renamed), kWait);
    QCOMPARE(m_ann.systemLines().last(), renamed);
    QCOMPARE(m_ann.emptyRows(), 0);

    // ...and in the member's chat list, whose preview is the last line's sentence.
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.chat(key).data(ChatListModel::PreviewRole).toString(), renamed,
                              kWait);
    QVERIFY(m_bob.chat(key).data(ChatListModel::LastSenderRole).toString().isEmpty());
    QVERIFY(!m_bob.chat(key).data(ChatListModel::LastOutgoingRole).toBool());
    m_bob.controller->openChat(key);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bob.systemLines().contains(added) && m_bob.systemLines().contains(renamed) &&
            m_bob.systemLines().contains(QStringLiteral("ann created the group")),
        kWait);
    QCOMPARE(m_bob.emptyRows(), 0);

    // A notice is one short line across the view, not a bubble.
    QAbstractItemView *view = m_bob.view();
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    const QModelIndex line = m_bob.messages()->index(m_bob.messages()->rowCount() - 1);
    QVERIFY(!line.data(MessageModel::SystemTextRole).toString().isEmpty());
    const int height = view->itemDelegate()->sizeHint(option, line).height();
    QVERIFY(height > view->fontMetrics().height() / 2);
    QVERIFY(height < 3 * view->fontMetrics().height());
}

void TestGuiConversation::systemLineHasNoMenuAndIsNeverUnread()
{
    QVERIFY(m_group > 0);
    const QString key = groupChatKey(m_group);
    // Bob's own window shows the chat: no Copy or Delete for me on a line.
    for (int row = 0; row < m_bob.messages()->rowCount(); ++row) {
        if (m_bob.messages()->index(row).data(MessageModel::SystemTextRole).toString().isEmpty())
            continue;
        const std::unique_ptr<QMenu> menu(m_bob.view()->messageMenu(row));
        QVERIFY(!menu);
    }
    // Cat leaves while ann looks at another chat: a line, not an unread message.
    m_ann.controller->openChat(QStringLiteral("bob"));
    QVERIFY(awaitOk(m_cat->groupLeave(m_group)));
    QTRY_COMPARE_WITH_TIMEOUT(m_ann.chat(key).data(ChatListModel::PreviewRole).toString(),
                              QStringLiteral("cat left"), kWait);
    QCOMPARE(m_ann.chat(key).data(ChatListModel::UnreadRole).toInt(), 0);
}

namespace {
qint64 sendText(ClientSession *session, const QString &to, const QString &text)
{
    QJsonObject result;
    if (!awaitOk(session->request(QStringLiteral("send"),
                                  {{QStringLiteral("to"), to}, {QStringLiteral("text"), text}}),
                 nullptr, &result))
        return 0;
    return qint64(result.value(QLatin1String("msg_id")).toDouble());
}
} // namespace

void TestGuiConversation::editsAndDeletionsShowLive()
{
    m_ann.controller->openChat(QStringLiteral("cat"));
    const qint64 typo =
        sendText(m_cat.get(), QStringLiteral("ann"), QStringLiteral("see you at 5"));
    const qint64 oops = sendText(m_cat.get(), QStringLiteral("ann"), QStringLiteral("wrong chat"));
    QVERIFY(typo > 0 && oops > 0);
    MessageModel *model = m_ann.messages();
    const auto rowOf = [model](qint64 msgId) {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row).data(MessageModel::MsgIdRole).toLongLong() == msgId)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(typo) >= 0 && rowOf(oops) >= 0, kWait);
    QVERIFY(!model->index(rowOf(typo)).data(MessageModel::EditedRole).toBool());
    const QRect before = m_ann.view()->visualRect(model->index(rowOf(oops)));

    Palomar::Client::MessageActions cat(m_cat.get());
    QVERIFY(awaitOk(cat.edit(typo, QStringLiteral("see you at 6"))));
    QVERIFY(awaitOk(cat.remove(oops)));
    QTRY_COMPARE_WITH_TIMEOUT(model->index(rowOf(typo)).data(MessageModel::TextRole).toString(),
                              QStringLiteral("see you at 6"), kWait);
    QVERIFY(model->index(rowOf(typo)).data(MessageModel::EditedRole).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(model->index(rowOf(oops)).data(MessageModel::DeletedRole).toBool(),
                             kWait);
    QVERIFY(model->index(rowOf(oops)).data(MessageModel::TextRole).toString().isEmpty());
    QVERIFY(!model->index(rowOf(oops)).data(MessageModel::IsFileRole).toBool());
    QVERIFY(!model->index(rowOf(oops)).data(MessageModel::EditedRole).toBool());
    // The chat list does not preview an empty line for it.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_ann.chat(QStringLiteral("cat")).data(ChatListModel::PreviewRole).toString(),
        QStringLiteral("This message was deleted"), kWait);
    // The tombstone still has a row of its own (its bubble says it was deleted).
    QVERIFY(m_ann.view()->visualRect(model->index(rowOf(oops))).height() >= before.height() / 2);
    // Kept in the cache: reopening the chat shows the same.
    m_ann.controller->openChat(QStringLiteral("bob"));
    m_ann.controller->openChat(QStringLiteral("cat"));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(oops) >= 0 && rowOf(typo) >= 0, kWait);
    QVERIFY(model->index(rowOf(oops)).data(MessageModel::DeletedRole).toBool());
    QCOMPARE(model->index(rowOf(typo)).data(MessageModel::TextRole).toString(),
             QStringLiteral("see you at 6"));
}

void TestGuiConversation::historyBringsEditsAndDeletions()
{
    // A history page that knows of an edit and a deletion the events did not bring.
    LocalCache *cache = m_ann.controller->cache();
    QVERIFY(cache);
    Palomar::Client::Message message;
    message.msgId = 900001;
    message.from = QStringLiteral("cat");
    message.to = QStringLiteral("ann");
    message.text = QStringLiteral("first words");
    message.ts = 1000;
    QVERIFY(
        cache->storeMessage(message, QStringLiteral("ann"), LocalCache::Origin::History).second);
    message.text = QStringLiteral("second words");
    message.edited = 2000;
    const CachedMessage edited =
        cache->storeMessage(message, QStringLiteral("ann"), LocalCache::Origin::History).first;
    QCOMPARE(edited.text, QStringLiteral("second words"));
    QCOMPARE(edited.edited, 2000);
    // An older copy does not undo the edit.
    message.text = QStringLiteral("first words");
    message.edited = 0;
    QCOMPARE(
        cache->storeMessage(message, QStringLiteral("ann"), LocalCache::Origin::History).first.text,
        QStringLiteral("second words"));
    message.text.clear();
    message.deleted = true;
    const CachedMessage gone =
        cache->storeMessage(message, QStringLiteral("ann"), LocalCache::Origin::History).first;
    QVERIFY(gone.deleted);
    QVERIFY(gone.text.isEmpty());
    // A tombstone stays one: a late edit does not bring the text back.
    QVERIFY(!cache->applyEdit(message.msgId, QStringLiteral("back"), 3000));
    // A message first seen deleted is stored as a tombstone.
    Palomar::Client::Message tombstone = message;
    tombstone.msgId = 900002;
    const CachedMessage stored =
        cache->storeMessage(tombstone, QStringLiteral("ann"), LocalCache::Origin::History).first;
    QVERIFY(stored.deleted);
    QCOMPARE(cache->messageByMsgId(900002)->deleted, true);
}

void TestGuiConversation::cleanupTestCase()
{
    for (ChatDesk *desk : {&m_bob, &m_ann}) {
        desk->window.reset();
        desk->controller.reset();
    }
    m_cat.reset();
}

QTEST_MAIN(TestGuiConversation)
#include "tst_gui_conversation.moc"
