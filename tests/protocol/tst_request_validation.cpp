// Table-driven tests of what a request's contents are checked against:
// username and password rules (validation.h) and the limits a server
// advertises (limits.h), including hostile values in a hello reply. Shared
// helpers: protocoltest.h.
#include "protocoltest.h"

#include "protocol/frame.h"
#include "protocol/limits.h"
#include "protocol/validation.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Palomar::Protocol;
using namespace ProtocolTest;

class TestRequestValidation : public QObject
{
    Q_OBJECT

private slots:
    // validation.h
    void isValidUsername_data();
    void isValidUsername();
    void usernameKey_data();
    void usernameKey();
    void characterCount_data();
    void characterCount();
    void isAcceptablePassword_data();
    void isAcceptablePassword();

    // limits.h
    void limitsDefaultsToJson();
    void limitsRoundTrip();
    void limitsFromJsonFallsBack();
    void limitsFromJsonRejectsOutOfRange_data();
    void limitsFromJsonRejectsOutOfRange();
};

// ---------------------------------------------------------------- validation.h

void TestRequestValidation::isValidUsername_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("lower") << QStringLiteral("homer") << true;
    QTest::newRow("mixed case") << QStringLiteral("Homer") << true;
    QTest::newRow("one character") << QStringLiteral("x") << true;
    QTest::newRow("digits only") << QStringLiteral("1234") << true;
    QTest::newRow("all punctuation allowed") << QStringLiteral("a_b.c-d") << true;
    QTest::newRow("only punctuation") << QStringLiteral("._-") << true;
    QTest::newRow("full alphabet")
        << QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef") << true; // 32
    QTest::newRow("32 characters") << QString(32, QLatin1Char('a')) << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("33 characters") << QString(33, QLatin1Char('a')) << false;
    QTest::newRow("space inside") << QStringLiteral("homer simpson") << false;
    QTest::newRow("leading space") << QStringLiteral(" homer") << false;
    QTest::newRow("trailing space") << QStringLiteral("homer ") << false;
    QTest::newRow("tab") << QStringLiteral("a\tb") << false;
    QTest::newRow("e acute") << QStringLiteral("ren\u00E9") << false;
    QTest::newRow("cyrillic a") << QStringLiteral("\u0430dmin") << false;
    QTest::newRow("CJK") << QStringLiteral("\u4E16\u754C") << false;
    QTest::newRow("emoji") << kEmoji << false;
    QTest::newRow("fullwidth A") << QStringLiteral("\uFF21bc") << false;
    QTest::newRow("at sign") << QStringLiteral("a@b") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("plus") << QStringLiteral("a+b") << false;
    QTest::newRow("NUL") << QString(QChar(0)) << false;
    QTest::newRow("newline") << QStringLiteral("a\n") << false;
}

void TestRequestValidation::isValidUsername()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Palomar::Protocol::isValidUsername(name), valid);
}

void TestRequestValidation::usernameKey_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");

    QTest::newRow("Homer/homer") << QStringLiteral("Homer") << QStringLiteral("homer") << true;
    QTest::newRow("HOMER/homer") << QStringLiteral("HOMER") << QStringLiteral("homer") << true;
    QTest::newRow("hOmEr.J/HoMeR.j")
        << QStringLiteral("hOmEr.J") << QStringLiteral("HoMeR.j") << true;
    QTest::newRow("homer/homer_") << QStringLiteral("homer") << QStringLiteral("homer_") << false;
    QTest::newRow("a-b/a_b") << QStringLiteral("a-b") << QStringLiteral("a_b") << false;
    QTest::newRow("a1/A2") << QStringLiteral("a1") << QStringLiteral("A2") << false;
}

void TestRequestValidation::usernameKey()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    QCOMPARE(Palomar::Protocol::usernameKey(first) == Palomar::Protocol::usernameKey(second), same);
    // The key is itself a valid name, and its own key.
    const QString key = Palomar::Protocol::usernameKey(first);
    QVERIFY(Palomar::Protocol::isValidUsername(key));
    QCOMPARE(Palomar::Protocol::usernameKey(key), key);
    QCOMPARE(key.size(), first.size());
}

