// A full disk (a database write that finds no room) becomes an `unavailable`
// reply with retry_after, never a crash, a half-done change or an
// `internal`; reads keep being served; and once there is room again the
// same server, without a restart, stores the same send once. The disk is
// filled with the test hook PALOMAR_SQLITE_MAX_PAGE_COUNT
// (docs/operations.md), and room is made by deleting a filler table.
#include "servertest.h"

#include "protocol/frame.h"

using namespace Palomar::Testing;

namespace {

constexpr int kRoomPages = 40;    // room left for the messages below (4 KiB pages)
constexpr int kFillerPages = 100; // what deleting the filler frees

QString textFor(int n)
{
    return QStringLiteral("m%1:").arg(n) + QString(8000, QLatin1Char('x'));
}

QJsonObject send(TestClient &client, int n)
{
    return client.request(str("send"), {{str("to"), str("Bob")},
                                        {str("text"), textFor(n)},
                                        {str("client_id"), QStringLiteral("c%1").arg(n)}});
}

// The message texts' prefixes ("m3") in Bob's pending events, in order.
QStringList messagesFor(TestClient &bob)
{
    const QJsonObject reply = bob.request(str("sync"), {{str("after"), 0}});
    QStringList texts;
    for (const QJsonValue &event : reply.value(QLatin1String("events")).toArray()) {
        const QJsonObject object = event.toObject();
        if (object.value(QLatin1String("kind")).toString() == QLatin1String("message"))
            texts.append(object.value(QLatin1String("text")).toString().section(u':', 0, 0));
    }
    return texts;
}

QStringList historyOf(TestClient &alice)
{
    const QJsonObject reply =
        alice.request(str("history"), {{str("peer"), str("Bob")}, {str("limit"), 200}});
    QStringList texts;
    for (const QJsonValue &message : reply.value(QLatin1String("messages")).toArray())
        texts.prepend(
            message.toObject().value(QLatin1String("text")).toString().section(u':', 0, 0));
    return texts;
}

// Starts `server` with Alice and Bob registered and friends.
bool startWithFriends(ServerProcess &server)
{
    if (!server.start())
        return false;
    {
        TestClient setup(server.port());
        for (const char *name : {"Alice", "Bob"}) {
            if (!isOk(setup.registerUser(str(name), kPassword)))
                return false;
        }
    }
    return befriend(server.port(), str("Alice"), str("Bob"));
}

} // namespace

class FaultsTest : public QObject
{
    Q_OBJECT

private slots:
    void fullDiskFailsCleanly();
    void oneFailingRequestInABatchFailsAlone();
};

void FaultsTest::fullDiskFailsCleanly()
{
    if (ServerProcess::usesPostgresql())
        QSKIP("the full-disk hook is SQLite's max_page_count");
    ServerProcess server;
    QVERIFY(startWithFriends(server));
    QVERIFY(server.terminate());
    const QString database = server.dataPath() + str("/palomar.db");
    // Pages the test can free later, while the server runs.
    sqliteValue(database, str("CREATE TABLE filler (data BLOB)"));
    sqliteValue(database, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                         "FROM n WHERE i < %1) INSERT INTO filler SELECT "
                                         "zeroblob(4000) FROM n")
                              .arg(kFillerPages));
    const qint64 pages = sqliteValue(database, str("PRAGMA page_count")).toLongLong();
    QVERIFY(pages > kFillerPages);

    // A disk with room for a few messages only.
    qputenv("PALOMAR_SQLITE_MAX_PAGE_COUNT", QByteArray::number(pages + kRoomPages));
    const bool started = server.start();
    qunsetenv("PALOMAR_SQLITE_MAX_PAGE_COUNT");
    QVERIFY(started);
    TestClient alice(server.port());
    TestClient bob(server.port());
    QVERIFY(isOk(alice.login(str("Alice"), kPassword)));
    QVERIFY(isOk(bob.login(str("Bob"), kPassword)));

    QStringList stored;
    int failed = -1;
    for (int n = 0; n < 100 && failed < 0; ++n) {
        const QJsonObject reply = send(alice, n);
        if (isOk(reply)) {
            stored.append(QStringLiteral("m%1").arg(n));
        } else {
            QCOMPARE(errorOf(reply), str("unavailable"));
            QVERIFY(reply.value(QLatin1String("retry_after")).toInt() > 0);
            failed = n;
        }
    }
    QVERIFY2(failed > 0, "the database never filled up (or the first send failed)");
    qInfo("%lld sends stored before the disk was full", qint64(stored.size()));
    QCOMPARE(errorOf(send(alice, failed)), str("unavailable")); // still full, still no crash

    // Reads keep working, and nothing of the failed send is anywhere.
    QVERIFY(isOk(alice.request(str("ping"))));
    QVERIFY(isOk(alice.request(str("friends"))));
    QVERIFY(isOk(bob.request(str("friends"))));
    QCOMPARE(historyOf(alice), stored);
    QCOMPARE(messagesFor(bob), stored);
    QVERIFY(server.isRunning());

    // Room again, the server still running: the same send (same client_id)
    // now succeeds, once.
    sqliteValue(database, str("DELETE FROM filler"));
    const QJsonObject retried = send(alice, failed);
    QVERIFY2(isOk(retried), qPrintable(errorOf(retried)));
    QVERIFY(isOk(send(alice, failed))); // idempotent: the same msg_id
    stored.append(QStringLiteral("m%1").arg(failed));
    QCOMPARE(historyOf(alice), stored);
    QCOMPARE(messagesFor(bob), stored);

    QVERIFY(server.terminate());
    QVERIFY(server.output().contains("unavailable"));
    QCOMPARE(sqliteIntegrity(database), str("ok"));
}

