// The Store's schema and connection handling: transactions, the SQL catalog,
// migrations step by step and at once, and StoreConfig::fromUrl, on every
// enabled backend (see storetest.h).
#include "storetest.h"

#include "store/sqlcatalog.h"

#include <QTest>

using namespace Palomar::Server;
using namespace StoreTest;

class TestStoreMigrations : public StoreTestCase
{
    Q_OBJECT

private slots:
    // Transactions
    void transactionRollsBackUnlessCommitted();
    void transactionCommits();
    void transactionRollsBackAfterAFailedStatement();
    void nestedTransactionIsASavepoint();
    void flatNestingFailsAsAWhole();
    void afterCommitWaitsForTheOutermostCommit();

    // Schema
    void catalog();
    void splitStatements_data();
    void splitStatements();
    void freshDatabaseHasVersionZero();
    void migratedEqualsStepByStep();
    void migrateIsIdempotent();
    void newerSchemaIsRefused();

    // Configuration
    void storeConfigFromUrl_data();
    void storeConfigFromUrl();
};

// ---------------------------------------------------------------- transactions

void TestStoreMigrations::transactionRollsBackUnlessCommitted()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    {
        Store::Transaction transaction(*m_store);
        QVERIFY(m_store->createUser(QStringLiteral("ghost"), QStringLiteral("h"), 1));
        QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(1));
        m_store->putSession({a, QByteArrayLiteral("t"), 1, 1, true});
        QVERIFY(m_store->userByName(QStringLiteral("ghost"))); // visible inside
    }                                                          // no commit
    QVERIFY(!m_store->userByName(QStringLiteral("ghost")));
    QCOMPARE(m_store->lastSeq(a), qint64(0));
    QVERIFY(m_store->pendingEvents(a, 0, 10).isEmpty());
    QVERIFY(!m_store->sessionOfUser(a));

    // The store works normally afterwards, in and out of transactions.
    QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(1));
    {
        Store::Transaction transaction(*m_store);
        QVERIFY(m_store->createUser(QStringLiteral("ghost"), QStringLiteral("h"), 1));
    }
    QVERIFY(!m_store->userByName(QStringLiteral("ghost")));
}

void TestStoreMigrations::transactionCommits()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    {
        Store::Transaction transaction(*m_store);
        QVERIFY(m_store->createUser(QStringLiteral("kept"), QStringLiteral("h"), 1));
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        transaction.commit();
    }
    QVERIFY(m_store->userByName(QStringLiteral("kept")));
    QCOMPARE(m_store->lastSeq(a), qint64(2));

    // Committed data is visible to another connection.
    const std::unique_ptr<Store> other = openStore(QStringLiteral("main"));
    QCOMPARE(other->schemaVersion(), Store::latestSchemaVersion(backend()));
    QVERIFY(other->userByName(QStringLiteral("KEPT")));
    QCOMPARE(other->lastSeq(a), qint64(2));
}

void TestStoreMigrations::transactionRollsBackAfterAFailedStatement()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    try {
        Store::Transaction transaction(*m_store);
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        m_store->appendEvent(a + 1000, QStringLiteral("friend_added"), {}); // throws
        transaction.commit();
        QFAIL("appendEvent for a missing user did not throw");
    } catch (const StoreError &) {
    }
    QCOMPARE(m_store->lastSeq(a), qint64(0));
    QVERIFY(m_store->pendingEvents(a, 0, 10).isEmpty());
    QCOMPARE(m_store->appendEvent(a, QStringLiteral("friend_added"), {}), qint64(1));
}

