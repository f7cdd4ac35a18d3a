#include "store.h"

#include "sqlcatalog.h"

#include <QLoggingCategory>
#include <QScopeGuard>

#include <QSqlError>
#include <algorithm>

Q_LOGGING_CATEGORY(lcStore, "palomar.store")

namespace Palomar::Server {

namespace {

// As long as SQLite's busy timeout: past it, BEGIN goes ahead and lets SQLite
// answer (another process may hold the lock, or a caller two transactions).
constexpr std::chrono::seconds kWriteGateWait(10);

} // namespace

Store::Store(const StoreConfig &config, const QString &connectionName)
    : m_config(config), m_connectionName(connectionName), m_thread(QThread::currentThread())
{}

Store::~Store()
{
    cancelWriteWait();
    releaseWriteGate();
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
    m_db = QSqlDatabase::addDatabase(dialect.driver, m_connectionName);
    if (m_config.backend == StoreConfig::Backend::Sqlite) {
        m_db.setDatabaseName(m_config.sqlitePath);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1")
                                   .arg(std::chrono::milliseconds(kWriteGateWait).count()));
        m_writeGate = WriteGate::forFile(m_config.sqlitePath);
    } else {
        m_db.setHostName(m_config.host);
        m_db.setPort(m_config.port);
        m_db.setUserName(m_config.user);
        m_db.setPassword(m_config.password);
        m_db.setDatabaseName(m_config.database);
    }
    if (!m_db.open())
        throw StoreError(
            QStringLiteral("cannot open %1: %2").arg(m_config.describe(), m_db.lastError().text()));
    if (m_config.backend == StoreConfig::Backend::Sqlite) {
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        exec(m_config.durability == StoreConfig::Durability::Full
                 ? QStringLiteral("PRAGMA synchronous=FULL")
                 : QStringLiteral("PRAGMA synchronous=NORMAL"));
        exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        // Savepoints and multi-row statements keep the pages they change in a
        // statement journal: in memory, not a temporary file written with
        // pwrite() while the write lock is held.
        exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
        // Test hook (docs/operations.md): a database that cannot grow past N
        // pages stands in for a full disk.
        const qint64 maxPages = qEnvironmentVariableIntValue("PALOMAR_SQLITE_MAX_PAGE_COUNT");
        if (maxPages > 0)
            exec(QStringLiteral("PRAGMA max_page_count=%1").arg(maxPages));
    } else {
        exec(QStringLiteral("SET client_min_messages TO WARNING"));
        exec(m_config.durability == StoreConfig::Durability::Full
                 ? QStringLiteral("SET synchronous_commit = on")
                 : QStringLiteral("SET synchronous_commit = off"));
    }
}

void Store::exec(const QString &statement)
{
    QSqlQuery query(m_db);
    if (!query.exec(statement))
        throw StoreError(QStringLiteral("%1: %2").arg(statement, query.lastError().text()));
}

QSqlQuery &Store::prepareAs(std::string key, const QString &sql)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw StoreError(QStringLiteral("cannot prepare %1: %2")
                             .arg(QString::fromStdString(key), query.lastError().text()));
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

void Store::control(const QString &statement)
{
    if (m_config.backend != StoreConfig::Backend::Sqlite) {
        exec(statement);
        return;
    }
    assertThread();
    std::string key = statement.toStdString();
    const auto it = m_statements.find(key);
    QSqlQuery &query = it != m_statements.end() ? it->second : prepareAs(std::move(key), statement);
    const bool ok = query.exec();
    const QString error = ok ? QString() : query.lastError().text();
    query.finish();
    if (!ok)
        throw StoreError(QStringLiteral("%1: %2").arg(statement, error));
}

void Store::releaseWriteGate()
{
    if (m_holdsGate) {
        m_holdsGate = false;
        m_writeGate->unlock();
    }
}

bool Store::reserveWrite(std::function<void()> onFree)
{
    assertThread();
    if (!m_writeGate || m_holdsGate)
        return true;
    m_holdsGate = m_writeGate->tryLock(this, std::move(onFree));
    return m_holdsGate;
}

void Store::endReservation()
{
    if (m_transactionDepth == 0)
        releaseWriteGate();
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

void Store::cancelWriteWait()
{
    if (m_writeGate)
        m_writeGate->cancel(this);
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
    if (!query.exec()) {
        const QString error = query.lastError().text();
        query.finish();
        if (m_flatNesting)
            m_flatFailed = true; // a half-done request cannot be undone alone
        throw StoreError(QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(name), error));
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
    if (level == 1 && m_store.m_writeGate && !m_store.m_holdsGate)
        m_store.m_holdsGate = m_store.m_writeGate->lock(kWriteGateWait);
    try {
        m_store.control(level == 1 ? SqlCatalog::dialect(m_store.m_config.backend).beginTransaction
                                   : QStringLiteral("SAVEPOINT palomar_%1").arg(level));
    } catch (...) {
        if (level == 1)
            m_store.releaseWriteGate();
        throw;
    }
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
            m_store.m_afterCommit.clear();
            m_store.m_flatNesting = false;
            const auto release = qScopeGuard([this] { m_store.releaseWriteGate(); });
            m_store.control(QStringLiteral("ROLLBACK"));
        } else {
            m_store.control(QStringLiteral("ROLLBACK TO SAVEPOINT palomar_%1").arg(m_level));
            m_store.control(QStringLiteral("RELEASE SAVEPOINT palomar_%1").arg(m_level));
        }
    } catch (const StoreError &error) {
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
    m_store.finishUsed();
    if (m_level == 1) {
        // Released even when COMMIT fails: the destructor's ROLLBACK then
        // runs without it, as any statement outside a transaction does.
        const auto release = qScopeGuard([this] { m_store.releaseWriteGate(); });
        m_store.control(QStringLiteral("COMMIT"));
    } else {
        m_store.control(QStringLiteral("RELEASE SAVEPOINT palomar_%1").arg(m_level));
    }
    m_done = true;
    m_store.m_transactionDepth = m_level - 1;
    if (m_level == 1) {
        m_store.m_flatNesting = false;
        std::vector<std::function<void()>> callbacks;
        callbacks.swap(m_store.m_afterCommit);
        for (const auto &callback : callbacks)
            callback();
    }
}

void Store::afterCommit(std::function<void()> callback)
{
    if (m_transactionDepth == 0)
        callback();
    else
        m_afterCommit.push_back(std::move(callback));
}

int Store::latestSchemaVersion(StoreConfig::Backend backend)
{
    return int(SqlCatalog::migrations(backend).size());
}

int Store::schemaVersion()
{
    assertThread();
    exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")))
        throw StoreError(query.lastError().text());
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

const QString Store::kWakeupChannel = QStringLiteral("palomar_wake");

bool Store::supportsNotifications() const
{
    return SqlCatalog::dialect(m_config.backend).notifications;
}

void Store::publishWakeups(const QList<qint64> &userIds)
{
    if (!supportsNotifications() || userIds.isEmpty())
        return;
    QStringList ids;
    for (const qint64 id : userIds)
        ids.append(QString::number(id));
    run("publish_wakeups", {kWakeupChannel, ids.join(QLatin1Char(','))}).finish();
}

} // namespace Palomar::Server
