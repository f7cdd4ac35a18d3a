// The Store's event inboxes: seqs, pending events, acknowledgement, batched
// appends (appendEvents) and delivery receipts of acknowledged message events
// (deliverAcked), on every enabled backend (see storetest.h).
#include "storetest.h"

#include <QJsonArray>
#include <QTest>

#include <utility>

using namespace Palomar::Server;
using namespace StoreTest;

namespace {

// (message id, sender id) of each acknowledged message, in order.
QList<std::pair<qint64, qint64>> pairs(const QList<AckedMessage> &acked)
{
    QList<std::pair<qint64, qint64>> result;
    for (const AckedMessage &message : acked)
        result.append({message.messageId, message.senderId});
    return result;
}

NewEvent numbered(int n, std::optional<qint64> messageId = std::nullopt)
{
    return {messageId ? QStringLiteral("message") : QStringLiteral("friend_added"),
            QJsonObject{{QStringLiteral("n"), n}}, messageId};
}

QList<int> numbers(const QList<EventRecord> &events)
{
    QList<int> result;
    for (const EventRecord &event : events)
        result.append(event.payload.value(QStringLiteral("n")).toInt());
    return result;
}

} // namespace

class TestStoreEvents : public StoreTestCase
{
    Q_OBJECT

private slots:
    // Seqs and inboxes
    void eventSeqsPerUser();
    void pendingEventsAfterAndLimit();
    void deleteAckedEvents();
    void appendEventForUnknownUserThrows();

    // Batched appends
    void appendEventsContiguous();
    void appendEventsInterleavedWithAppendEvent();
    void appendEventsOfNothing();
    void appendEventsForUnknownUserThrows();
    void appendEventsRollsBack();

    // Delivery receipts
    void deliverAcked();
    void deliverAckedSortedAndOnce();
    void deliverAckedIgnoresOtherInboxes();
    void deliverAckedOnlyMessageEvents();
};

// ---------------------------------------------------------------- seqs and inboxes

void TestStoreEvents::eventSeqsPerUser()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    QCOMPARE(m_store->lastSeq(a), qint64(0));

    QList<qint64> seqsOfA;
    for (int i = 0; i < 5; ++i) {
        seqsOfA.append(m_store->appendEvent(a, QStringLiteral("friend_added"), {}));
        if (i % 2 == 0)
            m_store->appendEvent(b, QStringLiteral("friend_added"), {});
    }
    QCOMPARE(seqsOfA, (QList<qint64>{1, 2, 3, 4, 5})); // b's events do not take a's numbers
    QCOMPARE(m_store->lastSeq(a), qint64(5));
    QCOMPARE(m_store->lastSeq(b), qint64(3));
    QCOMPARE(m_store->appendEvent(b, QStringLiteral("friend_added"), {}), qint64(4));
    QCOMPARE(m_store->lastSeq(a), qint64(5));
    QCOMPARE(m_store->lastSeq(a + b + 100), qint64(0)); // no such user
}

void TestStoreEvents::pendingEventsAfterAndLimit()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    QVERIFY(m_store->pendingEvents(a, 0, 10).isEmpty());

    const QJsonObject rich{
        {QStringLiteral("user"), QStringLiteral("bob")},
        {QStringLiteral("text"), QStringLiteral("caf\u00E9 \U0001F600")},
        {QStringLiteral("ts"), 1700000000000LL},
        {QStringLiteral("file"),
         QJsonObject{{QStringLiteral("size"), 3},
                     {QStringLiteral("tags"), QJsonArray{1, QStringLiteral("x")}}}},
        {QStringLiteral("none"), QJsonValue::Null}};
    m_store->appendEvent(a, QStringLiteral("friend_request"), rich);
    m_store->appendEvent(a, QStringLiteral("friend_added"), {{QStringLiteral("n"), 2}});
    m_store->appendEvent(b, QStringLiteral("friend_removed"), {{QStringLiteral("n"), 99}});
    m_store->appendEvent(a, QStringLiteral("message"), {{QStringLiteral("n"), 3}});

    const QList<EventRecord> all = m_store->pendingEvents(a, 0, 100);
    QCOMPARE(seqs(all), (QList<qint64>{1, 2, 3}));
    QCOMPARE(all.at(0).kind, QStringLiteral("friend_request"));
    QCOMPARE(all.at(0).payload, rich);
    QCOMPARE(all.at(1).kind, QStringLiteral("friend_added"));
    QCOMPARE(all.at(1).payload, (QJsonObject{{QStringLiteral("n"), 2}}));
    QCOMPARE(all.at(2).kind, QStringLiteral("message"));

    QCOMPARE(seqs(m_store->pendingEvents(a, 1, 100)), (QList<qint64>{2, 3}));
    QCOMPARE(seqs(m_store->pendingEvents(a, 0, 2)), (QList<qint64>{1, 2}));
    QCOMPARE(seqs(m_store->pendingEvents(a, 1, 1)), QList<qint64>{2});
    QVERIFY(m_store->pendingEvents(a, 3, 100).isEmpty());
    QCOMPARE(seqs(m_store->pendingEvents(b, 0, 100)), QList<qint64>{1});
    QCOMPARE(m_store->pendingEvents(b, 0, 100).at(0).payload.value(QStringLiteral("n")).toInt(),
             99);
}

