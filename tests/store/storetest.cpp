#include "storetest.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Palomar::Server;

namespace {

const QString kSqlite = QStringLiteral("sqlite");
const QString kPostgresql = QStringLiteral("postgresql");

} // namespace

namespace StoreTest {

QString execRaw(Store &store, const QString &statement)
{
    QSqlQuery query(store.database());
    if (!query.exec(statement))
        return statement + QStringLiteral(": ") + query.lastError().text();
    return {};
}

QVariant scalar(Store &store, const QString &statement)
{
    QSqlQuery query(store.database());
    if (!query.exec(statement) || !query.next())
        return {};
    return query.value(0);
}

qint64 count(Store &store, const QString &statement)
{
    const QVariant value = scalar(store, statement);
    return value.isValid() ? value.toLongLong() : -1;
}

bool tableExists(Store &store, const QString &table)
{
    QSqlQuery query(store.database());
    return query.exec(QStringLiteral("SELECT 1 FROM %1 WHERE 1 = 0").arg(table));
}

QList<qint64> ids(const QList<MessageRecord> &messages)
{
    QList<qint64> result;
    for (const MessageRecord &message : messages)
        result.append(message.id);
    return result;
}

QList<qint64> seqs(const QList<EventRecord> &events)
{
    QList<qint64> result;
    for (const EventRecord &event : events)
        result.append(event.seq);
    return result;
}

QStringList names(const QList<FriendRecord> &friends)
{
    QStringList result;
    for (const FriendRecord &record : friends)
        result.append(record.name);
    return result;
}

} // namespace StoreTest

using namespace StoreTest;

void StoreTestCase::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << kSqlite;
    // Listed always so that a run without the server says so (QSKIP in init).
    QTest::newRow("postgresql") << kPostgresql;
}

void StoreTestCase::initTestCase()
{
    // Migrations log at info level once per test: keep the output readable.
    QLoggingCategory::setFilterRules(QStringLiteral("palomar.store.info=false"));
}

void StoreTestCase::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_config = StoreConfig();
    if (backend == kPostgresql) {
        const QString url = qEnvironmentVariable("PALOMAR_TEST_PG_URL");
        if (url.isEmpty())
            QSKIP("PALOMAR_TEST_PG_URL is not set");
        QString error;
        QVERIFY2(StoreConfig::fromUrl(url, &m_config, &error), qPrintable(error));
        QCOMPARE(m_config.backend, StoreConfig::Backend::Postgresql);
    } else {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_config.backend = StoreConfig::Backend::Sqlite;
    }
    m_config.durability = StoreConfig::Durability::Normal; // speed; not under test
    try {
        prepareStore();
    } catch (const StoreError &error) {
        QFAIL(error.what()); // for example, the PostgreSQL server is down
    }
}

void StoreTestCase::prepareStore()
{
    if (m_config.backend == StoreConfig::Backend::Postgresql) {
        // Dropping and re-creating every table costs ~0.25 s per test on
        // PostgreSQL; when the database holds exactly the schema a fresh
        // migration made earlier in this run, emptying the tables and
        // resetting the id sequences is as good and much faster.
        m_store = openStore(QStringLiteral("main"));
        if (!m_migratedPostgresqlSchema.isEmpty() &&
            m_store->schemaVersion() == Store::latestSchemaVersion(m_config.backend) &&
            schema(*m_store) == m_migratedPostgresqlSchema) {
            // DELETE, not TRUNCATE: a few ms here instead of ~0.1 s.
            // Users last, as every other table refers to them.
            QStringList tables = postgresqlTables(*m_store);
            tables.removeAll(QStringLiteral("schema_version"));
            tables.removeAll(QStringLiteral("users"));
            tables.append(QStringLiteral("users"));
            for (const QString &table : std::as_const(tables))
                VERIFY_SQL(*m_store, QStringLiteral("DELETE FROM \"%1\"").arg(table));
            VERIFY_SQL(*m_store,
                       QStringLiteral("SELECT setval(format('%I', sequencename), 1, false) "
                                      "FROM pg_sequences "
                                      "WHERE schemaname = current_schema()"));
            return;
        }
        m_store.reset();
    }
    m_store = emptyStore(QStringLiteral("main"));
    QVERIFY(m_store);
    m_store->migrate();
    if (m_config.backend == StoreConfig::Backend::Postgresql)
        m_migratedPostgresqlSchema = schema(*m_store);
}

void StoreTestCase::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

