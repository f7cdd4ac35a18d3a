// The StoreExecutor: the threads that own the database connections. Writes
// that wait together share one transaction (and one fails alone), reads do
// not wait for writes, a full disk and a lost connection are "unavailable"
// (never "internal"), and a lost connection is opened again by itself.
#include "storetest.h"

#include "store/directory.h"
#include "store/storeexecutor.h"

#include <QSqlError>
#include <QSqlQuery>

#include <functional>
#include <future>
#include <mutex>

using namespace Palomar::Server;
using namespace StoreTest;

namespace {

constexpr int kWaitMs = 30000;

// What became of the test's jobs, filled from the store threads.
struct Outcomes
{
    std::mutex mutex;
    QStringList done;
    QStringList failed; // "name:kind"
    QList<int> retryAfter;

    QStringList doneNames()
    {
        const std::lock_guard locker(mutex);
        return done;
    }
    QStringList failedNames()
    {
        const std::lock_guard locker(mutex);
        return failed;
    }
    int finished()
    {
        const std::lock_guard locker(mutex);
        return int(done.size() + failed.size());
    }
    void clear()
    {
        const std::lock_guard locker(mutex);
        done.clear();
        failed.clear();
        retryAfter.clear();
    }
};

QString kindName(StoreError::Kind kind)
{
    switch (kind) {
    case StoreError::Kind::Fault:
        return QStringLiteral("fault");
    case StoreError::Kind::Unavailable:
        return QStringLiteral("unavailable");
    case StoreError::Kind::Conflict:
        return QStringLiteral("conflict");
    }
    return {};
}

class TestJob : public StoreJob
{
public:
    TestJob(QString name, Access access, Outcomes &outcomes, std::function<void(Store &)> work)
        : m_name(std::move(name)), m_access(access), m_outcomes(outcomes), m_work(std::move(work))
    {}
    Access access() const override { return m_access; }
    void run(StoreContext &context) override { m_work(context.store); }
    void done(StoreContext &) override
    {
        const std::lock_guard locker(m_outcomes.mutex);
        m_outcomes.done.append(m_name);
    }
    void reset() override {}
    void failed(StoreError::Kind kind, int retryAfter, const QString &) override
    {
        const std::lock_guard locker(m_outcomes.mutex);
        m_outcomes.failed.append(m_name + QLatin1Char(':') + kindName(kind));
        m_outcomes.retryAfter.append(retryAfter);
    }

private:
    QString m_name;
    Access m_access;
    Outcomes &m_outcomes;
    std::function<void(Store &)> m_work;
};

// A user row named `name`: a write the test can look for.
std::function<void(Store &)> createUser(const QString &name)
{
    return [name](Store &store) { store.createUser(name, QStringLiteral("hash"), 1); };
}

} // namespace

class TestStoreExecutor : public StoreTestCase
{
    Q_OBJECT

private slots:
    void writesThatWaitTogetherShareOneTransaction();
    void aFailingWriteFailsAlone();
    void readsDoNotWaitForWrites();
    void aFullDiskIsUnavailableUntilThereIsRoom();
    void aLostConnectionIsOpenedAgain();

private:
    std::unique_ptr<StoreExecutor> start(int connections = 1);
    void submit(const QString &name, StoreJob::Access access, std::function<void(Store &)> work);
    // Submits a write that holds the writing connection (inside its
    // transaction) until `release` is set, and waits until it does.
    void holdTheWriter(std::shared_future<void> release);
    bool waitFor(int finished);

    Directory m_directory;
    Outcomes m_outcomes;
    std::unique_ptr<StoreExecutor> m_executor;
};

std::unique_ptr<StoreExecutor> TestStoreExecutor::start(int connections)
{
    m_outcomes.clear();
    StoreExecutor::Options options;
    options.store = mainConfig();
    options.connections = connections;
    auto executor = std::make_unique<StoreExecutor>(options, m_directory);
    QString error;
    if (!executor->start(&error))
        qWarning("cannot start the executor: %s", qPrintable(error));
    return executor;
}

void TestStoreExecutor::submit(const QString &name, StoreJob::Access access,
                               std::function<void(Store &)> work)
{
    m_executor->submit(std::make_unique<TestJob>(name, access, m_outcomes, std::move(work)));
}

void TestStoreExecutor::holdTheWriter(std::shared_future<void> release)
{
    auto started = std::make_shared<std::promise<void>>();
    std::future<void> running = started->get_future();
    submit(QStringLiteral("holder"), StoreJob::Access::Write, [started, release](Store &store) {
        store.createUser(QStringLiteral("holder"), QStringLiteral("hash"), 1);
        started->set_value();
        release.wait();
    });
    QCOMPARE(running.wait_for(std::chrono::milliseconds(kWaitMs)), std::future_status::ready);
}

bool TestStoreExecutor::waitFor(int finished)
{
    return QTest::qWaitFor([&] { return m_outcomes.finished() >= finished; }, kWaitMs);
}

void TestStoreExecutor::writesThatWaitTogetherShareOneTransaction()
{
    m_executor = start();
    QVERIFY(m_executor);
    std::promise<void> release;
    holdTheWriter(release.get_future().share());
    // Ten writes arrive while the first runs: they wait, then share one.
    for (int i = 0; i < 10; ++i)
        submit(QStringLiteral("w%1").arg(i), StoreJob::Access::Write,
               createUser(QStringLiteral("user%1").arg(i)));
    QCOMPARE(m_executor->batches(), quint64(1));
    release.set_value();
    QVERIFY(waitFor(11));
    QCOMPARE(m_outcomes.doneNames().size(), 11);
    QCOMPARE(m_executor->batches(), quint64(2));
    QCOMPARE(m_executor->batchedJobs(), quint64(11));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM users")), qint64(11));
    m_executor.reset();
}