void TestStoreEvents::deleteAckedEvents()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    for (int i = 0; i < 4; ++i) {
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        m_store->appendEvent(b, QStringLiteral("friend_added"), {});
    }

    QCOMPARE(m_store->deleteAckedEvents(a, 0), 0);
    QCOMPARE(m_store->deleteAckedEvents(a, 2), 2);
    QCOMPARE(seqs(m_store->pendingEvents(a, 0, 100)), (QList<qint64>{3, 4}));
    QCOMPARE(m_store->deleteAckedEvents(a, 2), 0);
    QCOMPARE(seqs(m_store->pendingEvents(b, 0, 100)), (QList<qint64>{1, 2, 3, 4})); // untouched

    // Seqs are never reused, even when the inbox is emptied.
    QCOMPARE(m_store->deleteAckedEvents(a, 100), 2);
    QVERIFY(m_store->pendingEvents(a, 0, 100).isEmpty());
    QCOMPARE(m_store->lastSeq(a), qint64(4));
    QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(5));
    QCOMPARE(seqs(m_store->pendingEvents(a, 0, 100)), QList<qint64>{5});
}

void TestStoreEvents::appendEventForUnknownUserThrows()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    QVERIFY_THROWS_EXCEPTION(StoreError,
                             m_store->appendEvent(a + 1000, QStringLiteral("friend_added"), {}));
    QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(1));
}

// ---------------------------------------------------------------- batched appends

void TestStoreEvents::appendEventsContiguous()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const qint64 m = addMessage(b, a, QStringLiteral("hi"), 10);

    const QJsonObject rich{{QStringLiteral("text"), QStringLiteral("caf\u00E9 \U0001F600")},
                           {QStringLiteral("list"), QJsonArray{1, QStringLiteral("x")}}};
    const QList<NewEvent> three{{QStringLiteral("friend_request"), rich, std::nullopt},
                                {QStringLiteral("message"), {{QStringLiteral("n"), 2}}, m},
                                {QStringLiteral("friend_added"), {}, std::nullopt}};
    QCOMPARE(m_store->appendEvents(a, three), qint64(1));
    QCOMPARE(m_store->lastSeq(a), qint64(3));
    QCOMPARE(m_store->lastSeq(b), qint64(0));

    const QList<EventRecord> events = m_store->pendingEvents(a, 0, 100);
    QCOMPARE(seqs(events), (QList<qint64>{1, 2, 3}));
    QCOMPARE(events.at(0).kind, QStringLiteral("friend_request"));
    QCOMPARE(events.at(0).payload, rich);
    QCOMPARE(events.at(1).kind, QStringLiteral("message"));
    QCOMPARE(events.at(1).payload, (QJsonObject{{QStringLiteral("n"), 2}}));
    QCOMPARE(events.at(2).kind, QStringLiteral("friend_added"));
    QCOMPARE(events.at(2).payload, QJsonObject());
    // The message id went in with its event: acknowledging it delivers m.
    QCOMPARE(pairs(m_store->deliverAcked(a, 2, 50)), (QList<std::pair<qint64, qint64>>{{m, b}}));

    // The next block follows on; a large block is one run of seqs.
    QList<NewEvent> many;
    for (int i = 0; i < 50; ++i)
        many.append(numbered(i));
    QCOMPARE(m_store->appendEvents(a, many), qint64(4));
    QCOMPARE(m_store->lastSeq(a), qint64(53));
    const QList<EventRecord> after = m_store->pendingEvents(a, 3, 100);
    QCOMPARE(after.size(), 50);
    for (int i = 0; i < after.size(); ++i) {
        QCOMPARE(after.at(i).seq, qint64(4 + i));
        QCOMPARE(after.at(i).payload.value(QStringLiteral("n")).toInt(), i);
    }
    QCOMPARE(m_store->appendEvents(a, {numbered(99)}), qint64(54));
    QCOMPARE(m_store->lastSeq(b), qint64(0));
}

