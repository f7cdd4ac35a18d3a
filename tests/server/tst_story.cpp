// The brief's own story, played over real sockets against a real server:
// Homer, Mario, Kenny and DaftPunk register, befriend, chat while Kenny is
// offline, and watch their ticks turn.
#include "support/serverprocess.h"
#include "support/testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Palomar::Testing;

namespace {
const QString kPassword = QStringLiteral("correct horse");

QString str(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList kinds(const QList<QJsonObject> &events)
{
    QStringList result;
    for (const QJsonObject &event : events)
        result.append(event.value(QLatin1String("kind")).toString());
    return result;
}
} // namespace

class StoryTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void registration();
    void messageToStrangerIsRefused();
    void friendRequestIsAcceptedAndRequesterTold();
    void offlineUserGetsEverythingInOrderInOneSync();
    void ticksGoFromSentToDeliveredToRead();
    void historyPagesNewestFirst();

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestClient> m_homer;
    std::unique_ptr<TestClient> m_mario;
    std::unique_ptr<TestClient> m_kenny;
    QList<qint64> m_sentToKenny;
};

void StoryTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void StoryTest::registration()
{
    TestClient client(m_server->port());
    for (const char *name : {"Homer", "Mario", "Kenny", "DaftPunk"}) {
        const QJsonObject answer = client.registerUser(str(name), kPassword);
        QCOMPARE(answer.value(QLatin1String("ok")).toBool(), true);
    }
    // Names are unique case-insensitively.
    QCOMPARE(client.registerUser(str("homer"), kPassword).value(QLatin1String("error")).toString(),
             str("user_exists"));
    m_homer = std::make_unique<TestClient>(m_server->port());
    m_mario = std::make_unique<TestClient>(m_server->port());
    QJsonObject login = m_homer->login(str("homer"), kPassword);
    QVERIFY(login.value(QLatin1String("ok")).toBool());
    QCOMPARE(login.value(QLatin1String("user")).toString(), str("Homer")); // as registered
    QVERIFY(login.value(QLatin1String("token")).toString().size() >= 43);
    QVERIFY(m_mario->login(str("Mario"), kPassword).value(QLatin1String("ok")).toBool());
}

void StoryTest::messageToStrangerIsRefused()
{
    const QJsonObject answer = m_homer->request(
        str("send"), {{str("to"), str("Mario")}, {str("text"), str("It's me, Homer")}});
    QCOMPARE(answer.value(QLatin1String("ok")).toBool(), false);
    QCOMPARE(answer.value(QLatin1String("error")).toString(), str("not_friends"));
    // Nothing was stored: Mario has no event and the chat has no history.
    QVERIFY(m_mario->sync().isEmpty());
    const QJsonObject history = m_homer->request(str("history"), {{str("peer"), str("Mario")}});
    QVERIFY(history.value(QLatin1String("messages")).toArray().isEmpty());
}

void StoryTest::friendRequestIsAcceptedAndRequesterTold()
{
    QVERIFY(m_homer->request(str("friend_request"), {{str("user"), str("Mario")}})
                .value(QLatin1String("ok"))
                .toBool());
    // Pending on both sides.
    QJsonObject homerFriends = m_homer->request(str("friends"));
    QCOMPARE(homerFriends.value(QLatin1String("outgoing")).toArray(), QJsonArray{str("Mario")});
    QJsonObject marioFriends = m_mario->request(str("friends"));
    QCOMPARE(marioFriends.value(QLatin1String("incoming")).toArray(), QJsonArray{str("Homer")});
    QCOMPARE(m_homer->request(str("friend_request"), {{str("user"), str("Mario")}})
                 .value(QLatin1String("error"))
                 .toString(),
             str("request_pending"));

    // Mario is asked...
    const QList<QJsonObject> asked = m_mario->sync();
    QCOMPARE(kinds(asked), QStringList{str("friend_request")});
    QCOMPARE(asked.first().value(QLatin1String("user")).toString(), str("Homer"));
    // ... accepts, and Homer is told.
    QVERIFY(
        m_mario
            ->request(str("friend_respond"), {{str("user"), str("Homer")}, {str("accept"), true}})
            .value(QLatin1String("ok"))
            .toBool());
    const QList<QJsonObject> told = m_homer->sync();
    QCOMPARE(kinds(told), QStringList{str("friend_added")});
    QCOMPARE(told.first().value(QLatin1String("user")).toString(), str("Mario"));
    QCOMPARE(kinds(m_mario->sync()), QStringList{str("friend_added")});

    homerFriends = m_homer->request(str("friends"));
    const QJsonArray list = homerFriends.value(QLatin1String("friends")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QLatin1String("user")).toString(), str("Mario"));
    QCOMPARE(list.first().toObject().value(QLatin1String("online")).toBool(), true);
    QVERIFY(homerFriends.value(QLatin1String("outgoing")).toArray().isEmpty());
    QCOMPARE(m_homer->request(str("friend_request"), {{str("user"), str("Mario")}})
                 .value(QLatin1String("error"))
                 .toString(),
             str("already_friends"));
}

