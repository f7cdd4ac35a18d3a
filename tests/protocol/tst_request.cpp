// Table-driven tests of the request layer of the protocol: the envelope and
// field reader (request.h) and error names (errors.h). No sockets: every case
// is JSON or text in, a value out. Shared helpers: protocoltest.h.
#include "protocoltest.h"

#include "protocol/errors.h"
#include "protocol/request.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <limits>

using namespace Palomar::Protocol;
using namespace ProtocolTest;

Q_DECLARE_METATYPE(Palomar::Protocol::Error)

class TestRequest : public QObject
{
    Q_OBJECT

private slots:
    // request.h
    void parseEnvelope_data();
    void parseEnvelope();
    void fieldReaderString_data();
    void fieldReaderString();
    void fieldReaderOptionalString();
    void fieldReaderInteger_data();
    void fieldReaderInteger();
    void fieldReaderOptionalInteger();
    void fieldReaderBoolean_data();
    void fieldReaderBoolean();
    void fieldReaderOptionalBoolean();
    void fieldReaderArray();
    void fieldReaderHas();
    void fieldReaderExactlyOne_data();
    void fieldReaderExactlyOne();
    void fieldReaderKeepsFirstProblem();
    void makeReplyShape();
    void makeErrorShape();

    // errors.h
    void errorNames_data();
    void errorNames();
    void encodedRepliesAndEvents();
    void errorNamesAreDistinctAndComplete();
    void errorFromUnknownName_data();
    void errorFromUnknownName();
};

// ---------------------------------------------------------------- request.h

void TestRequest::parseEnvelope_data()
{
    QTest::addColumn<QJsonObject>("frame");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("op");

    const QJsonValue null(QJsonValue::Null);
    QTest::newRow("number id") << json("{\"id\":7,\"op\":\"send\",\"to\":\"bart\"}") << true
                               << QJsonValue(7) << QStringLiteral("send");
    QTest::newRow("fractional id") << json("{\"id\":1.25,\"op\":\"ping\"}") << true
                                   << QJsonValue(1.25) << QStringLiteral("ping");
    QTest::newRow("negative id") << json("{\"id\":-3,\"op\":\"ping\"}") << true << QJsonValue(-3)
                                 << QStringLiteral("ping");
    QTest::newRow("string id") << json("{\"id\":\"abc\",\"op\":\"ping\"}") << true
                               << QJsonValue(QStringLiteral("abc")) << QStringLiteral("ping");
    QTest::newRow("empty string id") << json("{\"id\":\"\",\"op\":\"ping\"}") << true
                                     << QJsonValue(QString()) << QStringLiteral("ping");
    QTest::newRow("unknown op is still an envelope")
        << json("{\"id\":1,\"op\":\"frobnicate\"}") << true << QJsonValue(1)
        << QStringLiteral("frobnicate");

    QTest::newRow("missing id") << json("{\"op\":\"ping\"}") << false << null << QString();
    QTest::newRow("null id") << json("{\"id\":null,\"op\":\"ping\"}") << false << null << QString();
    QTest::newRow("object id") << json("{\"id\":{\"x\":1},\"op\":\"ping\"}") << false << null
                               << QString();
    QTest::newRow("array id") << json("{\"id\":[1],\"op\":\"ping\"}") << false << null << QString();
    QTest::newRow("boolean id") << json("{\"id\":true,\"op\":\"ping\"}") << false << null
                                << QString();
    QTest::newRow("missing op and id") << json("{\"x\":1}") << false << null << QString();
    QTest::newRow("bad id, bad op") << json("{\"id\":{},\"op\":5}") << false << null << QString();
    // With a usable id the failure reply can still be matched (request.h).
    QTest::newRow("missing op") << json("{\"id\":7}") << false << QJsonValue(7) << QString();
    QTest::newRow("numeric op") << json("{\"id\":\"q\",\"op\":3}") << false
                                << QJsonValue(QStringLiteral("q")) << QString();
    QTest::newRow("null op") << json("{\"id\":8,\"op\":null}") << false << QJsonValue(8)
                             << QString();
    QTest::newRow("object op") << json("{\"id\":8,\"op\":{}}") << false << QJsonValue(8)
                               << QString();
}

