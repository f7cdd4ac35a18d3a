#include "store.h"

#include "sqlcatalog.h"
#include "sqlitestatement.h"

#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStore, "palomar.store")

namespace Palomar::Server {

namespace {

// SQLite waits this long for a lock another process holds (one server owns
// its file, so in practice a backup or an operator's sqlite3 shell).
constexpr int kSqliteBusyTimeoutMs = 5000;

// SQLite's primary result codes that mean "not now", not "never".
bool sqliteUnavailable(int code)
{
    switch (code & 0xff) {
    case 5:  // SQLITE_BUSY: another process holds the lock
    case 6:  // SQLITE_LOCKED
    case 7:  // SQLITE_NOMEM
    case 8:  // SQLITE_READONLY: the file or its folder became read-only
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL: the disk (or max_page_count) is full
    case 14: // SQLITE_CANTOPEN
    case 15: // SQLITE_PROTOCOL
        return true;
    default:
        return false;
    }
}

} // namespace

StoreError::Kind classifySqliteCode(int code)
{
    return sqliteUnavailable(code) ? StoreError::Kind::Unavailable : StoreError::Kind::Fault;
}

StoreError::Kind classifyError(StoreConfig::Backend backend, const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    if (backend == StoreConfig::Backend::Sqlite) {
        bool ok = false;
        const int number = code.toInt(&ok);
        // (Qt's driver reports many statement errors as ConnectionError:
        // only the result code tells.)
        return ok ? classifySqliteCode(number) : StoreError::Kind::Fault;
    }
    // PostgreSQL: the SQLSTATE. libpq's own errors (the socket closed, no
    // connection) have none.
    if (code.isEmpty() || error.type() == QSqlError::ConnectionError)
        return StoreError::Kind::Unavailable;
    if (code == QLatin1String("40001") || code == QLatin1String("40P01"))
        return StoreError::Kind::Conflict;
    if (code.startsWith(QLatin1String("08"))     // connection exception
        || code.startsWith(QLatin1String("53"))  // insufficient resources: disk full, memory
        || code.startsWith(QLatin1String("57P")) // shutting down, crashed, starting up
        || code.startsWith(QLatin1String("58"))  // system error: I/O
        || code == QLatin1String("25006"))       // read-only: a standby after a failover
        return StoreError::Kind::Unavailable;
    return StoreError::Kind::Fault;
}

StoreCounters &Store::counters()
{
    static StoreCounters counters;
    return counters;
}

Store::Store(const StoreConfig &config, const QString &connectionName)
    : m_config(config), m_connectionName(connectionName), m_thread(QThread::currentThread())
{}

Store::~Store()
{
    m_direct.clear(); // finalized before the connection closes
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

void Store::assertThread() const
{
    Q_ASSERT_X(QThread::currentThread() == m_thread, "Store",
               "a Store is used only by the thread that created it");
}

void Store::open()
{
    assertThread();
    const Dialect &dialect = SqlCatalog::dialect(m_config.backend);
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(dialect.driver, m_connectionName);
    if (m_config.backend == StoreConfig::Backend::Sqlite) {
        m_db.setDatabaseName(m_config.sqlitePath);
        // Test hook (docs/operations.md): how long to wait for another
        // process's lock.
        const int busyTimeout = qEnvironmentVariableIsSet("PALOMAR_SQLITE_BUSY_TIMEOUT_MS")
                                    ? qEnvironmentVariableIntValue("PALOMAR_SQLITE_BUSY_TIMEOUT_MS")
                                    : kSqliteBusyTimeoutMs;
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeout));
    } else {
        m_db.setHostName(m_config.host);
        m_db.setPort(m_config.port);
        m_db.setUserName(m_config.user);
        m_db.setPassword(m_config.password);
        m_db.setDatabaseName(m_config.database);
        // A dead server or network must not hold a store thread for minutes
        // (the URL may say otherwise; the later setting wins).
        m_db.setConnectOptions((QStringList{QStringLiteral("connect_timeout=5")} + m_config.options)
                                   .join(QLatin1Char(';')));
    }
    if (!m_db.open()) {
        m_broken = true;
        throw StoreError(
            QStringLiteral("cannot open %1: %2").arg(m_config.describe(), m_db.lastError().text()),
            StoreError::Kind::Unavailable);
    }
    m_broken = false;
    if (m_config.backend == StoreConfig::Backend::Sqlite) {
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        exec(m_config.durability == StoreConfig::Durability::Full
                 ? QStringLiteral("PRAGMA synchronous=FULL")
                 : QStringLiteral("PRAGMA synchronous=NORMAL"));
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        // Savepoints and multi-row statements keep the pages they change in a
        // statement journal: in memory, not a temporary file.
        exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
        // Test hook (docs/operations.md): a database that cannot grow past N
        // pages stands in for a full disk.
        const qint64 maxPages = qEnvironmentVariableIntValue("PALOMAR_SQLITE_MAX_PAGE_COUNT");
        if (maxPages > 0)
            exec(QStringLiteral("PRAGMA max_page_count=%1").arg(maxPages));
    } else {
        exec(QStringLiteral("SET client_min_messages TO WARNING"));
        // Every statement of the store is an index lookup, many driven by a
        // short list (a batch's inboxes, as JSON). The planner guesses 100
        // rows for such a list and, with the inbox full of dead rows between
        // two vacuums (it churns), hashes it against a sequential scan of
        // tens of thousands of rows: measured, most of PostgreSQL's CPU.
        exec(QStringLiteral("SET enable_hashjoin = off"));
        exec(QStringLiteral("SET enable_mergejoin = off"));
        exec(QStringLiteral("SET enable_seqscan = off"));
        exec(m_config.durability == StoreConfig::Durability::Full
                 ? QStringLiteral("SET synchronous_commit = on")
                 : QStringLiteral("SET synchronous_commit = off"));
    }
}

