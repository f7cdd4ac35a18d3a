// ClientSession's group ops against a real palomar-server: create, add,
// remove, rename, leave, info, list; fan-out to a member who is not the
// sender's friend; group receipts and their `complete`; message_info; the
// outbox with a group target; the group events.
#include "client/clientsession.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientGroups : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createListInfoAndEvents();
    void onlyTheAdminChangesTheGroup();
    void fanOutToNonFriendsAndCompleteReceipts();
    void outboxEntryWithGroupTarget();
    void leaveAndRemove();

private:
    std::unique_ptr<ClientSession> newUser(const QString &base);
    void befriend(ClientSession *a, ClientSession *b);
    qint64 createGroup(ClientSession *admin, const QString &name, const QStringList &members);

    ServerProcess m_server;
    int m_counter = 0;
    // Homer is friends with Marge and Bart; Marge and Bart are not friends.
    std::unique_ptr<ClientSession> m_homer, m_marge, m_bart, m_moe;
};

std::unique_ptr<ClientSession> TestClientGroups::newUser(const QString &base)
{
    const QString user = QStringLiteral("%1%2").arg(base).arg(++m_counter);
    auto session = std::make_unique<ClientSession>();
    session->setReconnectDelays(100, 1000);
    session->setLongPollWait(20);
    session->connectToServer(QStringLiteral("127.0.0.1"), m_server.port());
    if (!QTest::qWaitFor([&] { return session->state() == ClientSession::State::Connected; },
                         kWait)) {
        qWarning("no connection");
        return nullptr;
    }
    Answer answer = await(session->registerUser(user, kPassword));
    if (!answer.ok)
        qWarning("register: %s", qPrintable(answer.error));
    answer = await(session->login(user, kPassword));
    if (!answer.ok)
        qWarning("login: %s", qPrintable(answer.error));
    return session;
}

void TestClientGroups::befriend(ClientSession *a, ClientSession *b)
{
    Answer answer = await(a->friendRequest(b->user()));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    answer = await(b->friendRespond(a->user(), ClientSession::FriendResponse::Accept));
    QVERIFY2(answer.ok, qPrintable(answer.error));
}

qint64 TestClientGroups::createGroup(ClientSession *admin, const QString &name,
                                     const QStringList &members)
{
    const Answer answer = await(admin->groupCreate(name, members));
    if (!answer.ok)
        qWarning("group_create: %s", qPrintable(answer.error));
    return qint64(answer.reply.value(QLatin1String("group")).toDouble());
}

void TestClientGroups::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientGroups::init()
{
    m_homer = newUser(QStringLiteral("Homer"));
    m_marge = newUser(QStringLiteral("Marge"));
    m_bart = newUser(QStringLiteral("Bart"));
    m_moe = newUser(QStringLiteral("Moe"));
    QVERIFY(m_homer && m_marge && m_bart && m_moe);
    QVERIFY(m_homer->isLoggedIn() && m_marge->isLoggedIn() && m_bart->isLoggedIn());
    CHECKED(befriend(m_homer.get(), m_marge.get()));
    CHECKED(befriend(m_homer.get(), m_bart.get()));
}

void TestClientGroups::cleanup()
{
    for (auto *session : {&m_homer, &m_marge, &m_bart, &m_moe}) {
        if (*session && (*session)->isLoggedIn())
            await((*session)->logout());
        session->reset();
    }
}

void TestClientGroups::createListInfoAndEvents()
{
    QSignalSpy added(m_marge.get(), &ClientSession::groupAdded);
    QSignalSpy updated(m_marge.get(), &ClientSession::groupUpdated);
    QCOMPARE(await(m_homer->groupCreate(QStringLiteral("Bar"), {m_moe->user()})).error,
             QStringLiteral("not_friends"));
    QCOMPARE(await(m_homer->groupCreate(QString(), {})).error, QStringLiteral("bad_request"));

    const qint64 group =
        createGroup(m_homer.get(), QStringLiteral("Simpsons"), {m_marge->user(), m_bart->user()});
    QVERIFY(group > 0);
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, kWait);
    QCOMPARE(added.first().at(0).toLongLong(), group);
    QCOMPARE(added.first().at(1).toString(), QStringLiteral("Simpsons"));
    QCOMPARE(added.first().at(2).toString(), m_homer->user());

    Answer answer = await(m_marge->groupInfo(group));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    GroupInfo info = GroupInfo::fromJson(answer.reply);
    QCOMPARE(info.group, group);
    QCOMPARE(info.name, QStringLiteral("Simpsons"));
    QCOMPARE(info.admin, m_homer->user());
    QCOMPARE(info.members, (QStringList{m_homer->user(), m_marge->user(), m_bart->user()}));
    QVERIFY(info.isAdmin(m_homer->user()));
    QVERIFY(!info.isAdmin(m_marge->user()));

    answer = await(m_bart->groups());
    QVERIFY(answer.ok);
    const QList<GroupInfo> groups = groupsFromReply(answer.reply);
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.first().group, group);
    QCOMPARE(groups.first().name, QStringLiteral("Simpsons"));
    QCOMPARE(groups.first().admin, m_homer->user());

    QVERIFY(await(m_homer->groupRename(group, QStringLiteral("Springfield"))).ok);
    QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, kWait);
    QCOMPARE(updated.first().at(0).toLongLong(), group);
    QCOMPARE(updated.first().at(1).toString(), QStringLiteral("Springfield"));

    QCOMPARE(await(m_moe->groupInfo(group)).error, QStringLiteral("not_member"));
    QCOMPARE(await(m_moe->groupInfo(999999)).error, QStringLiteral("no_such_group"));
}