// Group commit: requests that arrive together share one transaction. One of
// them failing half-way (its message stored, its event refused by a trigger
// the test plants) fails alone: the others are stored and delivered once, and
// nothing of the failed one is left.
void FaultsTest::oneFailingRequestInABatchFailsAlone()
{
    if (ServerProcess::usesPostgresql())
        QSKIP("group commit batches requests on SQLite only");
    ServerProcess server;
    QVERIFY(startWithFriends(server));
    const QString database = server.dataPath() + str("/palomar.db");
    sqliteValue(database, str("CREATE TRIGGER refuse_boom BEFORE INSERT ON events "
                              "WHEN NEW.payload LIKE '%m1:boom%' "
                              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"));
    QCOMPARE(sqliteValue(database, str("SELECT count(*) FROM sqlite_master "
                                       "WHERE type = 'trigger' AND name = 'refuse_boom'"))
                 .toInt(),
             1);
    TestClient alice(server.port());
    TestClient bob(server.port());
    QVERIFY(isOk(alice.login(str("Alice"), kPassword)));
    QVERIFY(isOk(bob.login(str("Bob"), kPassword)));

    // Three sends in one write: read in one turn, committed in one batch.
    QByteArray frames;
    for (int n = 0; n < 3; ++n) {
        frames += Palomar::Protocol::encodeFrame(
            {{str("id"), 100 + n},
             {str("op"), str("send")},
             {str("to"), str("Bob")},
             {str("text"), n == 1 ? str("m1:boom") : QStringLiteral("m%1:").arg(n)},
             {str("client_id"), QStringLiteral("c%1").arg(n)}});
    }
    alice.sendRaw(frames);
    QVERIFY(isOk(alice.reply(100)));
    QCOMPARE(errorOf(alice.reply(101)), str("internal"));
    QVERIFY(isOk(alice.reply(102)));
    QCOMPARE(historyOf(alice), (QStringList{str("m0"), str("m2")}));
    QCOMPARE(messagesFor(bob), (QStringList{str("m0"), str("m2")}));

    // Without the trigger the same send (same client_id) goes through once.
    sqliteValue(database, str("DROP TRIGGER refuse_boom"));
    QVERIFY(isOk(alice.request(
        str("send"),
        {{str("to"), str("Bob")}, {str("text"), str("m1:boom")}, {str("client_id"), str("c1")}})));
    QCOMPARE(historyOf(alice), (QStringList{str("m0"), str("m2"), str("m1")}));
    QCOMPARE(messagesFor(bob), (QStringList{str("m0"), str("m2"), str("m1")}));
    QVERIFY(server.terminate());
    QVERIFY(server.output().contains("refused by the test")); // logged
}

QTEST_GUILESS_MAIN(FaultsTest)
#include "tst_faults.moc"