void Store::reopen()
{
    assertThread();
    Q_ASSERT(m_transactionDepth == 0);
    m_used.clear();
    m_direct.clear(); // prepared on the old connection
    m_statements.clear();
    if (m_db.isValid())
        m_db.close();
    open();
}

void Store::fail(const QString &what, const QSqlError &error)
{
    const StoreError::Kind kind = classifyError(m_config.backend, error);
    if (kind == StoreError::Kind::Unavailable) {
        ++counters().unavailable;
        // SQLite's connection survives a full disk; PostgreSQL's is gone or
        // unusable after a restart or failover.
        if (m_config.backend == StoreConfig::Backend::Postgresql)
            m_broken = true;
    } else if (kind == StoreError::Kind::Conflict) {
        ++counters().conflicts;
    } else {
        ++counters().faults;
    }
    if (m_flatNesting)
        m_flatFailed = true; // a half-done request cannot be undone alone
    throw StoreError(QStringLiteral("%1: %2").arg(what, error.text()), kind);
}

void Store::exec(const QString &statement)
{
    ++counters().statements;
    QSqlQuery query(m_db);
    if (!query.exec(statement))
        fail(statement, query.lastError());
}

QSqlQuery &Store::prepareAs(std::string key, const QString &sql)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail(QStringLiteral("cannot prepare %1").arg(QString::fromStdString(key)),
             query.lastError());
    return m_statements.emplace(std::move(key), query).first->second;
}

QSqlQuery &Store::prepared(const char *name)
{
    assertThread();
    const auto it = m_statements.find(std::string_view(name));
    if (it != m_statements.end())
        return it->second;
    return prepareAs(name, SqlCatalog::statement(m_config.backend, QString::fromLatin1(name)));
}

SqliteStatement &Store::direct(const char *name)
{
    assertThread();
    const auto it = m_direct.find(std::string_view(name));
    if (it != m_direct.end()) {
        it->second->reset();
        return *it->second;
    }
    const QVariant handle = m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StoreError(QStringLiteral("not an SQLite connection"));
    auto statement = std::make_unique<SqliteStatement>();
    statement->prepare(*static_cast<sqlite3 *const *>(handle.constData()),
                       SqlCatalog::statement(m_config.backend, QString::fromLatin1(name)));
    return *m_direct.emplace(name, std::move(statement)).first->second;
}

void Store::control(const QString &statement)
{
    if (m_config.backend != StoreConfig::Backend::Sqlite) {
        exec(statement);
        return;
    }
    assertThread();
    ++counters().statements;
    std::string key = statement.toStdString();
    const auto it = m_statements.find(key);
    QSqlQuery &query = it != m_statements.end() ? it->second : prepareAs(std::move(key), statement);
    const bool ok = query.exec();
    const QSqlError error = ok ? QSqlError() : query.lastError();
    query.finish();
    if (!ok)
        fail(statement, error);
}

void Store::handOverCheckpoints()
{
    if (m_config.backend == StoreConfig::Backend::Sqlite)
        exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
}

void Store::checkpointLog()
{
    exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
}

void Store::finishUsed()
{
    for (QSqlQuery *query : m_used)
        query->finish();
    m_used.clear();
}

QSqlQuery &Store::run(const char *name, const QVariantList &values)
{
    QSqlQuery &query = prepared(name);
    query.finish();
    if (m_transactionDepth > 0)
        m_used.push_back(&query);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    ++counters().statements;
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        query.finish();
        fail(QStringLiteral("%1 failed").arg(QString::fromLatin1(name)), error);
    }
    return query;
}

bool Store::affects(const char *name, const QVariantList &values)
{
    QSqlQuery &query = run(name, values);
    const bool changed = query.numRowsAffected() > 0;
    query.finish();
    return changed;
}

bool Store::exists(const char *name, const QVariantList &values)
{
    QSqlQuery &query = run(name, values);
    const bool found = query.next();
    query.finish();
    return found;
}

QList<qint64> Store::sortedIds(QSqlQuery &query)
{
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    query.finish();
    std::sort(ids.begin(), ids.end());
    return ids;
}