void TestClientGroups::onlyTheAdminChangesTheGroup()
{
    const qint64 group = createGroup(m_homer.get(), QStringLiteral("Couch"), {m_marge->user()});
    QVERIFY(group > 0);
    QCOMPARE(await(m_marge->groupAdd(group, m_bart->user())).error, QStringLiteral("not_admin"));
    QCOMPARE(await(m_marge->groupRemove(group, m_homer->user())).error,
             QStringLiteral("not_admin"));
    QCOMPARE(await(m_marge->groupRename(group, QStringLiteral("Mine"))).error,
             QStringLiteral("not_admin"));
    QCOMPARE(await(m_homer->groupAdd(group, m_moe->user())).error, QStringLiteral("not_friends"));
    QCOMPARE(await(m_homer->groupAdd(group, QStringLiteral("nobody-here"))).error,
             QStringLiteral("no_such_user"));
    QSignalSpy bartAdded(m_bart.get(), &ClientSession::groupAdded);
    QVERIFY(await(m_homer->groupAdd(group, m_bart->user())).ok);
    QTRY_COMPARE_WITH_TIMEOUT(bartAdded.count(), 1, kWait);
    QCOMPARE(bartAdded.first().at(1).toString(), QStringLiteral("Couch"));
}

void TestClientGroups::fanOutToNonFriendsAndCompleteReceipts()
{
    const qint64 group =
        createGroup(m_homer.get(), QStringLiteral("Family"), {m_marge->user(), m_bart->user()});
    QVERIFY(group > 0);

    // Marge and Bart are not friends, yet Bart gets Marge's message.
    QSignalSpy bartGot(m_bart.get(), &ClientSession::messageReceived);
    QSignalSpy homerGot(m_homer.get(), &ClientSession::messageReceived);
    QSignalSpy sent(m_marge.get(), &ClientSession::messageSent);
    QSignalSpy receipts(m_marge.get(), &ClientSession::receiptReceived);
    const QString clientId = m_marge->sendToGroup(group, QStringLiteral("Dinner!"));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(sent.first().at(0).toString(), clientId);
    const qint64 msgId = sent.first().at(1).toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(bartGot.count(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(homerGot.count(), 1, kWait);
    const auto message = bartGot.first().at(0).value<Message>();
    QCOMPARE(message.msgId, msgId);
    QCOMPARE(message.group, group);
    QVERIFY(message.isGroupMessage());
    QCOMPARE(message.from, m_marge->user());
    QVERIFY(message.to.isEmpty());
    QCOMPARE(message.text, QStringLiteral("Dinner!"));

    // Both long polls acknowledge: two delivered receipts, the last complete.
    QTRY_COMPARE_WITH_TIMEOUT(receipts.count(), 2, kWait);
    int complete = 0;
    for (const QList<QVariant> &arguments : std::as_const(receipts)) {
        const auto receipt = arguments.at(0).value<Receipt>();
        QCOMPARE(receipt.msgId, msgId);
        QCOMPARE(receipt.group, group);
        QVERIFY(receipt.isGroupReceipt());
        QCOMPARE(receipt.status, MessageStatus::Delivered);
        complete += receipt.complete;
    }
    QCOMPARE(complete, 1);
    QVERIFY(receipts.at(1).at(0).value<Receipt>().complete);

    Answer answer = await(m_marge->groupHistory(group));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QList<Message> history = messagesFromHistory(answer.reply);
    // The message, and the group's "created" system line.
    QCOMPARE(history.size(), 2);
    QVERIFY(history.last().isSystemLine());
    QCOMPARE(history.first().status, MessageStatus::Delivered);
    QCOMPARE(history.first().group, group);

    // One reads: not complete, message_info shows who.
    receipts.clear();
    QVERIFY(await(m_homer->markGroupRead(group, msgId)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(receipts.count(), 1, kWait);
    auto receipt = receipts.first().at(0).value<Receipt>();
    QCOMPARE(receipt.status, MessageStatus::Read);
    QCOMPARE(receipt.by, m_homer->user());
    QVERIFY(!receipt.complete);
    answer = await(m_marge->messageInfo(msgId));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    MessageInfo info = MessageInfo::fromJson(answer.reply);
    QCOMPARE(info.msgId, msgId);
    QCOMPARE(info.group, group);
    QCOMPARE(info.status, MessageStatus::Delivered);
    QCOMPARE(info.receipts.size(), 2);
    for (const MemberReceipt &member : std::as_const(info.receipts)) {
        QVERIFY(member.delivered > 0);
        QCOMPARE(member.read > 0, member.user == m_homer->user());
    }
    QCOMPARE(await(m_bart->messageInfo(msgId)).error, QStringLiteral("bad_request"));

    QVERIFY(await(m_bart->markGroupRead(group, msgId)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(receipts.count(), 2, kWait);
    receipt = receipts.at(1).at(0).value<Receipt>();
    QCOMPARE(receipt.status, MessageStatus::Read);
    QVERIFY(receipt.complete);
    history = messagesFromHistory(await(m_marge->groupHistory(group, 0, 10)).reply);
    QCOMPARE(history.first().status, MessageStatus::Read);

    // Paging with `before`.
    m_bart->sendToGroup(group, QStringLiteral("two"));
    QTRY_COMPARE_WITH_TIMEOUT(homerGot.count(), 2, kWait);
    history = messagesFromHistory(await(m_homer->groupHistory(group)).reply);
    QCOMPARE(history.size(), 3); // with the "created" line
    QCOMPARE(history.first().text, QStringLiteral("two"));
    history =
        messagesFromHistory(await(m_homer->groupHistory(group, history.first().msgId, 5)).reply);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.first().text, QStringLiteral("Dinner!"));
    QVERIFY(history.last().isSystemLine());

    // Outsiders.
    QCOMPARE(await(m_moe->groupHistory(group)).error, QStringLiteral("not_member"));
    QCOMPARE(await(m_moe->markGroupRead(group, msgId)).error, QStringLiteral("not_member"));
}

void TestClientGroups::outboxEntryWithGroupTarget()
{
    const qint64 group = createGroup(m_homer.get(), QStringLiteral("Outbox"), {m_marge->user()});
    QVERIFY(group > 0);
    RecordingOutbox outbox;
    // Seeded as a persistent outbox would be after a restart.
    OutgoingMessage queued;
    queued.clientId = generateClientId();
    queued.group = group;
    queued.text = QStringLiteral("from before");
    outbox.entries.append(queued);
    QSignalSpy sent(m_homer.get(), &ClientSession::messageSent);
    QSignalSpy failed(m_homer.get(), &ClientSession::messageFailed);
    QSignalSpy margeGot(m_marge.get(), &ClientSession::messageReceived);
    m_homer->setOutbox(&outbox);
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(sent.first().at(0).toString(), queued.clientId);
    QVERIFY(outbox.entries.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(margeGot.count(), 1, kWait);
    QCOMPARE(margeGot.first().at(0).value<Message>().group, group);

    // A group I am not in fails for good and leaves the outbox.
    const QString id = m_moe->sendToGroup(group, QStringLiteral("let me in"));
    QSignalSpy moeFailed(m_moe.get(), &ClientSession::messageFailed);
    QTRY_COMPARE_WITH_TIMEOUT(moeFailed.count(), 1, kWait);
    QCOMPARE(moeFailed.first().at(0).toString(), id);
    QCOMPARE(moeFailed.first().at(1).toString(), QStringLiteral("not_member"));
    QVERIFY(m_moe->outbox()->pending().isEmpty());
    QCOMPARE(failed.count(), 0);
    m_homer->setOutbox(nullptr);
}

void TestClientGroups::leaveAndRemove()
{
    const qint64 group =
        createGroup(m_homer.get(), QStringLiteral("Plant"), {m_marge->user(), m_bart->user()});
    QVERIFY(group > 0);
    QSignalSpy bartRemoved(m_bart.get(), &ClientSession::groupRemoved);
    QSignalSpy margeUpdated(m_marge.get(), &ClientSession::groupUpdated);
    QVERIFY(await(m_homer->groupRemove(group, m_bart->user())).ok);
    QTRY_COMPARE_WITH_TIMEOUT(bartRemoved.count(), 1, kWait);
    QCOMPARE(bartRemoved.first().at(0).toLongLong(), group);
    QCOMPARE(bartRemoved.first().at(2).toString(), m_homer->user());
    QTRY_COMPARE_WITH_TIMEOUT(margeUpdated.count(), 1, kWait);
    QCOMPARE(await(m_homer->groupRemove(group, m_bart->user())).error,
             QStringLiteral("not_member"));

    // The admin leaves: Marge takes over.
    QVERIFY(await(m_homer->groupLeave(group)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(margeUpdated.count(), 2, kWait);
    const GroupInfo info = GroupInfo::fromJson(await(m_marge->groupInfo(group)).reply);
    QCOMPARE(info.admin, m_marge->user());
    QCOMPARE(info.members, QStringList{m_marge->user()});
    QVERIFY(groupsFromReply(await(m_homer->groups()).reply).isEmpty());
    QCOMPARE(await(m_homer->groupLeave(group)).error, QStringLiteral("not_member"));
}

QTEST_GUILESS_MAIN(TestClientGroups)
#include "tst_clientgroups.moc"
