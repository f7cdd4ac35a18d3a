// Blocks, profiles and set_password over real sockets (docs/protocol.md
// §3.34-3.36): what a blocked user can no longer do and what is stored of
// it (nothing), group messages hidden from the blocker, who sees a profile
// and who is told of a change, and a password change's session rotation.
#include "servertest.h"

using namespace Palomar::Testing;

namespace {

QStringList kindsOf(const QList<QJsonObject> &events)
{
    QStringList kinds;
    for (const QJsonObject &event : events)
        kinds.append(event.value(QLatin1String("kind")).toString());
    return kinds;
}

QStringList names(const QJsonArray &array, const char *key = nullptr)
{
    QStringList out;
    for (const QJsonValue &value : array)
        out.append(key ? value.toObject().value(QLatin1String(key)).toString() : value.toString());
    return out;
}

QStringList friendNames(TestClient &client)
{
    return names(client.request(str("friends")).value(QLatin1String("friends")).toArray(), "user");
}

QList<qint64> historyIds(TestClient &client, const QJsonObject &chat)
{
    QJsonObject fields = chat;
    fields.insert(str("limit"), 200);
    QList<qint64> ids;
    const QJsonObject history = client.request(str("history"), fields);
    for (const QJsonValue &value : history.value(QLatin1String("messages")).toArray())
        ids.append(value.toObject().value(QLatin1String("msg_id")).toInteger());
    return ids;
}

// A 1x1 PNG's first bytes are enough for the signature check.
QByteArray pngBytes(int size)
{
    QByteArray bytes("\x89PNG\r\n\x1A\n", 8);
    bytes.append(QByteArray(size - bytes.size(), 'p'));
    return bytes;
}

} // namespace

class PrivacyTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void blockEndsTheFriendshipAndRefusesEverything();
    void blockDropsPendingRequests();
    void blockedUsersGroupMessagesAreHidden();
    void blockChecks();
    void profileIsSeenByFriendsAndGroupMembersOnly();
    void setProfileValidates();
    void friendsAndGroupInfoCarryProfiles();
    void setPasswordRotatesTheSession();
    void setPasswordChecks();

private:
    TestClient &client(const char *name);

    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;           // the server's, once started
    ClientPool m_clients{m_port}; // logged-in clients by name
};

TestClient &PrivacyTest::client(const char *name)
{
    return m_clients(name);
}

void PrivacyTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{str("--rate"), str("0"), str("--hash-cost"), str("minimum")});
    QVERIFY(m_server->start());
    m_port = m_server->port();
    TestClient setup(m_server->port());
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe", "Ned", "Patty", "Selma"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    for (const auto &[a, b] : {std::pair{"Homer", "Marge"},
                               {"Homer", "Bart"},
                               {"Homer", "Lisa"},
                               {"Marge", "Bart"},
                               {"Patty", "Selma"}})
        QVERIFY(befriend(m_server->port(), str(a), str(b)));
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe", "Ned"})
        (void)client(name);
}