void TestStoreMigrations::nestedTransactionIsASavepoint()
{
    // Group commit: each request's transaction is a savepoint of the batch.
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    {
        Store::Transaction batch(*m_store);
        QVERIFY(m_store->inTransaction());
        {
            Store::Transaction kept(*m_store);
            m_store->appendEvent(a, QStringLiteral("friend_added"), {});
            kept.commit();
        }
        try {
            Store::Transaction failed(*m_store);
            QVERIFY(m_store->createUser(QStringLiteral("ghost"), QStringLiteral("h"), 1));
            m_store->appendEvent(a + 1000, QStringLiteral("friend_added"), {}); // throws
            failed.commit();
            QFAIL("appendEvent for a missing user did not throw");
        } catch (const StoreError &) {
        }
        {
            Store::Transaction abandoned(*m_store); // no commit
            m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        }
        QVERIFY(m_store->inTransaction());
        // Released but not yet durable: another connection does not see it.
        const std::unique_ptr<Store> other = openStore(QStringLiteral("main"));
        QCOMPARE(other->lastSeq(a), qint64(0));
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        batch.commit();
    }
    QVERIFY(!m_store->inTransaction());
    QVERIFY(!m_store->userByName(QStringLiteral("ghost")));
    QCOMPARE(m_store->lastSeq(a), qint64(2));
    QCOMPARE(m_store->pendingEvents(a, 0, 10).size(), qsizetype(2));

    // A batch that rolls back takes its released savepoints with it.
    {
        Store::Transaction batch(*m_store);
        Store::Transaction own(*m_store);
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        own.commit();
    }
    QCOMPARE(m_store->lastSeq(a), qint64(2));
}

void TestStoreMigrations::flatNestingFailsAsAWhole()
{
    // Group commit on SQLite: the requests' transactions take no savepoints.
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    {
        Store::Transaction batch(*m_store, Store::Transaction::Nesting::Flat);
        for (int i = 0; i < 2; ++i) {
            Store::Transaction own(*m_store);
            m_store->appendEvent(a, QStringLiteral("friend_added"), {});
            own.commit();
        }
        QVERIFY(!batch.failed());
        batch.commit();
    }
    QCOMPARE(m_store->lastSeq(a), qint64(2));

    // One that rolls back fails the batch; committing it anyway throws, and
    // the rollback takes everything, the committed ones' writes too.
    {
        Store::Transaction batch(*m_store, Store::Transaction::Nesting::Flat);
        {
            Store::Transaction kept(*m_store);
            m_store->appendEvent(a, QStringLiteral("friend_added"), {});
            kept.commit();
        }
        {
            Store::Transaction abandoned(*m_store);
            m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        }
        QVERIFY(batch.failed());
        QVERIFY(m_store->inTransaction());
        QVERIFY_THROWS_EXCEPTION(StoreError, batch.commit());
    }
    QVERIFY(!m_store->inTransaction());
    QCOMPARE(m_store->lastSeq(a), qint64(2));

    // So does a failing statement that its request caught (a friendship
    // with a user who does not exist).
    {
        Store::Transaction batch(*m_store, Store::Transaction::Nesting::Flat);
        try {
            m_store->insertFriendship(a, a + 1000, 2);
            QFAIL("a friendship with nobody was stored");
        } catch (const StoreError &) {
        }
        QVERIFY(batch.failed());
    }

    // The next batch starts afresh, and one with savepoints is unaffected.
    {
        Store::Transaction batch(*m_store, Store::Transaction::Nesting::Flat);
        QVERIFY(!batch.failed());
        m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        batch.commit();
    }
    {
        Store::Transaction batch(*m_store);
        {
            Store::Transaction abandoned(*m_store);
            m_store->appendEvent(a, QStringLiteral("friend_added"), {});
        }
        QVERIFY(!batch.failed());
        batch.commit();
    }
    QCOMPARE(m_store->lastSeq(a), qint64(3));
}

void TestStoreMigrations::afterCommitWaitsForTheOutermostCommit()
{
    QStringList ran;
    m_store->afterCommit([&ran] { ran.append(QStringLiteral("outside")); });
    QCOMPARE(ran, QStringList{QStringLiteral("outside")}); // no transaction: at once
    {
        Store::Transaction batch(*m_store);
        {
            Store::Transaction own(*m_store);
            m_store->afterCommit([&ran] { ran.append(QStringLiteral("inner")); });
            own.commit();
        }
        QCOMPARE(ran.size(), qsizetype(1)); // a released savepoint is not durable
        batch.commit();
    }
    QCOMPARE(ran, (QStringList{QStringLiteral("outside"), QStringLiteral("inner")}));
    {
        Store::Transaction batch(*m_store);
        m_store->afterCommit([&ran] { ran.append(QStringLiteral("rolled back")); });
    }
    QCOMPARE(ran.size(), qsizetype(2)); // dropped with the rollback
    {
        Store::Transaction batch(*m_store);
        batch.commit();
    }
    QCOMPARE(ran.size(), qsizetype(2)); // and not run by a later commit
}

