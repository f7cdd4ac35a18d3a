// ClientSession against a real palomar-server: every op, the sync loop,
// reconnect + resume after SIGKILL, the outbox, and de-duplication by seq.
#include "client/backoff.h"
#include "client/clientsession.h"
#include "clienttest.h"
#include "support/serverprocess.h"
#include "support/tcpproxy.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;
using Palomar::Testing::TcpProxy;

class TestClientSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void backoffGrowsWithJitter();
    void backoffHonoursServerWait();
    void connectionFailureIsReported();
    void helloReadsLimits();
    void registerRejectsBadInput();
    void loginChecksCredentials();
    void requestsWithoutSession();
    void takeoverReplacesOldSession();
    void friendRequestAcceptAndUnfriend();
    void friendRequestDecline();
    void messagesReceiptsAndHistory();
    void sendToNonFriendFails();
    void timerPollingDeliversEvents();
    void pipelinedRepliesMatchById();
    void duplicateEventsAreSeenOnce();
    void logoutEndsTheToken();
    void unregisterDeletesTheAccount();
    void seededOutboxResendsWithSameClientId();
    void lostReplyIsResentWithSameClientId();
    void resumeRefusedReportsSessionExpired();
    void reconnectAfterServerKill();

private:
    QString newName(const QString &base)
    {
        return QStringLiteral("%1%2").arg(base).arg(++m_counter);
    }
    std::unique_ptr<ClientSession> connectedSession(quint16 port = 0);
    void registerUser(const QString &user);
    void logIn(ClientSession *session, const QString &user);
    std::unique_ptr<ClientSession> newUser(const QString &base, SyncMode mode = SyncMode::LongPoll,
                                           quint16 port = 0);
    void befriend(ClientSession *a, ClientSession *b);

    ServerProcess m_server;
    int m_counter = 0;
};

std::unique_ptr<ClientSession> TestClientSession::connectedSession(quint16 port)
{
    auto session = std::make_unique<ClientSession>();
    session->setReconnectDelays(100, 1000);
    session->setLongPollWait(20);
    session->connectToServer(QStringLiteral("127.0.0.1"), port ? port : m_server.port());
    [&] { QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClientSession::State::Connected, kWait); }();
    return session;
}

void TestClientSession::registerUser(const QString &user)
{
    auto session = connectedSession();
    CHECKED(;);
    const Answer answer = await(session->registerUser(user, kPassword));
    QVERIFY2(answer.ok, qPrintable(answer.error));
}

void TestClientSession::logIn(ClientSession *session, const QString &user)
{
    QSignalSpy loggedIn(session, &ClientSession::loggedIn);
    const Answer answer = await(session->login(user, kPassword));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QCOMPARE(loggedIn.count(), 1);
    QCOMPARE(session->state(), ClientSession::State::LoggedIn);
    QVERIFY(!session->token().isEmpty());
}

std::unique_ptr<ClientSession> TestClientSession::newUser(const QString &base, SyncMode mode,
                                                          quint16 port)
{
    const QString user = newName(base);
    registerUser(user);
    if (QTest::currentTestFailed())
        return nullptr;
    auto session = connectedSession(port);
    if (QTest::currentTestFailed())
        return nullptr;
    session->setSyncMode(mode);
    logIn(session.get(), user);
    return session;
}

void TestClientSession::befriend(ClientSession *a, ClientSession *b)
{
    Answer answer = await(a->friendRequest(b->user()));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    answer = await(b->friendRespond(a->user(), ClientSession::FriendResponse::Accept));
    QVERIFY2(answer.ok, qPrintable(answer.error));
}

void TestClientSession::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientSession::backoffGrowsWithJitter()
{
    Backoff backoff(500, 30000, 0.2);
    int previousBase = 0;
    for (int i = 0; i < 12; ++i) {
        const int base = std::min(500 << i, 30000);
        const int delay = backoff.nextDelay();
        QVERIFY2(delay >= int(base * 0.8) && delay <= std::min(int(base * 1.2) + 1, 30000),
                 qPrintable(QStringLiteral("attempt %1: %2 ms").arg(i).arg(delay)));
        QVERIFY(base >= previousBase);
        previousBase = base;
    }
    backoff.reset();
    QVERIFY(backoff.nextDelay() <= 600);
}

