// ClientSession against a server whose storage is down, played by the relay:
// it answers chosen requests `unavailable` (retry_after 1 s) instead of
// passing them on. Nothing is lost, doubled or reported failed; the session
// waits in State::Unavailable and carries on once served. (File transfers:
// tst_clientfiles; palomar-cli: tst_cli.)
#include "client/clientsession.h"
#include "clienttest.h"
#include "support/serverprocess.h"
#include "support/tcpproxy.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;
using Palomar::Testing::TcpProxy;

namespace {

bool wasUnavailable(const QSignalSpy &states)
{
    for (const QList<QVariant> &arguments : states) {
        if (arguments.at(0).value<ClientSession::State>() == ClientSession::State::Unavailable)
            return true;
    }
    return false;
}

QStringList texts(const QSignalSpy &received)
{
    QStringList list;
    for (const QList<QVariant> &arguments : received)
        list.append(arguments.at(0).value<Message>().text);
    return list;
}

} // namespace

class TestClientUnavailable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void messageIsDeliveredOnceWhenServed();
    void syncLoopKeepsItsCursor();
    void requestIsSentAgainWhenServed();
    void loginIsRetried();
    void resumeIsRetriedOnTheSameConnection();

private:
    // `sender` through the relay, `receiver` straight to the server, friends.
    void makeFriends(quint16 senderPort, quint16 receiverPort);
    QString newName(const QString &base)
    {
        return QStringLiteral("%1%2").arg(base).arg(++m_counter);
    }

    ServerProcess m_server;
    int m_counter = 0;
    std::unique_ptr<TcpProxy> m_proxy;
    std::unique_ptr<ClientSession> m_sender, m_receiver;
};

void TestClientUnavailable::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientUnavailable::init()
{
    m_sender.reset();
    m_receiver.reset();
    m_proxy = std::make_unique<TcpProxy>(m_server.port());
    QVERIFY(m_proxy->listen());
}

void TestClientUnavailable::makeFriends(quint16 senderPort, quint16 receiverPort)
{
    m_sender = loggedInUser(senderPort, newName(QStringLiteral("Sideshow")));
    m_receiver = loggedInUser(receiverPort, newName(QStringLiteral("Krusty")));
    QVERIFY(m_sender && m_receiver);
    CHECKED(befriend(m_sender.get(), m_receiver.get()));
}