std::unique_ptr<Store> StoreTestCase::openStore(const QString &name)
{
    StoreConfig config = m_config;
    if (config.backend == StoreConfig::Backend::Sqlite)
        config.sqlitePath = m_dir->filePath(name + QStringLiteral(".sqlite"));
    auto store = std::make_unique<Store>(
        config, QStringLiteral("tst_store_%1_%2").arg(name).arg(++m_connections));
    store->open();
    if (config.backend == StoreConfig::Backend::Postgresql) {
        // Only ever touch a schema of our own: the URL names an administrator
        // connection, normally to the database "postgres" (tests/CMakeLists.txt).
        const QStringList statements{
            QStringLiteral("SET client_min_messages = warning"),
            QStringLiteral("CREATE SCHEMA IF NOT EXISTS \"%1\"").arg(postgresqlSchema()),
            QStringLiteral("SET search_path TO \"%1\"").arg(postgresqlSchema())};
        for (const QString &statement : statements) {
            const QString error = execRaw(*store, statement);
            if (!error.isEmpty())
                throw StoreError(error);
        }
    }
    return store;
}

StoreConfig StoreTestCase::mainConfig() const
{
    StoreConfig config = m_config;
    if (config.backend == StoreConfig::Backend::Sqlite)
        config.sqlitePath = m_dir->filePath(QStringLiteral("main.sqlite"));
    else
        config.options.append(
            QStringLiteral("options='-c search_path=%1'").arg(postgresqlSchema()));
    return config;
}

QString StoreTestCase::postgresqlSchema()
{
    // Per executable and process, so that the store tests ctest runs in
    // parallel, or two runs against one cluster, do not collide.
    QString program = QCoreApplication::applicationName().toLower();
    for (QChar &c : program) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128))
            c = QLatin1Char('_');
    }
    return QStringLiteral("palomar_%1_%2")
        .arg(program.left(40))
        .arg(QCoreApplication::applicationPid());
}

void StoreTestCase::cleanupTestCase()
{
    const QString url = qEnvironmentVariable("PALOMAR_TEST_PG_URL");
    if (url.isEmpty())
        return;
    StoreConfig config;
    QString error;
    if (!StoreConfig::fromUrl(url, &config, &error))
        return;
    Store store(config, QStringLiteral("tst_store_cleanup"));
    try {
        store.open();
    } catch (const StoreError &) {
        return; // the server was not there for the tests either
    }
    VERIFY_SQL(store, QStringLiteral("SET client_min_messages = warning"));
    VERIFY_SQL(store,
               QStringLiteral("DROP SCHEMA IF EXISTS \"%1\" CASCADE").arg(postgresqlSchema()));
}

QStringList StoreTestCase::postgresqlTables(Store &store)
{
    QSqlQuery query(store.database());
    if (!query.exec(
            QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))
        throw StoreError(query.lastError().text());
    QStringList tables;
    while (query.next())
        tables.append(query.value(0).toString());
    return tables;
}

std::unique_ptr<Store> StoreTestCase::emptyStore(const QString &name)
{
    std::unique_ptr<Store> store = openStore(name);
    if (m_config.backend == StoreConfig::Backend::Postgresql) {
        for (const QString &table : postgresqlTables(*store)) {
            const QString error =
                execRaw(*store, QStringLiteral("DROP TABLE IF EXISTS \"%1\" CASCADE").arg(table));
            if (!error.isEmpty())
                throw StoreError(error);
        }
    }
    return store;
}

QStringList StoreTestCase::schema(Store &store)
{
    QStringList lines;
    QStringList statements;
    if (backend() == StoreConfig::Backend::Sqlite) {
        statements << QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                     "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    } else {
        statements << QStringLiteral("SELECT table_name, ordinal_position, column_name, data_type, "
                                     "is_nullable, column_default FROM information_schema.columns "
                                     "WHERE table_schema = current_schema() "
                                     "ORDER BY table_name, ordinal_position")
                   << QStringLiteral("SELECT tablename, indexname, indexdef FROM pg_indexes "
                                     "WHERE schemaname = current_schema() ORDER BY indexname")
                   << QStringLiteral(
                          "SELECT table_name, constraint_name, constraint_type "
                          "FROM information_schema.table_constraints "
                          "WHERE table_schema = current_schema() AND constraint_type <> 'CHECK' "
                          "ORDER BY table_name, constraint_name");
    }
    for (const QString &statement : std::as_const(statements)) {
        QSqlQuery query(store.database());
        if (!query.exec(statement)) {
            lines << QStringLiteral("ERROR: ") + query.lastError().text();
            continue;
        }
        while (query.next()) {
            QStringList fields;
            for (int i = 0; i < query.record().count(); ++i)
                fields << query.value(i).toString().simplified();
            lines << fields.join(QLatin1Char('|'));
        }
    }
    return lines;
}

qint64 StoreTestCase::addUser(const QString &name)
{
    return m_store->createUser(name, QStringLiteral("hash of ") + name, 1000).value_or(-1);
}

qint64 StoreTestCase::addMessage(qint64 from, qint64 to, const QString &text, qint64 ts,
                                 const QString &clientId)
{
    return m_store
        ->insertMessage(Store::directChat(from, to), from, to, std::nullopt, clientId, text, ts)
        .value_or(-1);
}