void TestClientSession::backoffHonoursServerWait()
{
    // A server's retry_after is the floor, with the jitter above it; once the
    // back-off has grown past it, the back-off rules; beyond the maximum,
    // the maximum does.
    Backoff backoff(500, 8000, 0.2);
    for (int i = 0; i < 3; ++i) {
        const int delay = backoff.nextDelay(3000);
        QVERIFY2(delay >= 3000 && delay <= 3600, qPrintable(QString::number(delay)));
    }
    const int grown = backoff.nextDelay(3000); // base 4000
    QVERIFY2(grown >= 3200 && grown <= 4800, qPrintable(QString::number(grown)));
    backoff.reset();
    const int capped = backoff.nextDelay(3600 * 1000);
    QVERIFY2(capped >= 8000 && capped <= 9600, qPrintable(QString::number(capped)));
}

void TestClientSession::connectionFailureIsReported()
{
    QTcpServer placeholder; // a port with nobody behind it once closed
    QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = placeholder.serverPort();
    placeholder.close();

    ClientSession session;
    QSignalSpy errors(&session, &ClientSession::errorOccurred);
    session.connectToServer(QStringLiteral("127.0.0.1"), port);
    QCOMPARE(session.state(), ClientSession::State::Connecting);
    QVERIFY(errors.wait(kWait));
    QCOMPARE(errors.first().at(0).toString(), LocalError::ConnectionFailed);
    QCOMPARE(session.state(), ClientSession::State::Disconnected);

    const Answer answer = await(session.ping());
    QCOMPARE(answer.error, LocalError::NotConnected);
}

void TestClientSession::helloReadsLimits()
{
    auto session = connectedSession();
    CHECKED(;);
    QVERIFY(session->limits().maxFrame > 0);
    QVERIFY(session->limits().maxText > 0);
    QVERIFY(session->limits().pollInterval > 0);
    const Answer answer = await(session->hello());
    QVERIFY(answer.ok);
    QCOMPARE(answer.reply.value(QLatin1String("version")).toInt(), 1);
    QVERIFY(answer.reply.value(QLatin1String("limits")).isObject());
    const Answer ping = await(session->ping());
    QVERIFY(ping.ok);
    QVERIFY(ping.reply.value(QLatin1String("ts")).toDouble() > 1.6e12);
}

void TestClientSession::registerRejectsBadInput()
{
    auto session = connectedSession();
    CHECKED(;);
    const QString user = newName(QStringLiteral("Homer"));
    QVERIFY(await(session->registerUser(user, kPassword)).ok);
    QCOMPARE(await(session->registerUser(user.toLower(), kPassword)).error,
             QStringLiteral("user_exists"));
    QCOMPARE(await(session->registerUser(QStringLiteral("no spaces"), kPassword)).error,
             QStringLiteral("invalid_username"));
    QCOMPARE(
        await(session->registerUser(newName(QStringLiteral("x")), QStringLiteral("short"))).error,
        QStringLiteral("weak_password"));
    // Registering does not log in.
    QCOMPARE(session->state(), ClientSession::State::Connected);
}

void TestClientSession::loginChecksCredentials()
{
    const QString user = newName(QStringLiteral("Marge"));
    CHECKED(registerUser(user));
    auto session = connectedSession();
    CHECKED(;);
    QCOMPARE(await(session->login(user, QStringLiteral("wrong password"))).error,
             QStringLiteral("bad_credentials"));
    QCOMPARE(await(session->login(newName(QStringLiteral("nobody")), kPassword)).error,
             QStringLiteral("bad_credentials"));
    QCOMPARE(session->state(), ClientSession::State::Connected);

    // Case-insensitive, answered with the registered spelling.
    QSignalSpy loggedIn(session.get(), &ClientSession::loggedIn);
    const Answer answer = await(session->login(user.toLower(), kPassword));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QCOMPARE(session->user(), user);
    QCOMPARE(loggedIn.count(), 1);
    QCOMPARE(loggedIn.first().at(0).toString(), user);
    QVERIFY(await(session->logout()).ok);
}

