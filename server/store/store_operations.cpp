// Store operations, one SQL statement each (see sql/queries.sql).
#include "store.h"

#include "sqlitestatement.h"

#include <algorithm>

namespace Palomar::Server {

namespace {

UserRecord readUser(const QSqlQuery &query)
{
    return UserRecord{query.value(0).toLongLong(), query.value(1).toString(),
                      query.value(2).toString(), optionalInteger(query.value(3))};
}

SessionRecord readSession(const QSqlQuery &query, qint64 userId, const QByteArray &token)
{
    return SessionRecord{userId,
                         token,
                         query.value(1).toLongLong(),
                         query.value(2).toLongLong(),
                         query.value(3).toInt() != 0,
                         query.value(4).toLongLong(),
                         optionalInteger(query.value(5))};
}

QStringList readNames(QSqlQuery &query)
{
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    query.finish();
    return names;
}

} // namespace

// ---- accounts

std::optional<UserRecord> Store::userByName(const QString &name)
{
    QSqlQuery &query = run("user_by_key", {name.toLower()});
    std::optional<UserRecord> user;
    if (query.next())
        user = readUser(query);
    query.finish();
    return user;
}

std::optional<UserRecord> Store::userById(qint64 id)
{
    QSqlQuery &query = run("user_by_id", {id});
    std::optional<UserRecord> user;
    if (query.next())
        user = readUser(query);
    query.finish();
    return user;
}

std::optional<qint64> Store::createUser(const QString &name, const QString &passwordHash, qint64 ts)
{
    QSqlQuery &query = run("insert_user", {name, name.toLower(), passwordHash, ts});
    std::optional<qint64> id;
    if (query.next())
        id = query.value(0).toLongLong();
    query.finish();
    if (id)
        run("insert_inbox", {*id}).finish(); // with the caller's transaction, if any
    return id;
}

void Store::deleteUser(qint64 id)
{
    run("delete_user_messages", {id, id}).finish();
    run("delete_user", {id}).finish();
}

void Store::touchLastSeen(qint64 userId, qint64 ts)
{
    run("touch_last_seen", {ts, userId}).finish();
}

// ---- sessions

std::optional<SessionRecord> Store::sessionOfUser(qint64 userId)
{
    QSqlQuery &query = run("session_of_user", {userId});
    std::optional<SessionRecord> session;
    if (query.next())
        session = readSession(query, userId, query.value(0).toByteArray());
    query.finish();
    return session;
}

std::optional<SessionRecord> Store::sessionByToken(const QByteArray &tokenHash)
{
    QSqlQuery &query = run("session_by_token", {tokenHash});
    std::optional<SessionRecord> session;
    if (query.next())
        session = readSession(query, query.value(0).toLongLong(), tokenHash);
    query.finish();
    return session;
}

void Store::putSession(const SessionRecord &session)
{
    run("put_session", {session.userId, session.tokenHash, session.created, session.lastActive,
                        session.online ? 1 : 0, session.instanceId})
        .finish();
}

bool Store::deleteSession(qint64 userId, const QByteArray &tokenHash)
{
    return affects("delete_session", {userId, tokenHash});
}

void Store::touchSession(qint64 userId, const QByteArray &tokenHash, qint64 ts)
{
    run("touch_session", {ts, userId, tokenHash}).finish();
}

void Store::setOnline(qint64 userId, const QByteArray &tokenHash, bool online, qint64 ts,
                      qint64 instanceId)
{
    run("set_online", {online ? 1 : 0, ts, instanceId, userId, tokenHash}).finish();
}

void Store::putInstance(qint64 instanceId, qint64 ts)
{
    run("put_instance", {instanceId, ts}).finish();
}

void Store::deleteInstance(qint64 instanceId)
{
    run("detach_instance_sessions", {instanceId}).finish();
    run("delete_instance", {instanceId}).finish();
}

int Store::detachDeadInstances(qint64 cutoff)
{
    QSqlQuery &query = run("detach_dead_instances", {cutoff});
    const int count = query.numRowsAffected();
    query.finish();
    run("delete_dead_instances", {cutoff}).finish();
    return count;
}

void Store::clearOnline()
{
    run("clear_online", {}).finish();
}

int Store::deleteExpiredSessions(qint64 cutoff)
{
    QSqlQuery &query = run("delete_expired_sessions", {cutoff});
    const int count = query.numRowsAffected();
    query.finish();
    return count;
}

void Store::insertReplaced(const QByteArray &tokenHash, qint64 userId, qint64 ts)
{
    run("insert_replaced", {tokenHash, userId, ts}).finish();
}

bool Store::wasReplaced(const QByteArray &tokenHash)
{
    return exists("was_replaced", {tokenHash});
}

void Store::expireReplaced(qint64 cutoff)
{
    run("expire_replaced", {cutoff}).finish();
}

// ---- friends

bool Store::isFriend(qint64 userId, qint64 friendId)
{
    return exists("is_friend", {userId, friendId});
}

bool Store::requestExists(qint64 fromId, qint64 toId)
{
    return exists("request_exists", {fromId, toId});
}

void Store::insertRequest(qint64 fromId, qint64 toId, qint64 ts)
{
    run("insert_request", {fromId, toId, ts}).finish();
}

bool Store::deleteRequest(qint64 fromId, qint64 toId)
{
    return affects("delete_request", {fromId, toId});
}

void Store::insertFriendship(qint64 a, qint64 b, qint64 ts)
{
    run("insert_friendship", {a, b, ts}).finish();
    run("insert_friendship", {b, a, ts}).finish();
}

bool Store::deleteFriendship(qint64 a, qint64 b)
{
    const bool one = affects("delete_friendship", {a, b});
    const bool other = affects("delete_friendship", {b, a});
    return one || other;
}

QList<FriendRecord> Store::friendsOf(qint64 userId, qint64 liveSince)
{
    QSqlQuery &query = run("friends_of", {liveSince, userId});
    QList<FriendRecord> friends;
    while (query.next()) {
        FriendRecord record;
        record.id = query.value(0).toLongLong();
        record.name = query.value(1).toString();
        record.lastSeen = optionalInteger(query.value(2));
        const std::optional<qint64> active = optionalInteger(query.value(3));
        if (active && (!record.lastSeen || *active > *record.lastSeen))
            record.lastSeen = active;
        record.online = query.value(4).toInt() != 0;
        record.profile.displayName = query.value(5).toString();
        record.profile.avatarType = query.value(6).toString();
        record.profile.avatarHash = query.value(7).toString();
        record.profile.avatarSize = query.value(8).toLongLong();
        friends.append(record);
    }
    query.finish();
    return friends;
}

QStringList Store::incomingRequests(qint64 userId)
{
    return readNames(run("incoming_requests", {userId}));
}

QStringList Store::outgoingRequests(qint64 userId)
{
    return readNames(run("outgoing_requests", {userId}));
}

// ---- messages

QString Store::directChat(qint64 a, qint64 b)
{
    return QStringLiteral("u%1-%2").arg(qMin(a, b)).arg(qMax(a, b));
}

std::optional<std::pair<qint64, qint64>> Store::messageByClientId(qint64 senderId,
                                                                  const QString &clientId)
{
    QSqlQuery &query = run("message_by_client_id", {senderId, clientId});
    std::optional<std::pair<qint64, qint64>> found;
    if (query.next())
        found = std::pair{query.value(0).toLongLong(), query.value(1).toLongLong()};
    query.finish();
    return found;
}

std::optional<qint64> Store::insertMessage(const QString &chat, qint64 senderId,
                                           std::optional<qint64> recipientId,
                                           std::optional<qint64> groupId, const QString &clientId,
                                           const QString &text, qint64 ts)
{
    // A repeated client_id inserts nothing (the unique index decides).
    std::optional<qint64> id;
    if (isSqlite()) {
        // Every message runs it: SQLite's own API (SqliteStatement).
        SqliteStatement &insert = direct("insert_message");
        const QByteArray chatText = chat.toUtf8();
        const QByteArray clientText = clientId.toUtf8();
        const QByteArray body = text.toUtf8();
        insert.bind(1, chatText);
        insert.bind(2, senderId);
        recipientId ? insert.bind(3, *recipientId) : insert.bindNull(3);
        groupId ? insert.bind(4, *groupId) : insert.bindNull(4);
        clientId.isEmpty() ? insert.bindNull(5) : insert.bind(5, clientText);
        insert.bind(6, body);
        insert.bind(7, ts);
        if (insert.step())
            id = insert.integer(0);
        insert.reset();
    } else {
        const QVariant client =
            clientId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(clientId);
        QSqlQuery &query = run("insert_message", {chat, senderId, nullableInteger(recipientId),
                                                  nullableInteger(groupId), client, text, ts});
        if (query.next())
            id = query.value(0).toLongLong();
        query.finish();
    }
    if (!id && clientId.isEmpty())
        throw StoreError(QStringLiteral("insert_message returned no id"));
    return id;
}

QList<MessageRecord> Store::history(const QString &chat, qint64 before, int limit)
{
    return readMessages(run("history", {chat, before, limit}));
}

QList<MessageRecord> Store::readMessages(QSqlQuery &query)
{
    QList<MessageRecord> messages;
    while (query.next()) {
        MessageRecord record;
        record.id = query.value(0).toLongLong();
        record.senderId = query.value(1).toLongLong();
        record.from = query.value(2).toString();
        record.to = query.value(3).toString();
        record.group = optionalInteger(query.value(4));
        record.text = query.value(5).toString();
        record.ts = query.value(6).toLongLong();
        record.delivered = optionalInteger(query.value(7));
        record.read = optionalInteger(query.value(8));
        messages.append(record);
    }
    query.finish();
    return messages;
}

QList<AckedMessage> Store::deliverAcked(qint64 userId, qint64 upTo, qint64 ts)
{
    QSqlQuery &query = run("deliver_acked", {ts, userId, upTo});
    QList<AckedMessage> delivered;
    while (query.next())
        delivered.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
    query.finish();
    std::sort(delivered.begin(), delivered.end(), [](const AckedMessage &a, const AckedMessage &b) {
        return a.messageId < b.messageId;
    });
    return delivered;
}

QList<qint64> Store::markReadUpTo(qint64 me, qint64 peer, qint64 upTo, qint64 ts)
{
    return sortedIds(run("mark_read_up_to", {ts, ts, me, peer, upTo}));
}

// ---- login throttling

LoginFailures Store::loginFailures(const QString &key)
{
    QSqlQuery &query = run("login_failures", {key});
    LoginFailures failures;
    if (query.next()) {
        failures.failures = query.value(0).toInt();
        failures.windowStart = query.value(1).toLongLong();
        failures.blockedUntil = query.value(2).toLongLong();
    }
    query.finish();
    return failures;
}

void Store::putLoginFailures(const QString &key, const LoginFailures &failures)
{
    run("put_login_failures", {key, failures.failures, failures.windowStart, failures.blockedUntil})
        .finish();
}

void Store::clearLoginFailures(const QString &key)
{
    run("clear_login_failures", {key}).finish();
}

void Store::expireLoginFailures(qint64 cutoff)
{
    run("expire_login_failures", {cutoff, cutoff}).finish();
}

} // namespace Palomar::Server
