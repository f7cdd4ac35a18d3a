// Store operations for replies, forwards, edits and deletes for everyone,
// one SQL statement each (see sql/queries.sql).
#include "store.h"

#include <QJsonDocument>

namespace Palomar::Server {

void Store::setMessageOrigin(qint64 id, std::optional<qint64> replyTo, bool forwarded)
{
    run("set_message_origin", {nullableInteger(replyTo), forwarded ? 1 : 0, id}).finish();
}

bool Store::editMessage(qint64 id, const QString &text, qint64 ts)
{
    return affects("edit_message", {text, ts, id});
}

bool Store::deleteMessage(qint64 id)
{
    if (!affects("delete_message", {id}))
        return false;
    run("delete_message_files", {id}).finish(); // the chunks go with them
    return true;
}

QList<qint64> Store::messageReached(qint64 messageId, qint64 groupId)
{
    return sortedIds(run("message_reached", {groupId, messageId}));
}

QList<EventRecord> Store::pendingMessageEvents(qint64 userId, qint64 messageId)
{
    QSqlQuery &query = run("pending_message_events", {userId, messageId});
    QList<EventRecord> events;
    while (query.next()) {
        events.append({query.value(0).toLongLong(), QStringLiteral("message"),
                       QJsonDocument::fromJson(query.value(1).toByteArray()).object()});
    }
    query.finish();
    return events;
}

bool Store::rewriteEvent(qint64 userId, qint64 seq, const QJsonObject &payload)
{
    const QString text = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return affects("rewrite_event", {text, userId, seq});
}

bool Store::dropPendingMessageEvents(qint64 userId, qint64 messageId)
{
    return affects("drop_pending_message_events", {userId, messageId});
}

QHash<qint64, MessageChanges> Store::messageChangesInChat(const QString &chat, qint64 low,
                                                          qint64 high)
{
    QSqlQuery &query = run("message_changes_in_chat", {chat, low, high});
    QHash<qint64, MessageChanges> changes;
    while (query.next()) {
        changes.insert(query.value(0).toLongLong(),
                       MessageChanges{optionalInteger(query.value(1)), query.value(2).toInt() != 0,
                                      optionalInteger(query.value(3)),
                                      query.value(4).toInt() != 0});
    }
    query.finish();
    return changes;
}

qint64 Store::copyFile(qint64 sourceId, const FileRecord &like, qint64 ts)
{
    QSqlQuery &query = run("copy_file", {like.uploaderId, nullableInteger(like.recipientId),
                                         nullableInteger(like.groupId), ts, ts, sourceId});
    if (!query.next())
        throw StoreError(QStringLiteral("copy_file returned no id"));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    run("copy_file_chunks", {id, sourceId}).finish();
    return id;
}

} // namespace Palomar::Server
