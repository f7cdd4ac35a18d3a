// ClientSession and the server's registration policy: registration() after
// hello, register with and without an invitation code, the policy's errors
// (docs/protocol.md, "Registration policy").
#include "client/clientsession.h"
#include "clienttest.h"
#include "protocol/features.h"
#include "support/serverprocess.h"
#include "support/serverstore.h"

#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientRegistration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void policyIsKnownAfterHello_data();
    void policyIsKnownAfterHello();
    void registerWithAnInvite();
    void closedRegistration();

private:
    std::unique_ptr<ClientSession> connectedSession(const ServerProcess &server);

    ServerProcess m_open{{QStringLiteral("--registration"), QStringLiteral("open")}};
    ServerProcess m_invite{{QStringLiteral("--registration"), QStringLiteral("invite")}};
    ServerProcess m_closed{{QStringLiteral("--registration"), QStringLiteral("closed")}};
};

void TestClientRegistration::initTestCase()
{
    QVERIFY(m_open.start());
    QVERIFY(m_invite.start());
    QVERIFY(m_closed.start());
}

std::unique_ptr<ClientSession> TestClientRegistration::connectedSession(const ServerProcess &server)
{
    auto session = std::make_unique<ClientSession>();
    session->connectToServer(QStringLiteral("127.0.0.1"), server.port());
    [&] { QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClientSession::State::Connected, kWait); }();
    return session;
}

void TestClientRegistration::policyIsKnownAfterHello_data()
{
    QTest::addColumn<int>("server");
    QTest::addColumn<Registration>("policy");
    QTest::newRow("open") << 0 << Registration::Open;
    QTest::newRow("invite") << 1 << Registration::Invite;
    QTest::newRow("closed") << 2 << Registration::Closed;
}

void TestClientRegistration::policyIsKnownAfterHello()
{
    QFETCH(int, server);
    QFETCH(Registration, policy);
    const ServerProcess *process =
        QList<const ServerProcess *>{&m_open, &m_invite, &m_closed}[server];
    ClientSession session;
    QCOMPARE(session.registration(), Registration::Unknown);
    QVERIFY(!session.hasFeature(Palomar::Protocol::Feature::MessageInfo));
    session.connectToServer(QStringLiteral("127.0.0.1"), process->port());
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ClientSession::State::Connected, kWait);
    QCOMPARE(session.registration(), policy);
    // hello's features, whatever the policy (docs/protocol.md §3.1).
    for (const QString &feature : Palomar::Protocol::serverFeatures())
        QVERIFY2(session.hasFeature(feature), qPrintable(feature));
    QVERIFY(!session.hasFeature(QStringLiteral("teleport")));
    QCOMPARE(registrationFromName(QStringLiteral("someday")), Registration::Unknown);
}

void TestClientRegistration::registerWithAnInvite()
{
    auto store = Palomar::Testing::openServerStore(m_invite, QStringLiteral("client-test"));
    QVERIFY(store);
    QVERIFY(store->createInvite(QStringLiteral("CL1E-NT22-TEST"), std::nullopt, QString()));
    auto session = connectedSession(m_invite);
    QVERIFY(session);

    Answer answer = await(session->registerUser(QStringLiteral("Ralph"), kPassword));
    QCOMPARE(answer.error, QStringLiteral("invite_required"));
    answer = await(session->registerUser(QStringLiteral("Ralph"), kPassword,
                                         QStringLiteral("cl1e-nt22-tesT")));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QCOMPARE(store->invite(QStringLiteral("CL1ENT22TEST"))->usedBy, QStringLiteral("Ralph"));
    answer = await(session->registerUser(QStringLiteral("Wiggum"), kPassword,
                                         QStringLiteral("CL1E-NT22-TEST")));
    QCOMPARE(answer.error, QStringLiteral("invalid_invite"));

    // Under open, a code is accepted and ignored.
    auto open = connectedSession(m_open);
    QVERIFY(open);
    answer = await(open->registerUser(QStringLiteral("Ralph"), kPassword, QStringLiteral("X")));
    QVERIFY2(answer.ok, qPrintable(answer.error));
}

void TestClientRegistration::closedRegistration()
{
    auto session = connectedSession(m_closed);
    QVERIFY(session);
    const Answer answer = await(session->registerUser(QStringLiteral("Ralph"), kPassword));
    QCOMPARE(answer.error, QStringLiteral("registration_closed"));
}

QTEST_GUILESS_MAIN(TestClientRegistration)
#include "tst_clientregistration.moc"
