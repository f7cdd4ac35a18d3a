// palomar-admin's statements (see adminrecords.h and sql/admin.sql).
#include "store.h"

#include "sqlitestatement.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace Palomar::Server {

QList<AdminUserRecord> Store::adminUsers(qint64 liveSince)
{
    QSqlQuery &query = run("admin_users", {liveSince});
    QList<AdminUserRecord> users;
    while (query.next()) {
        AdminUserRecord user;
        user.id = query.value(0).toLongLong();
        user.name = query.value(1).toString();
        user.created = query.value(2).toLongLong();
        user.lastSeen = optionalInteger(query.value(3));
        user.bannedSince = optionalInteger(query.value(4));
        user.banReason = query.value(5).toString();
        const std::optional<qint64> active = optionalInteger(query.value(6));
        user.hasSession = active.has_value();
        if (active && (!user.lastSeen || *active > *user.lastSeen))
            user.lastSeen = active;
        user.online = query.value(7).toInt() != 0;
        users.append(user);
    }
    query.finish();
    return users;
}

QList<AdminSessionRecord> Store::adminSessions(qint64 liveSince)
{
    QSqlQuery &query = run("admin_sessions", {liveSince});
    QList<AdminSessionRecord> sessions;
    while (query.next()) {
        sessions.append(AdminSessionRecord{query.value(0).toString(), query.value(1).toLongLong(),
                                           query.value(2).toLongLong(), query.value(3).toLongLong(),
                                           query.value(4).toInt() != 0});
    }
    query.finish();
    return sessions;
}

void Store::setBanned(qint64 userId, qint64 ts, const QString &reason)
{
    run("admin_ban", {ts, reason, userId}).finish();
}

bool Store::clearBan(qint64 userId)
{
    return affects("admin_unban", {userId});
}

std::optional<qint64> Store::bannedSince(qint64 userId)
{
    QSqlQuery &query = run("admin_banned_since", {userId});
    std::optional<qint64> since;
    if (query.next())
        since = query.value(0).toLongLong();
    query.finish();
    return since;
}

void Store::setPasswordHash(qint64 userId, const QString &hash)
{
    run("admin_set_password", {hash, userId}).finish();
}

bool Store::deleteSessionOf(qint64 userId)
{
    return affects("admin_delete_session", {userId});
}

int Store::clearAllLoginFailures()
{
    QSqlQuery &query = run("admin_clear_all_login_failures", {});
    const int cleared = query.numRowsAffected();
    query.finish();
    return qMax(0, cleared);
}

int Store::liveInstances(qint64 liveSince)
{
    QSqlQuery &query = run("admin_live_instances", {liveSince});
    const int count = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    return count;
}

AdminStats Store::adminStats(qint64 liveSince, qint64 now)
{
    AdminStats stats;
    {
        QSqlQuery &query = run("admin_stats", {liveSince, now});
        if (query.next()) {
            qint64 *const fields[] = {&stats.users,
                                      &stats.bannedUsers,
                                      &stats.sessions,
                                      &stats.onlineSessions,
                                      &stats.directMessages,
                                      &stats.groupMessages,
                                      &stats.groups,
                                      &stats.files,
                                      &stats.fileBytes,
                                      &stats.unfinishedUploads,
                                      &stats.unfinishedUploadBytes,
                                      &stats.pendingEvents,
                                      &stats.throttledLoginKeys};
            for (int i = 0; i < int(std::size(fields)); ++i)
                *fields[i] = query.value(i).toLongLong();
        }
        query.finish();
    }
    QSqlQuery size(m_db);
    const QString statement =
        isSqlite() ? QStringLiteral("SELECT page_count * page_size FROM pragma_page_count(), "
                                    "pragma_page_size()")
                   : QStringLiteral("SELECT pg_database_size(current_database())");
    ++counters().statements;
    if (!size.exec(statement))
        fail(statement, size.lastError());
    if (size.next())
        stats.databaseBytes = size.value(0).toLongLong();
    return stats;
}

