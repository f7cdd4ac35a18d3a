// Event inboxes: seq reservation, the events queued for a commit, bulk
// acknowledgements and cross-instance notifications (see sql/*queries.sql).
#include "store.h"

#include "sqlcatalog.h"
#include "sqlitestatement.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace Palomar::Server {

namespace {

// NOTIFY payloads are limited to 8,000 bytes.
constexpr qsizetype kMaxNotifyPayload = 7900;

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// [[key, value], ...] in key order: a map as one bindable JSON text.
QString pairsJson(const QHash<qint64, qint64> &pairs)
{
    QList<qint64> keys = pairs.keys();
    std::sort(keys.begin(), keys.end());
    QByteArray json("[");
    for (const qint64 key : std::as_const(keys)) {
        if (json.size() > 1)
            json += ',';
        json += '[' + QByteArray::number(key) + ',' + QByteArray::number(pairs.value(key)) + ']';
    }
    json += ']';
    return QString::fromLatin1(json);
}

// [[user, upTo], ...]: the acknowledgements as one bindable JSON text.
QString acknowledgementsJson(const QList<Acknowledgement> &acks)
{
    QByteArray json("[");
    for (const Acknowledgement &ack : acks) {
        if (json.size() > 1)
            json += ',';
        json += '[' + QByteArray::number(ack.userId) + ',' + QByteArray::number(ack.upTo) + ']';
    }
    json += ']';
    return QString::fromLatin1(json);
}

} // namespace

const QString Store::kWakeupChannel = QStringLiteral("palomar_wake");
const QString Store::kInvalidationChannel = QStringLiteral("palomar_cache");

bool Store::supportsNotifications() const
{
    return SqlCatalog::dialect(m_config.backend).notifications;
}

void Store::setAcknowledgementHandler(AcknowledgementHandler handler)
{
    m_acknowledgementHandler = std::move(handler);
}

void Store::setCommitObserver(CommitObserver observer)
{
    m_commitObserver = std::move(observer);
}

QHash<qint64, qint64> Store::reserveSeqs(const QHash<qint64, qint64> &counts)
{
    QHash<qint64, qint64> last;
    if (counts.isEmpty())
        return last;
    // The row locks order concurrent writers to one inbox (taken in user id
    // order on PostgreSQL, so two transactions never wait for each other in
    // a circle), and seqs become visible in the order they were handed out.
    QSqlQuery &query = run("reserve_seqs_bulk", {pairsJson(counts)});
    while (query.next())
        last.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    query.finish();
    return last;
}

void Store::insertEventRows(const QList<CommittedEvent> &events)
{
    if (events.isEmpty())
        return;
    if (isSqlite()) {
        // In-process, a prepared row at a time costs less than parsing a
        // list (SqliteStatement).
        SqliteStatement &insert = direct("insert_event");
        for (const CommittedEvent &event : events) {
            const QByteArray kind = event.kind.toUtf8();
            insert.bind(1, event.userId);
            insert.bind(2, event.seq);
            insert.bind(3, kind);
            event.messageId ? insert.bind(4, *event.messageId) : insert.bindNull(4);
            insert.bind(5, event.payload);
            insert.step();
            insert.reset();
        }
        return;
    }
    QByteArray json("[");
    for (const CommittedEvent &event : events) {
        if (json.size() > 1)
            json += ',';
        json += '[' + QByteArray::number(event.userId) + ',' + QByteArray::number(event.seq) +
                ",\"" + event.kind.toLatin1() + "\",";
        // msg_id marks the events an acknowledgement turns into receipts.
        json += event.messageId ? QByteArray::number(*event.messageId) : QByteArray("null");
        json += ',' + event.payload + ']';
    }
    json += ']';
    run("insert_events_bulk", {QString::fromUtf8(json)}).finish();
}

qint64 Store::appendEvent(qint64 userId, const QString &kind, const QJsonObject &payload,
                          std::optional<qint64> messageId)
{
    return appendEvents(userId, {NewEvent{kind, payload, messageId}});
}