// ---------------------------------------------------------------- schema

void TestStoreMigrations::catalog()
{
    const int latest = Store::latestSchemaVersion(backend());
    QVERIFY(latest >= 4);
    // Both dialects describe the same schema history.
    QCOMPARE(Store::latestSchemaVersion(StoreConfig::Backend::Sqlite),
             Store::latestSchemaVersion(StoreConfig::Backend::Postgresql));
    const QList<QStringList> migrations = SqlCatalog::migrations(backend());
    QCOMPARE(migrations.size(), latest);
    for (const QStringList &statements : migrations) {
        QVERIFY(!statements.isEmpty());
        for (const QString &statement : statements) {
            QVERIFY(!statement.trimmed().isEmpty());
            QVERIFY2(!statement.trimmed().endsWith(QLatin1Char(';')), qPrintable(statement));
        }
    }
    QVERIFY(SqlCatalog::statement(backend(), QStringLiteral("insert_user"))
                .contains(QLatin1String("INSERT INTO users")));
    QVERIFY_THROWS_EXCEPTION(StoreError,
                             SqlCatalog::statement(backend(), QStringLiteral("no_such_statement")));
    QCOMPARE(SqlCatalog::dialect(StoreConfig::Backend::Sqlite).driver, QStringLiteral("QSQLITE"));
    QCOMPARE(SqlCatalog::dialect(StoreConfig::Backend::Postgresql).driver, QStringLiteral("QPSQL"));
}

void TestStoreMigrations::splitStatements_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");

    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("comments only") << QStringLiteral("-- one\n  -- two\n\n") << QStringList();
    QTest::newRow("two statements")
        << QStringLiteral("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n")
        << QStringList{QStringLiteral("CREATE TABLE a (x INT)"),
                       QStringLiteral("CREATE TABLE b (y INT)")};
    QTest::newRow("multi-line statement, comments dropped")
        << QStringLiteral("-- header\nCREATE TABLE a (\n    -- the key\n    x INT\n);\n")
        << QStringList{QStringLiteral("CREATE TABLE a (\n    x INT\n)")};
    QTest::newRow("semicolon inside a line does not split")
        << QStringLiteral("INSERT INTO t VALUES ('a;b');\n")
        << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;b')")};
    QTest::newRow("last statement without semicolon")
        << QStringLiteral("SELECT 1;\nSELECT 2\n")
        << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("CRLF line ends")
        << QStringLiteral("SELECT 1;\r\nSELECT 2;\r\n")
        << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
}

void TestStoreMigrations::splitStatements()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(SqlCatalog::splitStatements(script), statements);
}

void TestStoreMigrations::freshDatabaseHasVersionZero()
{
    m_store.reset();
    std::unique_ptr<Store> store = emptyStore(QStringLiteral("empty"));
    QCOMPARE(store->schemaVersion(), 0);
    QVERIFY(!tableExists(*store, QStringLiteral("users")));

    store->migrateTo(1);
    QCOMPARE(store->schemaVersion(), 1);
    QVERIFY(tableExists(*store, QStringLiteral("users")));
    QVERIFY(tableExists(*store, QStringLiteral("sessions")));
    QVERIFY(!tableExists(*store, QStringLiteral("messages")));
    QVERIFY(!tableExists(*store, QStringLiteral("login_failures")));

    store->migrateTo(1); // already there
    QCOMPARE(store->schemaVersion(), 1);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM schema_version")), qint64(1));

    store->migrateTo(3);
    QCOMPARE(store->schemaVersion(), 3);
    QVERIFY(tableExists(*store, QStringLiteral("login_failures")));
    QVERIFY(!tableExists(*store, QStringLiteral("replaced_sessions")));

    store->migrate();
    QCOMPARE(store->schemaVersion(), Store::latestSchemaVersion(backend()));
    QVERIFY(tableExists(*store, QStringLiteral("messages")));
    QVERIFY(tableExists(*store, QStringLiteral("events")));
    QVERIFY(tableExists(*store, QStringLiteral("login_failures")));
    QVERIFY(tableExists(*store, QStringLiteral("replaced_sessions")));
}