void TestStoreEvents::appendEventsInterleavedWithAppendEvent()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const auto one = [&](qint64 user, int n) {
        return m_store->appendEvent(user, QStringLiteral("friend_added"),
                                    {{QStringLiteral("n"), n}});
    };

    QCOMPARE(one(a, 1), qint64(1));
    QCOMPARE(m_store->appendEvents(a, {numbered(2), numbered(3), numbered(4), numbered(5)}),
             qint64(2));
    QCOMPARE(one(a, 6), qint64(6));
    QCOMPARE(m_store->appendEvents(b, {numbered(101), numbered(102)}), qint64(1)); // own seqs
    QCOMPARE(m_store->appendEvents(a, {numbered(7)}), qint64(7));
    QCOMPARE(one(b, 103), qint64(3));
    QCOMPARE(m_store->appendEvents(a, {numbered(8), numbered(9)}), qint64(8));

    const QList<EventRecord> events = m_store->pendingEvents(a, 0, 100);
    QCOMPARE(seqs(events), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
    QCOMPARE(numbers(events), (QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9})); // in append order
    QCOMPARE(m_store->lastSeq(a), qint64(9));
    QCOMPARE(numbers(m_store->pendingEvents(b, 0, 100)), (QList<int>{101, 102, 103}));

    // Seqs are never reused after acknowledgement, batched or not.
    QCOMPARE(m_store->deleteAckedEvents(a, 9), 9);
    QCOMPARE(m_store->appendEvents(a, {numbered(10), numbered(11)}), qint64(10));
    QCOMPARE(one(a, 12), qint64(12));
    QCOMPARE(seqs(m_store->pendingEvents(a, 0, 100)), (QList<qint64>{10, 11, 12}));
}

void TestStoreEvents::appendEventsOfNothing()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    m_store->appendEvents(a, {});
    QCOMPARE(m_store->lastSeq(a), qint64(0));
    QVERIFY(m_store->pendingEvents(a, 0, 100).isEmpty());
    QCOMPARE(m_store->appendEvents(a, {numbered(1)}), qint64(1));
    m_store->appendEvents(a, {});
    QCOMPARE(m_store->lastSeq(a), qint64(1));
    QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(2));
}

void TestStoreEvents::appendEventsForUnknownUserThrows()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    QVERIFY_THROWS_EXCEPTION(StoreError,
                             m_store->appendEvents(a + 1000, {numbered(1), numbered(2)}));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(0));
    QCOMPARE(m_store->appendEvents(a, {numbered(1), numbered(2)}), qint64(1));
}

void TestStoreEvents::appendEventsRollsBack()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    {
        Store::Transaction transaction(*m_store);
        QCOMPARE(m_store->appendEvents(a, {numbered(1), numbered(2), numbered(3)}), qint64(1));
        QCOMPARE(m_store->lastSeq(a), qint64(3)); // visible inside
    }                                             // no commit: the reservation goes too
    QCOMPARE(m_store->lastSeq(a), qint64(0));
    QVERIFY(m_store->pendingEvents(a, 0, 100).isEmpty());
    {
        Store::Transaction transaction(*m_store);
        QCOMPARE(m_store->appendEvents(a, {numbered(1), numbered(2)}), qint64(1));
        QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(3));
        transaction.commit();
    }
    QCOMPARE(seqs(m_store->pendingEvents(a, 0, 100)), (QList<qint64>{1, 2, 3}));
}

