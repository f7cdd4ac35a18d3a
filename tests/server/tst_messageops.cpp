// Replies, edits, deletes for everyone and forwards over real sockets: the
// events each recipient gets, history, the order of the checks, messages not
// yet delivered, files, the edit window, client_id, and (PostgreSQL) an edit
// on one instance reaching a long poll on the other.
#include "filetest.h"

using namespace Palomar::Testing;

namespace {

QStringList kindsOf(const QList<QJsonObject> &events)
{
    QStringList kinds;
    for (const QJsonObject &event : events)
        kinds.append(event.value(QLatin1String("kind")).toString());
    return kinds;
}

QJsonObject eventOfKind(const QList<QJsonObject> &events, const QString &kind)
{
    for (const QJsonObject &event : events) {
        if (event.value(QLatin1String("kind")).toString() == kind)
            return event;
    }
    return {};
}

// The newest message of a chat, as `history` shows it to `client`.
QJsonObject newestIn(TestClient &client, const std::pair<QString, QJsonValue> &chat)
{
    return client.request(str("history"), {{chat.first, chat.second}, {str("limit"), 1}})
        .value(str("messages"))
        .toArray()
        .first()
        .toObject();
}

} // namespace

class MessageOpsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helloNamesTheFeatures();
    void replyCarriesReplyTo();
    void replyToMustBeOfTheSameChat();
    void editChangesHistoryAndTellsTheRecipient();
    void editChecksInContractOrder();
    void editBeforeDeliveryChangesWhatIsDelivered();
    void deleteLeavesATombstone();
    void deleteBeforeDeliveryDeliversNothingOfIt();
    void groupEditAndDeleteReachEveryMember();
    void deletedFileMessageDeletesTheFile();
    void forwardCopiesTheMessage();
    void forwardIsIdempotentWithClientId();
    void forwardedFileOutlivesTheOriginal();
    void editWindowCloses();
    void editOnOneInstanceReachesTheOther();

private:
    TestClient &client(const char *name);
    qint64 send(const char *from, const char *to, const QString &text);

    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;           // the server's, once started
    ClientPool m_clients{m_port}; // logged-in clients by name
    qint64 m_group = 0;
};

TestClient &MessageOpsTest::client(const char *name)
{
    return m_clients(name);
}

qint64 MessageOpsTest::send(const char *from, const char *to, const QString &text)
{
    return client(from)
        .request(str("send"), {{str("to"), str(to)}, {str("text"), text}})
        .value(QLatin1String("msg_id"))
        .toInteger();
}

void MessageOpsTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{str("--rate"), str("0")});
    QVERIFY(m_server->start());
    m_port = m_server->port();
    TestClient setup(m_server->port());
    for (const char *name : {"Alice", "Bob", "Carol", "Dave"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    // Alice is friends with Bob and Carol, Bob with Carol; Dave with nobody.
    QVERIFY(befriend(m_server->port(), str("Alice"), str("Bob")));
    QVERIFY(befriend(m_server->port(), str("Alice"), str("Carol")));
    QVERIFY(befriend(m_server->port(), str("Bob"), str("Carol")));
    for (const char *name : {"Alice", "Bob", "Carol", "Dave"})
        (void)client(name);
    const QJsonObject created = client("Alice").request(
        str("group_create"),
        {{str("name"), str("Friends")}, {str("members"), QJsonArray{str("Bob"), str("Carol")}}});
    QVERIFY(isOk(created));
    m_group = integerIn(created, "group");
    for (const char *name : {"Bob", "Carol"}) {
        client(name).sync();
        client(name).sync();
    }
}

void MessageOpsTest::helloNamesTheFeatures()
{
    TestClient fresh(m_server->port());
    const QJsonArray features =
        fresh.request(str("hello"), {{str("version"), 1}}).value(str("features")).toArray();
    for (const char *name : {"reply", "edit", "delete", "forward"})
        QVERIFY2(features.contains(str(name)), name);
}

void MessageOpsTest::replyCarriesReplyTo()
{
    const qint64 first = send("Alice", "Bob", str("lunch?"));
    QVERIFY(first > 0);
    client("Bob").sync();
    const QJsonObject reply = client("Bob").request(
        str("send"),
        {{str("to"), str("Alice")}, {str("text"), str("yes")}, {str("reply_to"), first}});
    QVERIFY(isOk(reply));
    const qint64 id = integerIn(reply, "msg_id");
    const QJsonObject event = eventOfKind(client("Alice").sync(), str("message"));
    QCOMPARE(integerIn(event, "msg_id"), id);
    QCOMPARE(integerIn(event, "reply_to"), first);
    const QJsonArray history =
        client("Alice")
            .request(str("history"), {{str("peer"), str("Bob")}, {str("limit"), 2}})
            .value(str("messages"))
            .toArray();
    QCOMPARE(history.size(), 2);
    QCOMPARE(integerIn(history.at(0).toObject(), "reply_to"), first);
    QVERIFY(!history.at(1).toObject().contains(str("reply_to"))); // only when it applies
    QVERIFY(!history.at(1).toObject().contains(str("edited")));
    // In a group too.
    const QJsonObject inGroup =
        client("Carol").request(str("send"), {{str("group"), m_group}, {str("text"), str("hi")}});
    const qint64 groupFirst = integerIn(inGroup, "msg_id");
    QVERIFY(isOk(client("Bob").request(
        str("send"),
        {{str("group"), m_group}, {str("text"), str("hello")}, {str("reply_to"), groupFirst}})));
    const QJsonObject groupEvent = eventOfKind(client("Carol").sync(), str("message"));
    QCOMPARE(integerIn(groupEvent, "reply_to"), groupFirst);
    client("Alice").sync();
    client("Bob").sync();
    client("Carol").sync();
}

void MessageOpsTest::replyToMustBeOfTheSameChat()
{
    const qint64 toCarol = send("Alice", "Carol", str("secret"));
    QVERIFY(toCarol > 0);
    TestClient &bob = client("Bob");
    // A message of a chat Bob cannot see, of another chat of his, none at all.
    QCOMPARE(errorOf(bob.request(
                 str("send"),
                 {{str("to"), str("Alice")}, {str("text"), str("x")}, {str("reply_to"), toCarol}})),
             str("no_such_message"));
    const qint64 bobToCarol = send("Bob", "Carol", str("other chat"));
    QCOMPARE(errorOf(bob.request(str("send"), {{str("to"), str("Alice")},
                                               {str("text"), str("x")},
                                               {str("reply_to"), bobToCarol}})),
             str("no_such_message"));
    QCOMPARE(errorOf(bob.request(str("send"), {{str("group"), m_group},
                                               {str("text"), str("x")},
                                               {str("reply_to"), bobToCarol}})),
             str("no_such_message"));
    QCOMPARE(errorOf(bob.request(str("send"), {{str("to"), str("Alice")},
                                               {str("text"), str("x")},
                                               {str("reply_to"), qint64(1) << 40}})),
             str("no_such_message"));
    QCOMPARE(errorOf(bob.request(str("send"), {{str("to"), str("Alice")},
                                               {str("text"), str("x")},
                                               {str("reply_to"), str("1")}})),
             str("bad_request"));
    // The target's own checks come first.
    QCOMPARE(errorOf(bob.request(
                 str("send"),
                 {{str("to"), str("Dave")}, {str("text"), str("x")}, {str("reply_to"), toCarol}})),
             str("not_friends"));
    client("Carol").sync();
    client("Carol").sync();
}

void MessageOpsTest::editChangesHistoryAndTellsTheRecipient()
{
    const qint64 id = send("Alice", "Bob", str("helo"));
    client("Bob").sync();
    client("Bob").sync(); // delivered and acknowledged
    const QJsonObject edited =
        client("Alice").request(str("edit"), {{str("msg_id"), id}, {str("text"), str("hello")}});
    QVERIFY(isOk(edited));
    const qint64 when = integerIn(edited, "edited");
    QVERIFY(when > 0);
    const QList<QJsonObject> events = client("Bob").sync();
    QCOMPARE(kindsOf(events), QStringList{str("edited")});
    const QJsonObject event = events.first();
    QVERIFY(event.value(str("seq")).toInteger() > 0);
    QCOMPARE(integerIn(event, "msg_id"), id);
    QCOMPARE(event.value(str("text")).toString(), str("hello"));
    QCOMPARE(event.value(str("from")).toString(), str("Alice"));
    QCOMPARE(event.value(str("to")).toString(), str("Bob"));
    QCOMPARE(integerIn(event, "edited"), when);
    client("Bob").sync(); // acknowledged like the others: not again
    QVERIFY(client("Bob").sync().isEmpty());
    for (const char *name : {"Alice", "Bob"}) {
        const QJsonObject latest = newestIn(
            client(name), {str("peer"), str(name == std::string("Alice") ? "Bob" : "Alice")});
        QCOMPARE(integerIn(latest, "msg_id"), id);
        QCOMPARE(latest.value(str("text")).toString(), str("hello"));
        QCOMPARE(integerIn(latest, "edited"), when);
    }
}

void MessageOpsTest::editChecksInContractOrder()
{
    const qint64 id = send("Alice", "Bob", str("mine"));
    TestClient anonymous(m_server->port());
    // Shape first, even before the session.
    QCOMPARE(errorOf(anonymous.request(str("edit"), {{str("msg_id"), id}})), str("bad_request"));
    QCOMPARE(
        errorOf(anonymous.request(str("edit"), {{str("msg_id"), id}, {str("text"), QString()}})),
        str("bad_request"));
    QCOMPARE(errorOf(anonymous.request(str("delete"), {{str("msg_id"), str("x")}})),
             str("bad_request"));
    QCOMPARE(errorOf(anonymous.request(str("forward"), {{str("msg_id"), id}})), str("bad_request"));
    QCOMPARE(
        errorOf(anonymous.request(str("edit"), {{str("msg_id"), id}, {str("text"), str("x")}})),
        str("auth_required"));
    QCOMPARE(errorOf(anonymous.request(str("delete"), {{str("msg_id"), id}})),
             str("auth_required"));
    QCOMPARE(errorOf(anonymous.request(str("forward"),
                                       {{str("msg_id"), id}, {str("to"), str("Carol")}})),
             str("auth_required"));
    // Someone else's message, a message of a chat you cannot see, none.
    QCOMPARE(
        errorOf(client("Bob").request(str("edit"), {{str("msg_id"), id}, {str("text"), str("x")}})),
        str("not_sender"));
    QCOMPARE(errorOf(client("Bob").request(str("delete"), {{str("msg_id"), id}})),
             str("not_sender"));
    for (const char *name : {"Carol", "Dave"}) {
        QCOMPARE(errorOf(client(name).request(str("edit"),
                                              {{str("msg_id"), id}, {str("text"), str("x")}})),
                 str("no_such_message"));
        QCOMPARE(errorOf(client(name).request(str("delete"), {{str("msg_id"), id}})),
                 str("no_such_message"));
        QCOMPARE(errorOf(client(name).request(str("forward"),
                                              {{str("msg_id"), id}, {str("to"), str("Alice")}})),
                 str("no_such_message"));
    }
    QCOMPARE(errorOf(client("Alice").request(
                 str("edit"), {{str("msg_id"), qint64(1) << 40}, {str("text"), str("x")}})),
             str("no_such_message"));
    QCOMPARE(errorOf(client("Alice").request(
                 str("edit"), {{str("msg_id"), id}, {str("text"), QString(16385, QChar(u'x'))}})),
             str("too_large"));
    // Nothing changed.
    const QJsonObject latest = newestIn(client("Alice"), {str("peer"), str("Bob")});
    QCOMPARE(latest.value(str("text")).toString(), str("mine"));
    QVERIFY(!latest.contains(str("edited")));
    client("Bob").sync();
    client("Bob").sync();
}

void MessageOpsTest::editBeforeDeliveryChangesWhatIsDelivered()
{
    const qint64 id = send("Alice", "Bob", str("draft"));
    QVERIFY(isOk(
        client("Alice").request(str("edit"), {{str("msg_id"), id}, {str("text"), str("final")}})));
    const QList<QJsonObject> events = client("Bob").sync();
    QCOMPARE(kindsOf(events), (QStringList{str("message"), str("edited")}));
    // The pending message event carries the new text; the old one is nowhere.
    QCOMPARE(events.first().value(str("text")).toString(), str("final"));
    QVERIFY(events.first().value(str("edited")).toInteger() > 0);
    QCOMPARE(events.last().value(str("text")).toString(), str("final"));
    client("Bob").sync();
}

void MessageOpsTest::deleteLeavesATombstone()
{
    const qint64 id = send("Alice", "Bob", str("oops"));
    client("Bob").sync();
    client("Bob").sync();
    QVERIFY(isOk(client("Alice").request(str("delete"), {{str("msg_id"), id}})));
    const QList<QJsonObject> events = client("Bob").sync();
    QCOMPARE(kindsOf(events), QStringList{str("deleted")});
    QCOMPARE(integerIn(events.first(), "msg_id"), id);
    QCOMPARE(events.first().value(str("from")).toString(), str("Alice"));
    client("Bob").sync();
    const QJsonObject tombstone = newestIn(client("Bob"), {str("peer"), str("Alice")});
    QCOMPARE(integerIn(tombstone, "msg_id"), id);
    QCOMPARE(tombstone.value(str("deleted")).toBool(), true);
    QCOMPARE(tombstone.value(str("text")).toString(), QString());
    // A tombstone cannot be edited, deleted, forwarded or replied to.
    TestClient &alice = client("Alice");
    QCOMPARE(errorOf(alice.request(str("edit"), {{str("msg_id"), id}, {str("text"), str("x")}})),
             str("no_such_message"));
    QCOMPARE(errorOf(alice.request(str("delete"), {{str("msg_id"), id}})), str("no_such_message"));
    QCOMPARE(
        errorOf(alice.request(str("forward"), {{str("msg_id"), id}, {str("to"), str("Carol")}})),
        str("no_such_message"));
    QCOMPARE(errorOf(alice.request(
                 str("send"),
                 {{str("to"), str("Bob")}, {str("text"), str("x")}, {str("reply_to"), id}})),
             str("no_such_message"));
}

void MessageOpsTest::deleteBeforeDeliveryDeliversNothingOfIt()
{
    const qint64 id = send("Alice", "Bob", str("never seen"));
    QVERIFY(isOk(client("Alice").request(
        str("edit"), {{str("msg_id"), id}, {str("text"), str("still unseen")}})));
    QVERIFY(isOk(client("Alice").request(str("delete"), {{str("msg_id"), id}})));
    const QList<QJsonObject> events = client("Bob").sync();
    // Only the deleted event (a client drops one for a message it never had).
    QCOMPARE(kindsOf(events), QStringList{str("deleted")});
    QCOMPARE(integerIn(events.first(), "msg_id"), id);
    client("Bob").sync();
    // And the message never turns "delivered" for its sender.
    const QJsonObject mine = newestIn(client("Alice"), {str("peer"), str("Bob")});
    QCOMPARE(mine.value(str("deleted")).toBool(), true);
    QCOMPARE(mine.value(str("status")).toString(), str("sent"));
}

void MessageOpsTest::groupEditAndDeleteReachEveryMember()
{
    const QJsonObject sent =
        client("Bob").request(str("send"), {{str("group"), m_group}, {str("text"), str("typo")}});
    const qint64 id = integerIn(sent, "msg_id");
    for (const char *name : {"Alice", "Carol"}) {
        client(name).sync();
        client(name).sync();
    }
    // Dave is no member; Alice (the admin) is not the sender.
    QCOMPARE(errorOf(client("Dave").request(str("edit"),
                                            {{str("msg_id"), id}, {str("text"), str("x")}})),
             str("no_such_message"));
    QCOMPARE(errorOf(client("Alice").request(str("delete"), {{str("msg_id"), id}})),
             str("not_sender"));
    client("Bob").sync();
    client("Bob").sync();
    QVERIFY(isOk(
        client("Bob").request(str("edit"), {{str("msg_id"), id}, {str("text"), str("fixed")}})));
    for (const char *name : {"Alice", "Carol"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(kindsOf(events), QStringList{str("edited")});
        QCOMPARE(integerIn(events.first(), "group"), m_group);
        QCOMPARE(events.first().value(str("text")).toString(), str("fixed"));
    }
    QVERIFY(isOk(client("Bob").request(str("delete"), {{str("msg_id"), id}})));
    for (const char *name : {"Alice", "Carol"}) {
        const QList<QJsonObject> events = client(name).sync();
        QCOMPARE(kindsOf(events), QStringList{str("deleted")});
        QCOMPARE(integerIn(events.first(), "group"), m_group);
        client(name).sync();
        const QJsonObject tombstone = newestIn(client(name), {str("group"), m_group});
        QCOMPARE(integerIn(tombstone, "msg_id"), id);
        QCOMPARE(tombstone.value(str("deleted")).toBool(), true);
        QCOMPARE(tombstone.value(str("text")).toString(), QString());
        QVERIFY(!tombstone.contains(str("edited")));
    }
    QVERIFY(client("Bob").sync().isEmpty()); // the sender gets nothing
}

void MessageOpsTest::deletedFileMessageDeletesTheFile()
{
    const QByteArray data = randomBytes(70000, 7);
    const QJsonObject begun = beginFile(client("Alice"), str("Bob"), 0, str("a.bin"), data);
    QVERIFY(isOk(begun));
    const qint64 fileId = integerIn(begun, "file_id");
    QVERIFY(sendChunks(client("Alice"), fileId, data, 32768, ChunkMode::Plain).isEmpty());
    const QJsonObject ended = client("Alice").request(str("file_end"), {{str("file_id"), fileId}});
    QVERIFY(isOk(ended));
    const qint64 id = integerIn(ended, "msg_id");
    client("Bob").sync();
    client("Bob").sync();
    QCOMPARE(downloadFile(client("Bob"), fileId, 65536).data, data);
    QVERIFY(isOk(client("Alice").request(str("delete"), {{str("msg_id"), id}})));
    for (const char *name : {"Alice", "Bob"})
        QCOMPARE(downloadFile(client(name), fileId, 65536).error, str("no_such_file"));
    const QJsonObject tombstone = newestIn(client("Bob"), {str("peer"), str("Alice")});
    QCOMPARE(tombstone.value(str("deleted")).toBool(), true);
    QVERIFY(!tombstone.contains(str("file")));
    client("Bob").sync();
    client("Bob").sync();
}

void MessageOpsTest::forwardCopiesTheMessage()
{
    const qint64 id = send("Alice", "Bob", str("pass it on"));
    client("Bob").sync();
    client("Bob").sync();
    // Bob forwards Alice's message to Carol, and into the group.
    const QJsonObject forwarded =
        client("Bob").request(str("forward"), {{str("msg_id"), id}, {str("to"), str("Carol")}});
    QVERIFY(isOk(forwarded));
    const qint64 copy = integerIn(forwarded, "msg_id");
    QVERIFY(copy != id);
    const QJsonObject event = eventOfKind(client("Carol").sync(), str("message"));
    QCOMPARE(integerIn(event, "msg_id"), copy);
    QCOMPARE(event.value(str("from")).toString(), str("Bob"));
    QCOMPARE(event.value(str("text")).toString(), str("pass it on"));
    QCOMPARE(event.value(str("forwarded")).toBool(), true);
    client("Carol").sync();
    const QJsonObject inHistory = newestIn(client("Carol"), {str("peer"), str("Bob")});
    QCOMPARE(integerIn(inHistory, "msg_id"), copy);
    QCOMPARE(inHistory.value(str("forwarded")).toBool(), true);
    QVERIFY(isOk(
        client("Bob").request(str("forward"), {{str("msg_id"), id}, {str("group"), m_group}})));
    QCOMPARE(eventOfKind(client("Alice").sync(), str("message")).value(str("forwarded")).toBool(),
             true);
    // The target's rules are send's.
    QCOMPARE(errorOf(client("Bob").request(str("forward"),
                                           {{str("msg_id"), id}, {str("to"), str("Dave")}})),
             str("not_friends"));
    QCOMPARE(errorOf(client("Bob").request(str("forward"),
                                           {{str("msg_id"), id}, {str("to"), str("Nobody")}})),
             str("no_such_user"));
    QCOMPARE(errorOf(client("Dave").request(str("forward"),
                                            {{str("msg_id"), id}, {str("group"), m_group}})),
             str("no_such_message"));
    QCOMPARE(errorOf(client("Bob").request(
                 str("forward"),
                 {{str("msg_id"), id}, {str("to"), str("Carol")}, {str("group"), m_group}})),
             str("bad_request"));
    for (const char *name : {"Alice", "Carol"}) {
        client(name).sync();
        client(name).sync();
    }
}

void MessageOpsTest::forwardIsIdempotentWithClientId()
{
    const qint64 id = send("Alice", "Bob", str("once"));
    const QJsonObject fields{
        {str("msg_id"), id}, {str("to"), str("Carol")}, {str("client_id"), str("fw-1")}};
    const QJsonObject first = client("Alice").request(str("forward"), fields);
    const QJsonObject again = client("Alice").request(str("forward"), fields);
    QVERIFY(isOk(first));
    QVERIFY(isOk(again));
    QCOMPARE(integerIn(again, "msg_id"), integerIn(first, "msg_id"));
    QCOMPARE(integerIn(again, "ts"), integerIn(first, "ts"));
    QCOMPARE(kindsOf(client("Carol").sync()), QStringList{str("message")});
    client("Carol").sync();
    client("Bob").sync();
    client("Bob").sync();
}

void MessageOpsTest::forwardedFileOutlivesTheOriginal()
{
    const QByteArray data = randomBytes(50000, 9);
    const QJsonObject begun = beginFile(client("Alice"), str("Bob"), 0, str("pic.png"), data);
    const qint64 fileId = integerIn(begun, "file_id");
    QVERIFY(sendChunks(client("Alice"), fileId, data, 16384, ChunkMode::Plain).isEmpty());
    const QJsonObject ended = client("Alice").request(str("file_end"), {{str("file_id"), fileId}});
    const qint64 id = integerIn(ended, "msg_id");
    client("Bob").sync();
    client("Bob").sync();
    // Bob forwards it to Carol: no upload, a file of its own.
    const QJsonObject forwarded =
        client("Bob").request(str("forward"), {{str("msg_id"), id}, {str("to"), str("Carol")}});
    QVERIFY(isOk(forwarded));
    const QJsonObject event = eventOfKind(client("Carol").sync(), str("message"));
    client("Carol").sync();
    const QJsonObject file = event.value(str("file")).toObject();
    const qint64 copyId = integerIn(file, "file_id");
    QVERIFY(copyId > 0 && copyId != fileId);
    QCOMPARE(file.value(str("name")).toString(), str("pic.png"));
    QCOMPARE(file.value(str("sha256")).toString(), sha256Of(data));
    QCOMPARE(event.value(str("forwarded")).toBool(), true);
    QCOMPARE(downloadFile(client("Carol"), copyId, 65536).data, data);
    // Carol cannot read the original; deleting it leaves the copy whole.
    QCOMPARE(downloadFile(client("Carol"), fileId, 65536).error, str("no_such_file"));
    QVERIFY(isOk(client("Alice").request(str("delete"), {{str("msg_id"), id}})));
    QCOMPARE(downloadFile(client("Bob"), fileId, 65536).error, str("no_such_file"));
    QCOMPARE(downloadFile(client("Carol"), copyId, 65536).data, data);
    // And deleting the copy does not bring anything back or break anything.
    QVERIFY(isOk(
        client("Bob").request(str("delete"), {{str("msg_id"), integerIn(forwarded, "msg_id")}})));
    QCOMPARE(downloadFile(client("Carol"), copyId, 65536).error, str("no_such_file"));
    for (const char *name : {"Bob", "Carol"}) {
        client(name).sync();
        client(name).sync();
    }
}

void MessageOpsTest::editWindowCloses()
{
    // A server of its own whose window is one second: wait until it is over.
    ServerProcess server({str("--rate"), str("0"), str("--edit-window"), str("1")});
    QVERIFY(server.start());
    TestClient setup(server.port());
    for (const char *name : {"Ann", "Ben"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(server.port(), str("Ann"), str("Ben")));
    TestClient ann(server.port());
    QVERIFY(isOk(ann.login(str("Ann"), kPassword)));
    const qint64 id = integerIn(
        ann.request(str("send"), {{str("to"), str("Ben")}, {str("text"), str("soon old")}}),
        "msg_id");
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        errorOf(ann.request(str("edit"), {{str("msg_id"), id}, {str("text"), str("late")}})),
        str("too_late"), 30000);
    QCOMPARE(errorOf(ann.request(str("delete"), {{str("msg_id"), id}})), str("too_late"));
    // Others still hear not_sender / no_such_message before the window.
    TestClient ben(server.port());
    QVERIFY(isOk(ben.login(str("Ben"), kPassword)));
    QCOMPARE(errorOf(ben.request(str("delete"), {{str("msg_id"), id}})), str("not_sender"));
    // An option out of range is a usage error.
    const ServerExit bad = runServerToExit({str("--edit-window"), str("0")});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains(str("edit-window")), qPrintable(bad.err));
}

void MessageOpsTest::editOnOneInstanceReachesTheOther()
{
    if (!ServerProcess::usesPostgresql())
        QSKIP("two instances on one database need PostgreSQL");
    ServerProcess other({str("--rate"), str("0")}, m_server.get());
    QVERIFY(other.start());
    TestClient bob(other.port());
    QVERIFY(isOk(bob.login(str("Bob"), kPassword, true)));
    bob.sync();
    bob.sync();
    const qint64 id = send("Alice", "Bob", str("cross"));
    QCOMPARE(kindsOf(bob.sync()), QStringList{str("message")});
    // Bob's long poll is parked on the other instance when Alice edits.
    const int poll = bob.post(str("sync"), {{str("after"), bob.cursor()}, {str("wait"), 25}});
    QVERIFY(isOk(
        client("Alice").request(str("edit"), {{str("msg_id"), id}, {str("text"), str("across")}})));
    const QJsonObject woken = bob.reply(poll, 30000);
    const QJsonArray events = woken.value(str("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject().value(str("kind")).toString(), str("edited"));
    QCOMPARE(events.first().toObject().value(str("text")).toString(), str("across"));
    QVERIFY(isOk(client("Alice").request(str("delete"), {{str("msg_id"), id}})));
    const qint64 cursor = woken.value(str("cursor")).toInteger();
    const QJsonObject next =
        bob.request(str("sync"), {{str("after"), cursor}, {str("wait"), 25}}, 30000);
    QCOMPARE(next.value(str("events")).toArray().first().toObject().value(str("kind")).toString(),
             str("deleted"));
    QVERIFY(
        isOk(bob.request(str("sync"), {{str("after"), next.value(str("cursor")).toInteger()}})));
}

QTEST_GUILESS_MAIN(MessageOpsTest)
#include "tst_messageops.moc"