void TestStoreMigrations::migratedEqualsStepByStep()
{
    const int latest = Store::latestSchemaVersion(backend());
    m_store.reset();

    QStringList freshSchema;
    {
        std::unique_ptr<Store> fresh = emptyStore(QStringLiteral("fresh"));
        fresh->migrate();
        QCOMPARE(fresh->schemaVersion(), latest);
        freshSchema = schema(*fresh);
    }
    QVERIFY(!freshSchema.isEmpty());
    QVERIFY2(!freshSchema.first().startsWith(QLatin1String("ERROR")),
             qPrintable(freshSchema.first()));

    std::unique_ptr<Store> stepped = emptyStore(QStringLiteral("stepped"));
    stepped->migrateTo(1);
    QCOMPARE(stepped->schemaVersion(), 1);
    // Data written by a version-1 server.
    VERIFY_SQL(*stepped, QStringLiteral("INSERT INTO users (name, name_key, password_hash, "
                                        "created_ts, last_seen_ts) "
                                        "VALUES ('Homer', 'homer', 'old-hash', 111, 222)"));
    VERIFY_SQL(*stepped, QStringLiteral("INSERT INTO users (name, name_key, password_hash, "
                                        "created_ts) VALUES ('marge', 'marge', 'h2', 112)"));
    VERIFY_SQL(*stepped,
               QStringLiteral("INSERT INTO friendships (user_id, friend_id, since_ts) "
                              "SELECT a.id, b.id, 300 FROM users a, users b WHERE a.id <> b.id"));
    for (int version = 2; version <= latest; ++version) {
        stepped->migrateTo(version);
        QCOMPARE(stepped->schemaVersion(), version);
    }
    stepped->migrate();
    QCOMPARE(stepped->schemaVersion(), latest);
    QCOMPARE(count(*stepped, QStringLiteral("SELECT COUNT(*) FROM schema_version")),
             qint64(latest));

    const QStringList steppedSchema = schema(*stepped);
    QCOMPARE(steppedSchema, freshSchema);

    // The version-1 rows survived and work with today's operations.
    std::optional<UserRecord> homer = stepped->userByName(QStringLiteral("HOMER"));
    QVERIFY(homer);
    QCOMPARE(homer->name, QStringLiteral("Homer"));
    QCOMPARE(homer->passwordHash, QStringLiteral("old-hash"));
    QCOMPARE(homer->lastSeen, std::optional<qint64>(222));
    const std::optional<UserRecord> marge = stepped->userByName(QStringLiteral("marge"));
    QVERIFY(marge);
    QVERIFY(stepped->isFriend(homer->id, marge->id));
    QCOMPARE(names(stepped->friendsOf(homer->id)), QStringList{QStringLiteral("marge")});
    QCOMPARE(stepped->lastSeq(homer->id), qint64(0)); // the column added by 002
    QCOMPARE(stepped->appendEvent(homer->id, QStringLiteral("friend_added"), {}), qint64(1));
    QVERIFY(!stepped->createUser(QStringLiteral("homer"), QStringLiteral("x"), 1));
    const std::optional<qint64> bart =
        stepped->createUser(QStringLiteral("bart"), QStringLiteral("h3"), 1);
    QVERIFY(bart);
    QVERIFY(*bart > marge->id);
}

void TestStoreMigrations::migrateIsIdempotent()
{
    const int latest = Store::latestSchemaVersion(backend());
    QCOMPARE(m_store->schemaVersion(), latest);
    const qint64 a = addUser(QStringLiteral("alice"));
    QVERIFY(a > 0);
    const QStringList before = schema(*m_store);

    m_store->migrate();
    m_store->migrate();
    m_store->migrateTo(latest);
    m_store->migrateTo(1); // never goes back

    QCOMPARE(m_store->schemaVersion(), latest);
    QCOMPARE(schema(*m_store), before);
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM schema_version")),
             qint64(latest));
    QCOMPARE(m_store->userById(a)->name, QStringLiteral("alice"));
}