// ---------------------------------------------------------------- delivery receipts

void TestStoreEvents::deliverAcked()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);
    using Acked = QList<std::pair<qint64, qint64>>;

    const qint64 m1 = addMessage(a, b, QStringLiteral("1"), 10);
    const qint64 m2 = addMessage(c, b, QStringLiteral("2"), 11);
    const qint64 m3 = addMessage(a, b, QStringLiteral("3"), 12);
    const qint64 s1 = m_store->appendEvent(b, QStringLiteral("message"), {}, m1);
    const qint64 s2 = m_store->appendEvent(b, QStringLiteral("message"), {}, m2);
    const qint64 s3 = m_store->appendEvent(b, QStringLiteral("friend_request"), {});
    const qint64 s4 = m_store->appendEvent(b, QStringLiteral("message"), {}, m3);
    QCOMPARE((QList<qint64>{s1, s2, s3, s4}), (QList<qint64>{1, 2, 3, 4}));

    QVERIFY(m_store->deliverAcked(b, 0, 100).isEmpty());
    QCOMPARE(pairs(m_store->deliverAcked(b, s1, 500)), (Acked{{m1, a}}));
    QVERIFY(m_store->deliverAcked(b, s1, 600).isEmpty()); // only once
    QCOMPARE(pairs(m_store->deliverAcked(b, s3, 700)), (Acked{{m2, c}}));
    QCOMPARE(pairs(m_store->deliverAcked(b, s4, 800)), (Acked{{m3, a}}));
    QVERIFY(m_store->deliverAcked(b, s4, 900).isEmpty());
    QVERIFY(m_store->deliverAcked(b, kNoBefore, 900).isEmpty());

    // Each delivery time is the first; none is read.
    const QList<MessageRecord> history = m_store->history(Store::directChat(a, b), kNoBefore, 50);
    QCOMPARE(ids(history), (QList<qint64>{m3, m1}));
    QCOMPARE(history.at(1).delivered, std::optional<qint64>(500));
    QCOMPARE(history.at(0).delivered, std::optional<qint64>(800));
    QVERIFY(!history.at(0).read && !history.at(1).read);
    const QList<MessageRecord> fromCarol = m_store->history(Store::directChat(b, c), kNoBefore, 50);
    QCOMPARE(fromCarol.at(0).delivered, std::optional<qint64>(700));

    // Acknowledged events may be deleted afterwards; that changes nothing.
    QCOMPARE(m_store->deleteAckedEvents(b, s4), 4);
    QVERIFY(m_store->deliverAcked(b, kNoBefore, 1000).isEmpty());
    QCOMPARE(m_store->history(Store::directChat(a, b), kNoBefore, 50).at(1).delivered,
             std::optional<qint64>(500));
}

void TestStoreEvents::deliverAckedSortedAndOnce()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    QList<qint64> sent; // ascending ids, senders alternating
    for (int i = 0; i < 6; ++i)
        sent.append(addMessage(i % 2 ? c : a, b, QString::number(i), 10 + i));
    // The inbox holds them out of order, two of them twice, in one batch.
    QList<NewEvent> events;
    for (const int i : {4, 1, 5, 0, 2, 1, 3, 4})
        events.append(numbered(i, sent.at(i)));
    QCOMPARE(m_store->appendEvents(b, events), qint64(1));

    const QList<AckedMessage> acked = m_store->deliverAcked(b, kNoBefore, 100);
    QList<std::pair<qint64, qint64>> expected;
    for (int i = 0; i < sent.size(); ++i)
        expected.append({sent.at(i), i % 2 ? c : a});
    QCOMPARE(pairs(acked), expected);
    QVERIFY(m_store->deliverAcked(b, kNoBefore, 200).isEmpty());

    // Only the seqs up to upTo count: a prefix of the inbox, still in id order.
    const qint64 m6 = addMessage(a, b, QStringLiteral("6"), 20);
    const qint64 m7 = addMessage(c, b, QStringLiteral("7"), 21);
    const qint64 m8 = addMessage(a, b, QStringLiteral("8"), 22);
    const qint64 first =
        m_store->appendEvents(b, {numbered(8, m8), numbered(6, m6), numbered(7, m7)});
    QCOMPARE(first, qint64(9));
    QCOMPARE(pairs(m_store->deliverAcked(b, first + 1, 300)),
             (QList<std::pair<qint64, qint64>>{{m6, a}, {m8, a}}));
    QCOMPARE(pairs(m_store->deliverAcked(b, first + 2, 400)),
             (QList<std::pair<qint64, qint64>>{{m7, c}}));
}