QList<AdminProblem> Store::adminCheck()
{
    QList<AdminProblem> problems;
    const auto select = [this](const QString &statement) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        ++counters().statements;
        if (!query.exec(statement))
            fail(statement, query.lastError());
        return query;
    };
    if (isSqlite()) {
        QSqlQuery integrity = select(QStringLiteral("PRAGMA integrity_check"));
        while (integrity.next()) {
            const QString verdict = integrity.value(0).toString();
            if (verdict != QLatin1String("ok"))
                problems.append(AdminProblem{QString(), verdict, 1});
        }
        // One row per violating row: counted per table and parent.
        QSqlQuery keys = select(QStringLiteral("SELECT \"table\", parent, COUNT(*) FROM "
                                               "pragma_foreign_key_check GROUP BY 1, 2 "
                                               "ORDER BY 1, 2"));
        while (keys.next()) {
            problems.append(AdminProblem{
                keys.value(0).toString(),
                QStringLiteral("row pointing at a missing %1 row").arg(keys.value(1).toString()),
                keys.value(2).toLongLong()});
        }
    } else {
        // Every single-column foreign key of this schema, checked row by row
        // (a constraint bypassed with session_replication_role, or NOT VALID).
        QSqlQuery keys = select(QStringLiteral(
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, "
            "pa.attname FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1] "
            "WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.connamespace = "
            "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY 1, 2"));
        struct Key
        {
            QString table, column, parent, parentColumn;
        };
        QList<Key> list;
        while (keys.next()) {
            list.append(Key{keys.value(0).toString(), keys.value(1).toString(),
                            keys.value(2).toString(), keys.value(3).toString()});
        }
        for (const Key &key : list) {
            QSqlQuery count = select(
                QStringLiteral("SELECT COUNT(*) FROM %1 c WHERE c.%2 IS NOT NULL AND NOT EXISTS "
                               "(SELECT 1 FROM %3 p WHERE p.%4 = c.%2)")
                    .arg(key.table, key.column, key.parent, key.parentColumn));
            const qint64 rows = count.next() ? count.value(0).toLongLong() : 0;
            if (rows > 0) {
                problems.append(AdminProblem{
                    key.table, QStringLiteral("row pointing at a missing %1 row").arg(key.parent),
                    rows});
            }
        }
    }
    QSqlQuery &orphans = run("admin_orphans", {});
    while (orphans.next()) {
        const qint64 rows = orphans.value(2).toLongLong();
        if (rows > 0)
            problems.append(
                AdminProblem{orphans.value(0).toString(), orphans.value(1).toString(), rows});
    }
    orphans.finish();
    return problems;
}

void Store::backupTo(const QString &path)
{
    if (!isSqlite())
        throw StoreError(QStringLiteral("backupTo() is for SQLite only"));
    const QVariant handle = m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StoreError(QStringLiteral("not an SQLite connection"));
    sqlite3 *source = *static_cast<sqlite3 *const *>(handle.constData());
    sqlite3 *target = nullptr;
    const QByteArray file = path.toUtf8();
    int code = sqlite3_open_v2(file.constData(), &target,
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    QString why;
    if (code == SQLITE_OK) {
        // One step copies every page under one read lock: a consistent
        // snapshot, while the server goes on writing (WAL).
        sqlite3_backup *backup = sqlite3_backup_init(target, "main", source, "main");
        if (backup) {
            code = sqlite3_backup_step(backup, -1);
            const int finished = sqlite3_backup_finish(backup);
            if (code == SQLITE_DONE)
                code = finished;
        } else {
            code = sqlite3_errcode(target);
        }
    }
    if (code != SQLITE_OK)
        why = QString::fromUtf8(target ? sqlite3_errmsg(target) : sqlite3_errstr(code));
    sqlite3_close(target);
    if (!why.isEmpty()) {
        QFile::remove(path); // no half copy left to be mistaken for a backup
        throw StoreError(QStringLiteral("backup to %1: %2").arg(path, why),
                         classifySqliteCode(code));
    }
}

} // namespace Palomar::Server
