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

StoreJob::Access SyncHandler::accessFor(const Protocol::Request &request,
                                        const SessionState &session)
{
    const QJsonValue after = request.fields.value(QLatin1String("after"));
    // A malformed `after` is answered bad_request by the handler either way.
    return after.isDouble() && qint64(after.toDouble()) > session.acknowledged
               ? StoreJob::Access::Write
               : StoreJob::Access::Read;
}

qint64 SyncHandler::acknowledge(SessionState &session, qint64 after)
{
    // Re-sending a cursor this connection already acknowledged changes
    // nothing.
    if (after <= session.acknowledged)
        return after;
    Store &store = m_services.store;
    // A cursor beyond the last seq handed out would acknowledge events that
    // do not exist yet; it is clamped (docs/protocol.md). One this
    // connection was sent is known to exist.
    qint64 clamped = after;
    if (after > session.handedOut) {
        const std::optional<qint64> known = m_services.polls.knownLastSeq(session.userId);
        clamped = qMin(after, known && *known >= after ? *known : store.lastSeq(session.userId));
    }
    // The store marks the messages delivered, queues the receipts and
    // deletes the acknowledged events at the commit, with every other
    // acknowledgement of the batch.
    if (clamped > 0) {
        // Only receipts and the like since the last acknowledgement (known
        // from memory): no message to mark delivered, two statements fewer.
        const bool mayDeliver =
            m_services.polls.mayHoldMessages(session.userId, session.acknowledged, clamped);
        store.queueAcknowledgement(session.userId, session.user, clamped, mayDeliver);
        store.afterCommit([polls = &m_services.polls, userId = session.userId, clamped] {
            polls->acknowledged(userId, clamped);
        });
    }
    session.acknowledged = clamped;
    return clamped;
}

void SyncHandler::queueReceipts(Store &store, const QHash<qint64, QString> &users,
                                const QList<DeliveredMessage> &direct,
                                const QList<DeliveredMessage> &group, qint64 ts)
{
    // One receipt per delivered message, batched per sender.
    QHash<qint64, QList<NewEvent>> receipts;
    for (const DeliveredMessage &message : direct) {
        receipts[message.senderId].append(
            {Protocol::EventKind::Receipt,
             {{QStringLiteral("msg_id"), message.messageId},
              {QStringLiteral("by"), users.value(message.recipientId)},
              {QStringLiteral("status"), QStringLiteral("delivered")},
              {QStringLiteral("ts"), ts}},
             std::nullopt});
    }
    for (auto it = receipts.cbegin(); it != receipts.cend(); ++it)
        store.queueEvents(it.key(), *it);
    QList<GroupMessages::GroupReceipt> reached;
    for (const DeliveredMessage &message : group)
        reached.append({message.messageId, message.recipientId, users.value(message.recipientId)});
    GroupMessages::queueReceipts(store, reached, QStringLiteral("delivered"), ts);
}

HandlerResult SyncHandler::collect(CallContext &context, const QJsonValue &id, qint64 after,
                                   int limit, int wait)
{
    SessionState &session = context.session();
    // Read before looking: an announcement after this makes a park look again.
    const quint64 version = m_services.polls.version(session.userId);
    QByteArray events;
    qint64 cursor = after;
    bool more = false;
    // The events' stored JSON goes into the reply as it is, unparsed.
    const auto add = [&](const CommittedEvent &event) {
        events += events.isEmpty() ? '[' : ',';
        Protocol::appendEvent(events, event.seq, event.kind, event.payload);
        cursor = event.seq;
    };
    if (const auto pending = m_services.polls.pendingFromMemory(session.userId, after, limit)) {
        for (const CommittedEvent &event : pending->events)
            add(event);
        more = pending->more;
    } else {
        const QList<CommittedEvent> records =
            m_services.store.pendingEventTexts(session.userId, after, limit + 1);
        for (qsizetype i = 0; i < records.size() && i < limit; ++i)
            add(records.at(i));
        more = records.size() > limit;
        if (!more)
            m_services.polls.learn(session.userId, cursor);
    }
    session.handedOut = qMax(session.handedOut, cursor);
    // Ephemeral notices (typing, presence) ride along, outside the events.
    const QByteArray notices =
        m_services.polls.notices().take(session.userId, QDateTime::currentMSecsSinceEpoch());
    if (events.isEmpty() && notices.isEmpty() && wait > 0)
        return HandlerResult::parked(ParkedPoll{id, after, limit, wait, version});
    if (!events.isEmpty())
        events += ']';
    return HandlerResult::encoded(Protocol::syncReplyFields(events, cursor, more, notices));
}

HandlerResult SyncHandler::look(CallContext &context, const ParkedPoll &poll)
{
    return collect(context, poll.id, poll.after, poll.limit, poll.waitSeconds);
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
    const qint64 acknowledged = acknowledge(context.session(), after);
    if (!m_services.store.inTransaction())
        return collect(context, request.id, acknowledged, limit, wait);
    // Read once the acknowledgement has committed: only what is durable.
    return HandlerResult::afterCommit([this, &context, acknowledged, limit, wait, id = request.id] {
        return collect(context, id, acknowledged, limit, wait);
    });
}

} // namespace Palomar::Server
