// Ephemeral notices (docs/protocol.md §3.32, §3.37, §4): typing notices to a
// chat's online members and presence notices to a user's online friends,
// delivered at once to parked long polls and in the next sync of timer
// pollers, never stored (no seq, no cursor change), rate-limited, never to
// strangers; across two instances on one PostgreSQL database.
#include "servertest.h"

#include <QElapsedTimer>

using namespace Palomar::Testing;

namespace {

// The notices of `kind` in a sync reply (about `user`, when given).
QList<QJsonObject> noticesOf(const QJsonObject &reply, const QString &kind,
                             const QString &user = {})
{
    QList<QJsonObject> found;
    for (const QJsonValue &value : reply.value(QLatin1String("notices")).toArray()) {
        const QJsonObject notice = value.toObject();
        const QString about =
            notice.value(QLatin1String(kind == str("typing") ? "from" : "user")).toString();
        if (notice.value(QLatin1String("kind")).toString() == kind &&
            (user.isEmpty() || about == user))
            found.append(notice);
    }
    return found;
}

QJsonObject syncOnce(TestClient &client, qint64 after)
{
    return client.request(str("sync"), {{str("after"), after}});
}

// Takes and acknowledges what is pending (notices too): the cursor after.
qint64 settled(TestClient &client)
{
    client.sync();
    client.sync();
    return client.cursor();
}

// A long poll from `cursor` that only a notice or an event answers in time.
int park(TestClient &client, qint64 cursor)
{
    return client.post(str("sync"), {{str("after"), cursor}, {str("wait"), 60}});
}

} // namespace

class LiveTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void typingRejectsBadRequests();
    void parkedLongPollGetsTypingAtOnce();
    void timerPollerGetsTypingInItsNextSyncOnce();
    void typingIsRateLimitedPerChat();
    void groupTypingReachesOnlineMembersOnly();
    void strangersNeverGetNotices();
    void presenceOnLoginAndDisconnect();
    void noticesCrossInstances();

private:
    std::unique_ptr<ServerProcess> m_server;
    qint64 m_group = 0;
};

void LiveTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_server->start());
    TestClient client(m_server->port());
    for (const char *name : {"Homer", "Mario", "Kenny", "Ned", "Moe", "Lisa"})
        QVERIFY(isOk(client.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_server->port(), str("Homer"), str("Mario")));
    QVERIFY(befriend(m_server->port(), str("Homer"), str("Kenny")));
    QVERIFY(befriend(m_server->port(), str("Homer"), str("Lisa")));
    QVERIFY(befriend(m_server->port(), str("Kenny"), str("Ned")));
    TestClient homer(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    const QJsonObject created = homer.request(
        str("group_create"),
        {{str("name"), str("Bar")}, {str("members"), QJsonArray{str("Kenny"), str("Lisa")}}});
    QVERIFY(isOk(created));
    m_group = created.value(QLatin1String("group")).toInteger();
    QVERIFY(m_group > 0);
    homer.request(str("logout"));
}

void LiveTest::typingRejectsBadRequests()
{
    TestClient homer(m_server->port());
    QCOMPARE(errorOf(homer.request(str("typing"), {{str("to"), str("Mario")}})),
             str("auth_required"));
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QCOMPARE(errorOf(homer.request(str("typing"))), str("bad_request"));
    QCOMPARE(
        errorOf(homer.request(str("typing"), {{str("to"), str("Mario")}, {str("group"), m_group}})),
        str("bad_request"));
    QCOMPARE(errorOf(homer.request(str("typing"), {{str("to"), 7}})), str("bad_request"));
    QCOMPARE(errorOf(homer.request(str("typing"), {{str("to"), str("Nobody")}})),
             str("no_such_user"));
    QCOMPARE(errorOf(homer.request(str("typing"), {{str("to"), str("Homer")}})),
             str("not_friends"));
    QCOMPARE(errorOf(homer.request(str("typing"), {{str("group"), m_group + 1000}})),
             str("no_such_group"));
    QVERIFY(homer.request(str("hello"), {{str("version"), 1}})
                .value(QLatin1String("features"))
                .toArray()
                .contains(str("typing")));
    homer.request(str("logout"));
}