void TestStoreExecutor::aFailingWriteFailsAlone()
{
    m_executor = start();
    QVERIFY(m_executor);
    std::promise<void> release;
    holdTheWriter(release.get_future().share());
    submit(QStringLiteral("first"), StoreJob::Access::Write, createUser(QStringLiteral("first")));
    // Writes a user, then fails: none of it may stay.
    submit(QStringLiteral("broken"), StoreJob::Access::Write, [](Store &store) {
        store.createUser(QStringLiteral("half"), QStringLiteral("hash"), 1);
        store.insertFriendship(1, 1000000, 1); // nobody: a violated constraint
    });
    submit(QStringLiteral("last"), StoreJob::Access::Write, createUser(QStringLiteral("last")));
    release.set_value();
    QVERIFY(waitFor(4));
    QCOMPARE(m_outcomes.doneNames(), (QStringList{QStringLiteral("holder"), QStringLiteral("first"),
                                                  QStringLiteral("last")}));
    QCOMPARE(m_outcomes.failedNames(), QStringList{QStringLiteral("broken:fault")});
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM users WHERE name = 'half'")),
             qint64(0));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM users")), qint64(3));
    m_executor.reset();
}

void TestStoreExecutor::readsDoNotWaitForWrites()
{
    // SQLite's reads have connections of their own; PostgreSQL's share the
    // pool, so a pool of two serves a read beside a write.
    m_executor = start(2);
    QVERIFY(m_executor);
    std::promise<void> release;
    holdTheWriter(release.get_future().share());
    auto users = std::make_shared<qint64>(-1);
    submit(QStringLiteral("read"), StoreJob::Access::Read,
           [users](Store &store) { *users = store.userByName(QStringLiteral("holder")) ? 1 : 0; });
    QVERIFY(QTest::qWaitFor([&] { return m_outcomes.doneNames().contains(QStringLiteral("read")); },
                            kWaitMs));
    QCOMPARE(*users, qint64(0)); // the write in progress is not visible yet
    release.set_value();
    QVERIFY(waitFor(2));
    m_executor.reset();
}

void TestStoreExecutor::aFullDiskIsUnavailableUntilThereIsRoom()
{
    if (backend() != StoreConfig::Backend::Sqlite)
        QSKIP("the full-disk hook is SQLite's max_page_count");
    VERIFY_SQL(*m_store, QStringLiteral("CREATE TABLE filler (data BLOB)"));
    VERIFY_SQL(*m_store, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                        "FROM n WHERE i < 50) INSERT INTO filler SELECT "
                                        "zeroblob(4000) FROM n"));
    const qint64 pages = count(*m_store, QStringLiteral("PRAGMA page_count"));
    qputenv("PALOMAR_SQLITE_MAX_PAGE_COUNT", QByteArray::number(pages + 2));
    m_executor = start();
    qunsetenv("PALOMAR_SQLITE_MAX_PAGE_COUNT");
    QVERIFY(m_executor);

    const QByteArray blob(40000, 'x'); // ten pages, with room for two
    const auto write = [blob](Store &store) {
        QSqlQuery query(store.database());
        query.prepare(QStringLiteral("INSERT INTO filler (data) VALUES (?)"));
        query.addBindValue(blob);
        if (!query.exec())
            throw StoreError(QStringLiteral("no room"),
                             classifyError(store.backend(), query.lastError()));
    };
    submit(QStringLiteral("full"), StoreJob::Access::Write, write);
    QVERIFY(waitFor(1));
    QCOMPARE(m_outcomes.failedNames(), QStringList{QStringLiteral("full:unavailable")});
    QVERIFY(m_outcomes.retryAfter.first() > 0);

    VERIFY_SQL(*m_store, QStringLiteral("DELETE FROM filler"));
    submit(QStringLiteral("room"), StoreJob::Access::Write, write);
    QVERIFY(waitFor(2));
    QCOMPARE(m_outcomes.doneNames(), QStringList{QStringLiteral("room")});
    m_executor.reset();
}

void TestStoreExecutor::aLostConnectionIsOpenedAgain()
{
    if (backend() != StoreConfig::Backend::Postgresql)
        QSKIP("SQLite has no connection to lose");
    m_executor = start();
    QVERIFY(m_executor);
    auto pid = std::make_shared<qint64>(0);
    submit(QStringLiteral("pid"), StoreJob::Access::Read, [pid](Store &store) {
        QSqlQuery query(store.database());
        if (query.exec(QStringLiteral("SELECT pg_backend_pid()")) && query.next())
            *pid = query.value(0).toLongLong();
    });
    QVERIFY(waitFor(1));
    QVERIFY(*pid > 0);
    // The server ends the connection, as a restart or a failover would.
    QCOMPARE(scalar(*m_store, QStringLiteral("SELECT pg_terminate_backend(%1)").arg(*pid)).toBool(),
             true);
    submit(QStringLiteral("lost"), StoreJob::Access::Write, createUser(QStringLiteral("lost")));
    QVERIFY(waitFor(2));
    QCOMPARE(m_outcomes.failedNames(), QStringList{QStringLiteral("lost:unavailable")});
    // The next job finds the connection opened again.
    submit(QStringLiteral("again"), StoreJob::Access::Write, createUser(QStringLiteral("again")));
    QVERIFY(waitFor(3));
    QVERIFY(m_outcomes.doneNames().contains(QStringLiteral("again")));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM users")), qint64(1));
    m_executor.reset();
}

QTEST_GUILESS_MAIN(TestStoreExecutor)
#include "tst_store_executor.moc"
