#include "sync.h"

#include "groupmessages.h"
#include "pollregistry.h"
#include "serverconfig.h"
#include "sessionguard.h"
#include "store/store.h"

#include <QDateTime>

#include <algorithm>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;

qint64 SyncHandler::acknowledge(SessionState &session, qint64 after)
{
    // Re-sending a cursor this connection already acknowledged changes
    // nothing: skip the write transaction.
    if (after <= session.acknowledged)
        return after;
    Store &store = m_services.store;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> senders;
    qint64 clamped = after;
    {
        Store::Transaction transaction(store);
        // A cursor beyond the last seq handed out would acknowledge events
        // that do not exist yet; it is clamped (docs/protocol.md). One this
        // connection was sent is known to exist.
        if (after > session.handedOut)
            clamped = qMin(after, store.lastSeq(session.userId));
        if (clamped > 0) {
            // One receipt per delivered message, batched per sender.
            QHash<qint64, QList<Store::NewEvent>> receipts;
            for (const AckedMessage &message : store.deliverAcked(session.userId, clamped, ts)) {
                receipts[message.senderId].append(
                    {Protocol::EventKind::Receipt,
                     {{QStringLiteral("msg_id"), message.messageId},
                      {QStringLiteral("by"), session.user},
                      {QStringLiteral("status"), QStringLiteral("delivered")},
                      {QStringLiteral("ts"), ts}},
                     std::nullopt});
            }
            // In ascending user order: each append locks the sender's row,
            // and two transactions taking the same rows in different orders
            // (two instances' QHash orders differ) deadlock on PostgreSQL.
            senders = receipts.keys();
            std::sort(senders.begin(), senders.end());
            for (const qint64 sender : std::as_const(senders))
                store.appendEvents(sender, receipts.value(sender));
            GroupMessages::acknowledge(store, session, clamped, ts, &senders);
            store.deleteAckedEvents(session.userId, clamped);
        }
        transaction.commit();
    }
    session.acknowledged = clamped;
    m_services.wake(senders);
    return clamped;
}

QJsonObject SyncHandler::collect(SessionState &session, qint64 after, int limit)
{
    const QList<EventRecord> records =
        m_services.store.pendingEvents(session.userId, after, limit + 1);
    QJsonArray events;
    qint64 cursor = after;
    for (qsizetype i = 0; i < records.size() && i < limit; ++i) {
        QJsonObject event = records.at(i).payload;
        event.insert(QStringLiteral("seq"), records.at(i).seq);
        event.insert(QStringLiteral("kind"), records.at(i).kind);
        events.append(event);
        cursor = records.at(i).seq;
    }
    session.handedOut = qMax(session.handedOut, cursor);
    return {{QStringLiteral("events"), events},
            {QStringLiteral("cursor"), cursor},
            {QStringLiteral("more"), records.size() > limit}};
}

HandlerResult SyncHandler::sync(const Protocol::Request &request, CallContext &context)
{
    const int syncLimit = m_services.config.limits.syncLimit;
    FieldReader fields(request.fields);
    const qint64 after = fields.integer("after", 0, Protocol::kMaxSafeInteger);
    const int wait = int(fields.optionalInteger("wait", 0, Protocol::kMaxWaitSeconds, 0));
    const int limit = int(fields.optionalInteger("limit", 1, syncLimit, syncLimit));
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    SessionState &session = context.session();
    const qint64 acknowledged = acknowledge(session, after);
    // Read once the acknowledgement has committed: outside the write lock,
    // and only what is durable.
    return HandlerResult::afterCommit(
        [this, &context, &session, acknowledged, limit, wait, id = request.id] {
            QJsonObject reply = collect(session, acknowledged, limit);
            if (wait > 0 && reply.value(QLatin1String("events")).toArray().isEmpty()) {
                context.park(id, acknowledged, limit, wait);
                return HandlerResult::parked();
            }
            return HandlerResult::ok(reply);
        });
}

} // namespace Palomar::Server