void StoryTest::offlineUserGetsEverythingInOrderInOneSync()
{
    // Kenny befriends both, then goes offline.
    {
        TestClient kenny(m_server->port());
        QVERIFY(kenny.login(str("Kenny"), kPassword).value(QLatin1String("ok")).toBool());
        for (const char *name : {"Homer", "Mario"})
            QVERIFY(kenny.request(str("friend_request"), {{str("user"), str(name)}})
                        .value(QLatin1String("ok"))
                        .toBool());
        QVERIFY(kenny.request(str("logout")).value(QLatin1String("ok")).toBool());
    }
    for (TestClient *client : {m_homer.get(), m_mario.get()}) {
        QVERIFY(client
                    ->request(str("friend_respond"),
                              {{str("user"), str("Kenny")}, {str("accept"), true}})
                    .value(QLatin1String("ok"))
                    .toBool());
    }
    // Homer sends 3 and Mario 2, interleaved, while Kenny is offline.
    const QList<std::pair<TestClient *, QString>> plan{{m_homer.get(), str("Homer 1")},
                                                       {m_mario.get(), str("Mario 1")},
                                                       {m_homer.get(), str("Homer 2")},
                                                       {m_homer.get(), str("Homer 3")},
                                                       {m_mario.get(), str("Mario 2")}};
    for (const auto &[client, text] : plan) {
        const QJsonObject sent =
            client->request(str("send"), {{str("to"), str("Kenny")}, {str("text"), text}});
        QVERIFY2(sent.value(QLatin1String("ok")).toBool(), qPrintable(text));
        QVERIFY(sent.value(QLatin1String("msg_id")).toInteger() > 0);
        QVERIFY(sent.value(QLatin1String("ts")).toInteger() > 0);
        m_sentToKenny.append(sent.value(QLatin1String("msg_id")).toInteger());
    }
    m_kenny = std::make_unique<TestClient>(m_server->port());
    QVERIFY(m_kenny->login(str("Kenny"), kPassword).value(QLatin1String("ok")).toBool());
    const QJsonObject answer = m_kenny->request(str("sync"), {{str("after"), 0}});
    QVERIFY(answer.value(QLatin1String("ok")).toBool());
    QCOMPARE(answer.value(QLatin1String("more")).toBool(), false);
    QList<QJsonObject> messages;
    qint64 lastSeq = 0;
    for (const QJsonValue &value : answer.value(QLatin1String("events")).toArray()) {
        const QJsonObject event = value.toObject();
        QVERIFY(event.value(QLatin1String("seq")).toInteger() > lastSeq);
        lastSeq = event.value(QLatin1String("seq")).toInteger();
        if (event.value(QLatin1String("kind")).toString() == str("message"))
            messages.append(event);
    }
    QCOMPARE(answer.value(QLatin1String("cursor")).toInteger(), lastSeq);
    QCOMPARE(messages.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(messages.at(i).value(QLatin1String("text")).toString(), plan.at(i).second);
        QCOMPARE(messages.at(i).value(QLatin1String("msg_id")).toInteger(), m_sentToKenny.at(i));
        QCOMPARE(messages.at(i).value(QLatin1String("to")).toString(), str("Kenny"));
        QCOMPARE(messages.at(i).value(QLatin1String("from")).toString(),
                 plan.at(i).second.section(QLatin1Char(' '), 0, 0));
    }
    // Unacknowledged events come again (at-least-once) until the cursor moves.
    const QJsonObject again = m_kenny->request(str("sync"), {{str("after"), 0}});
    QCOMPARE(again.value(QLatin1String("events")).toArray().size(),
             answer.value(QLatin1String("events")).toArray().size());
    // The senders are not sent their own messages.
    for (const QJsonObject &event : m_homer->sync())
        QVERIFY(event.value(QLatin1String("kind")).toString() != str("message"));
}

