// LiveNotices against a real palomar-server: typing notices sent (rate-limited
// on the client too) and received as signals, presence changes of a friend,
// notices passed through the sync loop without moving its cursor.
#include "client/clientsession.h"
#include "client/livenotices.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void typingArrivesAsASignal();
    void presenceOfAFriend();

private:
    ServerProcess m_server;
};

void TestClientLive::initTestCase()
{
    QVERIFY(m_server.start());
}

void TestClientLive::typingArrivesAsASignal()
{
    auto ann = loggedInUser(m_server.port(), QStringLiteral("ann"));
    auto bob = loggedInUser(m_server.port(), QStringLiteral("bob"));
    QVERIFY(ann && bob);
    QSignalSpy added(bob.get(), &ClientSession::friendAdded);
    befriend(ann.get(), bob.get());
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, kWait); // bob's last event
    LiveNotices annLive(ann.get());
    LiveNotices bobLive(bob.get());
    QSignalSpy typing(&bobLive, &LiveNotices::typing);
    QSignalSpy cursor(bob.get(), &ClientSession::syncCursorChanged);
    Reply *first = annLive.sendTyping(QStringLiteral("bob"));
    QVERIFY(first);
    const Answer answer = await(first);
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QTRY_COMPARE_WITH_TIMEOUT(typing.count(), 1, kWait);
    QCOMPARE(typing.first().at(0).toString(), QStringLiteral("ann"));
    QCOMPARE(typing.first().at(1).toLongLong(), 0);
    QCOMPARE(typing.first().at(2).toInt(), 5);
    // The notice moved no cursor.
    QCOMPARE(cursor.count(), 0);
    // Rate-limited here too: a keystroke right after sends nothing.
    QElapsedTimer since;
    since.start();
    Reply *second = annLive.sendTyping(QStringLiteral("bob"));
    if (since.elapsed() < LiveNotices::kTypingIntervalMs)
        QVERIFY(!second);
    ann->logout();
    bob->logout();
}

void TestClientLive::presenceOfAFriend()
{
    auto cy = loggedInUser(m_server.port(), QStringLiteral("cy"));
    auto dee = loggedInUser(m_server.port(), QStringLiteral("dee"));
    QVERIFY(cy && dee);
    befriend(cy.get(), dee.get());
    LiveNotices cyLive(cy.get());
    QSignalSpy presence(&cyLive, &LiveNotices::presenceChanged);
    QVERIFY(await(dee->logout()).ok);
    QTRY_VERIFY_WITH_TIMEOUT(!presence.isEmpty() && !presence.last().at(1).toBool(), kWait);
    QCOMPARE(presence.last().at(0).toString(), QStringLiteral("dee"));
    QVERIFY(presence.last().at(2).toLongLong() > 0);
    QVERIFY(await(dee->login(QStringLiteral("dee"), kPassword)).ok);
    QTRY_VERIFY_WITH_TIMEOUT(presence.last().at(1).toBool(), kWait);
    QCOMPARE(presence.last().at(0).toString(), QStringLiteral("dee"));
    cy->logout();
}

QTEST_GUILESS_MAIN(TestClientLive)
#include "tst_clientlive.moc"