void LiveTest::parkedLongPollGetsTypingAtOnce()
{
    TestClient homer(m_server->port());
    TestClient mario(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    const qint64 cursor = settled(mario);
    const int poll = park(mario, cursor);
    QVERIFY(!mario.hasReply(poll));
    QElapsedTimer timer;
    timer.start();
    const QJsonObject sent = homer.request(str("typing"), {{str("to"), str("Mario")}});
    QVERIFY(isOk(sent));
    QCOMPARE(sent.value(QLatin1String("forwarded")).toBool(), true);
    const QJsonObject answer = mario.reply(poll, 30000);
    QVERIFY(isOk(answer));
    // Answered by the notice, long before the 60 s wait.
    QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
    const QList<QJsonObject> typing = noticesOf(answer, str("typing"), str("Homer"));
    QCOMPARE(typing.size(), 1);
    QCOMPARE(typing.first().value(QLatin1String("expires_in")).toInt(), 5);
    QVERIFY(!typing.first().contains(QLatin1String("seq")));
    QVERIFY(!typing.first().contains(QLatin1String("group")));
    // No event, no seq: the cursor stays.
    QCOMPARE(answer.value(QLatin1String("events")).toArray().size(), 0);
    QCOMPARE(answer.value(QLatin1String("cursor")).toInteger(), cursor);
    homer.request(str("logout"));
    mario.request(str("logout"));
}

void LiveTest::timerPollerGetsTypingInItsNextSyncOnce()
{
    TestClient kenny(m_server->port());
    TestClient ned(m_server->port());
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    QVERIFY(isOk(ned.login(str("Ned"), kPassword)));
    const qint64 cursor = settled(ned);
    QVERIFY(isOk(kenny.request(str("typing"), {{str("to"), str("Ned")}})));
    const QJsonObject first = syncOnce(ned, cursor);
    QCOMPARE(noticesOf(first, str("typing"), str("Kenny")).size(), 1);
    QCOMPARE(first.value(QLatin1String("cursor")).toInteger(), cursor);
    QCOMPARE(first.value(QLatin1String("events")).toArray().size(), 0);
    // Taken: the next sync does not repeat it, and nothing is stored.
    const QJsonObject second = syncOnce(ned, cursor);
    QVERIFY(isOk(second));
    QCOMPARE(noticesOf(second, str("typing")).size(), 0);
    QCOMPARE(second.value(QLatin1String("cursor")).toInteger(), cursor);
    // No seq was consumed: the next event follows the cursor.
    QVERIFY(isOk(kenny.request(str("send"), {{str("to"), str("Ned")}, {str("text"), str("hi")}})));
    const QJsonArray events = syncOnce(ned, cursor).value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject().value(QLatin1String("seq")).toInteger(), cursor + 1);
    kenny.request(str("logout"));
    ned.request(str("logout"));
}