void TestStoreEvents::deliverAckedIgnoresOtherInboxes()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    QVERIFY(a > 0 && b > 0 && c > 0);

    const qint64 toBob = addMessage(a, b, QStringLiteral("to bob"), 10);
    const qint64 toAlice = addMessage(b, a, QStringLiteral("to alice"), 11);
    const qint64 group = m_store
                             ->insertMessage(QStringLiteral("g7"), a, std::nullopt, 7, {},
                                             QStringLiteral("to the group"), 12)
                             .value();
    // Seq 1 of bob's inbox and seq 1 of alice's refer to different messages.
    QCOMPARE(m_store->appendEvent(b, QStringLiteral("message"), {}, toBob), qint64(1));
    QCOMPARE(m_store->appendEvent(a, QStringLiteral("message"), {}, toAlice), qint64(1));
    QCOMPARE(m_store->appendEvent(b, QStringLiteral("message"), {}, group), qint64(2));
    QCOMPARE(m_store->appendEvent(c, QStringLiteral("message"), {}, group), qint64(1));

    QVERIFY(m_store->deliverAcked(c, 0, 50).isEmpty());
    QCOMPARE(pairs(m_store->deliverAcked(a, kNoBefore, 100)),
             (QList<std::pair<qint64, qint64>>{{toAlice, b}}));
    const QList<MessageRecord> chat = m_store->history(Store::directChat(a, b), kNoBefore, 50);
    QCOMPARE(ids(chat), (QList<qint64>{toAlice, toBob}));
    QCOMPARE(chat.at(0).delivered, std::optional<qint64>(100));
    QVERIFY(!chat.at(1).delivered); // in bob's inbox, not acknowledged by him

    // bob's acknowledgement delivers his 1:1 message. A group message is not
    // a 1:1 message: its receipts are per member (deliverAckedGroup), so its
    // own delivery time stays empty whoever acknowledges it.
    QCOMPARE(pairs(m_store->deliverAcked(b, 2, 300)),
             (QList<std::pair<qint64, qint64>>{{toBob, a}}));
    QVERIFY(m_store->deliverAcked(c, 1, 200).isEmpty());
    QVERIFY(!m_store->history(QStringLiteral("g7"), kNoBefore, 50).at(0).delivered);
    QVERIFY(m_store->deliverAcked(a + b + c + 100, kNoBefore, 400).isEmpty()); // no such user
}

void TestStoreEvents::deliverAckedOnlyMessageEvents()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    QVERIFY(a > 0 && b > 0);
    const qint64 m1 = addMessage(a, b, QStringLiteral("1"), 10);
    const qint64 m2 = addMessage(a, b, QStringLiteral("2"), 11);

    // Events of other kinds that name a message (a receipt, say) deliver nothing.
    m_store->appendEvent(b, QStringLiteral("receipt"), {}, m1);
    m_store->appendEvent(b, QStringLiteral("message_deleted"), {}, m2);
    m_store->appendEvent(b, QStringLiteral("friend_added"), {});
    m_store->appendEvent(b, QStringLiteral("message"), {}); // no message id
    QVERIFY(m_store->deliverAcked(b, kNoBefore, 100).isEmpty());
    for (const MessageRecord &message : m_store->history(Store::directChat(a, b), kNoBefore, 50))
        QVERIFY(!message.delivered);

    const qint64 seq = m_store->appendEvent(b, QStringLiteral("message"), {}, m2);
    QCOMPARE(pairs(m_store->deliverAcked(b, seq, 200)),
             (QList<std::pair<qint64, qint64>>{{m2, a}}));
    QVERIFY(!m_store->history(Store::directChat(a, b), kNoBefore, 50).at(1).delivered); // m1
}

QTEST_GUILESS_MAIN(TestStoreEvents)
#include "tst_store_events.moc"
