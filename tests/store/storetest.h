// The fixture shared by the store tests (tst_store_*). Each test class derives
// from StoreTestCase, which runs every test function once per backend: the
// global data table lists SQLite always and PostgreSQL, which is skipped
// unless PALOMAR_TEST_PG_URL names a database (tests/CMakeLists.txt passes the
// administrator connection of the test cluster, for example
// postgresql://postgres@127.0.0.1:25432/postgres). There a test works in a
// schema of its own, palomar_<executable>_<pid>, dropped at the end. Every
// test function gets a fresh, migrated database in m_store from init().
#pragma once

#include "store/store.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>

namespace StoreTest {

constexpr qint64 kNoBefore = std::numeric_limits<qint64>::max();

// Runs one statement on the store's connection; returns the error text, or an
// empty string on success.
QString execRaw(Palomar::Server::Store &store, const QString &statement);
// The first column of the first row, or an invalid QVariant on failure.
QVariant scalar(Palomar::Server::Store &store, const QString &statement);
// scalar() as a number; -1 on failure.
qint64 count(Palomar::Server::Store &store, const QString &statement);
bool tableExists(Palomar::Server::Store &store, const QString &table);

QList<qint64> ids(const QList<Palomar::Server::MessageRecord> &messages);
QList<qint64> seqs(const QList<Palomar::Server::EventRecord> &events);
QStringList names(const QList<Palomar::Server::FriendRecord> &friends);

} // namespace StoreTest

#define VERIFY_SQL(store, statement)                                                               \
    do {                                                                                           \
        const QString sqlError = StoreTest::execRaw((store), (statement));                         \
        QVERIFY2(sqlError.isEmpty(), qPrintable(sqlError));                                        \
    } while (false)

class StoreTestCase : public QObject
{
    Q_OBJECT

private slots:
    // Run by QtTest for every derived test class.
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

protected:
    Palomar::Server::StoreConfig::Backend backend() const { return m_config.backend; }
    // A store on an empty database (SQLite: a new file named `name` in the
    // test's folder; PostgreSQL: every table of the schema dropped first).
    std::unique_ptr<Palomar::Server::Store> emptyStore(const QString &name);
    // A store on the database as it is (SQLite: the file named `name`).
    std::unique_ptr<Palomar::Server::Store> openStore(const QString &name);
    // How to open more connections to m_store's database (the executor's):
    // on PostgreSQL, the test's schema as the search path.
    Palomar::Server::StoreConfig mainConfig() const;
    // Everything the migrations create, one normalised line per object.
    QStringList schema(Palomar::Server::Store &store);
    qint64 addUser(const QString &name); // -1 if refused
    qint64 addMessage(qint64 from, qint64 to, const QString &text, qint64 ts,
                      const QString &clientId = {});

    std::unique_ptr<Palomar::Server::Store> m_store;

private:
    void prepareStore(); // m_store: a fresh, migrated database
    static QStringList postgresqlTables(Palomar::Server::Store &store);
    static QString postgresqlSchema();

    Palomar::Server::StoreConfig m_config;
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_migratedPostgresqlSchema;
    int m_connections = 0;
};