void StoryTest::ticksGoFromSentToDeliveredToRead()
{
    const auto statusOf = [](TestClient &client, qint64 id) {
        const QJsonObject history = client.request(
            QStringLiteral("history"), {{QStringLiteral("peer"), QStringLiteral("Kenny")}});
        for (const QJsonValue &value : history.value(QLatin1String("messages")).toArray()) {
            if (value.toObject().value(QLatin1String("msg_id")).toInteger() == id)
                return value.toObject().value(QLatin1String("status")).toString();
        }
        return QString();
    };
    const qint64 first = m_sentToKenny.first();
    QCOMPARE(statusOf(*m_homer, first), str("sent"));

    // Kenny acknowledges with his cursor: Homer gets "delivered" receipts,
    // already visible when the acknowledging reply arrives.
    const QJsonObject ack = m_kenny->request(str("sync"), {{str("after"), 1000000}});
    QVERIFY(ack.value(QLatin1String("ok")).toBool());
    QCOMPARE(statusOf(*m_homer, first), str("delivered"));
    QList<QJsonObject> receipts = m_homer->sync();
    QList<qint64> delivered;
    for (const QJsonObject &receipt : receipts) {
        QCOMPARE(receipt.value(QLatin1String("kind")).toString(), str("receipt"));
        QCOMPARE(receipt.value(QLatin1String("status")).toString(), str("delivered"));
        QCOMPARE(receipt.value(QLatin1String("by")).toString(), str("Kenny"));
        delivered.append(receipt.value(QLatin1String("msg_id")).toInteger());
    }
    QCOMPARE(delivered,
             (QList<qint64>{m_sentToKenny.at(0), m_sentToKenny.at(2), m_sentToKenny.at(3)}));

    // Kenny reads Homer's first two messages.
    QVERIFY(m_kenny
                ->request(str("read"),
                          {{str("peer"), str("Homer")}, {str("up_to"), m_sentToKenny.at(2)}})
                .value(QLatin1String("ok"))
                .toBool());
    receipts = m_homer->sync();
    QCOMPARE(receipts.size(), 2);
    for (const QJsonObject &receipt : receipts)
        QCOMPARE(receipt.value(QLatin1String("status")).toString(), str("read"));
    QCOMPARE(statusOf(*m_homer, m_sentToKenny.at(0)), str("read"));
    QCOMPARE(statusOf(*m_homer, m_sentToKenny.at(2)), str("read"));
    QCOMPARE(statusOf(*m_homer, m_sentToKenny.at(3)), str("delivered"));
    // Reading again sends no second receipt.
    QVERIFY(m_kenny
                ->request(str("read"),
                          {{str("peer"), str("Homer")}, {str("up_to"), m_sentToKenny.at(2)}})
                .value(QLatin1String("ok"))
                .toBool());
    QVERIFY(m_homer->sync().isEmpty());
}

void StoryTest::historyPagesNewestFirst()
{
    for (int i = 0; i < 7; ++i) {
        QVERIFY(m_homer
                    ->request(str("send"),
                              {{str("to"), str("Mario")}, {str("text"), QString::number(i)}})
                    .value(QLatin1String("ok"))
                    .toBool());
    }
    QJsonObject page =
        m_mario->request(str("history"), {{str("peer"), str("Homer")}, {str("limit"), 3}});
    QJsonArray messages = page.value(QLatin1String("messages")).toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).toObject().value(QLatin1String("text")).toString(), str("6"));
    QCOMPARE(messages.at(2).toObject().value(QLatin1String("text")).toString(), str("4"));
    // Only my own messages carry a status.
    QVERIFY(!messages.at(0).toObject().contains(QLatin1String("status")));
    const qint64 oldest = messages.at(2).toObject().value(QLatin1String("msg_id")).toInteger();
    page = m_mario->request(
        str("history"), {{str("peer"), str("Homer")}, {str("before"), oldest}, {str("limit"), 10}});
    messages = page.value(QLatin1String("messages")).toArray();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0).toObject().value(QLatin1String("text")).toString(), str("3"));
    QCOMPARE(messages.at(3).toObject().value(QLatin1String("text")).toString(), str("0"));
    QCOMPARE(m_mario->request(str("history"), {{str("peer"), str("Homer")}, {str("limit"), 201}})
                 .value(QLatin1String("error"))
                 .toString(),
             str("bad_request"));
    QCOMPARE(m_mario->request(str("history"), {{str("peer"), str("Nobody")}})
                 .value(QLatin1String("error"))
                 .toString(),
             str("no_such_user"));
}

QTEST_GUILESS_MAIN(StoryTest)
#include "tst_story.moc"
