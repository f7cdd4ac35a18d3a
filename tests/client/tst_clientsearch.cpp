// MessageSearch against a real palomar-server: the feature is advertised,
// results are parsed with their chat, pages follow the cursor, errors come
// back, and find() signals only the latest of several searches.
#include "client/clientsession.h"
#include "client/search.h"
#include "clienttest.h"
#include "support/serverprocess.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void searchParsesResultsAndPages();
    void errorsAreReported();
    void findSignalsOnlyTheLatest();

private:
    std::unique_ptr<ClientSession> newUser(const QString &user);
    qint64 send(ClientSession *from, const QString &to, const QString &text);

    ServerProcess m_server;
    std::unique_ptr<ClientSession> m_ann, m_bob;
};

std::unique_ptr<ClientSession> TestClientSearch::newUser(const QString &user)
{
    auto session = std::make_unique<ClientSession>();
    session->setReconnectDelays(100, 1000);
    session->connectToServer(QStringLiteral("127.0.0.1"), m_server.port());
    if (!QTest::qWaitFor([&] { return session->state() == ClientSession::State::Connected; },
                         kWait))
        return nullptr;
    if (!await(session->registerUser(user, kPassword)).ok ||
        !await(session->login(user, kPassword)).ok)
        return nullptr;
    return session;
}

qint64 TestClientSearch::send(ClientSession *from, const QString &to, const QString &text)
{
    const Answer answer = await(from->request(
        QStringLiteral("send"), {{QStringLiteral("to"), to}, {QStringLiteral("text"), text}}));
    return answer.reply.value(QLatin1String("msg_id")).toInteger();
}

void TestClientSearch::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
    m_ann = newUser(QStringLiteral("ann"));
    m_bob = newUser(QStringLiteral("bob"));
    QVERIFY(m_ann && m_bob);
    QVERIFY(await(m_ann->friendRequest(QStringLiteral("bob"))).ok);
    QVERIFY(
        await(m_bob->friendRespond(QStringLiteral("ann"), ClientSession::FriendResponse::Accept))
            .ok);
}

void TestClientSearch::searchParsesResultsAndPages()
{
    QVERIFY(m_ann->hasFeature(QStringLiteral("search")));
    const qint64 first = send(m_ann.get(), QStringLiteral("bob"), QStringLiteral("Café one"));
    const qint64 second = send(m_bob.get(), QStringLiteral("ann"), QStringLiteral("cafe two"));
    QVERIFY(first > 0 && second > first);
    MessageSearch search(m_ann.get());
    Answer answer = await(search.search(QStringLiteral("CAFE"), {}, 0, 1));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    SearchPage page = SearchPage::fromJson(answer.reply);
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().message.msgId, second);
    QCOMPARE(page.messages.first().message.from, QStringLiteral("bob"));
    QCOMPARE(page.messages.first().message.text, QStringLiteral("cafe two"));
    QCOMPARE(page.messages.first().peer, QStringLiteral("bob"));
    QCOMPARE(page.nextBefore, second);
    answer =
        await(search.search(QStringLiteral("caf"), {QStringLiteral("bob"), 0}, page.nextBefore, 1));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    page = SearchPage::fromJson(answer.reply);
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().message.msgId, first);
    // My own message has its ticks (delivered or not yet, as bob's client goes).
    QVERIFY(page.messages.first().message.status != MessageStatus::Unknown);
    QCOMPARE(page.nextBefore, first);
    answer = await(search.search(QStringLiteral("caf"), {}, first, 1));
    QVERIFY(answer.ok);
    page = SearchPage::fromJson(answer.reply);
    QVERIFY(page.messages.isEmpty());
    QCOMPARE(page.nextBefore, qint64(0));
}

void TestClientSearch::errorsAreReported()
{
    MessageSearch search(m_ann.get());
    QCOMPARE(await(search.search(QStringLiteral(" "))).error, QStringLiteral("bad_request"));
    QCOMPARE(await(search.search(QStringLiteral("x"), {QStringLiteral("nobody"), 0})).error,
             QStringLiteral("no_such_user"));
    QCOMPARE(await(search.search(QStringLiteral("x"), {QString(), 424242})).error,
             QStringLiteral("no_such_group"));
    QSignalSpy failed(&search, &MessageSearch::failed);
    search.find(QString());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
    QCOMPARE(failed.first().first().toString(), QStringLiteral("bad_request"));
}

void TestClientSearch::findSignalsOnlyTheLatest()
{
    const qint64 id = send(m_bob.get(), QStringLiteral("ann"), QStringLiteral("typing ahead"));
    QVERIFY(id > 0);
    MessageSearch search(m_ann.get());
    QSignalSpy found(&search, &MessageSearch::found);
    QSignalSpy failed(&search, &MessageSearch::failed);
    // As typed: "t", "ty", "typ", then an empty box (an error) and "typing".
    for (const char *typed : {"t", "ty", "typ", "", "typing"})
        search.find(QString::fromUtf8(typed));
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, kWait);
    // The others were superseded: nothing more comes.
    const Answer fence = await(m_ann->request(QStringLiteral("ping")));
    QVERIFY(fence.done);
    QCOMPARE(found.size(), 1);
    QCOMPARE(failed.size(), 0);
    const auto page = found.first().first().value<SearchPage>();
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().message.msgId, id);
}

QTEST_GUILESS_MAIN(TestClientSearch)
#include "tst_clientsearch.moc"