qint64 Store::appendEvents(qint64 userId, const QList<NewEvent> &events)
{
    if (events.isEmpty())
        return 0;
    const QHash<qint64, qint64> last = reserveSeqs({{userId, qint64(events.size())}});
    if (!last.contains(userId))
        throw StoreError(QStringLiteral("no inbox for user %1").arg(userId));
    const qint64 first = last.value(userId) - events.size() + 1;
    QList<CommittedEvent> rows;
    qint64 seq = first;
    for (const NewEvent &event : events)
        rows.append({userId, seq++, event.kind, compactJson(event.payload), event.messageId});
    insertEventRows(rows);
    if (m_transactionDepth > 0) {
        m_report.events += rows;
    } else if (m_commitObserver) {
        publish(rows);
        m_commitObserver(CommitReport{rows, {}});
    }
    return first;
}

void Store::queueEvents(qint64 userId, const QList<NewEvent> &events)
{
    if (events.isEmpty())
        return;
    if (m_transactionDepth == 0) {
        Transaction transaction(*this);
        queueEvents(userId, events);
        transaction.commit();
        return;
    }
    m_queuedEvents.append({userId, events});
}

void Store::queueAcknowledgement(qint64 userId, const QString &user, qint64 upTo, bool mayDeliver)
{
    Q_ASSERT(m_transactionDepth > 0);
    m_queuedAcks.append({userId, user, upTo, mayDeliver});
}

void Store::queueLastSeen(qint64 userId, qint64 ts)
{
    if (m_transactionDepth == 0) {
        run("set_last_seen_bulk", {pairsJson({{userId, ts}})}).finish();
        return;
    }
    qint64 &seen = m_queuedLastSeen[userId];
    seen = qMax(seen, ts);
}

void Store::queueWake(qint64 userId)
{
    if (m_transactionDepth == 0) {
        if (m_commitObserver)
            m_commitObserver(CommitReport{{}, {userId}});
        return;
    }
    m_queuedWakes.append(userId);
}

void Store::queueInvalidation(const QString &key)
{
    if (supportsNotifications() && !m_queuedInvalidations.contains(key))
        m_queuedInvalidations.append(key);
}

QList<DeliveredMessage> Store::readDelivered(QSqlQuery &query)
{
    QList<DeliveredMessage> delivered;
    while (query.next()) {
        delivered.append({query.value(0).toLongLong(), query.value(1).toLongLong(),
                          query.value(2).toLongLong()});
    }
    query.finish();
    std::sort(delivered.begin(), delivered.end(),
              [](const DeliveredMessage &a, const DeliveredMessage &b) {
                  return a.messageId < b.messageId;
              });
    return delivered;
}

QList<DeliveredMessage> Store::deliverAckedBulk(const QList<Acknowledgement> &acks, qint64 ts)
{
    return readDelivered(run("deliver_acked_bulk", {ts, acknowledgementsJson(acks)}));
}

QList<DeliveredMessage> Store::deliverAckedGroupBulk(const QList<Acknowledgement> &acks, qint64 ts)
{
    return readDelivered(run("deliver_acked_group_bulk", {ts, acknowledgementsJson(acks)}));
}

void Store::deleteAckedEventsBulk(const QList<Acknowledgement> &acks)
{
    run("delete_acked_events_bulk", {acknowledgementsJson(acks)}).finish();
}