void TestRequest::parseEnvelope()
{
    QFETCH(QJsonObject, frame);
    QFETCH(bool, ok);
    QFETCH(QJsonValue, id);
    QFETCH(QString, op);

    Request request;
    request.id = QJsonValue(QStringLiteral("stale"));
    QString problem;
    QCOMPARE(Palomar::Protocol::parseEnvelope(frame, &request, &problem), ok);
    QCOMPARE(request.id, id);
    if (ok) {
        QVERIFY(problem.isEmpty());
        QCOMPARE(request.op, op);
        // The other fields are handed on untouched.
        for (auto it = frame.constBegin(); it != frame.constEnd(); ++it)
            QCOMPARE(request.fields.value(it.key()), it.value());
    } else {
        QVERIFY(!problem.isEmpty());
    }
}

void TestRequest::fieldReaderString_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("value");

    QTest::newRow("string") << json("{\"s\":\"bart\"}") << true << QStringLiteral("bart");
    QTest::newRow("empty string") << json("{\"s\":\"\"}") << true << QString();
    QTest::newRow("emoji") << QJsonObject{{QStringLiteral("s"), kEmoji}} << true << kEmoji;
    QTest::newRow("missing") << json("{\"t\":\"x\"}") << false << QString();
    QTest::newRow("null") << json("{\"s\":null}") << false << QString();
    QTest::newRow("number") << json("{\"s\":5}") << false << QString();
    QTest::newRow("boolean") << json("{\"s\":true}") << false << QString();
    QTest::newRow("array") << json("{\"s\":[\"x\"]}") << false << QString();
    QTest::newRow("object") << json("{\"s\":{}}") << false << QString();
}

void TestRequest::fieldReaderString()
{
    QFETCH(QJsonObject, fields);
    QFETCH(bool, ok);
    QFETCH(QString, value);

    FieldReader reader(fields);
    QCOMPARE(reader.string("s"), value);
    QCOMPARE(reader.ok(), ok);
    QCOMPARE(reader.problem().isEmpty(), ok);
    if (!ok)
        QVERIFY2(reader.problem().contains(QLatin1String("s")), qPrintable(reader.problem()));
}

void TestRequest::fieldReaderOptionalString()
{
    {
        FieldReader reader(json("{}"));
        QVERIFY(!reader.optionalString("s").has_value());
        QVERIFY(reader.ok());
    }
    {
        FieldReader reader(json("{\"s\":null}"));
        QVERIFY(!reader.optionalString("s").has_value());
        QVERIFY(reader.ok());
    }
    {
        FieldReader reader(json("{\"s\":\"x\"}"));
        QCOMPARE(reader.optionalString("s"), std::optional<QString>(QStringLiteral("x")));
        QVERIFY(reader.ok());
    }
    {
        FieldReader reader(json("{\"s\":12}"));
        (void)reader.optionalString("s");
        QVERIFY(!reader.ok());
    }
}

