// The thread that checkpoints the SQLite writer's write-ahead log
// (WalCheckpointer). SQLite only: PostgreSQL has no such log.
#include "store/store.h"
#include "store/walcheckpointer.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Palomar::Server;

class TestStoreWriters : public QObject
{
    Q_OBJECT

private slots:
    void init();
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
    // 40 MB more, in bursts, each followed by a checkpoint that started
    // after its last write (however slow the machine): with nobody reading,
    // that copies the whole log, so the writer starts it over instead of
    // growing it.
    for (int burst = 0; burst < 10; ++burst) {
        write(store, 100, 40 * 1024);
        const quint64 written = checkpointer.noteWrite();
        QTRY_VERIFY_WITH_TIMEOUT(checkpointer.checkpointedWrites() >= written, 60000);
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
