// Sync, long polls, idempotent sends, friend events, large inboxes and
// durability across kill -9, over real sockets.
#include "servertest.h"

#include "protocol/frame.h"

#include <QElapsedTimer>
#include <QSet>

using namespace Palomar::Testing;

class SyncTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void longPollIsWokenBySend();
    void newSyncAnswersTheParkedOne();
    void requestsPipelinedBehindAParkedPollAreEachAnsweredOnce();
    void duplicateClientIdStoresOneMessage();
    void friendEvents();
    void syncRejectsBadArguments_data();
    void syncRejectsBadArguments();
    void cursorBeyondTheLastEventIsClamped();
    void tenThousandPendingEventsComeInPages();
    void acknowledgedWritesSurviveKillNine();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void SyncTest::initTestCase()
{
    // No request budget: the 10,000-message test sends faster than a person;
    // crash-level durability, as kill -9 is tested on a server of its own.
    m_server = std::make_unique<ServerProcess>(
        QStringList{str("--rate"), str("0"), str("--durability"), str("normal")});
    QVERIFY(m_server->start());
    TestClient client(m_server->port());
    for (const char *name : {"Homer", "Mario", "Kenny", "DaftPunk", "Ned"})
        QVERIFY(isOk(client.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_server->port(), str("Homer"), str("Mario")));
}