void TestRequest::fieldReaderInteger_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<qint64>("minimum");
    QTest::addColumn<qint64>("maximum");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");

    const qint64 safe = 9007199254740991LL; // 2^53 - 1
    const qint64 any = std::numeric_limits<qint64>::max();
    const qint64 anyLow = std::numeric_limits<qint64>::min();

    QTest::newRow("in range") << json("{\"n\":5}") << qint64(1) << qint64(10) << true << qint64(5);
    QTest::newRow("at minimum") << json("{\"n\":1}") << qint64(1) << qint64(10) << true
                                << qint64(1);
    QTest::newRow("at maximum") << json("{\"n\":10}") << qint64(1) << qint64(10) << true
                                << qint64(10);
    QTest::newRow("below minimum")
        << json("{\"n\":0}") << qint64(1) << qint64(10) << false << qint64(1);
    QTest::newRow("above maximum")
        << json("{\"n\":11}") << qint64(1) << qint64(10) << false << qint64(1);
    QTest::newRow("negative in range")
        << json("{\"n\":-60}") << qint64(-100) << qint64(0) << true << qint64(-60);
    QTest::newRow("zero") << json("{\"n\":0}") << qint64(0) << qint64(60) << true << qint64(0);
    QTest::newRow("written as 5.0")
        << json("{\"n\":5.0}") << qint64(0) << qint64(10) << true << qint64(5);
    QTest::newRow("written as 5e0")
        << json("{\"n\":5e0}") << qint64(0) << qint64(10) << true << qint64(5);
    QTest::newRow("1.5 is not an integer")
        << json("{\"n\":1.5}") << qint64(0) << qint64(10) << false << qint64(0);
    QTest::newRow("-0.5 is not an integer")
        << json("{\"n\":-0.5}") << qint64(-10) << qint64(10) << false << qint64(-10);
    QTest::newRow("2^53 - 1") << json("{\"n\":9007199254740991}") << qint64(0) << any << true
                              << safe;
    QTest::newRow("-(2^53 - 1)") << json("{\"n\":-9007199254740991}") << anyLow << any << true
                                 << -safe;
    QTest::newRow("2^53 is not exact")
        << json("{\"n\":9007199254740992}") << qint64(0) << any << false << qint64(0);
    QTest::newRow("-2^53 is not exact")
        << json("{\"n\":-9007199254740992}") << anyLow << any << false << anyLow;
    QTest::newRow("1e300") << json("{\"n\":1e300}") << qint64(0) << any << false << qint64(0);
    QTest::newRow("string") << json("{\"n\":\"5\"}") << qint64(0) << qint64(10) << false
                            << qint64(0);
    QTest::newRow("boolean") << json("{\"n\":true}") << qint64(0) << qint64(10) << false
                             << qint64(0);
    QTest::newRow("null") << json("{\"n\":null}") << qint64(0) << qint64(10) << false << qint64(0);
    QTest::newRow("array") << json("{\"n\":[5]}") << qint64(0) << qint64(10) << false << qint64(0);
    QTest::newRow("missing") << json("{}") << qint64(3) << qint64(10) << false << qint64(3);
}

void TestRequest::fieldReaderInteger()
{
    QFETCH(QJsonObject, fields);
    QFETCH(qint64, minimum);
    QFETCH(qint64, maximum);
    QFETCH(bool, ok);
    QFETCH(qint64, value);

    FieldReader reader(fields);
    QCOMPARE(reader.integer("n", minimum, maximum), value);
    QCOMPARE(reader.ok(), ok);
    if (!ok)
        QVERIFY(reader.problem().contains(QLatin1String("n")));
}

void TestRequest::fieldReaderOptionalInteger()
{
    {
        FieldReader reader(json("{}"));
        QCOMPARE(reader.optionalInteger("n", 1, 200, 50), qint64(50));
        QVERIFY(reader.ok());
    }
    {
        FieldReader reader(json("{\"n\":null}"));
        QCOMPARE(reader.optionalInteger("n", 1, 200, 50), qint64(50));
        QVERIFY(reader.ok());
    }
    {
        FieldReader reader(json("{\"n\":200}"));
        QCOMPARE(reader.optionalInteger("n", 1, 200, 50), qint64(200));
        QVERIFY(reader.ok());
    }
    {
        FieldReader reader(json("{\"n\":201}"));
        (void)reader.optionalInteger("n", 1, 200, 50);
        QVERIFY(!reader.ok());
    }
    {
        FieldReader reader(json("{\"n\":2.5}"));
        (void)reader.optionalInteger("n", 1, 200, 50);
        QVERIFY(!reader.ok());
    }
}