void PrivacyTest::blockEndsTheFriendshipAndRefusesEverything()
{
    TestClient &marge = client("Marge");
    TestClient &bart = client("Bart");
    QVERIFY(friendNames(marge).contains(str("Bart")));
    QVERIFY(isOk(marge.request(str("block"), {{str("user"), str("bart")}})));
    // Bart is told what an unfriend tells; Marge's list no longer has him.
    const QList<QJsonObject> events = bart.sync();
    QCOMPARE(kindsOf(events), QStringList{str("friend_removed")});
    QCOMPARE(events.first().value(QLatin1String("user")).toString(), str("Marge"));
    QVERIFY(!friendNames(marge).contains(str("Bart")));
    QVERIFY(!friendNames(bart).contains(str("Marge")));
    const QJsonArray blocked =
        marge.request(str("blocked")).value(QLatin1String("blocked")).toArray();
    QCOMPARE(names(blocked, "user"), QStringList{str("Bart")});
    QVERIFY(blocked.first().toObject().value(QLatin1String("since")).toInteger() > 0);

    // Bart's messages and requests are refused; nothing reaches Marge.
    QCOMPARE(
        errorOf(bart.request(str("send"), {{str("to"), str("Marge")}, {str("text"), str("hi")}})),
        str("not_friends"));
    QCOMPARE(errorOf(bart.request(str("friend_request"), {{str("user"), str("Marge")}})),
             str("not_friends"));
    QVERIFY(marge.sync().isEmpty());
    const QJsonObject margeFriends = marge.request(str("friends"));
    QVERIFY(margeFriends.value(QLatin1String("incoming")).toArray().isEmpty());
    QVERIFY(bart.request(str("friends")).value(QLatin1String("outgoing")).toArray().isEmpty());
    QVERIFY(historyIds(marge, {{str("peer"), str("Bart")}}).isEmpty());
    // Marge cannot ask him either while she blocks him.
    QCOMPARE(errorOf(marge.request(str("friend_request"), {{str("user"), str("Bart")}})),
             str("not_friends"));

    // Unblocked, they may become friends again.
    QVERIFY(isOk(marge.request(str("unblock"), {{str("user"), str("Bart")}})));
    QVERIFY(marge.request(str("blocked")).value(QLatin1String("blocked")).toArray().isEmpty());
    QVERIFY(isOk(bart.request(str("friend_request"), {{str("user"), str("Marge")}})));
    QCOMPARE(kindsOf(marge.sync()), QStringList{str("friend_request")});
    QVERIFY(isOk(
        marge.request(str("friend_respond"), {{str("user"), str("Bart")}, {str("accept"), true}})));
    QVERIFY(friendNames(marge).contains(str("Bart")));
    bart.sync();
    marge.sync();
}

void PrivacyTest::blockDropsPendingRequests()
{
    TestClient &moe = client("Moe");
    TestClient &ned = client("Ned");
    QVERIFY(isOk(moe.request(str("friend_request"), {{str("user"), str("Ned")}})));
    QCOMPARE(kindsOf(ned.sync()), QStringList{str("friend_request")});
    QVERIFY(isOk(ned.request(str("block"), {{str("user"), str("Moe")}})));
    QVERIFY(ned.request(str("friends")).value(QLatin1String("incoming")).toArray().isEmpty());
    QVERIFY(moe.request(str("friends")).value(QLatin1String("outgoing")).toArray().isEmpty());
    QCOMPARE(errorOf(ned.request(str("friend_respond"),
                                 {{str("user"), str("Moe")}, {str("accept"), true}})),
             str("no_such_request"));
    // Blocking twice is no error; Moe was told nothing (they were not friends).
    QVERIFY(isOk(ned.request(str("block"), {{str("user"), str("Moe")}})));
    QVERIFY(moe.sync().isEmpty());
    QVERIFY(isOk(ned.request(str("unblock"), {{str("user"), str("Moe")}})));
}

