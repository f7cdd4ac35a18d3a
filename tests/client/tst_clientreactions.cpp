// Reactions (the client library's class) against a real palomar-server:
// react and its events as typed signals, reactions and system lines parsed
// from history, group_admin and the system lines of group events.
#include "client/clientsession.h"
#include "client/reactions.h"
#include "clienttest.h"
#include "protocol/features.h"
#include "support/serverprocess.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;

class TestClientReactions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reactionsAsSignalsAndInHistory();
    void adminHandOverAndSystemLines();

private:
    ServerProcess m_server;
};

void TestClientReactions::initTestCase()
{
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientReactions::reactionsAsSignalsAndInHistory()
{
    auto homer = loggedInUser(m_server.port(), QStringLiteral("Homer"));
    auto marge = loggedInUser(m_server.port(), QStringLiteral("Marge"));
    QVERIFY(homer && marge);
    QVERIFY(homer->hasFeature(Palomar::Protocol::Feature::Reactions));
    CHECKED(befriend(homer.get(), marge.get()));
    Reactions homerReactions(homer.get());
    Reactions margeReactions(marge.get());
    QSignalSpy received(marge.get(), &ClientSession::messageReceived);
    homer->send(marge->user(), QStringLiteral("Mmm, donuts"));
    QVERIFY(received.wait(kWait) || received.size() > 0);
    const Message message = received.first().first().value<Message>();

    QSignalSpy toHomer(&homerReactions, &Reactions::reactionChanged);
    QSignalSpy toMarge(&margeReactions, &Reactions::reactionChanged);
    Answer answer = await(margeReactions.react(message.msgId, QStringLiteral("🍩")));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QTRY_COMPARE_WITH_TIMEOUT(toHomer.size(), 1, kWait);
    const Reaction told = toHomer.first().first().value<Reaction>();
    QCOMPARE(told.msgId, message.msgId);
    QCOMPARE(told.user, marge->user());
    QCOMPARE(told.emoji, QStringLiteral("🍩"));
    QCOMPARE(told.peer, marge->user());
    QVERIFY(told.seq > 0);
    // My own reaction is reported once the server took it.
    QTRY_COMPARE_WITH_TIMEOUT(toMarge.size(), 1, kWait);
    QCOMPARE(toMarge.first().first().value<Reaction>().user, marge->user());

    answer = await(homer->history(marge->user()));
    QVERIFY(answer.ok);
    QList<Message> history = messagesFromHistory(answer.reply);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().reactions,
             (QMap<QString, QStringList>{{QStringLiteral("🍩"), {marge->user()}}}));
    QVERIFY(!history.first().isSystemLine());
    // apply() keeps a message up to date: a change moves the name, "" drops it.
    Message kept = history.first();
    Reaction change = told;
    change.emoji = QStringLiteral("❤️");
    Reactions::apply(kept, change);
    QCOMPARE(kept.reactions,
             (QMap<QString, QStringList>{{QStringLiteral("❤️"), {marge->user()}}}));
    change.emoji.clear();
    Reactions::apply(kept, change);
    QVERIFY(kept.reactions.isEmpty());

    answer = await(margeReactions.react(999999, QStringLiteral("👍")));
    QCOMPARE(answer.error, QStringLiteral("no_such_message"));
    QCOMPARE(toMarge.size(), 1);
}

void TestClientReactions::adminHandOverAndSystemLines()
{
    auto homer = loggedInUser(m_server.port(), QStringLiteral("Homer2"));
    auto marge = loggedInUser(m_server.port(), QStringLiteral("Marge2"));
    QVERIFY(homer && marge);
    CHECKED(befriend(homer.get(), marge.get()));
    Reactions homerOps(homer.get());
    Reactions margeOps(marge.get());
    QSignalSpy margeLines(&margeOps, &Reactions::systemLinesAdded);
    Answer answer = await(homer->groupCreate(QStringLiteral("Couch"), {marge->user()}));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    const qint64 group = answer.reply.value(QLatin1String("group")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(margeLines.size(), 1, kWait);
    QCOMPARE(margeLines.first().at(0).toLongLong(), group);
    QList<Message> lines = margeLines.first().at(1).value<QList<Message>>();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().system.kind, QStringLiteral("created"));
    QCOMPARE(lines.first().system.name, QStringLiteral("Couch"));

    answer = await(margeOps.setGroupAdmin(group, homer->user()));
    QCOMPARE(answer.error, QStringLiteral("not_admin"));
    answer = await(homerOps.setGroupAdmin(group, marge->user()));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    QTRY_COMPARE_WITH_TIMEOUT(margeLines.size(), 2, kWait);
    lines = margeLines.at(1).at(1).value<QList<Message>>();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().system.kind, QStringLiteral("admin"));
    QCOMPARE(lines.first().system.by, homer->user());
    QCOMPARE(lines.first().system.user, marge->user());

    answer = await(marge->groupHistory(group));
    QVERIFY(answer.ok);
    const QList<Message> history = messagesFromHistory(answer.reply);
    QCOMPARE(history.size(), 2);
    QVERIFY(history.at(0).isSystemLine() && history.at(1).isSystemLine());
    QCOMPARE(history.at(0).system.kind, QStringLiteral("admin"));
    QCOMPARE(history.at(0).msgId, lines.first().msgId);
    QCOMPARE(history.at(1).system.kind, QStringLiteral("created"));
    QCOMPARE(history.at(1).from, homer->user());
}

QTEST_MAIN(TestClientReactions)
#include "tst_clientreactions.moc"