void TestRequest::fieldReaderBoolean_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("value");

    QTest::newRow("true") << json("{\"b\":true}") << true << true;
    QTest::newRow("false") << json("{\"b\":false}") << true << false;
    QTest::newRow("one") << json("{\"b\":1}") << false << false;
    QTest::newRow("zero") << json("{\"b\":0}") << false << false;
    QTest::newRow("string true") << json("{\"b\":\"true\"}") << false << false;
    QTest::newRow("null") << json("{\"b\":null}") << false << false;
    QTest::newRow("missing") << json("{}") << false << false;
}

void TestRequest::fieldReaderBoolean()
{
    QFETCH(QJsonObject, fields);
    QFETCH(bool, ok);
    QFETCH(bool, value);

    FieldReader reader(fields);
    QCOMPARE(reader.boolean("b"), value);
    QCOMPARE(reader.ok(), ok);
}

void TestRequest::fieldReaderOptionalBoolean()
{
    for (const bool fallback : {false, true}) {
        FieldReader missing(json("{}"));
        QCOMPARE(missing.optionalBoolean("takeover", fallback), fallback);
        QVERIFY(missing.ok());
        FieldReader null(json("{\"takeover\":null}"));
        QCOMPARE(null.optionalBoolean("takeover", fallback), fallback);
        QVERIFY(null.ok());
    }
    FieldReader present(json("{\"takeover\":true}"));
    QCOMPARE(present.optionalBoolean("takeover", false), true);
    QVERIFY(present.ok());
    FieldReader wrong(json("{\"takeover\":\"yes\"}"));
    (void)wrong.optionalBoolean("takeover", false);
    QVERIFY(!wrong.ok());
}