void TestRequestValidation::characterCount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("count");

    QTest::newRow("empty") << QString() << qsizetype(0);
    QTest::newRow("ascii") << QStringLiteral("abc") << qsizetype(3);
    QTest::newRow("BMP") << QStringLiteral("\u00E9\u4E16") << qsizetype(2);
    QTest::newRow("one emoji") << kEmoji << qsizetype(1);
    QTest::newRow("emoji between letters")
        << QString(QStringLiteral("a") + kEmoji + QStringLiteral("b")) << qsizetype(3);
    QTest::newRow("lone high surrogate") << QString(QChar(0xD83D)) << qsizetype(1);
    QTest::newRow("lone low surrogate") << QString(QChar(0xDE00)) << qsizetype(1);
    QTest::newRow("low then high")
        << QString(QString(QChar(0xDE00)) + QChar(0xD83D)) << qsizetype(2);
}

void TestRequestValidation::characterCount()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, count);
    QCOMPARE(Palomar::Protocol::characterCount(text), count);
}

void TestRequestValidation::isAcceptablePassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("acceptable");

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("7 ASCII") << QString(7, QLatin1Char('p')) << false;
    QTest::newRow("8 ASCII") << QString(8, QLatin1Char('p')) << true;
    QTest::newRow("256 ASCII") << QString(256, QLatin1Char('p')) << true;
    QTest::newRow("257 ASCII") << QString(257, QLatin1Char('p')) << false;
    // 4 emoji are 8 UTF-16 units but only 4 characters.
    QTest::newRow("4 emoji") << repeated(kEmoji, 4) << false;
    QTest::newRow("7 emoji") << repeated(kEmoji, 7) << false;
    QTest::newRow("8 emoji") << repeated(kEmoji, 8) << true;
    QTest::newRow("7 ASCII + 1 emoji") << QString(QString(7, QLatin1Char('p')) + kEmoji) << true;
    QTest::newRow("6 ASCII + 1 emoji") << QString(QString(6, QLatin1Char('p')) + kEmoji) << false;
    // 256 emoji are 512 UTF-16 units but 256 characters.
    QTest::newRow("256 emoji") << repeated(kEmoji, 256) << true;
    QTest::newRow("257 emoji") << repeated(kEmoji, 257) << false;
    QTest::newRow("255 ASCII + 1 emoji")
        << QString(QString(255, QLatin1Char('p')) + kEmoji) << true;
    QTest::newRow("8 spaces") << QString(8, QLatin1Char(' ')) << true;
    QTest::newRow("8 accented") << QString(8, QChar(0x00E9)) << true;
}

void TestRequestValidation::isAcceptablePassword()
{
    QFETCH(QString, password);
    QFETCH(bool, acceptable);
    QCOMPARE(Palomar::Protocol::isAcceptablePassword(password), acceptable);
}

// ---------------------------------------------------------------- limits.h

void TestRequestValidation::limitsDefaultsToJson()
{
    const QJsonObject object = Limits().toJson();
    QStringList keys = object.keys();
    keys.sort();
    QStringList expected{QStringLiteral("max_frame"),
                         QStringLiteral("max_text"),
                         QStringLiteral("max_file"),
                         QStringLiteral("chunk"),
                         QStringLiteral("poll_interval"),
                         QStringLiteral("idle_timeout"),
                         QStringLiteral("session_timeout"),
                         QStringLiteral("sync_limit"),
                         QStringLiteral("rate"),
                         QStringLiteral("burst")};
    expected.sort();
    QCOMPARE(keys, expected);

    // The defaults of PROTOCOL.md.
    QCOMPARE(object.value(QStringLiteral("max_frame")).toInteger(), 1024 * 1024);
    QCOMPARE(object.value(QStringLiteral("max_text")).toInteger(), 16 * 1024);
    QCOMPARE(object.value(QStringLiteral("max_file")).toInteger(), 100 * 1024 * 1024);
    QCOMPARE(object.value(QStringLiteral("chunk")).toInteger(), 256 * 1024);
    QCOMPARE(object.value(QStringLiteral("poll_interval")).toInteger(), 2);
    QCOMPARE(object.value(QStringLiteral("idle_timeout")).toInteger(), 60);
    QCOMPARE(object.value(QStringLiteral("session_timeout")).toInteger(), 300);
    QCOMPARE(object.value(QStringLiteral("sync_limit")).toInteger(), 1000);
    QCOMPARE(object.value(QStringLiteral("rate")).toInteger(), 500);
    QCOMPARE(object.value(QStringLiteral("burst")).toInteger(), 1000);
    for (const QJsonValue &value : object)
        QVERIFY(value.isDouble());
}