void PrivacyTest::blockedUsersGroupMessagesAreHidden()
{
    TestClient &homer = client("Homer");
    TestClient &lisa = client("Lisa");
    TestClient &bart = client("Bart");
    const QJsonObject created = homer.request(
        str("group_create"),
        {{str("name"), str("Kids")}, {str("members"), QJsonArray{str("Bart"), str("Lisa")}}});
    QVERIFY(isOk(created));
    const qint64 group = created.value(QLatin1String("group")).toInteger();
    lisa.sync();
    bart.sync();
    const qint64 before =
        bart.request(str("send"), {{str("group"), group}, {str("text"), str("a")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(before > 0);
    QCOMPARE(kindsOf(lisa.sync()), QStringList{str("message")});
    QVERIFY(isOk(lisa.request(str("block"), {{str("user"), str("Bart")}})));
    QVERIFY(bart.sync().isEmpty()); // not friends: nothing to tell
    const qint64 hidden =
        bart.request(str("send"), {{str("group"), group}, {str("text"), str("b")}})
            .value(QLatin1String("msg_id"))
            .toInteger();
    QVERIFY(hidden > before);
    // Lisa's own messages still reach Bart; his no longer reach her.
    QVERIFY(isOk(lisa.request(str("send"), {{str("group"), group}, {str("text"), str("c")}})));
    QCOMPARE(kindsOf(bart.sync()), QStringList{str("message")});
    QVERIFY(lisa.sync().isEmpty());
    const QList<QJsonObject> homers = homer.sync();
    QCOMPARE(kindsOf(homers).count(str("message")), 3);
    QVERIFY(!historyIds(lisa, {{str("group"), group}}).contains(hidden));
    QVERIFY(historyIds(lisa, {{str("group"), group}}).contains(before));
    QVERIFY(historyIds(homer, {{str("group"), group}}).contains(hidden));
    // Once Homer has read it, Bart's message is read by everyone it went to.
    QVERIFY(isOk(homer.request(str("read"), {{str("group"), group}, {str("up_to"), hidden}})));
    bool complete = false;
    QTRY_VERIFY_WITH_TIMEOUT(
        complete ||
            [&] {
                for (const QJsonObject &event : bart.sync()) {
                    if (event.value(QLatin1String("msg_id")).toInteger() == hidden &&
                        event.value(QLatin1String("complete")).toBool())
                        complete = true;
                }
                return complete;
            }(),
        20000);
    QVERIFY(isOk(lisa.request(str("unblock"), {{str("user"), str("Bart")}})));
}

void PrivacyTest::blockChecks()
{
    TestClient &homer = client("Homer");
    QCOMPARE(errorOf(homer.request(str("block"), {{str("user"), 5}})), str("bad_request"));
    QCOMPARE(errorOf(homer.request(str("block"), {{str("user"), str("Homer")}})),
             str("bad_request"));
    QCOMPARE(errorOf(homer.request(str("block"), {{str("user"), str("Nobody")}})),
             str("no_such_user"));
    QCOMPARE(errorOf(homer.request(str("unblock"), {{str("user"), str("Nobody")}})),
             str("no_such_user"));
    TestClient anonymous(m_server->port());
    QCOMPARE(errorOf(anonymous.request(str("blocked"))), str("auth_required"));
}

void PrivacyTest::profileIsSeenByFriendsAndGroupMembersOnly()
{
    TestClient &homer = client("Homer");
    TestClient &marge = client("Marge");
    TestClient &moe = client("Moe");
    TestClient &lisa = client("Lisa");
    // Unset: an empty name and no avatar.
    const QJsonObject empty = homer.request(str("profile"));
    QVERIFY(isOk(empty));
    QCOMPARE(empty.value(QLatin1String("user")).toString(), str("Homer"));
    QCOMPARE(empty.value(QLatin1String("display_name")).toString(), QString());
    QVERIFY(empty.value(QLatin1String("avatar")).isNull());

    const QByteArray avatar = pngBytes(2000);
    const QJsonObject set = marge.request(
        str("set_profile"), {{str("display_name"), str("  Marge Simpson ")},
                             {str("avatar"), QString::fromLatin1(avatar.toBase64())}});
    QVERIFY2(isOk(set), qPrintable(errorOf(set)));
    QCOMPARE(set.value(QLatin1String("display_name")).toString(), str("Marge Simpson"));
    const QJsonObject info = set.value(QLatin1String("avatar")).toObject();
    QCOMPARE(info.value(QLatin1String("type")).toString(), str("image/png"));
    QCOMPARE(info.value(QLatin1String("size")).toInteger(), 2000);
    const QString hash = info.value(QLatin1String("hash")).toString();
    QCOMPARE(hash.size(), 64);

    // Her friend Homer gets the event, and the bytes on asking.
    const QList<QJsonObject> events = homer.sync();
    QCOMPARE(kindsOf(events), QStringList{str("profile")});
    QCOMPARE(events.first().value(QLatin1String("user")).toString(), str("Marge"));
    QCOMPARE(events.first().value(QLatin1String("display_name")).toString(), str("Marge Simpson"));
    const QJsonObject seen =
        homer.request(str("profile"), {{str("user"), str("marge")}, {str("avatar_data"), true}});
    QVERIFY(isOk(seen));
    const QJsonObject seenAvatar = seen.value(QLatin1String("avatar")).toObject();
    QCOMPARE(seenAvatar.value(QLatin1String("hash")).toString(), hash);
    QCOMPARE(QByteArray::fromBase64(seenAvatar.value(QLatin1String("data")).toString().toLatin1()),
             avatar);
    // A stranger learns nothing, not even that she exists.
    QCOMPARE(errorOf(moe.request(str("profile"), {{str("user"), str("Marge")}})),
             str("no_such_user"));
    QCOMPARE(errorOf(moe.request(str("profile"), {{str("user"), str("Nobody")}})),
             str("no_such_user"));
    QVERIFY(moe.sync().isEmpty());

    // Lisa and Marge are not friends but share a group: she sees it, and is told.
    const QJsonObject created = homer.request(
        str("group_create"),
        {{str("name"), str("Family")}, {str("members"), QJsonArray{str("Marge"), str("Lisa")}}});
    QVERIFY(isOk(created));
    marge.sync();
    lisa.sync();
    QVERIFY(isOk(lisa.request(str("profile"), {{str("user"), str("Marge")}})));
    // Changing only the name keeps the avatar.
    const QJsonObject renamed =
        marge.request(str("set_profile"), {{str("display_name"), str("Midge")}});
    QVERIFY(isOk(renamed));
    QCOMPARE(
        renamed.value(QLatin1String("avatar")).toObject().value(QLatin1String("hash")).toString(),
        hash);
    const QList<QJsonObject> lisas = lisa.sync();
    QCOMPARE(kindsOf(lisas), QStringList{str("profile")});
    QCOMPARE(lisas.first().value(QLatin1String("display_name")).toString(), str("Midge"));
    homer.sync();
    // "" removes the avatar.
    const QJsonObject removed = marge.request(str("set_profile"), {{str("avatar"), QString()}});
    QVERIFY(isOk(removed));
    QVERIFY(removed.value(QLatin1String("avatar")).isNull());
    QVERIFY(lisa.request(str("profile"), {{str("user"), str("Marge")}})
                .value(QLatin1String("avatar"))
                .isNull());
    homer.sync();
    lisa.sync();
}

void PrivacyTest::setProfileValidates()
{
    TestClient &ned = client("Ned");
    QCOMPARE(errorOf(ned.request(str("set_profile"))), str("bad_request"));
    QCOMPARE(errorOf(ned.request(str("set_profile"), {{str("display_name"), 3}})),
             str("bad_request"));
    QCOMPARE(errorOf(ned.request(str("set_profile"), {{str("display_name"), str("a\nb")}})),
             str("bad_request"));
    QCOMPARE(errorOf(ned.request(str("set_profile"),
                                 {{str("display_name"), QString(65, QLatin1Char('x'))}})),
             str("bad_request"));
    QVERIFY(
        isOk(ned.request(str("set_profile"), {{str("display_name"), QString(64, QChar(0x00e9))}})));
    QCOMPARE(errorOf(ned.request(str("set_profile"), {{str("avatar"), str("not base64!")}})),
             str("bad_request"));
    QCOMPARE(errorOf(ned.request(
                 str("set_profile"),
                 {{str("avatar"), QString::fromLatin1(QByteArray("GIF89a").toBase64())}})),
             str("bad_request"));
    QCOMPARE(errorOf(ned.request(
                 str("set_profile"),
                 {{str("avatar"), QString::fromLatin1(pngBytes(64 * 1024 + 1).toBase64())}})),
             str("too_large"));
    QVERIFY(isOk(ned.request(
        str("set_profile"),
        {{str("avatar"), QString::fromLatin1(QByteArray("\xFF\xD8\xFF\xE0 jpeg").toBase64())}})));
    const QJsonObject mine = ned.request(str("profile"));
    QCOMPARE(mine.value(QLatin1String("display_name")).toString(), QString(64, QChar(0x00e9)));
    QCOMPARE(mine.value(QLatin1String("avatar")).toObject().value(QLatin1String("type")).toString(),
             str("image/jpeg"));
    TestClient anonymous(m_server->port());
    QCOMPARE(errorOf(anonymous.request(str("set_profile"), {{str("display_name"), str("x")}})),
             str("auth_required"));
}

// `friends` items and group_info's `profiles` carry the display name and the
// avatar's summary when set, so a client need not ask `profile` per person.
void PrivacyTest::friendsAndGroupInfoCarryProfiles()
{
    TestClient setup(m_port);
    for (const char *name : {"Apu", "Manjula", "Barney"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    QVERIFY(befriend(m_port, str("Apu"), str("Manjula")));
    QVERIFY(befriend(m_port, str("Apu"), str("Barney")));
    TestClient &apu = client("Apu");
    TestClient &manjula = client("Manjula");
    TestClient &barney = client("Barney");
    const QJsonObject set = apu.request(
        str("set_profile"), {{str("display_name"), str("Apu N.")},
                             {str("avatar"), QString::fromLatin1(pngBytes(3000).toBase64())}});
    QVERIFY2(isOk(set), qPrintable(errorOf(set)));
    const QJsonObject avatar = set.value(QLatin1String("avatar")).toObject();

    const auto friendItem = [](TestClient &client, const QString &name) {
        const QJsonArray friends =
            client.request(str("friends")).value(QLatin1String("friends")).toArray();
        for (const QJsonValue &item : friends) {
            if (item.toObject().value(QLatin1String("user")).toString() == name)
                return item.toObject();
        }
        return QJsonObject();
    };
    const QJsonObject apuSeen = friendItem(manjula, str("Apu"));
    QCOMPARE(apuSeen.value(QLatin1String("user")).toString(), str("Apu"));
    QCOMPARE(apuSeen.value(QLatin1String("display_name")).toString(), str("Apu N."));
    QCOMPARE(apuSeen.value(QLatin1String("avatar")).toObject(), avatar);
    QVERIFY(apuSeen.contains(QLatin1String("online")));
    // Nothing set: neither key.
    const QJsonObject manjulaSeen = friendItem(apu, str("Manjula"));
    QCOMPARE(manjulaSeen.value(QLatin1String("user")).toString(), str("Manjula"));
    QVERIFY(!manjulaSeen.contains(QLatin1String("display_name")));
    QVERIFY(!manjulaSeen.contains(QLatin1String("avatar")));

    // A group: Manjula sees Barney's profile (no friend of hers) in group_info.
    const QJsonObject created = apu.request(
        str("group_create"), {{str("name"), str("Kwik-E-Mart")},
                              {str("members"), QJsonArray{str("Manjula"), str("Barney")}}});
    QVERIFY(isOk(created));
    const qint64 group = created.value(QLatin1String("group")).toInteger();
    QVERIFY(isOk(barney.request(str("set_profile"), {{str("display_name"), str("Barn")}})));
    const QJsonObject info = manjula.request(str("group_info"), {{str("group"), group}});
    QVERIFY(isOk(info));
    const QJsonObject profiles = info.value(QLatin1String("profiles")).toObject();
    QCOMPARE(profiles.keys(), (QStringList{str("Apu"), str("Barney")}));
    const QJsonObject apuInGroup = profiles.value(QLatin1String("Apu")).toObject();
    QCOMPARE(apuInGroup.value(QLatin1String("display_name")).toString(), str("Apu N."));
    QCOMPARE(apuInGroup.value(QLatin1String("avatar")).toObject(), avatar);
    QCOMPARE(profiles.value(QLatin1String("Barney")).toObject(),
             (QJsonObject{{str("display_name"), str("Barn")}}));

    // Removed: gone from both.
    QVERIFY(isOk(apu.request(str("set_profile"),
                             {{str("display_name"), QString()}, {str("avatar"), QString()}})));
    const QJsonObject cleared = friendItem(manjula, str("Apu"));
    QCOMPARE(cleared.value(QLatin1String("user")).toString(), str("Apu"));
    QVERIFY(!cleared.contains(QLatin1String("display_name")));
    QVERIFY(!cleared.contains(QLatin1String("avatar")));
    const QJsonObject after = barney.request(str("group_info"), {{str("group"), group}});
    QCOMPARE(after.value(QLatin1String("profiles")).toObject().keys(), QStringList{str("Barney")});
    for (TestClient *member : {&apu, &manjula, &barney})
        member->sync();
}

void PrivacyTest::setPasswordRotatesTheSession()
{
    TestClient first(m_server->port());
    const QString oldToken =
        first.login(str("Patty"), kPassword).value(QLatin1String("token")).toString();
    QVERIFY(!oldToken.isEmpty());
    TestClient second(m_server->port());
    QVERIFY(isOk(second.request(str("resume"), {{str("token"), oldToken}})));

    const QString newPassword = str("new password 1");
    const QJsonObject changed =
        first.request(str("set_password"), {{str("old"), kPassword}, {str("new"), newPassword}});
    QVERIFY2(isOk(changed), qPrintable(errorOf(changed)));
    const QString newToken = changed.value(QLatin1String("token")).toString();
    QVERIFY(!newToken.isEmpty());
    QVERIFY(newToken != oldToken);
    // The caller goes on; the other connection on the old token is ended.
    QVERIFY(isOk(first.request(str("friends"))));
    QCOMPARE(errorOf(second.request(str("friends"))), str("session_replaced"));
    TestClient third(m_server->port());
    QCOMPARE(errorOf(third.request(str("resume"), {{str("token"), oldToken}})),
             str("bad_credentials"));
    QVERIFY(isOk(third.request(str("resume"), {{str("token"), newToken}})));
    QVERIFY(isOk(third.request(str("logout"))));
    // Only the new password logs in from now on.
    TestClient fourth(m_server->port());
    QCOMPARE(errorOf(fourth.login(str("Patty"), kPassword)), str("bad_credentials"));
    QVERIFY(isOk(fourth.login(str("Patty"), newPassword)));
}

void PrivacyTest::setPasswordChecks()
{
    TestClient selma(m_server->port());
    QVERIFY(isOk(selma.login(str("Selma"), kPassword)));
    QCOMPARE(errorOf(selma.request(str("set_password"), {{str("old"), kPassword}})),
             str("bad_request"));
    QCOMPARE(errorOf(selma.request(str("set_password"),
                                   {{str("old"), kPassword}, {str("new"), str("short")}})),
             str("weak_password"));
    QCOMPARE(errorOf(selma.request(str("set_password"), {{str("old"), str("wrong password")},
                                                         {str("new"), str("long enough 1")}})),
             str("bad_credentials"));
    // Nothing changed: the password and the session are as they were.
    QVERIFY(isOk(selma.request(str("friends"))));
    TestClient other(m_server->port());
    QCOMPARE(errorOf(other.login(str("Selma"), str("long enough 1"))), str("bad_credentials"));
    TestClient anonymous(m_server->port());
    QCOMPARE(errorOf(anonymous.request(str("set_password"), {{str("old"), kPassword},
                                                             {str("new"), str("long enough 1")}})),
             str("auth_required"));
}

QTEST_GUILESS_MAIN(PrivacyTest)
#include "tst_privacy.moc"
