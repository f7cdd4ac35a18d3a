// Store operations for reactions and group system lines, one SQL statement
// each (see sql/queries.sql).
#include "store.h"

namespace Palomar::Server {

std::optional<VisibleMessage> Store::visibleMessage(qint64 messageId, qint64 me)
{
    QSqlQuery &query = run("visible_message", {messageId, me, me, me, me, me});
    std::optional<VisibleMessage> message;
    if (query.next()) {
        message = VisibleMessage{query.value(0).toLongLong(),     query.value(1).toLongLong(),
                                 optionalInteger(query.value(2)), optionalInteger(query.value(3)),
                                 query.value(4).toString(),       query.value(5).toString(),
                                 query.value(6).toLongLong(),     query.value(7).toString(),
                                 query.value(8).toString()};
    }
    query.finish();
    return message;
}

QString Store::reactionOf(qint64 messageId, qint64 userId)
{
    QSqlQuery &query = run("reaction_of", {messageId, userId});
    const QString emoji = query.next() ? query.value(0).toString() : QString();
    query.finish();
    return emoji;
}

void Store::putReaction(qint64 messageId, qint64 userId, const QString &emoji, qint64 ts)
{
    if (emoji.isEmpty())
        run("delete_reaction", {messageId, userId}).finish();
    else
        run("put_reaction", {messageId, userId, emoji, ts}).finish();
}

QList<qint64> Store::groupMessageAudience(qint64 messageId)
{
    QSqlQuery &query = run("group_message_audience", {messageId});
    QList<qint64> users;
    while (query.next())
        users.append(query.value(0).toLongLong());
    query.finish();
    return users;
}

QHash<qint64, QHash<QString, QStringList>> Store::reactionsInChat(const QString &chat, qint64 low,
                                                                  qint64 high)
{
    QSqlQuery &query = run("reactions_in_chat", {chat, low, high});
    QHash<qint64, QHash<QString, QStringList>> reactions;
    while (query.next()) {
        reactions[query.value(0).toLongLong()][query.value(1).toString()].append(
            query.value(2).toString());
    }
    query.finish();
    return reactions;
}

qint64 Store::insertSystemLine(qint64 groupId, qint64 senderId, const QByteArray &payload,
                               qint64 ts)
{
    // An empty text, not a null one (NULL on PostgreSQL).
    const std::optional<qint64> id = insertMessage(groupChat(groupId), senderId, std::nullopt,
                                                   groupId, QString(), QStringLiteral(""), ts);
    if (!id)
        throw StoreError(QStringLiteral("a system line was not stored"));
    run("insert_system_line", {*id, QString::fromUtf8(payload)}).finish();
    run("insert_system_receipts", {*id, ts, ts, groupId, senderId}).finish();
    return *id;
}

QHash<qint64, QByteArray> Store::systemLinesInChat(const QString &chat, qint64 low, qint64 high)
{
    QSqlQuery &query = run("system_lines_in_chat", {chat, low, high});
    QHash<qint64, QByteArray> lines;
    while (query.next())
        lines.insert(query.value(0).toLongLong(), query.value(1).toString().toUtf8());
    query.finish();
    return lines;
}

} // namespace Palomar::Server