void TestClientSession::requestsWithoutSession()
{
    auto session = connectedSession();
    CHECKED(;);
    QCOMPARE(await(session->friends()).error, QStringLiteral("auth_required"));
    QCOMPARE(await(session->request(QStringLiteral("no_such_op"))).error,
             QStringLiteral("unknown_op"));
    QCOMPARE(await(session->resume(QStringLiteral("not-a-token"))).error,
             QStringLiteral("bad_credentials"));
    QCOMPARE(session->state(), ClientSession::State::Connected);
    QVERIFY(await(session->ping()).ok);
}

void TestClientSession::takeoverReplacesOldSession()
{
    auto first = newUser(QStringLiteral("Bart"));
    CHECKED(;);
    const QString user = first->user();
    auto second = connectedSession();
    CHECKED(;);
    QCOMPARE(await(second->login(user, kPassword)).error, QStringLiteral("session_active"));
    QSignalSpy replaced(first.get(), &ClientSession::sessionReplaced);
    QVERIFY(await(second->login(user, kPassword, ClientSession::LoginOption::Takeover)).ok);
    QCOMPARE(second->state(), ClientSession::State::LoggedIn);

    // The old connection learns on its next request (or its parked poll).
    const Answer answer = await(first->friends());
    QVERIFY(answer.error == QLatin1String("session_replaced") ||
            answer.error == QLatin1String("auth_required"));
    QTRY_COMPARE_WITH_TIMEOUT(replaced.count(), 1, kWait);
    QCOMPARE(first->state(), ClientSession::State::Connected);
    QVERIFY(first->token().isEmpty());
    QCOMPARE(await(first->friends()).error, QStringLiteral("auth_required"));
    QVERIFY(await(second->logout()).ok);
}