void TestClientUnavailable::messageIsDeliveredOnceWhenServed()
{
    CHECKED(makeFriends(m_proxy->port(), m_server.port()));
    QSignalSpy states(m_sender.get(), &ClientSession::stateChanged);
    QSignalSpy sent(m_sender.get(), &ClientSession::messageSent);
    QSignalSpy failed(m_sender.get(), &ClientSession::messageFailed);
    QSignalSpy received(m_receiver.get(), &ClientSession::messageReceived);

    m_proxy->answerUnavailable({QStringLiteral("send")});
    const QString clientId = m_sender->send(m_receiver->user(), QStringLiteral("a cream pie"));
    // Refused, waited for, asked again: still queued, never failed.
    QTRY_VERIFY_WITH_TIMEOUT(m_proxy->unavailableAnswered(QStringLiteral("send")) >= 2, kWait);
    QVERIFY(wasUnavailable(states));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(m_sender->outbox()->pending().size(), 1);
    QCOMPARE(m_sender->outbox()->pending().first().clientId, clientId);
    QCOMPARE(received.count(), 0);

    m_proxy->stopAnsweringUnavailable();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(sent.first().at(0).toString(), clientId);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    QCOMPARE(m_sender->state(), ClientSession::State::LoggedIn);
    QVERIFY(m_sender->outbox()->pending().isEmpty());
    QCOMPARE(failed.count(), 0);

    // One stored copy: a later message comes next, and the chat holds two.
    m_sender->send(m_receiver->user(), QStringLiteral("marker"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWait);
    QCOMPARE(texts(received),
             (QStringList{QStringLiteral("a cream pie"), QStringLiteral("marker")}));
    const Answer history = await(m_receiver->history(m_sender->user()));
    QVERIFY2(history.ok, qPrintable(history.error));
    QCOMPARE(messagesFromHistory(history.reply).size(), 2);
}

void TestClientUnavailable::syncLoopKeepsItsCursor()
{
    // The receiver's long poll goes through the relay.
    CHECKED(makeFriends(m_server.port(), m_proxy->port()));
    QSignalSpy states(m_receiver.get(), &ClientSession::stateChanged);
    QSignalSpy received(m_receiver.get(), &ClientSession::messageReceived);
    m_sender->send(m_receiver->user(), QStringLiteral("one"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    const qint64 cursor = m_receiver->syncCursor();
    QVERIFY(cursor > 0);

    // Every request but hello and ping is refused now. The poll parked at
    // the server may still bring "two"; the next one is refused.
    m_proxy->answerUnavailable({});
    m_sender->send(m_receiver->user(), QStringLiteral("two"));
    m_sender->send(m_receiver->user(), QStringLiteral("three"));
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->state(), ClientSession::State::Unavailable, kWait);
    // It asks again after the wait, and is refused again.
    QTRY_VERIFY_WITH_TIMEOUT(m_proxy->unavailableAnswered(QStringLiteral("sync")) >= 2, kWait);
    QCOMPARE(m_receiver->state(), ClientSession::State::Unavailable);
    QVERIFY(m_receiver->syncCursor() >= cursor);

    m_proxy->stopAnsweringUnavailable();
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 3, kWait);
    QCOMPARE(m_receiver->state(), ClientSession::State::LoggedIn);
    QCOMPARE(texts(received),
             (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
    QVERIFY(m_receiver->syncCursor() > cursor);
    QVERIFY(wasUnavailable(states));
    // And the loop goes on: a later message arrives through it, once.
    m_sender->send(m_receiver->user(), QStringLiteral("four"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 4, kWait);
    QTest::qWait(200);
    QCOMPARE(received.count(), 4);
}

void TestClientUnavailable::requestIsSentAgainWhenServed()
{
    CHECKED(makeFriends(m_proxy->port(), m_server.port()));
    m_proxy->answerUnavailable({QStringLiteral("friends")}, 2);
    const Answer answer = await(m_sender->friends());
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QCOMPARE(m_proxy->unavailableAnswered(QStringLiteral("friends")), 2);
    const FriendList list = FriendList::fromJson(answer.reply);
    QCOMPARE(list.friends.size(), 1);
    QCOMPARE(list.friends.first().user, m_receiver->user());
    QCOMPARE(m_sender->state(), ClientSession::State::LoggedIn);
}

void TestClientUnavailable::loginIsRetried()
{
    const QString user = newName(QStringLiteral("Lisa"));
    {
        auto registering = loggedInUser(m_server.port(), user);
        QVERIFY(registering);
        QVERIFY(await(registering->logout()).ok);
    }
    ClientSession session;
    session.setReconnectDelays(100, 1000);
    session.connectToServer(QStringLiteral("127.0.0.1"), m_proxy->port());
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ClientSession::State::Connected, kWait);
    QSignalSpy states(&session, &ClientSession::stateChanged);
    QSignalSpy loggedIn(&session, &ClientSession::loggedIn);

    m_proxy->answerUnavailable({QStringLiteral("login")}, 2);
    const Answer answer = await(session.login(user, kPassword));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QCOMPARE(m_proxy->unavailableAnswered(QStringLiteral("login")), 2);
    QVERIFY(wasUnavailable(states));
    QCOMPARE(loggedIn.count(), 1);
    QCOMPARE(session.state(), ClientSession::State::LoggedIn);
    QVERIFY(await(session.logout()).ok);
}

void TestClientUnavailable::resumeIsRetriedOnTheSameConnection()
{
    CHECKED(makeFriends(m_proxy->port(), m_server.port()));
    const QString token = m_sender->token();
    QSignalSpy states(m_sender.get(), &ClientSession::stateChanged);
    QSignalSpy reconnected(m_sender.get(), &ClientSession::reconnected);
    QSignalSpy expired(m_sender.get(), &ClientSession::sessionExpired);

    m_proxy->answerUnavailable({QStringLiteral("resume")}, 2);
    const int accepted = m_proxy->acceptedCount();
    m_proxy->dropConnections();
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, kWait);
    QCOMPARE(m_proxy->unavailableAnswered(QStringLiteral("resume")), 2);
    // Not bad credentials, and asked again on the same (new) connection.
    QCOMPARE(expired.count(), 0);
    QCOMPARE(m_proxy->acceptedCount(), accepted + 1);
    QVERIFY(wasUnavailable(states));
    QCOMPARE(m_sender->state(), ClientSession::State::LoggedIn);
    QCOMPARE(m_sender->token(), token);
    QSignalSpy received(m_receiver.get(), &ClientSession::messageReceived);
    m_sender->send(m_receiver->user(), QStringLiteral("still here"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
}

QTEST_GUILESS_MAIN(TestClientUnavailable)
#include "tst_clientunavailable.moc"