void TestRequestValidation::limitsRoundTrip()
{
    Limits limits;
    limits.maxFrame = 2 * 1024 * 1024 + 1;
    limits.maxText = 1000;
    limits.maxFile = 5LL * 1024 * 1024 * 1024; // over 32 bits
    limits.chunk = 65536;
    limits.pollInterval = 7;
    limits.idleTimeout = 11;
    limits.sessionTimeout = 13;
    limits.syncLimit = 17;
    limits.rate = 0;
    limits.burst = 0;

    const QJsonObject object = limits.toJson();
    QCOMPARE(object.value(QStringLiteral("max_file")).toInteger(), 5LL * 1024 * 1024 * 1024);
    QCOMPARE(object.value(QStringLiteral("rate")).toInteger(), 0);

    // Through the wire and back.
    const DecodedFrame decoded = Palomar::Protocol::decodeFrame(encodeFrame(object), 1 << 20);
    QCOMPARE(int(decoded.status), int(Status::Frame));
    const Limits back = Limits::fromJson(decoded.object);
    QCOMPARE(back.maxFrame, limits.maxFrame);
    QCOMPARE(back.maxText, limits.maxText);
    QCOMPARE(back.maxFile, limits.maxFile);
    QCOMPARE(back.chunk, limits.chunk);
    QCOMPARE(back.pollInterval, limits.pollInterval);
    QCOMPARE(back.idleTimeout, limits.idleTimeout);
    QCOMPARE(back.sessionTimeout, limits.sessionTimeout);
    QCOMPARE(back.syncLimit, limits.syncLimit);
    QCOMPARE(back.rate, limits.rate);
    QCOMPARE(back.burst, limits.burst);
    QCOMPARE(back.toJson(), object);
}

void TestRequestValidation::limitsFromJsonFallsBack()
{
    const Limits defaults;
    // Missing keys and keys of the wrong type keep the defaults; others apply.
    const Limits parsed =
        Limits::fromJson(json("{\"max_frame\":\"big\",\"max_text\":null,\"chunk\":4096,"
                              "\"rate\":[1],\"burst\":5,\"unknown\":1}"));
    QCOMPARE(parsed.maxFrame, defaults.maxFrame);
    QCOMPARE(parsed.maxText, defaults.maxText);
    QCOMPARE(parsed.maxFile, defaults.maxFile);
    QCOMPARE(parsed.chunk, qint64(4096));
    QCOMPARE(parsed.pollInterval, defaults.pollInterval);
    QCOMPARE(parsed.rate, defaults.rate);
    QCOMPARE(parsed.burst, 5);
    QCOMPARE(Limits::fromJson(QJsonObject()).toJson(), defaults.toJson());

    // As parsed from the wire: hostile numbers keep the defaults.
    const Limits hostile = Limits::fromJson(
        json("{\"poll_interval\":1e20,\"idle_timeout\":-5,\"session_timeout\":2.5,"
             "\"sync_limit\":-0.0001,\"max_frame\":1e19,\"max_file\":9007199254740991}"));
    QCOMPARE(hostile.pollInterval, defaults.pollInterval);
    QCOMPARE(hostile.idleTimeout, defaults.idleTimeout);
    QCOMPARE(hostile.sessionTimeout, defaults.sessionTimeout);
    QCOMPARE(hostile.syncLimit, defaults.syncLimit);
    QCOMPARE(hostile.maxFrame, defaults.maxFrame);
    QCOMPARE(hostile.maxFile, qint64(9007199254740991LL));
}

