// Table-driven tests of the frame codec (frame.h): length prefix, limits,
// UTF-8 and JSON checks, incremental decoding. No sockets: every case is
// bytes in, a value out. Shared helpers: protocoltest.h.
#include "protocoltest.h"

#include "protocol/frame.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Palomar::Protocol;
using namespace ProtocolTest;

class TestFrame : public QObject
{
    Q_OBJECT

private slots:
    void peekFrameLength_data();
    void peekFrameLength();
    void decodeFrame_data();
    void decodeFrame();
    void decodeFrameRejectsOversizeFromHeaderAlone_data();
    void decodeFrameRejectsOversizeFromHeaderAlone();
    void decodeFrameByteByByte();
    void decodeFrameStreamOfFrames();
    void encodeFrameLayout();
    void encodeDecodeRoundTrip_data();
    void encodeDecodeRoundTrip();
};

// ---------------------------------------------------------------- frame.h

void TestFrame::peekFrameLength_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("one byte") << QByteArray(1, '\0') << qint64(-1);
    QTest::newRow("three bytes") << QByteArray(3, '\0') << qint64(-1);
    QTest::newRow("zero") << header(0) << qint64(0);
    QTest::newRow("five") << header(5) << qint64(5);
    QTest::newRow("big-endian 0x01020304")
        << QByteArrayLiteral("\x01\x02\x03\x04") << qint64(0x01020304);
    QTest::newRow("max unsigned") << QByteArrayLiteral("\xFF\xFF\xFF\xFF") << qint64(0xFFFFFFFFLL);
    QTest::newRow("header plus body") << frameOf(QByteArrayLiteral("{}")) << qint64(2);
}

void TestFrame::peekFrameLength()
{
    QFETCH(QByteArray, buffer);
    QFETCH(qint64, expected);
    QCOMPARE(Palomar::Protocol::peekFrameLength(buffer), expected);
}

