// libFuzzer target: request parsing and validation (shared/protocol/request.*,
// validation.*). The input is the JSON body of one frame; it goes through
// parseEnvelope and then every FieldReader accessor and every validation
// function over each of its fields, checking the invariants handlers rely on.
#include "protocol/limits.h"
#include "protocol/request.h"
#include "protocol/validation.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Palomar::Protocol;

namespace {

[[noreturn]] void fail(const char *why)
{
    fprintf(stderr, "fuzz_request: %s\n", why);
    abort();
}

void checkString(const QString &text)
{
    const bool valid = isValidUsername(text);
    if (valid && (text.isEmpty() || text.size() > kMaxUsernameLength))
        fail("a username of the wrong length was accepted");
    if (valid && !isValidUsername(usernameKey(text)))
        fail("the key of a valid username is not valid");
    const qsizetype count = characterCount(text);
    if (count > text.size() || (count == 0) != text.isEmpty())
        fail("characterCount out of range");
    (void)isAcceptablePassword(text);
}

void readEveryField(const QJsonObject &fields)
{
    // Each key read as each type: a reader never throws and remembers only the
    // first problem.
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        // Handlers name their fields with ASCII string literals (read as
        // Latin-1): other keys can never be asked for.
        const QByteArray name = it.key().toLatin1();
        if (name.contains('\0') || QString::fromLatin1(name) != it.key())
            continue;
        const char *key = name.constData();
        FieldReader reader(fields);
        const QString text = reader.string(key);
        if (reader.ok() != it.value().isString())
            fail("string() disagrees with the value's type");
        checkString(text);
        (void)reader.optionalString(key);

        FieldReader numbers(fields);
        const qint64 n = numbers.integer(key, -kMaxSafeInteger, kMaxSafeInteger);
        if (numbers.ok() && (n < -kMaxSafeInteger || n > kMaxSafeInteger))
            fail("integer() outside its range");
        const qint64 small = numbers.optionalInteger(key, 1, 200, 50);
        if (numbers.ok() && (small < 1 || small > 200))
            fail("optionalInteger() outside its range");

        FieldReader others(fields);
        (void)others.boolean(key);
        (void)others.optionalBoolean(key, true);
        const QJsonArray list = others.array(key);
        for (const QJsonValue &element : list)
            checkString(element.toString());
        (void)others.exactlyOne(key, "to");
        if (!others.ok() && others.problem().isEmpty())
            fail("a failed reader without a problem");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    checkString(QString::fromUtf8(bytes));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return 0;
    const QJsonObject frame = document.object();
    Request request;
    QString problem;
    if (parseEnvelope(frame, &request, &problem)) {
        if (!problem.isEmpty() || !(request.id.isDouble() || request.id.isString()))
            fail("an accepted envelope with a problem or a bad id");
        readEveryField(request.fields);
        (void)makeReply(request.id, request.fields);
    } else {
        if (problem.isEmpty())
            fail("a rejected envelope without a problem");
        if (!(request.id.isNull() || request.id.isDouble() || request.id.isString()))
            fail("a rejected envelope's id is unusable");
        (void)makeError(request.id, Error::BadRequest, problem);
    }
    return 0;
}