void TestRequest::fieldReaderArray()
{
    FieldReader good(json("{\"members\":[\"a\",\"b\"]}"));
    QCOMPARE(good.array("members"), (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(good.ok());

    FieldReader empty(json("{\"members\":[]}"));
    QCOMPARE(empty.array("members"), QJsonArray());
    QVERIFY(empty.ok());

    FieldReader object(json("{\"members\":{\"a\":1}}"));
    QCOMPARE(object.array("members"), QJsonArray());
    QVERIFY(!object.ok());

    FieldReader missing(json("{}"));
    (void)missing.array("members");
    QVERIFY(!missing.ok());
}

void TestRequest::fieldReaderHas()
{
    const FieldReader reader(json("{\"a\":1,\"b\":null,\"c\":\"\",\"d\":false,\"e\":0}"));
    QVERIFY(reader.has("a"));
    QVERIFY(!reader.has("b")); // null counts as absent
    QVERIFY(reader.has("c"));
    QVERIFY(reader.has("d"));
    QVERIFY(reader.has("e"));
    QVERIFY(!reader.has("z"));
    QVERIFY(reader.ok()); // has() never fails
}

void TestRequest::fieldReaderExactlyOne_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<bool>("ok");

    QTest::newRow("first only") << json("{\"to\":\"bart\"}") << true;
    QTest::newRow("second only") << json("{\"group\":3}") << true;
    QTest::newRow("both") << json("{\"to\":\"bart\",\"group\":3}") << false;
    QTest::newRow("neither") << json("{\"text\":\"hi\"}") << false;
    QTest::newRow("first, second null") << json("{\"to\":\"bart\",\"group\":null}") << true;
    QTest::newRow("both null") << json("{\"to\":null,\"group\":null}") << false;
}

void TestRequest::fieldReaderExactlyOne()
{
    QFETCH(QJsonObject, fields);
    QFETCH(bool, ok);
    FieldReader reader(fields);
    QCOMPARE(reader.exactlyOne("to", "group"), ok);
    QCOMPARE(reader.ok(), ok);
}

void TestRequest::fieldReaderKeepsFirstProblem()
{
    FieldReader reader(json("{\"user\":5,\"accept\":\"no\"}"));
    (void)reader.string("user");
    const QString first = reader.problem();
    QVERIFY(!first.isEmpty());
    QVERIFY(first.contains(QLatin1String("user")));
    (void)reader.boolean("accept");
    (void)reader.integer("limit", 1, 2);
    QCOMPARE(reader.problem(), first);
    reader.fail(QStringLiteral("later"));
    QCOMPARE(reader.problem(), first);

    FieldReader manual(json("{}"));
    manual.fail(QStringLiteral("custom"));
    QVERIFY(!manual.ok());
    QCOMPARE(manual.problem(), QStringLiteral("custom"));
}

void TestRequest::makeReplyShape()
{
    QCOMPARE(makeReply(QJsonValue(7)), json("{\"id\":7,\"ok\":true}"));
    QCOMPARE(makeReply(QJsonValue(QStringLiteral("x")), json("{\"msg_id\":3,\"ts\":1000}")),
             json("{\"id\":\"x\",\"ok\":true,\"msg_id\":3,\"ts\":1000}"));
    QCOMPARE(makeReply(QJsonValue(QJsonValue::Null)), json("{\"id\":null,\"ok\":true}"));
    // The envelope wins over a result field of the same name.
    QCOMPARE(makeReply(QJsonValue(1), json("{\"id\":99,\"ok\":false}")),
             json("{\"id\":1,\"ok\":true}"));
}

void TestRequest::makeErrorShape()
{
    QCOMPARE(makeError(QJsonValue(7), Error::NotFriends, QStringLiteral("bart is not a friend")),
             json("{\"id\":7,\"ok\":false,\"error\":\"not_friends\","
                  "\"message\":\"bart is not a friend\"}"));
    QCOMPARE(makeError(QJsonValue(QJsonValue::Null), Error::BadFrame, QStringLiteral("no")),
             json("{\"id\":null,\"ok\":false,\"error\":\"bad_frame\",\"message\":\"no\"}"));
    QCOMPARE(makeError(QJsonValue(QStringLiteral("r")), Error::RateLimited,
                       QStringLiteral("slow down"), json("{\"retry_after\":3}")),
             json("{\"id\":\"r\",\"ok\":false,\"error\":\"rate_limited\","
                  "\"message\":\"slow down\",\"retry_after\":3}"));
    // Extra fields cannot override the envelope.
    QCOMPARE(makeError(QJsonValue(1), Error::Internal, QStringLiteral("m"),
                       json("{\"ok\":true,\"error\":\"x\",\"id\":5,\"message\":\"y\"}")),
             json("{\"id\":1,\"ok\":false,\"error\":\"internal\",\"message\":\"m\"}"));
}

// ---------------------------------------------------------------- errors.h

void TestRequest::errorNames_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("name");

    // The table of PROTOCOL.md, spelled as there.
    const std::pair<Error, const char *> table[] = {
        {Error::BadFrame, "bad_frame"},
        {Error::BadRequest, "bad_request"},
        {Error::UnknownOp, "unknown_op"},
        {Error::UnsupportedVersion, "unsupported_version"},
        {Error::AuthRequired, "auth_required"},
        {Error::BadCredentials, "bad_credentials"},
        {Error::InvalidUsername, "invalid_username"},
        {Error::WeakPassword, "weak_password"},
        {Error::UserExists, "user_exists"},
        {Error::SessionActive, "session_active"},
        {Error::SessionReplaced, "session_replaced"},
        {Error::NoSuchUser, "no_such_user"},
        {Error::NotFriends, "not_friends"},
        {Error::AlreadyFriends, "already_friends"},
        {Error::RequestPending, "request_pending"},
        {Error::NoSuchRequest, "no_such_request"},
        {Error::NoSuchGroup, "no_such_group"},
        {Error::NotMember, "not_member"},
        {Error::NotAdmin, "not_admin"},
        {Error::NoSuchFile, "no_such_file"},
        {Error::BadOffset, "bad_offset"},
        {Error::ChecksumMismatch, "checksum_mismatch"},
        {Error::TooLarge, "too_large"},
        {Error::RateLimited, "rate_limited"},
        {Error::Unavailable, "unavailable"},
        {Error::Internal, "internal"},
        // docs/protocol.md: registration policy
        {Error::RegistrationClosed, "registration_closed"},
        {Error::InviteRequired, "invite_required"},
        {Error::InvalidInvite, "invalid_invite"},
        {Error::AccountBanned, "account_banned"},
        // docs/protocol.md: conversation ops
        {Error::NoSuchMessage, "no_such_message"},
        {Error::NotSender, "not_sender"},
        {Error::TooLate, "too_late"},
    };
    for (const auto &[error, name] : table)
        QTest::newRow(name) << error << QString::fromLatin1(name);
}