void SyncTest::longPollIsWokenBySend()
{
    TestClient mario(m_server->port());
    TestClient homer(m_server->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    mario.sync();
    homer.sync();
    const int poll = mario.post(str("sync"), {{str("after"), mario.cursor()}, {str("wait"), 30}});
    QTest::qWait(300);
    QVERIFY(!mario.hasReply(poll));
    // Later requests on the same connection overtake the parked poll.
    QVERIFY(isOk(mario.request(str("ping"))));

    QElapsedTimer timer;
    timer.start();
    QVERIFY(isOk(
        homer.request(str("send"), {{str("to"), str("Mario")}, {str("text"), str("wake up")}})));
    const QJsonObject answer = mario.reply(poll, 5000);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(isOk(answer));
    const QJsonArray events = answer.value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject().value(QLatin1String("text")).toString(), str("wake up"));
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    qInfo("long poll woken %lld ms after the send was posted", elapsed);

    // Mario's acknowledgement wakes Homer's parked poll with the receipt.
    const int homerPoll =
        homer.post(str("sync"), {{str("after"), homer.cursor()}, {str("wait"), 30}});
    QTest::qWait(200);
    mario.request(str("sync"), {{str("after"), answer.value(QLatin1String("cursor")).toInteger()}});
    const QJsonObject receipt = homer.reply(homerPoll, 5000);
    QCOMPARE(receipt.value(QLatin1String("events"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("status"))
                 .toString(),
             str("delivered"));
    homer.request(str("logout"));
    mario.request(str("logout"));
}

void SyncTest::newSyncAnswersTheParkedOne()
{
    TestClient mario(m_server->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();
    const int first = mario.post(str("sync"), {{str("after"), mario.cursor()}, {str("wait"), 30}});
    QTest::qWait(200);
    QElapsedTimer timer;
    timer.start();
    const int second = mario.post(str("sync"), {{str("after"), mario.cursor()}});
    const QJsonObject firstAnswer = mario.nextFrame(5000);
    QCOMPARE(firstAnswer.value(QLatin1String("id")).toInt(), first);
    QVERIFY(isOk(firstAnswer));
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(isOk(mario.reply(second, 5000)));
    mario.request(str("logout"));
}

// Answering the parked poll flushes at once, and the socket reports the bytes
// written from inside that flush: the next request must still wait for the
// new sync, and each request get its own answer, once, in order.
void SyncTest::requestsPipelinedBehindAParkedPollAreEachAnsweredOnce()
{
    TestClient mario(m_server->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();
    const int parked = mario.post(str("sync"), {{str("after"), mario.cursor()}, {str("wait"), 30}});
    // Answered after the sync was handled: from here on it is parked.
    QVERIFY(isOk(mario.request(str("ping"))));
    QVERIFY(!mario.hasReply(parked));

    const QList<std::pair<int, QString>> requests{
        {9001, str("sync")}, {9002, str("friends")}, {9003, str("groups")}, {9004, str("ping")}};
    QByteArray frames;
    for (const auto &[id, op] : requests) {
        QJsonObject request{{str("id"), id}, {str("op"), op}};
        if (op == str("sync"))
            request.insert(str("after"), mario.cursor());
        frames += Palomar::Protocol::encodeFrame(request);
    }
    mario.sendRaw(frames); // in one write: all four wait in the server's queue

    const QJsonObject first = mario.nextFrame(5000);
    QCOMPARE(first.value(QLatin1String("id")).toInt(), parked);
    QVERIFY(isOk(first));
    for (const auto &[id, op] : requests) {
        const QJsonObject answer = mario.nextFrame(5000);
        QCOMPARE(answer.value(QLatin1String("id")).toInt(), id);
        QVERIFY2(isOk(answer), qPrintable(op));
        // Each answer is the one its op asked for.
        const char *key = op == str("sync")      ? "events"
                          : op == str("friends") ? "friends"
                          : op == str("groups")  ? "groups"
                                                 : "ts";
        QVERIFY2(answer.contains(QLatin1String(key)), qPrintable(op));
    }
    // Nothing more: no request was answered twice.
    const int last = mario.post(str("ping"));
    QCOMPARE(mario.nextFrame(5000).value(QLatin1String("id")).toInt(), last);
    mario.request(str("logout"));
}

void SyncTest::duplicateClientIdStoresOneMessage()
{
    TestClient homer(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    const QJsonObject fields{{str("to"), str("Mario")},
                             {str("text"), str("once")},
                             {str("client_id"), str("outbox-42")}};
    const QJsonObject first = homer.request(str("send"), fields);
    const QJsonObject second = homer.request(str("send"), fields);
    QVERIFY(isOk(first) && isOk(second));
    QCOMPARE(second.value(QLatin1String("msg_id")), first.value(QLatin1String("msg_id")));
    QCOMPARE(second.value(QLatin1String("ts")), first.value(QLatin1String("ts")));
    int copies = 0;
    const QJsonObject history = homer.request(str("history"), {{str("peer"), str("Mario")}});
    for (const QJsonValue &message : history.value(QLatin1String("messages")).toArray())
        copies += message.toObject().value(QLatin1String("text")).toString() == str("once");
    QCOMPARE(copies, 1);
    // Another client_id is another message.
    QJsonObject other = fields;
    other.insert(str("client_id"), str("outbox-43"));
    QVERIFY(homer.request(str("send"), other).value(QLatin1String("msg_id")) !=
            first.value(QLatin1String("msg_id")));
    homer.request(str("logout"));
}

void SyncTest::friendEvents()
{
    TestClient kenny(m_server->port());
    TestClient daft(m_server->port());
    QVERIFY(isOk(kenny.login(str("Kenny"), kPassword)));
    QVERIFY(isOk(daft.login(str("DaftPunk"), kPassword)));
    kenny.sync();
    daft.sync();
    const auto only = [](const QList<QJsonObject> &events, const char *kind, const char *user) {
        return events.size() == 1 &&
               events.first().value(QLatin1String("kind")).toString() == QLatin1String(kind) &&
               events.first().value(QLatin1String("user")).toString() == QLatin1String(user);
    };
    // Decline.
    QVERIFY(isOk(kenny.request(str("friend_request"), {{str("user"), str("DaftPunk")}})));
    QVERIFY(only(daft.sync(), "friend_request", "Kenny"));
    QVERIFY(isOk(daft.request(str("friend_respond"),
                              {{str("user"), str("Kenny")}, {str("accept"), false}})));
    QVERIFY(only(kenny.sync(), "friend_declined", "DaftPunk"));
    QCOMPARE(errorOf(daft.request(str("friend_respond"),
                                  {{str("user"), str("Kenny")}, {str("accept"), true}})),
             str("no_such_request"));
    // Asking someone who already asked you accepts.
    QVERIFY(isOk(kenny.request(str("friend_request"), {{str("user"), str("DaftPunk")}})));
    daft.sync();
    QVERIFY(isOk(daft.request(str("friend_request"), {{str("user"), str("Kenny")}})));
    QVERIFY(only(kenny.sync(), "friend_added", "DaftPunk"));
    QVERIFY(only(daft.sync(), "friend_added", "Kenny"));
    QVERIFY(
        isOk(kenny.request(str("send"), {{str("to"), str("DaftPunk")}, {str("text"), str("hi")}})));
    // Unfriend: the other side is told, and messages stop.
    QVERIFY(isOk(daft.request(str("unfriend"), {{str("user"), str("Kenny")}})));
    QVERIFY(only(kenny.sync(), "friend_removed", "DaftPunk"));
    QCOMPARE(errorOf(kenny.request(str("send"),
                                   {{str("to"), str("DaftPunk")}, {str("text"), str("hi")}})),
             str("not_friends"));
    QCOMPARE(errorOf(kenny.request(str("unfriend"), {{str("user"), str("DaftPunk")}})),
             str("not_friends"));
    // The old conversation is still there to read.
    QCOMPARE(daft.request(str("history"), {{str("peer"), str("Kenny")}})
                 .value(QLatin1String("messages"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(errorOf(kenny.request(str("friend_request"), {{str("user"), str("Nobody")}})),
             str("no_such_user"));
    QCOMPARE(errorOf(kenny.request(str("friend_request"), {{str("user"), str("kenny")}})),
             str("bad_request"));
    kenny.request(str("logout"));
    daft.request(str("logout"));
}

void SyncTest::syncRejectsBadArguments_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::newRow("no after") << QJsonObject{};
    QTest::newRow("negative after") << QJsonObject{{str("after"), -1}};
    QTest::newRow("fractional after") << QJsonObject{{str("after"), 1.5}};
    QTest::newRow("after a string") << QJsonObject{{str("after"), str("0")}};
    QTest::newRow("wait 61") << QJsonObject{{str("after"), 0}, {str("wait"), 61}};
    QTest::newRow("limit 0") << QJsonObject{{str("after"), 0}, {str("limit"), 0}};
    QTest::newRow("limit over sync_limit") << QJsonObject{{str("after"), 0}, {str("limit"), 1001}};
}

void SyncTest::syncRejectsBadArguments()
{
    QFETCH(QJsonObject, fields);
    TestClient ned(m_server->port());
    QVERIFY(isOk(ned.login(str("Ned"), kPassword)));
    QCOMPARE(errorOf(ned.request(str("sync"), fields)), str("bad_request"));
    QVERIFY(isOk(ned.request(str("logout"))));
}

void SyncTest::cursorBeyondTheLastEventIsClamped()
{
    TestClient homer(m_server->port());
    TestClient mario(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    mario.sync();
    mario.sync();
    const qint64 cursor = mario.cursor();
    const QJsonObject ahead = mario.request(str("sync"), {{str("after"), cursor + 1000}});
    QCOMPARE(ahead.value(QLatin1String("cursor")).toInteger(), cursor);
    // A message sent afterwards is not lost to the over-eager cursor.
    QVERIFY(isOk(
        homer.request(str("send"), {{str("to"), str("Mario")}, {str("text"), str("still here")}})));
    const QJsonObject next = mario.request(str("sync"), {{str("after"), cursor}});
    QCOMPARE(next.value(QLatin1String("events")).toArray().size(), 1);
    homer.request(str("logout"));
    mario.request(str("logout"));
}

void SyncTest::tenThousandPendingEventsComeInPages()
{
    constexpr int kMessages = 10000;
    TestClient homer(m_server->port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    {
        TestClient mario(m_server->port());
        QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
        mario.sync();
        mario.sync();
        QVERIFY(isOk(mario.request(str("logout"))));
    }
    // Pipelined sends, 500 in flight at a time.
    QElapsedTimer timer;
    timer.start();
    for (int sent = 0; sent < kMessages;) {
        QList<int> ids;
        for (int i = 0; i < 500; ++i, ++sent) {
            ids.append(homer.post(
                str("send"), {{str("to"), str("Mario")}, {str("text"), QString::number(sent)}}));
        }
        for (const int id : ids)
            QVERIFY(isOk(homer.reply(id, 60000)));
    }
    qInfo("stored %d messages in %lld ms", kMessages, timer.elapsed());

    TestClient mario(m_server->port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    qint64 cursor = 0;
    int received = 0;
    int pages = 0;
    QList<qint64> pageTimes;
    bool more = true;
    QElapsedTimer total;
    total.start();
    while (more) {
        QElapsedTimer page;
        page.start();
        const QJsonObject answer = mario.request(str("sync"), {{str("after"), cursor}}, 30000);
        pageTimes.append(page.elapsed());
        QVERIFY(isOk(answer));
        const QJsonArray events = answer.value(QLatin1String("events")).toArray();
        QVERIFY(events.size() <= 1000);
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            if (event.value(QLatin1String("kind")).toString() == str("message")) {
                QCOMPARE(event.value(QLatin1String("text")).toString(), QString::number(received));
                ++received;
            }
        }
        cursor = answer.value(QLatin1String("cursor")).toInteger();
        more = answer.value(QLatin1String("more")).toBool();
        ++pages;
        QVERIFY(pages < 100);
    }
    mario.request(str("sync"), {{str("after"), cursor}}, 30000); // acknowledge the last page
    QCOMPARE(received, kMessages);
    QVERIFY(pages >= 10);
    qInfo("drained %d events in %d pages in %lld ms; pages took %s ms", received, pages,
          total.elapsed(), qPrintable([&pageTimes] {
              QStringList times;
              for (const qint64 time : pageTimes)
                  times.append(QString::number(time));
              return times.join(QLatin1Char(' '));
          }()));
    // Page times are reported, not asserted (timing belongs in the
    // benchmark: docs/performance.md, "A large inbox").
    homer.request(str("logout"));
    mario.request(str("logout"));
}

void SyncTest::acknowledgedWritesSurviveKillNine()
{
    ServerProcess server;
    QVERIFY(server.start());
    {
        TestClient client(server.port());
        QVERIFY(isOk(client.registerUser(str("Homer"), kPassword)));
        QVERIFY(isOk(client.registerUser(str("Mario"), kPassword)));
    }
    QVERIFY(befriend(server.port(), str("Homer"), str("Mario")));
    QSet<qint64> acknowledged;
    QString homerToken;
    {
        TestClient homer(server.port());
        const QJsonObject login = homer.login(str("Homer"), kPassword);
        homerToken = login.value(QLatin1String("token")).toString();
        QList<int> ids;
        for (int i = 0; i < 200; ++i)
            ids.append(homer.post(str("send"),
                                  {{str("to"), str("Mario")}, {str("text"), QString::number(i)}}));
        // Kill while replies are still arriving: whatever was acknowledged
        // must be there afterwards.
        for (int i = 0; i < 100; ++i) {
            const QJsonObject answer = homer.reply(ids.at(i), 10000);
            QVERIFY(isOk(answer));
            acknowledged.insert(answer.value(QLatin1String("msg_id")).toInteger());
        }
        server.kill();
    }
    QVERIFY(server.restart());
    // The session survived too: resume works after the restart.
    TestClient homer(server.port());
    QVERIFY(isOk(homer.request(str("resume"), {{str("token"), homerToken}})));
    TestClient mario(server.port());
    QVERIFY(isOk(mario.login(str("Mario"), kPassword)));
    QSet<qint64> received;
    qint64 lastText = -1;
    for (int round = 0; round < 10; ++round) {
        const QList<QJsonObject> events = mario.sync();
        for (const QJsonObject &event : events) {
            if (event.value(QLatin1String("kind")).toString() != str("message"))
                continue;
            const qint64 id = event.value(QLatin1String("msg_id")).toInteger();
            QVERIFY2(!received.contains(id), "delivered twice");
            received.insert(id);
            const qint64 text = event.value(QLatin1String("text")).toString().toLongLong();
            QVERIFY(text > lastText); // order holds
            lastText = text;
        }
        if (events.isEmpty())
            break;
    }
    QVERIFY(received.contains(acknowledged));
}

QTEST_GUILESS_MAIN(SyncTest)
#include "tst_sync.moc"
