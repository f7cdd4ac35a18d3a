// The zlib stream helpers of file chunks (PROTOCOL.md, Files, `z`): plain
// RFC 1950 streams in both directions, strict about damage, truncation and
// trailing bytes, and bounded so a small hostile chunk cannot expand into
// gigabytes.
#include "protocol/zlibstream.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Palomar::Protocol;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

QByteArray repetitive(qsizetype size)
{
    QByteArray bytes;
    while (bytes.size() < size)
        bytes += QByteArrayLiteral("palomar chat, palomar files; ");
    bytes.truncate(size);
    return bytes;
}

} // namespace

class TestZlibStream : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void isPlainRfc1950();
    void truncatedStreamFails();
    void trailingGarbageFails();
    void damagedStreamFails();
    void notAStreamFails_data();
    void notAStreamFails();
    void bombIsBounded();
    void exactBoundIsAccepted();
    void compressIfSmaller_data();
    void compressIfSmaller();
};

void TestZlibStream::roundTrip_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one byte") << QByteArray("x");
    QTest::newRow("text") << repetitive(1000);
    QTest::newRow("random 256 KiB") << randomBytes(256 * 1024, 1);
    QTest::newRow("zeros 256 KiB") << QByteArray(256 * 1024, '\0');
    QTest::newRow("random 300001") << randomBytes(300001, 2); // several inflate buffers
}

void TestZlibStream::roundTrip()
{
    QFETCH(QByteArray, data);
    for (const int level : {1, 6, 9}) {
        const QByteArray stream = zlibCompress(data, level);
        QVERIFY(!stream.isEmpty());
        const std::optional<QByteArray> back = zlibDecompress(stream, data.size());
        QVERIFY(back.has_value());
        QCOMPARE(*back, data);
    }
}

void TestZlibStream::isPlainRfc1950()
{
    // A zlib header (CMF 0x78, FCHECK making CMF*256+FLG a multiple of 31),
    // no Qt length prefix (qCompress would start with 4 size bytes).
    const QByteArray stream = zlibCompress(repetitive(5000));
    QCOMPARE(quint8(stream.at(0)), quint8(0x78));
    QCOMPARE((quint8(stream.at(0)) * 256 + quint8(stream.at(1))) % 31, 0);
    QVERIFY(stream != qCompress(repetitive(5000)));
    QCOMPARE(*zlibDecompress(qCompress(repetitive(5000)).mid(4), 5000), repetitive(5000));
}

void TestZlibStream::truncatedStreamFails()
{
    const QByteArray data = randomBytes(100000, 3);
    const QByteArray stream = zlibCompress(data);
    for (const qsizetype cut : {qsizetype(1), qsizetype(4), stream.size() / 2, stream.size() - 1})
        QVERIFY2(!zlibDecompress(stream.left(cut), data.size()), qPrintable(QString::number(cut)));
    QVERIFY(!zlibDecompress(zlibCompress(QByteArray()).chopped(1), 10));
}

void TestZlibStream::trailingGarbageFails()
{
    const QByteArray data = repetitive(4000);
    const QByteArray stream = zlibCompress(data);
    QVERIFY(zlibDecompress(stream, data.size()));
    QVERIFY(!zlibDecompress(stream + QByteArray(1, '\0'), data.size()));
    QVERIFY(!zlibDecompress(stream + QByteArrayLiteral("junk"), data.size()));
    QVERIFY(!zlibDecompress(stream + stream, 2 * data.size())); // two streams are not one
}

void TestZlibStream::damagedStreamFails()
{
    const QByteArray data = randomBytes(20000, 4);
    QByteArray stream = zlibCompress(data);
    stream[stream.size() - 2] = char(stream.at(stream.size() - 2) ^ 0x55); // Adler-32 trailer
    QVERIFY(!zlibDecompress(stream, data.size()));
    QByteArray header = zlibCompress(data);
    header[1] = char(header.at(1) ^ 0x01); // FCHECK no longer valid
    QVERIFY(!zlibDecompress(header, data.size()));
}

void TestZlibStream::notAStreamFails_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("hello, this is not zlib");
    QTest::newRow("raw deflate") << zlibCompress(repetitive(100)).mid(2).chopped(4);
    QTest::newRow("random") << randomBytes(4096, 5);
}

void TestZlibStream::notAStreamFails()
{
    QFETCH(QByteArray, stream);
    QVERIFY(!zlibDecompress(stream, 1 << 20));
}

void TestZlibStream::bombIsBounded()
{
    // 64 MiB of zeros compress to about 64 KiB; inflating must stop at the
    // bound instead of allocating the lot.
    const QByteArray zeros(64 * 1024 * 1024, '\0');
    const QByteArray bomb = zlibCompress(zeros, 9);
    QVERIFY(bomb.size() < 128 * 1024);
    QVERIFY(!zlibDecompress(bomb, 256 * 1024));
    QVERIFY(!zlibDecompress(bomb, zeros.size() - 1));
}

void TestZlibStream::exactBoundIsAccepted()
{
    const QByteArray data = repetitive(256 * 1024);
    const QByteArray stream = zlibCompress(data);
    QCOMPARE(zlibDecompress(stream, data.size())->size(), data.size());
    QVERIFY(!zlibDecompress(stream, data.size() - 1));
}

void TestZlibStream::compressIfSmaller_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("compressed");
    QTest::newRow("random") << randomBytes(256 * 1024, 6) << false;
    QTest::newRow("repetitive") << repetitive(256 * 1024) << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("tiny") << QByteArray("ab") << false; // the zlib frame alone is bigger
    // Large chunks are probed on their first 16 KiB: a compressible head is
    // enough, an incompressible head means the chunk goes out as it is.
    QTest::newRow("text head, random tail")
        << repetitive(16 * 1024) + randomBytes(240 * 1024, 7) << true;
    QTest::newRow("random head, text tail")
        << randomBytes(16 * 1024, 8) + repetitive(240 * 1024) << false;
}

void TestZlibStream::compressIfSmaller()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, compressed);
    const MaybeCompressed result = Palomar::Protocol::compressIfSmaller(data);
    QCOMPARE(result.compressed, compressed);
    if (compressed) {
        QVERIFY(result.bytes.size() < data.size());
        QCOMPARE(*zlibDecompress(result.bytes, data.size()), data);
    } else {
        QCOMPARE(result.bytes, data);
    }
}

QTEST_APPLESS_MAIN(TestZlibStream)
#include "tst_zlibstream.moc"