void LiveTest::typingIsRateLimitedPerChat()
{
    TestClient homer(m_server->port());
    TestClient kenny(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    kenny.sync();
    kenny.sync();
    // The interval may have passed since an earlier test's notice: the
    // first forwarded one starts it.
    QElapsedTimer timer;
    while (!homer.request(str("typing"), {{str("to"), str("Kenny")}})
                .value(QLatin1String("forwarded"))
                .toBool()) {
    }
    timer.start();
    const QJsonObject again = homer.request(str("typing"), {{str("to"), str("Kenny")}});
    QVERIFY(isOk(again)); // accepted, and dropped within the interval
    if (timer.elapsed() < 2000)
        QCOMPARE(again.value(QLatin1String("forwarded")).toBool(), false);
    // Another chat has an interval of its own.
    QVERIFY(homer.request(str("typing"), {{str("group"), m_group}})
                .value(QLatin1String("forwarded"))
                .toBool());
    const QJsonObject reply = syncOnce(kenny, kenny.cursor());
    const QList<QJsonObject> typing = noticesOf(reply, str("typing"), str("Homer"));
    QCOMPARE(typing.size(), 2); // one of the direct chat, one of the group
    QCOMPARE(typing.at(0).contains(QLatin1String("group")) ||
                 typing.at(1).contains(QLatin1String("group")),
             true);
    homer.request(str("logout"));
    kenny.request(str("logout"));
}

void LiveTest::groupTypingReachesOnlineMembersOnly()
{
    TestClient homer(m_server->port());
    TestClient kenny(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    homer.sync();
    kenny.sync();
    // Lisa, a member, is offline: nothing waits for her.
    QVERIFY(isOk(kenny.request(str("typing"), {{str("group"), m_group}})));
    const QJsonObject toHomer = syncOnce(homer, homer.cursor());
    const QList<QJsonObject> typing = noticesOf(toHomer, str("typing"), str("Kenny"));
    QCOMPARE(typing.size(), 1);
    QCOMPARE(typing.first().value(QLatin1String("group")).toInteger(), m_group);
    // Not to the sender.
    QCOMPARE(noticesOf(syncOnce(kenny, kenny.cursor()), str("typing")).size(), 0);
    TestClient lisa(m_server->port());
    QVERIFY(isOk(lisa.login(str("Lisa"), kPassword)));
    QCOMPARE(noticesOf(syncOnce(lisa, 0), str("typing")).size(), 0);
    homer.request(str("logout"));
    kenny.request(str("logout"));
    lisa.request(str("logout"));
}

void LiveTest::strangersNeverGetNotices()
{
    TestClient homer(m_server->port());
    TestClient moe(m_server->port());
    QVERIFY(isOk(moe.login(str("Moe"), kPassword)));
    moe.sync();
    QVERIFY(isOk(homer.login(str("Homer"), kPassword))); // a stranger comes online
    QCOMPARE(errorOf(homer.request(str("typing"), {{str("to"), str("Moe")}})), str("not_friends"));
    QCOMPARE(errorOf(moe.request(str("typing"), {{str("group"), m_group}})), str("not_member"));
    QVERIFY(isOk(homer.request(str("logout"))));
    // A marker after all of that: whatever Moe was sent is in this sync.
    const QJsonObject reply = syncOnce(moe, moe.cursor());
    QVERIFY(isOk(reply));
    QVERIFY(!reply.contains(QLatin1String("notices")));
    moe.request(str("logout"));
}

void LiveTest::presenceOnLoginAndDisconnect()
{
    TestClient homer(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    const qint64 cursor = settled(homer);
    int poll = park(homer, cursor);
    auto mario = std::make_unique<TestClient>(m_server->port());
    QVERIFY(isOk(mario->login(str("Mario"), kPassword)));
    QJsonObject answer = homer.reply(poll, 30000);
    QList<QJsonObject> presence = noticesOf(answer, str("presence"), str("Mario"));
    QCOMPARE(presence.size(), 1);
    QCOMPARE(presence.first().value(QLatin1String("online")).toBool(), true);
    QVERIFY(presence.first().value(QLatin1String("last_seen")).toInteger() > 0);
    QCOMPARE(answer.value(QLatin1String("cursor")).toInteger(), cursor);

    // Mario's connection drops (no logout): offline, with the time.
    poll = park(homer, cursor);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    mario.reset();
    answer = homer.reply(poll, 30000);
    presence = noticesOf(answer, str("presence"), str("Mario"));
    QCOMPARE(presence.size(), 1);
    QCOMPARE(presence.first().value(QLatin1String("online")).toBool(), false);
    QVERIFY(presence.first().value(QLatin1String("last_seen")).toInteger() >= before - 1000);
    // `friends` agrees.
    const QJsonArray friends =
        homer.request(str("friends")).value(QLatin1String("friends")).toArray();
    for (const QJsonValue &entry : friends) {
        if (entry.toObject().value(QLatin1String("user")).toString() == str("Mario"))
            QCOMPARE(entry.toObject().value(QLatin1String("online")).toBool(), false);
    }

    // Logging out tells too.
    TestClient lisa(m_server->port());
    QVERIFY(isOk(lisa.login(str("Lisa"), kPassword)));
    // Held for Homer's next sync, which takes it (so it is asked once).
    const QList<QJsonObject> came =
        noticesOf(syncOnce(homer, cursor), str("presence"), str("Lisa"));
    QCOMPARE(came.size(), 1);
    QCOMPARE(came.first().value(QLatin1String("online")).toBool(), true);
    QVERIFY(isOk(lisa.request(str("logout"))));
    const QList<QJsonObject> gone =
        noticesOf(syncOnce(homer, cursor), str("presence"), str("Lisa"));
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.first().value(QLatin1String("online")).toBool(), false);
    homer.request(str("logout"));
}

void LiveTest::noticesCrossInstances()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("several instances need PostgreSQL");
    ServerProcess other(QStringList{str("--rate"), str("0")}, m_server.get());
    QVERIFY(other.start());
    TestClient homer(m_server->port());
    TestClient mario(other.port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    const qint64 cursor = settled(mario);
    // Homer comes online on the first instance: Mario's poll on the other
    // hears it.
    int poll = park(mario, cursor);
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QJsonObject answer = mario.reply(poll, 30000);
    QCOMPARE(noticesOf(answer, str("presence"), str("Homer")).size(), 1);
    // Then types.
    poll = park(mario, cursor);
    QVERIFY(isOk(homer.request(str("typing"), {{str("to"), str("Mario")}})));
    answer = mario.reply(poll, 30000);
    const QList<QJsonObject> typing = noticesOf(answer, str("typing"), str("Homer"));
    QCOMPARE(typing.size(), 1);
    QCOMPARE(answer.value(QLatin1String("cursor")).toInteger(), cursor);
    homer.request(str("logout"));
    mario.request(str("logout"));
}

QTEST_GUILESS_MAIN(LiveTest)
#include "tst_live.moc"
