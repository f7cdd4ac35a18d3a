// Privacy (shared/client/privacy.h) against a real palomar-server: block,
// unblock and blocked; profiles and the profileChanged signal; setPassword
// and the session's rotated token, which a reconnect resumes with.
#include "client/clientsession.h"
#include "client/privacy.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientPrivacy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void blockAndUnblock();
    void profilesAndTheirEvents();
    void setPasswordRotatesTheToken();

private:
    ServerProcess m_server;
};

void TestClientPrivacy::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientPrivacy::blockAndUnblock()
{
    auto ann = loggedInUser(m_server.port(), QStringLiteral("AnnB"));
    auto bob = loggedInUser(m_server.port(), QStringLiteral("BobB"));
    QVERIFY(ann && bob);
    QVERIFY(ann->hasFeature(QStringLiteral("block")));
    CHECKED(befriend(ann.get(), bob.get()));
    QSignalSpy removed(bob.get(), &ClientSession::friendRemoved);
    Privacy privacy(ann.get());
    Answer answer = await(privacy.block(bob->user()));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, kWait);
    answer = await(privacy.blocked());
    const QJsonArray blocked = answer.reply.value(QLatin1String("blocked")).toArray();
    QCOMPARE(blocked.size(), 1);
    QCOMPARE(blocked.first().toObject().value(QLatin1String("user")).toString(), bob->user());
    QCOMPARE(await(bob->friendRequest(ann->user())).error, QStringLiteral("not_friends"));
    QCOMPARE(await(privacy.block(QStringLiteral("nobody here"))).error,
             QStringLiteral("no_such_user"));
    QVERIFY(await(privacy.unblock(bob->user())).ok);
    QVERIFY(await(privacy.blocked()).reply.value(QLatin1String("blocked")).toArray().isEmpty());
    QVERIFY(await(bob->friendRequest(ann->user())).ok);
}

void TestClientPrivacy::profilesAndTheirEvents()
{
    auto cy = loggedInUser(m_server.port(), QStringLiteral("CyP"));
    auto dee = loggedInUser(m_server.port(), QStringLiteral("DeeP"));
    QVERIFY(cy && dee);
    CHECKED(befriend(cy.get(), dee.get()));
    Privacy mine(cy.get());
    Privacy theirs(dee.get());
    QSignalSpy changed(&theirs, &Privacy::profileChanged);
    QVERIFY(await(mine.setDisplayName(QStringLiteral("Cy the Great"))).ok);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kWait);
    Profile profile = changed.first().first().value<Profile>();
    QCOMPARE(profile.user, cy->user());
    QCOMPARE(profile.displayName, QStringLiteral("Cy the Great"));
    QVERIFY(profile.avatarHash.isEmpty());

    const QByteArray jpeg = QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(300, 'j');
    QVERIFY(await(mine.setAvatar(jpeg)).ok);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kWait);
    profile = changed.last().first().value<Profile>();
    QCOMPARE(profile.displayName, QStringLiteral("Cy the Great")); // kept
    QCOMPARE(profile.avatarType, QStringLiteral("image/jpeg"));
    QCOMPARE(profile.avatarSize, jpeg.size());

    const Answer fetched = await(theirs.profile(cy->user(), true));
    QVERIFY2(fetched.ok, qPrintable(fetched.error));
    const Profile read = Profile::fromJson(fetched.reply);
    QCOMPARE(read.avatarData, jpeg);
    QCOMPARE(read.avatarHash, profile.avatarHash);
    QCOMPARE(await(mine.setAvatar(QByteArray("GIF89a"))).error, QStringLiteral("bad_request"));
    QCOMPARE(Profile::fromJson(await(mine.profile()).reply).displayName,
             QStringLiteral("Cy the Great"));

    // friends and group_info carry them too (Friend, GroupInfo).
    const FriendList friends = FriendList::fromJson(await(dee->friends()).reply);
    QCOMPARE(friends.friends.size(), 1);
    QCOMPARE(friends.friends.first().displayName, QStringLiteral("Cy the Great"));
    QCOMPARE(friends.friends.first().avatarHash, profile.avatarHash);
    const FriendList deesFriends = FriendList::fromJson(await(cy->friends()).reply);
    QCOMPARE(deesFriends.friends.size(), 1);
    QVERIFY(deesFriends.friends.first().displayName.isEmpty());
    QVERIFY(deesFriends.friends.first().avatarHash.isEmpty());
    const Answer created = await(dee->groupCreate(QStringLiteral("Pals"), {cy->user()}));
    QVERIFY2(created.ok, qPrintable(created.error));
    const Answer info =
        await(dee->groupInfo(created.reply.value(QLatin1String("group")).toInteger()));
    QVERIFY2(info.ok, qPrintable(info.error));
    const GroupInfo group = GroupInfo::fromJson(info.reply);
    QCOMPARE(group.members.size(), 2);
    QCOMPARE(group.displayNames,
             (QHash<QString, QString>{{cy->user(), QStringLiteral("Cy the Great")}}));
    QCOMPARE(group.avatarHashes, (QHash<QString, QString>{{cy->user(), profile.avatarHash}}));
}

void TestClientPrivacy::setPasswordRotatesTheToken()
{
    auto eve = loggedInUser(m_server.port(), QStringLiteral("EveP"));
    QVERIFY(eve);
    const QString oldToken = eve->token();
    Privacy privacy(eve.get());
    QSignalSpy rotated(&privacy, &Privacy::passwordChanged);
    QCOMPARE(await(privacy.setPassword(QStringLiteral("wrong one!"), QStringLiteral("a new one 1")))
                 .error,
             QStringLiteral("bad_credentials"));
    QCOMPARE(rotated.count(), 0);
    QCOMPARE(eve->token(), oldToken);
    const Answer answer = await(privacy.setPassword(kPassword, QStringLiteral("a new one 1")));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QCOMPARE(rotated.count(), 1);
    QVERIFY(eve->token() != oldToken);
    QCOMPARE(eve->token(), rotated.first().first().toString());
    // The old token no longer resumes; the session's new one does.
    ClientSession other;
    other.connectToServer(QStringLiteral("127.0.0.1"), m_server.port());
    QTRY_VERIFY_WITH_TIMEOUT(other.state() == ClientSession::State::Connected, kWait);
    QCOMPARE(await(other.resume(oldToken)).error, QStringLiteral("bad_credentials"));
    QVERIFY(await(other.resume(eve->token())).ok);
}

QTEST_GUILESS_MAIN(TestClientPrivacy)
#include "tst_clientprivacy.moc"