void Store::flushQueued()
{
    if (!m_queuedAcks.isEmpty()) {
        const qint64 ts = QDateTime::currentMSecsSinceEpoch();
        QList<Acknowledgement> delivering;
        for (const Acknowledgement &ack : std::as_const(m_queuedAcks)) {
            if (ack.mayDeliver)
                delivering.append(ack);
        }
        QList<DeliveredMessage> direct;
        QList<DeliveredMessage> group;
        if (!delivering.isEmpty()) {
            direct = deliverAckedBulk(delivering, ts);
            group = deliverAckedGroupBulk(delivering, ts);
        }
        if (m_acknowledgementHandler && (!direct.isEmpty() || !group.isEmpty())) {
            QHash<qint64, QString> users;
            for (const Acknowledgement &ack : std::as_const(m_queuedAcks))
                users.insert(ack.userId, ack.user);
            m_acknowledgementHandler(*this, users, direct, group, ts);
        }
        deleteAckedEventsBulk(m_queuedAcks);
        m_queuedAcks.clear();
    }
    if (!m_queuedEvents.isEmpty()) {
        QHash<qint64, qint64> counts;
        for (const QueuedEvents &queued : std::as_const(m_queuedEvents))
            counts[queued.userId] += queued.events.size();
        const QHash<qint64, qint64> last = reserveSeqs(counts);
        // Each inbox's events numbered in the order they were queued.
        QHash<qint64, qint64> next;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (last.contains(it.key()))
                next.insert(it.key(), last.value(it.key()) - it.value() + 1);
        }
        QList<CommittedEvent> rows;
        for (const QueuedEvents &queued : std::as_const(m_queuedEvents)) {
            const auto seq = next.find(queued.userId);
            if (seq == next.end())
                continue; // the user was deleted in this transaction
            for (const NewEvent &event : queued.events) {
                rows.append({queued.userId, (*seq)++, event.kind, compactJson(event.payload),
                             event.messageId});
            }
        }
        insertEventRows(rows);
        m_report.events += rows;
        m_queuedEvents.clear();
    }
    // After the inboxes: every transaction locks inbox_seqs rows, then users
    // rows, each in id order.
    if (!m_queuedLastSeen.isEmpty()) {
        run("set_last_seen_bulk", {pairsJson(m_queuedLastSeen)}).finish();
        m_queuedLastSeen.clear();
    }
    m_report.woken += m_queuedWakes;
    publish(m_report.events);
}

void Store::publish(const QList<CommittedEvent> &events)
{
    if (!supportsNotifications())
        return;
    // user:seq for each inbox that grew (its last seq), user:0 for a wake.
    QHash<qint64, qint64> lastSeqs;
    for (const CommittedEvent &event : events)
        lastSeqs[event.userId] = qMax(lastSeqs.value(event.userId), event.seq);
    QStringList wakes;
    for (auto it = lastSeqs.cbegin(); it != lastSeqs.cend(); ++it)
        wakes.append(QStringLiteral("%1:%2").arg(it.key()).arg(it.value()));
    for (const qint64 user : std::as_const(m_queuedWakes)) {
        if (!lastSeqs.contains(user))
            wakes.append(QStringLiteral("%1:0").arg(user));
    }
    // "origin|item,item,…": a listener skips what its own instance sent.
    const QString origin = QString::number(m_origin) + QLatin1Char('|');
    const auto send = [this, &origin](const QString &channel, const QStringList &items) {
        QString payload = origin;
        for (const QString &item : items) {
            if (payload.size() > origin.size() &&
                payload.size() + item.size() + 1 > kMaxNotifyPayload) {
                run("publish", {channel, payload}).finish();
                payload = origin;
            }
            if (payload.size() > origin.size())
                payload += QLatin1Char(',');
            payload += item;
        }
        if (payload.size() > origin.size())
            run("publish", {channel, payload}).finish();
    };
    send(kWakeupChannel, wakes);
    send(kInvalidationChannel, m_queuedInvalidations);
    m_queuedWakes.clear();
    m_queuedInvalidations.clear();
}

qint64 Store::lastSeq(qint64 userId)
{
    QSqlQuery &query = run("last_seq", {userId});
    const qint64 seq = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return seq;
}

int Store::deleteAckedEvents(qint64 userId, qint64 upTo)
{
    QSqlQuery &query = run("delete_acked_events", {userId, upTo});
    const int count = query.numRowsAffected();
    query.finish();
    return count;
}

QList<CommittedEvent> Store::pendingEventTexts(qint64 userId, qint64 after, int limit)
{
    QSqlQuery &query = run("pending_events", {userId, after, limit});
    QList<CommittedEvent> events;
    while (query.next()) {
        events.append({userId, query.value(0).toLongLong(), query.value(1).toString(),
                       query.value(2).toString().toUtf8(), std::nullopt});
    }
    query.finish();
    return events;
}

QList<EventRecord> Store::pendingEvents(qint64 userId, qint64 after, int limit)
{
    QList<EventRecord> events;
    for (const CommittedEvent &event : pendingEventTexts(userId, after, limit))
        events.append({event.seq, event.kind, QJsonDocument::fromJson(event.payload).object()});
    return events;
}

} // namespace Palomar::Server