void TestFrame::decodeFrame_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<qsizetype>("maxFrame");
    QTest::addColumn<int>("status");
    QTest::addColumn<qsizetype>("consumed"); // checked for NeedMore and Frame
    QTest::addColumn<QJsonObject>("object");

    const qsizetype max = 64;
    const auto needMore = int(Status::NeedMore);
    const auto frame = int(Status::Frame);
    const auto error = int(Status::Error);
    const QByteArray ok = QByteArrayLiteral("{\"id\":1,\"op\":\"ping\"}");
    const QJsonObject okObject = json("{\"id\":1,\"op\":\"ping\"}");

    // Incomplete input: keep everything, consume nothing.
    QTest::newRow("empty buffer") << QByteArray() << max << needMore << qsizetype(0)
                                  << QJsonObject();
    QTest::newRow("partial header")
        << header(quint32(ok.size())).left(3) << max << needMore << qsizetype(0) << QJsonObject();
    QTest::newRow("header only") << header(quint32(ok.size())) << max << needMore << qsizetype(0)
                                 << QJsonObject();
    QTest::newRow("truncated body")
        << frameOf(ok).chopped(1) << max << needMore << qsizetype(0) << QJsonObject();
    QTest::newRow("half the body")
        << frameOf(ok).left(4 + ok.size() / 2) << max << needMore << qsizetype(0) << QJsonObject();

    // Well-formed frames.
    QTest::newRow("simple object")
        << frameOf(ok) << max << frame << qsizetype(4 + ok.size()) << okObject;
    QTest::newRow("empty object") << frameOf(QByteArrayLiteral("{}")) << max << frame
                                  << qsizetype(6) << QJsonObject();
    const QByteArray spaced = QByteArrayLiteral(" { \"a\" : [1, 2] }\n");
    QTest::newRow("object with whitespace")
        << frameOf(spaced) << max << frame << qsizetype(4 + spaced.size()) << json("{\"a\":[1,2]}");
    QTest::newRow("valid multibyte UTF-8")
        << frameOf(QByteArrayLiteral("{\"t\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}")) << max
        << frame << qsizetype(4 + 17)
        << QJsonObject{{QStringLiteral("t"), QStringLiteral("\u00E9\u20AC\U0001F600")}};
    QTest::newRow("two frames back to back: only the first")
        << QByteArray(frameOf(ok) + frameOf(QByteArrayLiteral("{\"id\":2}"))) << max << frame
        << qsizetype(4 + ok.size()) << okObject;
    QTest::newRow("frame followed by a partial header")
        << QByteArray(frameOf(ok) + QByteArrayLiteral("\x00\x00")) << max << frame
        << qsizetype(4 + ok.size()) << okObject;
    QTest::newRow("exactly maxFrame")
        << frameOfBodySize(max) << max << frame << qsizetype(4 + max)
        << QJsonObject{{QStringLiteral("pad"), QString(max - 10, QLatin1Char('x'))}};
    QTest::newRow("two byte body under a two byte limit")
        << QByteArray(frameOf(QByteArrayLiteral("{}")).left(4) + QByteArrayLiteral("{}"))
        << qsizetype(2) << frame << qsizetype(6) << QJsonObject();

    // Length errors.
    QTest::newRow("zero length") << header(0) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("zero length with more bytes")
        << QByteArray(header(0) + frameOf(ok)) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("maxFrame + 1, complete body")
        << frameOfBodySize(max + 1) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("0xFFFFFFFF with some body") << QByteArrayLiteral("\xFF\xFF\xFF\xFF{\"a\":1}")
                                               << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("2^31 under a huge limit")
        << header(0x80000000u) << qsizetype(std::numeric_limits<qint32>::max()) << error
        << qsizetype(-1) << QJsonObject();

    // Bytes that are not UTF-8 (inside an otherwise valid JSON string).
    const auto inString = [](const QByteArray &bytes) {
        return frameOf(QByteArrayLiteral("{\"t\":\"") + bytes + QByteArrayLiteral("\"}"));
    };
    QTest::newRow("overlong '/' (C0 AF)") << inString(QByteArrayLiteral("\xC0\xAF")) << max << error
                                          << qsizetype(-1) << QJsonObject();
    QTest::newRow("overlong NUL (C0 80)") << inString(QByteArrayLiteral("\xC0\x80")) << max << error
                                          << qsizetype(-1) << QJsonObject();
    QTest::newRow("overlong 3-byte (E0 80 AF)") << inString(QByteArrayLiteral("\xE0\x80\xAF"))
                                                << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("lone continuation byte")
        << inString(QByteArrayLiteral("\x80")) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("truncated 3-byte sequence") << inString(QByteArrayLiteral("\xE2\x82")) << max
                                               << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("truncated 4-byte sequence") << inString(QByteArrayLiteral("\xF0\x9F\x98")) << max
                                               << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("body ends inside a multibyte sequence")
        << frameOf(QByteArrayLiteral("{\"t\":1}\xE2\x82")) << max << error << qsizetype(-1)
        << QJsonObject();
    QTest::newRow("encoded surrogate (ED A0 80)") << inString(QByteArrayLiteral("\xED\xA0\x80"))
                                                  << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("encoded surrogate pair (ED A0 BD ED B8 80)")
        << inString(QByteArrayLiteral("\xED\xA0\xBD\xED\xB8\x80")) << max << error << qsizetype(-1)
        << QJsonObject();
    QTest::newRow("above U+10FFFF (F4 90 80 80)") << inString(QByteArrayLiteral("\xF4\x90\x80\x80"))
                                                  << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("byte FF") << inString(QByteArrayLiteral("\xFF")) << max << error << qsizetype(-1)
                             << QJsonObject();

    // JSON that is not an object.
    QTest::newRow("array") << frameOf(QByteArrayLiteral("[1,2,3]")) << max << error << qsizetype(-1)
                           << QJsonObject();
    QTest::newRow("empty array") << frameOf(QByteArrayLiteral("[]")) << max << error
                                 << qsizetype(-1) << QJsonObject();
    QTest::newRow("string") << frameOf(QByteArrayLiteral("\"hello\"")) << max << error
                            << qsizetype(-1) << QJsonObject();
    QTest::newRow("number") << frameOf(QByteArrayLiteral("42")) << max << error << qsizetype(-1)
                            << QJsonObject();
    QTest::newRow("null") << frameOf(QByteArrayLiteral("null")) << max << error << qsizetype(-1)
                          << QJsonObject();
    QTest::newRow("true") << frameOf(QByteArrayLiteral("true")) << max << error << qsizetype(-1)
                          << QJsonObject();

    // Not JSON at all.
    QTest::newRow("unterminated object")
        << frameOf(QByteArrayLiteral("{\"a\":1")) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("missing value")
        << frameOf(QByteArrayLiteral("{\"a\":}")) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("single quotes")
        << frameOf(QByteArrayLiteral("{'a':1}")) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("garbage after object") << frameOf(QByteArrayLiteral("{\"a\":1}xyz")) << max
                                          << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("two objects in one frame") << frameOf(QByteArrayLiteral("{\"a\":1}{\"b\":2}"))
                                              << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("plain text") << frameOf(QByteArrayLiteral("hello")) << max << error
                                << qsizetype(-1) << QJsonObject();
    QTest::newRow("whitespace only")
        << frameOf(QByteArrayLiteral("   ")) << max << error << qsizetype(-1) << QJsonObject();
    QTest::newRow("NUL bytes") << frameOf(QByteArray(3, '\0')) << max << error << qsizetype(-1)
                               << QJsonObject();
}