void TestRequest::errorNames()
{
    QFETCH(Error, error);
    QFETCH(QString, name);

    QCOMPARE(errorName(error), name);
    Error parsed = error == Error::BadFrame ? Error::Internal : Error::BadFrame;
    QVERIFY(errorFromName(name, &parsed));
    QCOMPARE(parsed, error);
}

// Replies spliced from encoded fields, and events from their stored JSON,
// read back as the same objects QJsonDocument would make.
void TestRequest::encodedRepliesAndEvents()
{
    QByteArray events("[");
    appendEvent(events, 7, QStringLiteral("message"),
                QByteArray(R"({"from":"ann","msg_id":3,"text":"h\u00e9 \"x\"","to":"bob"})"));
    events += ',';
    appendEvent(events, 8, QStringLiteral("friend_added"), QByteArray("{}"));
    events += ']';
    for (const QJsonValue &id : {QJsonValue(12), QJsonValue(QStringLiteral("poll \"1\""))}) {
        const QByteArray reply =
            encodeReply(id, "\"events\":" + events + ",\"cursor\":8,\"more\":false");
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(reply, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QLatin1String("id")), id);
        QCOMPARE(object.value(QLatin1String("ok")), QJsonValue(true));
        QCOMPARE(object.value(QLatin1String("cursor")), QJsonValue(8));
        const QJsonArray list = object.value(QLatin1String("events")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toObject(),
                 (QJsonObject{{QStringLiteral("kind"), QStringLiteral("message")},
                              {QStringLiteral("seq"), 7},
                              {QStringLiteral("from"), QStringLiteral("ann")},
                              {QStringLiteral("msg_id"), 3},
                              {QStringLiteral("text"), QStringLiteral("h\u00e9 \"x\"")},
                              {QStringLiteral("to"), QStringLiteral("bob")}}));
        QCOMPARE(list.at(1).toObject(),
                 (QJsonObject{{QStringLiteral("kind"), QStringLiteral("friend_added")},
                              {QStringLiteral("seq"), 8}}));
    }
    QCOMPARE(QJsonDocument::fromJson(encodeReply(QJsonValue(1), {})).object(),
             (QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("ok"), true}}));
}

// Every enumerator has its own snake_case name (a new code without a name
// would come out as "internal").
void TestRequest::errorNamesAreDistinctAndComplete()
{
    static const QRegularExpression snakeCase(QStringLiteral("^[a-z]+(_[a-z]+)*$"));
    QSet<QString> names;
    const int count = int(Error::Internal) + 1;
    for (int i = 0; i < count; ++i) {
        const QString name = errorName(Error(i));
        QVERIFY2(snakeCase.match(name).hasMatch(), qPrintable(name));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        Error parsed = Error::Internal;
        QVERIFY(errorFromName(name, &parsed));
        QCOMPARE(int(parsed), i);
    }
    QCOMPARE(names.size(), 25);
}

void TestRequest::errorFromUnknownName_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("unknown") << QStringLiteral("no_such_thing");
    QTest::newRow("upper case") << QStringLiteral("BAD_FRAME");
    QTest::newRow("camel case") << QStringLiteral("BadFrame");
    QTest::newRow("trailing space") << QStringLiteral("bad_frame ");
    QTest::newRow("prefix") << QStringLiteral("bad_");
}

void TestRequest::errorFromUnknownName()
{
    QFETCH(QString, name);
    Error parsed = Error::TooLarge;
    QVERIFY(!errorFromName(name, &parsed));
    QCOMPARE(parsed, Error::TooLarge); // untouched
}

QTEST_GUILESS_MAIN(TestRequest)
#include "tst_request.moc"