void TestStoreMigrations::newerSchemaIsRefused()
{
    const int latest = Store::latestSchemaVersion(backend());
    VERIFY_SQL(*m_store,
               QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(latest + 1));
    QCOMPARE(m_store->schemaVersion(), latest + 1);
    const QStringList before = schema(*m_store);

    QVERIFY_THROWS_EXCEPTION(StoreError, m_store->migrate());
    QCOMPARE(m_store->schemaVersion(), latest + 1);
    QCOMPARE(schema(*m_store), before);

    // A new connection (a restarted, older server) refuses it as well.
    m_store.reset();
    const std::unique_ptr<Store> again = openStore(QStringLiteral("main"));
    QVERIFY_THROWS_EXCEPTION(StoreError, again->migrate());
    QCOMPARE(again->schemaVersion(), latest + 1);
}

// ---------------------------------------------------------------- configuration

void TestStoreMigrations::storeConfigFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("postgresql");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("path");

    QTest::newRow("socket folder")
        << QStringLiteral("postgresql://postgres@%2Ftmp:5433/palomar_test") << true << true
        << QStringLiteral("/tmp") << 5433 << QStringLiteral("postgres") << QString()
        << QStringLiteral("palomar_test") << QString();
    QTest::newRow("host, password, default port")
        << QStringLiteral("postgres://chat:s3cret@db.example.org/palomar") << true << true
        << QStringLiteral("db.example.org") << 5432 << QStringLiteral("chat")
        << QStringLiteral("s3cret") << QStringLiteral("palomar") << QString();
    QTest::newRow("socket folder as a parameter")
        << QStringLiteral("postgresql://postgres@/palomar_test?host=/run/postgresql&port=5434")
        << true << true << QStringLiteral("/run/postgresql") << 5434 << QStringLiteral("postgres")
        << QString() << QStringLiteral("palomar_test") << QString();
    QTest::newRow("percent-encoded password")
        << QStringLiteral("postgresql://u:p%40ss%3A@h:1/d") << true << true << QStringLiteral("h")
        << 1 << QStringLiteral("u") << QStringLiteral("p@ss:") << QStringLiteral("d") << QString();
    QTest::newRow("no database") << QStringLiteral("postgresql://chat@localhost") << false << false
                                 << QString() << 0 << QString() << QString() << QString()
                                 << QString();
    QTest::newRow("sqlite: prefix")
        << QStringLiteral("sqlite:/var/lib/palomar/p.db") << true << false << QString() << 0
        << QString() << QString() << QString() << QStringLiteral("/var/lib/palomar/p.db");
    QTest::newRow("sqlite:// prefix")
        << QStringLiteral("sqlite://data/p.db") << true << false << QString() << 0 << QString()
        << QString() << QString() << QStringLiteral("data/p.db");
    QTest::newRow("plain path") << QStringLiteral("/tmp/p.sqlite") << true << false << QString()
                                << 0 << QString() << QString() << QString()
                                << QStringLiteral("/tmp/p.sqlite");
    QTest::newRow("empty") << QString() << false << false << QString() << 0 << QString()
                           << QString() << QString() << QString();
    QTest::newRow("unknown scheme")
        << QStringLiteral("mysql://x@y/z") << false << false << QString() << 0 << QString()
        << QString() << QString() << QString();
    QTest::newRow("postgresql without //")
        << QStringLiteral("postgresql:palomar") << false << false << QString() << 0 << QString()
        << QString() << QString() << QString();
    QTest::newRow("sqlite: alone") << QStringLiteral("sqlite:") << false << false << QString() << 0
                                   << QString() << QString() << QString() << QString();
}

void TestStoreMigrations::storeConfigFromUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(bool, postgresql);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QFETCH(QString, path);

    StoreConfig config;
    QString error;
    QCOMPARE(StoreConfig::fromUrl(url, &config, &error), ok);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        return;
    }
    if (postgresql) {
        QCOMPARE(config.backend, StoreConfig::Backend::Postgresql);
        QCOMPARE(config.host, host);
        QCOMPARE(config.port, port);
        QCOMPARE(config.user, user);
        QCOMPARE(config.password, password);
        QCOMPARE(config.database, database);
        if (!password.isEmpty())
            QVERIFY(!config.describe().contains(password));
    } else {
        QCOMPARE(config.backend, StoreConfig::Backend::Sqlite);
        QCOMPARE(config.sqlitePath, path);
    }
}

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_store_migrations.moc"