void TestRequestValidation::limitsFromJsonRejectsOutOfRange_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("accepted"); // else the default stays

    const double int32Max = std::numeric_limits<qint32>::max();
    const double largestExact = 9007199254740991.0; // 2^53 - 1, the last exact double
    const struct
    {
        const char *name;
        const char *key;
        double value;
        bool accepted;
    } table[] = {
        {"poll_interval 1e20", "poll_interval", 1e20, false},
        {"poll_interval -5", "poll_interval", -5, false},
        {"poll_interval 2.5", "poll_interval", 2.5, false},
        {"poll_interval 0", "poll_interval", 0, true},
        {"poll_interval 7", "poll_interval", 7, true},
        {"idle_timeout just under a whole number", "idle_timeout", 59.999999, false},
        {"session_timeout INT_MAX", "session_timeout", int32Max, true},
        {"session_timeout INT_MAX + 1", "session_timeout", int32Max + 1, false},
        {"sync_limit 2^53 - 1 (too big for int)", "sync_limit", largestExact, false},
        {"sync_limit -0.5", "sync_limit", -0.5, false},
        {"rate -1", "rate", -1, false},
        {"rate 0 (unlimited)", "rate", 0, true},
        {"burst 1e300", "burst", 1e300, false},
        {"burst infinity", "burst", std::numeric_limits<double>::infinity(), false},
        {"burst -infinity", "burst", -std::numeric_limits<double>::infinity(), false},
        {"burst NaN", "burst", std::numeric_limits<double>::quiet_NaN(), false},
        {"max_frame over 32 bits", "max_frame", 5e9, true},
        {"max_frame -1024", "max_frame", -1024, false},
        {"max_frame 0.5", "max_frame", 0.5, false},
        {"max_text 1e20", "max_text", 1e20, false},
        {"max_text INT_MIN", "max_text", -int32Max - 1, false},
        {"chunk tiny negative fraction", "chunk", -1e-9, false},
        {"chunk 1.5 KiB", "chunk", 1536.5, false},
        {"max_file 2^53 - 1", "max_file", largestExact, true},
        {"max_file 2^40", "max_file", 1099511627776.0, true},
        {"max_file 2^60", "max_file", 1152921504606846976.0, false},
        {"max_file 1e20", "max_file", 1e20, false},
        {"max_file 9.2e18 (about INT64_MAX)", "max_file", 9.2e18, false},
        {"max_file -1", "max_file", -1, false},
    };
    for (const auto &row : table)
        QTest::newRow(row.name) << QString::fromLatin1(row.key) << QJsonValue(row.value)
                                << row.accepted;
}

// A server's hello must not crash or mislead a client: any number a field
// cannot hold exactly keeps its default, and the other fields are untouched.
void TestRequestValidation::limitsFromJsonRejectsOutOfRange()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(bool, accepted);

    const QJsonObject defaults = Limits().toJson();
    QVERIFY(defaults.contains(key));
    QJsonObject expected = defaults;
    if (accepted)
        expected.insert(key, qint64(value.toDouble()));

    const Limits parsed = Limits::fromJson(QJsonObject{{key, value}});
    QCOMPARE(parsed.toJson(), expected);
    QCOMPARE(parsed.toJson().value(key).toInteger(),
             accepted ? qint64(value.toDouble()) : defaults.value(key).toInteger());

    // Next to good values, a bad one spoils nothing else.
    QJsonObject mixed = defaults;
    for (auto it = mixed.begin(); it != mixed.end(); ++it)
        it.value() = it.value().toInteger() + 1;
    mixed.insert(key, value);
    QJsonObject expectedMixed = mixed;
    expectedMixed.insert(key,
                         accepted ? qint64(value.toDouble()) : defaults.value(key).toInteger());
    QCOMPARE(Limits::fromJson(mixed).toJson(), expectedMixed);
}

QTEST_GUILESS_MAIN(TestRequestValidation)
#include "tst_request_validation.moc"
