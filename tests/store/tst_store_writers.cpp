// The writers of one SQLite file in one process: the write gate that queues
// them (WriteGate) and the thread that checkpoints their write-ahead log
// (WalCheckpointer). SQLite only: PostgreSQL has neither.
#include "store/store.h"
#include "store/walcheckpointer.h"
#include "store/writegate.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Palomar::Server;

class TestStoreWriters : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void gateIsSharedPerFile();
    void tryLockCallsBackOnUnlock();
    void cancelledWaiterIsNotCalled();
    void lockWaitsForTheHolder();
    void writeListenerSeesEveryUnlock();
    void reservationCoversTheNextTransaction();
    void checkpointerKeepsTheLogSmall();
    void checkpointerReportsAFileItCannotOpen();

private:
    StoreConfig config(const QString &name) const;
    static void write(Store &store, int rows, int bytes);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStoreWriters::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

StoreConfig TestStoreWriters::config(const QString &name) const
{
    StoreConfig config;
    config.backend = StoreConfig::Backend::Sqlite;
    config.durability = StoreConfig::Durability::Normal;
    config.sqlitePath = m_dir->filePath(name);
    return config;
}

// `rows` rows of `bytes` bytes each, one transaction per row.
void TestStoreWriters::write(Store &store, int rows, int bytes)
{
    const QByteArray blob(bytes, 'x');
    for (int i = 0; i < rows; ++i) {
        Store::Transaction transaction(store);
        QSqlQuery query(store.database());
        QVERIFY2(query.prepare(QStringLiteral("INSERT INTO filler (data) VALUES (?)")),
                 qPrintable(query.lastError().text()));
        query.addBindValue(blob);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        query.finish();
        transaction.commit();
    }
}

void TestStoreWriters::gateIsSharedPerFile()
{
    const auto a = WriteGate::forFile(m_dir->filePath(QStringLiteral("a.db")));
    const auto sameThroughAnotherPath =
        WriteGate::forFile(m_dir->path() + QStringLiteral("/./a.db"));
    const auto b = WriteGate::forFile(m_dir->filePath(QStringLiteral("b.db")));
    QCOMPARE(a.get(), sameThroughAnotherPath.get());
    QVERIFY(a.get() != b.get());
}

void TestStoreWriters::tryLockCallsBackOnUnlock()
{
    const auto gate = WriteGate::forFile(m_dir->filePath(QStringLiteral("a.db")));
    int called = 0;
    QVERIFY(gate->tryLock(this, [&] { ++called; }));
    // Held (by this thread here; the mutex is not recursive, so a second
    // try fails as another thread's would).
    std::atomic<bool> second = true;
    std::thread([&] { second = gate->tryLock(&second, [&] { ++called; }); }).join();
    QVERIFY(!second);
    QCOMPARE(called, 0);
    gate->unlock();
    QCOMPARE(called, 1); // the waiter, once
    QVERIFY(gate->tryLock(this, [&] { ++called; }));
    gate->unlock();
    QCOMPARE(called, 1);
}

void TestStoreWriters::cancelledWaiterIsNotCalled()
{
    const auto gate = WriteGate::forFile(m_dir->filePath(QStringLiteral("a.db")));
    QVERIFY(gate->lock(std::chrono::milliseconds(0)));
    int called = 0;
    int owner = 0;
    std::thread([&] { QVERIFY(!gate->tryLock(&owner, [&] { ++called; })); }).join();
    gate->cancel(&owner);
    gate->unlock();
    QCOMPARE(called, 0);
}

void TestStoreWriters::lockWaitsForTheHolder()
{
    const auto gate = WriteGate::forFile(m_dir->filePath(QStringLiteral("a.db")));
    QVERIFY(gate->lock(std::chrono::milliseconds(0)));
    bool timedOut = true;
    std::thread([&] { timedOut = !gate->lock(std::chrono::milliseconds(20)); }).join();
    QVERIFY(timedOut);
    std::atomic<bool> got = false;
    std::thread waiter([&] {
        got = gate->lock(std::chrono::seconds(10));
        gate->unlock();
    });
    QTest::qWait(20);
    QVERIFY(!got);
    gate->unlock();
    waiter.join();
    QVERIFY(got);
}