Store::Transaction::Transaction(Store &store, Nesting nesting) : m_store(store)
{
    const int level = m_store.m_transactionDepth + 1;
    if (level > 1 && m_store.m_flatNesting) {
        m_flat = true;
        m_level = level;
        m_store.m_transactionDepth = level;
        return;
    }
    m_store.control(level == 1 ? SqlCatalog::dialect(m_store.m_config.backend).beginTransaction
                               : QStringLiteral("SAVEPOINT palomar_%1").arg(level));
    m_level = level;
    m_store.m_transactionDepth = level;
    if (level == 1) {
        m_store.m_flatNesting = nesting == Nesting::Flat;
        m_store.m_flatFailed = false;
    }
}

Store::Transaction::~Transaction()
{
    if (m_done)
        return;
    m_store.m_transactionDepth = m_level - 1;
    if (m_flat) {
        m_store.m_flatFailed = true; // the outermost one must not commit
        return;
    }
    try {
        m_store.finishUsed();
        if (m_level == 1) {
            const auto end = qScopeGuard([this] { m_store.endTransaction(false); });
            if (!m_store.m_broken)
                m_store.control(QStringLiteral("ROLLBACK"));
        } else {
            m_store.control(QStringLiteral("ROLLBACK TO SAVEPOINT palomar_%1").arg(m_level));
            m_store.control(QStringLiteral("RELEASE SAVEPOINT palomar_%1").arg(m_level));
        }
    } catch (const StoreError &error) {
        // After a full disk or an I/O error SQLite may have rolled the
        // transaction back itself: nothing is left to undo.
        if (m_store.m_config.backend == StoreConfig::Backend::Sqlite &&
            QString::fromUtf8(error.what()).contains(QLatin1String("no transaction is active")))
            return;
        qCWarning(lcStore) << "rollback failed:" << error.what();
    }
}

void Store::Transaction::commit()
{
    if (m_flat) {
        m_done = true;
        m_store.m_transactionDepth = m_level - 1;
        return;
    }
    if (m_level == 1 && m_store.m_flatFailed)
        throw StoreError(QStringLiteral("part of the transaction failed; it must roll back"));
    if (m_level == 1)
        m_store.flushQueued(); // throws: the destructor rolls back
    m_store.finishUsed();
    m_store.control(m_level == 1 ? QStringLiteral("COMMIT")
                                 : QStringLiteral("RELEASE SAVEPOINT palomar_%1").arg(m_level));
    m_done = true;
    m_store.m_transactionDepth = m_level - 1;
    if (m_level == 1)
        m_store.endTransaction(true);
}

void Store::endTransaction(bool committed)
{
    m_flatNesting = false;
    m_queuedEvents.clear();
    m_queuedAcks.clear();
    m_queuedWakes.clear();
    m_queuedLastSeen.clear();
    m_queuedInvalidations.clear();
    CommitReport report;
    std::swap(report, m_report);
    std::vector<std::function<void()>> callbacks;
    callbacks.swap(m_afterCommit);
    std::vector<std::function<void()>> always;
    always.swap(m_afterTransaction);
    if (committed) {
        ++counters().commits;
        if (m_commitObserver && (!report.events.isEmpty() || !report.woken.isEmpty()))
            m_commitObserver(report);
        for (const auto &callback : callbacks)
            callback();
    } else {
        ++counters().rollbacks;
    }
    for (const auto &callback : always)
        callback();
}

void Store::afterCommit(std::function<void()> callback)
{
    if (m_transactionDepth == 0)
        callback();
    else
        m_afterCommit.push_back(std::move(callback));
}

void Store::afterTransaction(std::function<void()> callback)
{
    if (m_transactionDepth == 0)
        callback();
    else
        m_afterTransaction.push_back(std::move(callback));
}

int Store::latestSchemaVersion(StoreConfig::Backend backend)
{
    return int(SqlCatalog::migrations(backend).size());
}

void Store::ping()
{
    assertThread();
    exec(QStringLiteral("SELECT 1"));
}

int Store::schemaVersion()
{
    assertThread();
    exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")))
        fail(QStringLiteral("reading the schema version"), query.lastError());
    return query.next() ? query.value(0).toInt() : 0;
}

void Store::applyMigration(int version)
{
    const QList<QStringList> migrations = SqlCatalog::migrations(m_config.backend);
    Transaction transaction(*this);
    for (const QString &statement : migrations.at(version - 1))
        exec(statement);
    exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(version));
    transaction.commit();
    qCInfo(lcStore) << "applied schema migration" << version;
}

void Store::migrateTo(int version)
{
    for (int current = schemaVersion(); current < version; ++current)
        applyMigration(current + 1);
}

void Store::migrate()
{
    // Several instances may start at once on one PostgreSQL database.
    const Dialect &dialect = SqlCatalog::dialect(m_config.backend);
    if (!dialect.lockMigrations.isEmpty())
        exec(dialect.lockMigrations);
    const auto unlock = qScopeGuard([&] {
        if (!dialect.unlockMigrations.isEmpty())
            exec(dialect.unlockMigrations);
    });
    const int latest = latestSchemaVersion(m_config.backend);
    const int current = schemaVersion();
    if (current > latest)
        throw StoreError(QStringLiteral("the database has schema version %1, newer than this "
                                        "server's %2: upgrade palomar-server")
                             .arg(current)
                             .arg(latest));
    migrateTo(latest);
}

} // namespace Palomar::Server