void TestFrame::decodeFrame()
{
    QFETCH(QByteArray, buffer);
    QFETCH(qsizetype, maxFrame);
    QFETCH(int, status);
    QFETCH(qsizetype, consumed);
    QFETCH(QJsonObject, object);

    const DecodedFrame decoded = Palomar::Protocol::decodeFrame(buffer, maxFrame);
    QCOMPARE(int(decoded.status), status);
    switch (decoded.status) {
    case Status::NeedMore:
        QCOMPARE(decoded.consumed, qsizetype(0));
        QVERIFY(decoded.error.isEmpty());
        QVERIFY(decoded.object.isEmpty());
        break;
    case Status::Frame:
        QCOMPARE(decoded.consumed, consumed);
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QCOMPARE(decoded.object, object);
        break;
    case Status::Error:
        QVERIFY(!decoded.error.isEmpty());
        QVERIFY(decoded.object.isEmpty());
        break;
    }
}

void TestFrame::decodeFrameRejectsOversizeFromHeaderAlone_data()
{
    QTest::addColumn<quint32>("length");
    QTest::addColumn<qsizetype>("maxFrame");

    QTest::newRow("0xFFFFFFFF") << 0xFFFFFFFFu << qsizetype(1024 * 1024);
    QTest::newRow("0x80000000") << 0x80000000u << qsizetype(1024 * 1024);
    QTest::newRow("maxFrame + 1 (1 MiB)") << quint32(1024 * 1024 + 1) << qsizetype(1024 * 1024);
    QTest::newRow("maxFrame + 1 (64)") << 65u << qsizetype(64);
    QTest::newRow("2 over a 1-byte limit") << 2u << qsizetype(1);
    QTest::newRow("zero") << 0u << qsizetype(1024 * 1024);
}

// The header alone is enough to reject: no body byte is awaited (a NeedMore
// here would make the caller buffer up to 4 GiB).
void TestFrame::decodeFrameRejectsOversizeFromHeaderAlone()
{
    QFETCH(quint32, length);
    QFETCH(qsizetype, maxFrame);

    const QByteArray bytes = header(length);
    const DecodedFrame decoded = Palomar::Protocol::decodeFrame(bytes, maxFrame);
    QCOMPARE(int(decoded.status), int(Status::Error));
    QVERIFY(!decoded.error.isEmpty());

    // ...and the verdict does not change with a few body bytes after it.
    const DecodedFrame withBody =
        Palomar::Protocol::decodeFrame(QByteArray(bytes + QByteArrayLiteral("{\"a\":")), maxFrame);
    QCOMPARE(int(withBody.status), int(Status::Error));

    // Three header bytes are never enough to decide.
    const DecodedFrame partial = Palomar::Protocol::decodeFrame(bytes.left(3), maxFrame);
    QCOMPARE(int(partial.status), int(Status::NeedMore));
}

// A frame that arrives one byte per read: every proper prefix is NeedMore
// with nothing consumed, the whole is the frame.
void TestFrame::decodeFrameByteByByte()
{
    const QJsonObject object{
        {QStringLiteral("id"), 9},
        {QStringLiteral("op"), QStringLiteral("send")},
        {QStringLiteral("text"), QString(QStringLiteral("caf\u00E9 ") + kEmoji)}};
    const QByteArray bytes = encodeFrame(object);
    QByteArray received;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        received.append(bytes.at(i));
        const DecodedFrame decoded = Palomar::Protocol::decodeFrame(received, 1024);
        if (i + 1 < bytes.size()) {
            QVERIFY2(decoded.status == Status::NeedMore,
                     qPrintable(QStringLiteral("after %1 bytes").arg(i + 1)));
            QCOMPARE(decoded.consumed, qsizetype(0));
        } else {
            QCOMPARE(int(decoded.status), int(Status::Frame));
            QCOMPARE(decoded.consumed, bytes.size());
            QCOMPARE(decoded.object, object);
        }
    }
}