void TestClientSession::friendRequestAcceptAndUnfriend()
{
    auto lisa = newUser(QStringLiteral("Lisa"));
    CHECKED(;);
    auto milhouse = newUser(QStringLiteral("Milhouse"));
    CHECKED(;);
    QSignalSpy requests(milhouse.get(), &ClientSession::friendRequestReceived);
    QSignalSpy lisaAdded(lisa.get(), &ClientSession::friendAdded);
    QSignalSpy milhouseAdded(milhouse.get(), &ClientSession::friendAdded);
    QSignalSpy removed(milhouse.get(), &ClientSession::friendRemoved);

    QVERIFY(await(lisa->friendRequest(milhouse->user())).ok);
    QTRY_COMPARE_WITH_TIMEOUT(requests.count(), 1, kWait);
    QCOMPARE(requests.first().at(0).toString(), lisa->user());
    QCOMPARE(await(lisa->friendRequest(milhouse->user())).error, QStringLiteral("request_pending"));
    QCOMPARE(await(lisa->friendRequest(newName(QStringLiteral("ghost")))).error,
             QStringLiteral("no_such_user"));

    Answer list = await(milhouse->friends());
    QVERIFY(list.ok);
    FriendList friends = FriendList::fromJson(list.reply);
    QCOMPARE(friends.incoming, QStringList{lisa->user()});
    QVERIFY(friends.friends.isEmpty());
    friends = FriendList::fromJson(await(lisa->friends()).reply);
    QCOMPARE(friends.outgoing, QStringList{milhouse->user()});

    QVERIFY(await(milhouse->friendRespond(lisa->user(), ClientSession::FriendResponse::Accept)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(lisaAdded.count(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(milhouseAdded.count(), 1, kWait);
    QCOMPARE(lisaAdded.first().at(0).toString(), milhouse->user());
    QCOMPARE(await(lisa->friendRequest(milhouse->user())).error, QStringLiteral("already_friends"));

    friends = FriendList::fromJson(await(lisa->friends()).reply);
    QCOMPARE(friends.friends.size(), 1);
    QCOMPARE(friends.friends.first().user, milhouse->user());
    QVERIFY(friends.friends.first().online);
    QVERIFY(friends.incoming.isEmpty() && friends.outgoing.isEmpty());

    QVERIFY(await(lisa->unfriend(milhouse->user())).ok);
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, kWait);
    QCOMPARE(removed.first().at(0).toString(), lisa->user());
    QVERIFY(FriendList::fromJson(await(milhouse->friends()).reply).friends.isEmpty());
    QCOMPARE(
        await(milhouse->friendRespond(lisa->user(), ClientSession::FriendResponse::Accept)).error,
        QStringLiteral("no_such_request"));
}

void TestClientSession::friendRequestDecline()
{
    auto nelson = newUser(QStringLiteral("Nelson"));
    CHECKED(;);
    auto martin = newUser(QStringLiteral("Martin"));
    CHECKED(;);
    QSignalSpy declined(nelson.get(), &ClientSession::friendDeclined);
    QVERIFY(await(nelson->friendRequest(martin->user())).ok);
    QVERIFY(
        await(martin->friendRespond(nelson->user(), ClientSession::FriendResponse::Decline)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(declined.count(), 1, kWait);
    QCOMPARE(declined.first().at(0).toString(), martin->user());
    QVERIFY(FriendList::fromJson(await(nelson->friends()).reply).outgoing.isEmpty());

    // A request to someone who already asked us accepts theirs.
    QSignalSpy added(nelson.get(), &ClientSession::friendAdded);
    QVERIFY(await(martin->friendRequest(nelson->user())).ok);
    QVERIFY(await(nelson->friendRequest(martin->user())).ok);
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, kWait);
}

void TestClientSession::messagesReceiptsAndHistory()
{
    auto homer = newUser(QStringLiteral("Homer"));
    CHECKED(;);
    auto moe = newUser(QStringLiteral("Moe"));
    CHECKED(;);
    CHECKED(befriend(homer.get(), moe.get()));

    QSignalSpy sent(homer.get(), &ClientSession::messageSent);
    QSignalSpy received(moe.get(), &ClientSession::messageReceived);
    QSignalSpy receipts(homer.get(), &ClientSession::receiptReceived);
    const QString clientId = homer->send(moe->user(), QStringLiteral("a Duff, please"));
    QVERIFY(!clientId.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(sent.first().at(0).toString(), clientId);
    const qint64 msgId = sent.first().at(1).toLongLong();
    QVERIFY(msgId > 0);
    QVERIFY(homer->outbox()->pending().isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    const auto message = received.first().at(0).value<Message>();
    QCOMPARE(message.msgId, msgId);
    QCOMPARE(message.from, homer->user());
    QCOMPARE(message.to, moe->user());
    QCOMPARE(message.text, QStringLiteral("a Duff, please"));
    QVERIFY(message.seq > 0);

    // Moe's loop acknowledged it with its next sync: delivered.
    QTRY_VERIFY_WITH_TIMEOUT(receipts.count() >= 1, kWait);
    auto receipt = receipts.first().at(0).value<Receipt>();
    QCOMPARE(receipt.msgId, msgId);
    QCOMPARE(receipt.by, moe->user());
    QCOMPARE(receipt.status, MessageStatus::Delivered);

    QVERIFY(await(moe->markRead(homer->user(), msgId)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(receipts.count(), 2, kWait);
    receipt = receipts.at(1).at(0).value<Receipt>();
    QCOMPARE(receipt.status, MessageStatus::Read);

    // Two more, then page through history newest first.
    homer->send(moe->user(), QStringLiteral("two"));
    homer->send(moe->user(), QStringLiteral("three"));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 3, kWait);
    Answer answer = await(homer->history(moe->user()));
    QVERIFY(answer.ok);
    QList<Message> history = messagesFromHistory(answer.reply);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(0).text, QStringLiteral("three"));
    QCOMPARE(history.at(2).text, QStringLiteral("a Duff, please"));
    QCOMPARE(history.at(2).status, MessageStatus::Read);
    QVERIFY(history.at(0).msgId > history.at(1).msgId);

    answer = await(homer->history(moe->user(), history.at(0).msgId, 1));
    history = messagesFromHistory(answer.reply);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().text, QStringLiteral("two"));

    // The recipient sees the same chat.
    history = messagesFromHistory(await(moe->history(homer->user())).reply);
    QCOMPARE(history.size(), 3);
}

void TestClientSession::sendToNonFriendFails()
{
    auto apu = newUser(QStringLiteral("Apu"));
    CHECKED(;);
    auto skinner = newUser(QStringLiteral("Skinner"));
    CHECKED(;);
    QSignalSpy failed(apu.get(), &ClientSession::messageFailed);
    const QString clientId = apu->send(skinner->user(), QStringLiteral("hello?"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWait);
    QCOMPARE(failed.first().at(0).toString(), clientId);
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("not_friends"));
    QVERIFY(apu->outbox()->pending().isEmpty());
    QVERIFY(messagesFromHistory(await(apu->history(skinner->user())).reply).isEmpty());

    // Over max_text: refused before it is queued.
    const QString huge(int(apu->limits().maxText) + 1, QLatin1Char('a'));
    apu->send(skinner->user(), huge);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, kWait);
    QCOMPARE(failed.at(1).at(1).toString(), QStringLiteral("too_large"));
    QVERIFY(apu->outbox()->pending().isEmpty());
}

void TestClientSession::timerPollingDeliversEvents()
{
    auto patty = newUser(QStringLiteral("Patty"), SyncMode::Timer);
    CHECKED(;);
    auto selma = newUser(QStringLiteral("Selma"), SyncMode::Timer);
    CHECKED(;);
    CHECKED(befriend(patty.get(), selma.get()));
    QSignalSpy received(selma.get(), &ClientSession::messageReceived);
    patty->send(selma->user(), QStringLiteral("by timer"));
    // poll_interval (2 s by default) plus slack.
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, (selma->limits().pollInterval + 5) * 1000);
    QCOMPARE(received.first().at(0).value<Message>().text, QStringLiteral("by timer"));

    // Logging out between two ticks still acknowledges what was shown: a
    // new session of the same user does not get it again.
    const QString user = selma->user();
    QVERIFY(await(selma->logout()).ok);
    auto again = connectedSession();
    CHECKED(;);
    again->setSyncMode(SyncMode::Manual);
    CHECKED(logIn(again.get(), user));
    QSignalSpy repeated(again.get(), &ClientSession::messageReceived);
    QVERIFY(await(again->syncNow(0)).ok);
    QCOMPARE(repeated.count(), 0);
    QVERIFY(await(again->logout()).ok);
}

void TestClientSession::pipelinedRepliesMatchById()
{
    auto ned = newUser(QStringLiteral("Ned"));
    CHECKED(;);
    auto rod = newUser(QStringLiteral("Rod"));
    CHECKED(;);
    CHECKED(befriend(ned.get(), rod.get()));
    // Many requests at once, behind Ned's parked long poll; each reply must
    // reach its own request.
    QList<std::shared_ptr<Answer>> answers;
    QList<QString> ops;
    for (int i = 0; i < 30; ++i) {
        Reply *reply = (i % 3 == 0)   ? ned->ping()
                       : (i % 3 == 1) ? ned->friends()
                                      : ned->history(rod->user());
        auto answer = std::make_shared<Answer>();
        ops.append(reply->op());
        connect(reply, &Reply::finished, this, [reply, answer] {
            answer->done = true;
            answer->ok = reply->isOk();
            answer->reply = reply->result();
        });
        answers.append(answer);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(answers.cbegin(), answers.cend(), [](const auto &a) { return a->done; }),
        kWait);
    for (int i = 0; i < answers.size(); ++i) {
        QVERIFY(answers.at(i)->ok);
        const QJsonObject &reply = answers.at(i)->reply;
        if (ops.at(i) == QLatin1String("ping"))
            QVERIFY(reply.contains(QLatin1String("ts")));
        else if (ops.at(i) == QLatin1String("friends"))
            QVERIFY(reply.contains(QLatin1String("friends")));
        else
            QVERIFY(reply.contains(QLatin1String("messages")));
    }
    // The long poll is still parked and still works.
    QSignalSpy received(rod.get(), &ClientSession::messageReceived);
    QSignalSpy nedReceived(ned.get(), &ClientSession::messageReceived);
    rod->send(ned->user(), QStringLiteral("hi-diddly-ho"));
    QTRY_COMPARE_WITH_TIMEOUT(nedReceived.count(), 1, kWait);
}

void TestClientSession::duplicateEventsAreSeenOnce()
{
    auto carl = newUser(QStringLiteral("Carl"));
    CHECKED(;);
    auto lenny = newUser(QStringLiteral("Lenny"), SyncMode::Manual);
    CHECKED(;);
    CHECKED(befriend(carl.get(), lenny.get()));
    QSignalSpy sent(carl.get(), &ClientSession::messageSent);
    for (int i = 0; i < 3; ++i)
        carl->send(lenny->user(), QStringLiteral("message %1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 3, kWait);

    // Two syncs from the same cursor: the server answers both with the same
    // unacknowledged events (at-least-once); the client must show them once.
    QSignalSpy received(lenny.get(), &ClientSession::messageReceived);
    QSignalSpy added(lenny.get(), &ClientSession::friendAdded);
    const auto first = watch(lenny->syncNow(0));
    const auto second = watch(lenny->syncNow(0));
    const Answer a = await(first);
    const Answer b = await(second);
    QVERIFY(a.ok && b.ok);
    const auto countMessages = [](const QJsonObject &reply) {
        int n = 0;
        for (const QJsonValue &event : reply.value(QLatin1String("events")).toArray())
            n += event.toObject().value(QLatin1String("kind")).toString() ==
                 QLatin1String("message");
        return n;
    };
    QCOMPARE(countMessages(a.reply), 3);
    QCOMPARE(countMessages(b.reply), 3); // sent again: nothing was acknowledged between
    QCOMPARE(received.count(), 3);
    QCOMPARE(added.count(), 1);
    const qint64 cursor = lenny->syncCursor();
    QVERIFY(cursor > 0);

    // Acknowledge, then nothing more comes.
    const Answer ack = await(lenny->syncNow(0));
    QVERIFY(ack.ok);
    QVERIFY(ack.reply.value(QLatin1String("events")).toArray().isEmpty());
    QCOMPARE(qint64(ack.reply.value(QLatin1String("cursor")).toDouble()), cursor);
    QCOMPARE(received.count(), 3);
}

void TestClientSession::logoutEndsTheToken()
{
    auto wiggum = newUser(QStringLiteral("Wiggum"));
    CHECKED(;);
    const QString token = wiggum->token();
    QSignalSpy loggedOut(wiggum.get(), &ClientSession::loggedOut);
    QVERIFY(await(wiggum->logout()).ok);
    QCOMPARE(loggedOut.count(), 1);
    QCOMPARE(wiggum->state(), ClientSession::State::Connected);
    QCOMPARE(await(wiggum->resume(token)).error, QStringLiteral("bad_credentials"));
    QCOMPARE(await(wiggum->friends()).error, QStringLiteral("auth_required"));
}

void TestClientSession::unregisterDeletesTheAccount()
{
    auto ralph = newUser(QStringLiteral("Ralph"));
    CHECKED(;);
    const QString user = ralph->user();
    QCOMPARE(await(ralph->unregister(QStringLiteral("not my password"))).error,
             QStringLiteral("bad_credentials"));
    QCOMPARE(ralph->state(), ClientSession::State::LoggedIn);
    QSignalSpy loggedOut(ralph.get(), &ClientSession::loggedOut);
    QVERIFY(await(ralph->unregister(kPassword)).ok);
    QCOMPARE(loggedOut.count(), 1);
    QCOMPARE(ralph->state(), ClientSession::State::Connected);
    QCOMPARE(await(ralph->login(user, kPassword)).error, QStringLiteral("bad_credentials"));
    // The name is free again.
    QVERIFY(await(ralph->registerUser(user, kPassword)).ok);
}

void TestClientSession::seededOutboxResendsWithSameClientId()
{
    auto kent = newUser(QStringLiteral("Kent"));
    CHECKED(;);
    auto arnie = newUser(QStringLiteral("Arnie"));
    CHECKED(;);
    CHECKED(befriend(kent.get(), arnie.get()));
    QSignalSpy sent(kent.get(), &ClientSession::messageSent);
    const QString clientId = kent->send(arnie->user(), QStringLiteral("breaking news"));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    const qint64 msgId = sent.first().at(1).toLongLong();
    const QString user = kent->user();
    QVERIFY(await(kent->logout()).ok);

    // A persisted outbox that still holds the entry (the app died before the
    // reply was stored) plus a new one: after login both go, the old one
    // with its old client_id, so no second copy exists.
    RecordingOutbox outbox;
    outbox.entries.append({clientId, arnie->user(), 0, QStringLiteral("breaking news"), 0});
    outbox.entries.append(
        {QStringLiteral("kent-later-1"), arnie->user(), 0, QStringLiteral("more news"), 0});
    auto again = connectedSession();
    CHECKED(;);
    again->setOutbox(&outbox);
    QSignalSpy resent(again.get(), &ClientSession::messageSent);
    CHECKED(logIn(again.get(), user));
    QTRY_COMPARE_WITH_TIMEOUT(resent.count(), 2, kWait);
    QCOMPARE(resent.at(0).at(0).toString(), clientId);
    QCOMPARE(resent.at(0).at(1).toLongLong(), msgId);
    QCOMPARE(resent.at(1).at(0).toString(), QStringLiteral("kent-later-1"));
    QVERIFY(resent.at(1).at(1).toLongLong() > msgId);
    QVERIFY(outbox.entries.isEmpty());

    const QList<Message> history = messagesFromHistory(await(arnie->history(user)).reply);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(1).text, QStringLiteral("breaking news"));
    QCOMPARE(history.at(0).text, QStringLiteral("more news"));
    again->setOutbox(nullptr);
}

void TestClientSession::lostReplyIsResentWithSameClientId()
{
    TcpProxy proxy(m_server.port());
    QVERIFY(proxy.listen());
    auto sideshow = newUser(QStringLiteral("Sideshow"), SyncMode::LongPoll, proxy.port());
    CHECKED(;);
    auto krusty = newUser(QStringLiteral("Krusty"));
    CHECKED(;);
    CHECKED(befriend(sideshow.get(), krusty.get()));

    QSignalSpy sent(sideshow.get(), &ClientSession::messageSent);
    QSignalSpy received(krusty.get(), &ClientSession::messageReceived);
    proxy.setDropReplies(true);
    const QString clientId = sideshow->send(krusty->user(), QStringLiteral("the rake"));
    // The server stored and delivered it, but the sender never heard back.
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    const qint64 msgId = received.first().at(0).value<Message>().msgId;
    QCOMPARE(sent.count(), 0);
    QCOMPARE(sideshow->outbox()->pending().size(), 1);

    QSignalSpy reconnected(sideshow.get(), &ClientSession::reconnected);
    proxy.setDropReplies(false);
    proxy.dropConnections();
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(sent.first().at(0).toString(), clientId);
    QCOMPARE(sent.first().at(1).toLongLong(), msgId);
    QVERIFY(sideshow->outbox()->pending().isEmpty());

    // Exactly one stored copy, and Krusty saw it once: a later message
    // arrives and the first was not repeated.
    sideshow->send(krusty->user(), QStringLiteral("marker"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWait);
    QCOMPARE(received.at(1).at(0).value<Message>().text, QStringLiteral("marker"));
    const QList<Message> history =
        messagesFromHistory(await(krusty->history(sideshow->user())).reply);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(1).msgId, msgId);
}

void TestClientSession::resumeRefusedReportsSessionExpired()
{
    TcpProxy proxy(m_server.port());
    QVERIFY(proxy.listen());
    auto maude = newUser(QStringLiteral("Maude"), SyncMode::LongPoll, proxy.port());
    CHECKED(;);
    const QString user = maude->user();
    QSignalSpy expired(maude.get(), &ClientSession::sessionExpired);
    QSignalSpy states(maude.get(), &ClientSession::stateChanged);

    proxy.setRefuseConnections(true);
    proxy.dropConnections();
    QTRY_COMPARE_WITH_TIMEOUT(maude->state(), ClientSession::State::Reconnecting, kWait);
    // While Maude is away, a takeover ends her session.
    auto other = connectedSession();
    CHECKED(;);
    QVERIFY(await(other->login(user, kPassword, ClientSession::LoginOption::Takeover)).ok);
    QVERIFY(await(other->logout()).ok);

    const int acceptedBefore = proxy.acceptedCount();
    proxy.setRefuseConnections(false);
    QTRY_COMPARE_WITH_TIMEOUT(expired.count(), 1, kWait);
    QCOMPARE(maude->state(), ClientSession::State::Connected);
    QVERIFY(maude->token().isEmpty());
    // Reported, not retried.
    QTest::qWait(1500);
    QCOMPARE(proxy.acceptedCount(), acceptedBefore + 1);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(maude->state(), ClientSession::State::Connected);
    // And a fresh login works on the same connection.
    CHECKED(logIn(maude.get(), user));
    QVERIFY(await(maude->logout()).ok);
}

void TestClientSession::reconnectAfterServerKill()
{
    auto chief = newUser(QStringLiteral("Clancy"));
    CHECKED(;);
    auto lou = newUser(QStringLiteral("Lou"));
    CHECKED(;);
    CHECKED(befriend(chief.get(), lou.get()));
    QSignalSpy received(lou.get(), &ClientSession::messageReceived);
    QSignalSpy sent(chief.get(), &ClientSession::messageSent);
    chief->send(lou->user(), QStringLiteral("before the crash"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWait);
    const QString chiefToken = chief->token();

    QSignalSpy chiefBack(chief.get(), &ClientSession::reconnected);
    QSignalSpy louBack(lou.get(), &ClientSession::reconnected);
    m_server.kill();
    QTRY_COMPARE_WITH_TIMEOUT(chief->state(), ClientSession::State::Reconnecting, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(lou->state(), ClientSession::State::Reconnecting, kWait);

    // Written while the server is down: they wait in the outbox.
    chief->send(lou->user(), QStringLiteral("during the crash 1"));
    chief->send(lou->user(), QStringLiteral("during the crash 2"));
    QCOMPARE(chief->outbox()->pending().size(), 2);
    QTest::qWait(300); // a failed reconnect attempt or two

    QVERIFY2(m_server.restart(), m_server.output().constData());
    QTRY_COMPARE_WITH_TIMEOUT(chiefBack.count(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(louBack.count(), 1, kWait);
    QCOMPARE(chief->state(), ClientSession::State::LoggedIn);
    QCOMPARE(chief->token(), chiefToken); // the same session, resumed

    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 3, kWait);
    QVERIFY(chief->outbox()->pending().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 3, kWait);
    chief->send(lou->user(), QStringLiteral("after the crash"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 4, kWait);

    QStringList texts;
    QSet<qint64> ids;
    for (const QList<QVariant> &arguments : std::as_const(received)) {
        const auto message = arguments.at(0).value<Message>();
        texts.append(message.text);
        ids.insert(message.msgId);
    }
    QCOMPARE(texts, (QStringList{
                        QStringLiteral("before the crash"), QStringLiteral("during the crash 1"),
                        QStringLiteral("during the crash 2"), QStringLiteral("after the crash")}));
    QCOMPARE(ids.size(), 4);
    const QList<Message> history = messagesFromHistory(await(lou->history(chief->user())).reply);
    QCOMPARE(history.size(), 4);
}

QTEST_GUILESS_MAIN(TestClientSession)
#include "tst_clientsession.moc"
