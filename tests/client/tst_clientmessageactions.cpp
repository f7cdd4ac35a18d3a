// MessageActions against a real palomar-server: reply, edit, delete for
// everyone and forward; the edited/deleted events as signals; the new
// Message fields from events and history.
#include "client/clientsession.h"
#include "client/messageactions.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientMessageActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void replyEditDeleteForward();

private:
    ServerProcess m_server;
};

void TestClientMessageActions::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientMessageActions::replyEditDeleteForward()
{
    auto ann = loggedInUser(m_server.port(), QStringLiteral("Ann"));
    auto ben = loggedInUser(m_server.port(), QStringLiteral("Ben"));
    auto cat = loggedInUser(m_server.port(), QStringLiteral("Cat"));
    QVERIFY(ann && ben && cat);
    for (ClientSession *other : {ben.get(), cat.get()}) {
        QVERIFY(await(ann->friendRequest(other->user())).ok);
        QVERIFY(await(other->friendRespond(ann->user(), ClientSession::FriendResponse::Accept)).ok);
    }
    MessageActions annActions(ann.get());
    MessageActions benActions(ben.get());
    QSignalSpy received(ben.get(), &ClientSession::messageReceived);
    QSignalSpy edited(&benActions, &MessageActions::messageEdited);
    QSignalSpy deleted(&benActions, &MessageActions::messageDeleted);

    const Answer first = await(
        ann->request(QStringLiteral("send"), {{QStringLiteral("to"), ben->user()},
                                              {QStringLiteral("text"), QStringLiteral("one")}}));
    QVERIFY2(first.ok, qPrintable(first.error));
    const qint64 firstId = first.reply.value(QLatin1String("msg_id")).toInteger();
    const Answer reply = await(annActions.reply(ben->user(), 0, QStringLiteral("two"), firstId));
    QVERIFY2(reply.ok, qPrintable(reply.error));
    const qint64 replyId = reply.reply.value(QLatin1String("msg_id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWait);
    const Message got = received.at(1).at(0).value<Message>();
    QCOMPARE(got.msgId, replyId);
    QCOMPARE(got.replyTo, firstId);

    QVERIFY(await(annActions.edit(replyId, QStringLiteral("two!"))).ok);
    QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 1, kWait);
    QCOMPARE(edited.first().at(0).toLongLong(), replyId);
    QCOMPARE(edited.first().at(1).toString(), QStringLiteral("two!"));
    QVERIFY(edited.first().at(2).toLongLong() > 0);
    QCOMPARE(edited.first().at(3).toString(), ann->user());
    QCOMPARE(await(benActions.edit(replyId, QStringLiteral("x"))).error,
             QStringLiteral("not_sender"));

    QVERIFY(await(annActions.remove(firstId)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, kWait);
    QCOMPARE(deleted.first().at(0).toLongLong(), firstId);

    const Answer forwarded =
        await(benActions.forward(replyId, ann->user(), 0, QStringLiteral("f-1")));
    QVERIFY2(forwarded.ok, qPrintable(forwarded.error));
    QCOMPARE(await(benActions.forward(replyId, cat->user(), 0)).error,
             QStringLiteral("not_friends"));

    const Answer history = await(ben->history(ann->user()));
    QVERIFY2(history.ok, qPrintable(history.error));
    const QList<Message> messages = messagesFromHistory(history.reply); // newest first
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).forwarded, true);
    QCOMPARE(messages.at(0).text, QStringLiteral("two!"));
    QCOMPARE(messages.at(1).replyTo, firstId);
    QVERIFY(messages.at(1).edited > 0);
    QCOMPARE(messages.at(2).deleted, true);
    QCOMPARE(messages.at(2).text, QString());
}

QTEST_MAIN(TestClientMessageActions)
#include "tst_clientmessageactions.moc"
