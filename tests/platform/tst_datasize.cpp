// DataSize::format: the one way every Palomar program writes a byte count.
#include "platform/datasize.h"

#include <QLocale>
#include <QtTest>

using Palomar::Platform::DataSize::format;

class TestDataSize : public QObject
{
    Q_OBJECT

private slots:
    void decimalUnits_data();
    void decimalUnits();
    void followsTheLocale();
    void negativeIsZero();
};

void TestDataSize::decimalUnits_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("shown");
    // The figures: binary sizes had been shown with decimal units.
    QTest::newRow("300,054 bytes") << qint64(300054) << QStringLiteral("300 kB");
    QTest::newRow("60,000,000 bytes") << qint64(60000000) << QStringLiteral("60 MB");
    QTest::newRow("a 100,000-byte limit") << qint64(100000) << QStringLiteral("100 kB");
    QTest::newRow("bytes") << qint64(512) << QStringLiteral("512 bytes");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0 bytes");
    QTest::newRow("1,000 bytes") << qint64(1000) << QStringLiteral("1 kB");
    QTest::newRow("1,536 bytes, whole kB") << qint64(1536) << QStringLiteral("2 kB");
    QTest::newRow("4.2 MB") << qint64(4200000) << QStringLiteral("4.2 MB");
    QTest::newRow("1 MB drops .0") << qint64(1000000) << QStringLiteral("1 MB");
    QTest::newRow("1.5 MiB") << qint64(1572864) << QStringLiteral("1.6 MB");
    QTest::newRow("9.96 MB rounds to 10") << qint64(9960000) << QStringLiteral("10 MB");
    QTest::newRow("12.3 MB whole") << qint64(12300000) << QStringLiteral("12 MB");
    QTest::newRow("2.5 GB") << qint64(2500000000) << QStringLiteral("2.5 GB");
}

void TestDataSize::decimalUnits()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, shown);
    QCOMPARE(format(bytes, QLocale::c()), shown);
}

void TestDataSize::followsTheLocale()
{
    // The desktop shows the user's decimal separator.
    QCOMPARE(format(4200000, QLocale(QLocale::Spanish, QLocale::Spain)), QStringLiteral("4,2 MB"));
}

void TestDataSize::negativeIsZero()
{
    QCOMPARE(format(-5, QLocale::c()), QStringLiteral("0 bytes"));
}

QTEST_GUILESS_MAIN(TestDataSize)
#include "tst_datasize.moc"