void TestStoreWriters::writeListenerSeesEveryUnlock()
{
    const auto gate = WriteGate::forFile(m_dir->filePath(QStringLiteral("a.db")));
    int writes = 0;
    gate->setWriteListener([&] { ++writes; });
    for (int i = 0; i < 3; ++i) {
        QVERIFY(gate->lock(std::chrono::milliseconds(0)));
        gate->unlock();
    }
    gate->setWriteListener({});
    QVERIFY(gate->lock(std::chrono::milliseconds(0)));
    gate->unlock();
    QCOMPARE(writes, 3);
}

void TestStoreWriters::reservationCoversTheNextTransaction()
{
    Store first(config(QStringLiteral("r.db")), QStringLiteral("first"));
    first.open();
    Store second(config(QStringLiteral("r.db")), QStringLiteral("second"));
    second.open();
    const auto gate = WriteGate::forFile(m_dir->filePath(QStringLiteral("r.db")));

    QVERIFY(first.reserveWrite([] {}));
    // The reservation holds the gate: another thread finds it taken.
    bool taken = false;
    std::thread([&] { taken = !gate->lock(std::chrono::milliseconds(0)); }).join();
    QVERIFY(taken);
    int secondCalledBack = 0;
    QVERIFY(!second.reserveWrite([&] { ++secondCalledBack; }));
    {
        // The reserving store's transaction uses it rather than waiting on it.
        Store::Transaction transaction(first);
        transaction.commit();
    }
    QCOMPARE(secondCalledBack, 1); // the commit released the gate
    QVERIFY(second.reserveWrite([] {}));
    second.endReservation(); // unused: released
    QVERIFY(first.reserveWrite([] {}));
    first.endReservation();
}

void TestStoreWriters::checkpointerKeepsTheLogSmall()
{
    const StoreConfig settings = config(QStringLiteral("c.db"));
    Store store(settings, QStringLiteral("writer"));
    store.open();
    store.handOverCheckpoints();
    {
        QSqlQuery query(store.database());
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE filler (data BLOB)")));
    }
    const QString wal = settings.sqlitePath + QStringLiteral("-wal");

    // Without a checkpointer the log only grows: 4 MB written, 4 MB of log.
    write(store, 100, 40 * 1024);
    QVERIFY2(QFileInfo(wal).size() > 4 * 1000 * 1000,
             qPrintable(QString::number(QFileInfo(wal).size())));
    const qint64 unchecked = QFileInfo(wal).size();

    WalCheckpointer checkpointer(settings);
    QString error;
    QVERIFY2(checkpointer.start(&error), qPrintable(error));
    // 40 MB more, in bursts the checkpointer copies between: the writers
    // start the log over instead of growing it.
    for (int burst = 0; burst < 10; ++burst) {
        const qint64 before = checkpointer.checkpoints();
        write(store, 100, 40 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(checkpointer.checkpoints() > before, 10000);
    }
    QVERIFY2(QFileInfo(wal).size() < unchecked + 8 * 1000 * 1000,
             qPrintable(QStringLiteral("log %1 bytes").arg(QFileInfo(wal).size())));
    QSqlQuery rows(store.database());
    QVERIFY(rows.exec(QStringLiteral("SELECT count(*) FROM filler")) && rows.next());
    QCOMPARE(rows.value(0).toInt(), 1100);
}

void TestStoreWriters::checkpointerReportsAFileItCannotOpen()
{
    StoreConfig settings = config(QStringLiteral("missing-folder/x.db"));
    WalCheckpointer checkpointer(settings);
    QString error;
    QVERIFY(!checkpointer.start(&error));
    QVERIFY2(error.contains(QStringLiteral("x.db")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStoreWriters)
#include "tst_store_writers.moc"