// A reader loop over a stream of several frames fed in uneven slices gets
// each object once, in order, and nothing is left over.
void TestFrame::decodeFrameStreamOfFrames()
{
    QList<QJsonObject> sent;
    QByteArray stream;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject object{{QStringLiteral("id"), i},
                                 {QStringLiteral("text"), repeated(kEmoji, i * 3)}};
        sent.append(object);
        stream += encodeFrame(object);
    }
    QList<QJsonObject> received;
    QByteArray buffer;
    const qsizetype slices[] = {1, 2, 3, 5, 7, 11};
    qsizetype position = 0;
    for (int round = 0; position < stream.size(); ++round) {
        const qsizetype take = qMin(slices[round % 6], stream.size() - position);
        buffer += stream.mid(position, take);
        position += take;
        for (;;) {
            const DecodedFrame decoded = Palomar::Protocol::decodeFrame(buffer, 1024);
            QVERIFY2(decoded.status != Status::Error, qPrintable(decoded.error));
            if (decoded.status == Status::NeedMore)
                break;
            received.append(decoded.object);
            buffer.remove(0, decoded.consumed);
        }
    }
    QVERIFY(buffer.isEmpty());
    QCOMPARE(received, sent);
}

void TestFrame::encodeFrameLayout()
{
    const QJsonObject object{{QStringLiteral("id"), 1}};
    const QByteArray bytes = encodeFrame(object);
    QCOMPARE(bytes, QByteArrayLiteral("\x00\x00\x00\x08{\"id\":1}"));

    // A body over 255 bytes shows the byte order of the header.
    const QJsonObject big{{QStringLiteral("p"), QString(300, QLatin1Char('y'))}};
    const QByteArray bigBytes = encodeFrame(big);
    QCOMPARE(bigBytes.size(), 4 + 308);
    QCOMPARE(bigBytes.left(4), QByteArrayLiteral("\x00\x00\x01\x34"));
    QCOMPARE(Palomar::Protocol::peekFrameLength(bigBytes), qint64(308));
}

void TestFrame::encodeDecodeRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("object");

    QTest::newRow("empty") << QJsonObject();
    QTest::newRow("request") << json("{\"id\":\"a-1\",\"op\":\"login\",\"user\":\"homer\","
                                     "\"password\":\"donuts!!\",\"takeover\":true}");
    QTest::newRow("emoji and other scripts") << QJsonObject{
        {QStringLiteral("id"), 3},
        {QStringLiteral("text"),
         QStringLiteral("h\u00E9llo \U0001F44B \u4E16\u754C \u0645\u0631\u062D\u0628\u0627 "
                        "\U0001F468\u200D\U0001F469\u200D\U0001F467")}};
    QTest::newRow("escapes") << QJsonObject{
        {QStringLiteral("text"),
         QString(QStringLiteral("quote \" backslash \\ newline \n tab \t nul ") + QChar(0) +
                 QStringLiteral(" end"))}};
    QTest::newRow("nested") << json("{\"a\":{\"b\":[1,2.5,null,false,\"x\"]},\"n\":-7}");
    QTest::newRow("largest safe integer") << json("{\"n\":9007199254740991}");
}

void TestFrame::encodeDecodeRoundTrip()
{
    QFETCH(QJsonObject, object);
    const QByteArray bytes = encodeFrame(object);
    QCOMPARE(Palomar::Protocol::peekFrameLength(bytes), qint64(bytes.size() - kFrameHeaderSize));
    const DecodedFrame decoded = Palomar::Protocol::decodeFrame(bytes, 1024 * 1024);
    QCOMPARE(int(decoded.status), int(Status::Frame));
    QCOMPARE(decoded.consumed, bytes.size());
    QCOMPARE(decoded.object, object);

    // Text goes out as UTF-8, not as \u escapes (an emoji is 4 bytes).
    const QString text = object.value(QStringLiteral("text")).toString();
    if (text.contains(QStringLiteral("\U0001F44B")))
        QVERIFY(bytes.contains(QByteArrayLiteral("\xF0\x9F\x91\x8B")));
}

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
