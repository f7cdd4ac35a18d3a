#include "request.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "limits.h"

#include <cmath>

namespace Palomar::Protocol {

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}
} // namespace

bool parseEnvelope(const QJsonObject &frame, Request *request, QString *problem)
{
    const QJsonValue id = frame.value(QLatin1String("id"));
    request->id = (id.isDouble() || id.isString()) ? id : QJsonValue(QJsonValue::Null);
    if (!id.isDouble() && !id.isString()) {
        *problem = id.isUndefined() ? QStringLiteral("missing field: id")
                                    : QStringLiteral("id must be a number or a string");
        return false;
    }
    const QJsonValue op = frame.value(QLatin1String("op"));
    if (!op.isString()) {
        *problem = op.isUndefined() ? QStringLiteral("missing field: op")
                                    : QStringLiteral("op must be a string");
        return false;
    }
    request->op = op.toString();
    request->fields = frame;
    return true;
}

bool FieldReader::has(const char *name) const
{
    const QJsonValue value = m_fields.value(QLatin1String(name));
    return !value.isUndefined() && !value.isNull();
}

void FieldReader::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

QString FieldReader::string(const char *name)
{
    const QJsonValue value = m_fields.value(QLatin1String(name));
    if (!value.isString()) {
        fail(value.isUndefined() ? QStringLiteral("missing field: %1").arg(key(name))
                                 : QStringLiteral("%1 must be a string").arg(key(name)));
        return {};
    }
    return value.toString();
}

std::optional<QString> FieldReader::optionalString(const char *name)
{
    if (!has(name))
        return std::nullopt;
    return string(name);
}

bool FieldReader::integral(const QJsonValue &value, qint64 *out) const
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > double(kMaxSafeInteger))
        return false;
    *out = qint64(d);
    return true;
}

qint64 FieldReader::integer(const char *name, qint64 minimum, qint64 maximum)
{
    const QJsonValue value = m_fields.value(QLatin1String(name));
    qint64 result = 0;
    if (!integral(value, &result)) {
        fail(value.isUndefined() ? QStringLiteral("missing field: %1").arg(key(name))
                                 : QStringLiteral("%1 must be an integer").arg(key(name)));
        return minimum;
    }
    if (result < minimum || result > maximum) {
        fail(QStringLiteral("%1 must be between %2 and %3")
                 .arg(key(name))
                 .arg(minimum)
                 .arg(maximum));
        return minimum;
    }
    return result;
}

qint64 FieldReader::optionalInteger(const char *name, qint64 minimum, qint64 maximum,
                                    qint64 fallback)
{
    if (!has(name))
        return fallback;
    return integer(name, minimum, maximum);
}

bool FieldReader::boolean(const char *name)
{
    const QJsonValue value = m_fields.value(QLatin1String(name));
    if (!value.isBool()) {
        fail(value.isUndefined() ? QStringLiteral("missing field: %1").arg(key(name))
                                 : QStringLiteral("%1 must be true or false").arg(key(name)));
        return false;
    }
    return value.toBool();
}

bool FieldReader::optionalBoolean(const char *name, bool fallback)
{
    if (!has(name))
        return fallback;
    return boolean(name);
}

QJsonArray FieldReader::array(const char *name)
{
    const QJsonValue value = m_fields.value(QLatin1String(name));
    if (!value.isArray()) {
        fail(value.isUndefined() ? QStringLiteral("missing field: %1").arg(key(name))
                                 : QStringLiteral("%1 must be a list").arg(key(name)));
        return {};
    }
    return value.toArray();
}

bool FieldReader::exactlyOne(const char *first, const char *second)
{
    if (has(first) == has(second)) {
        fail(QStringLiteral("exactly one of %1 and %2 is required").arg(key(first), key(second)));
        return false;
    }
    return true;
}

QJsonObject makeReply(const QJsonValue &id, QJsonObject result)
{
    result.insert(QStringLiteral("id"), id);
    result.insert(QStringLiteral("ok"), true);
    return result;
}

QJsonObject makeError(const QJsonValue &id, Error error, const QString &message,
                      const QJsonObject &extra)
{
    QJsonObject reply = extra;
    reply.insert(QStringLiteral("id"), id);
    reply.insert(QStringLiteral("ok"), false);
    reply.insert(QStringLiteral("error"), errorName(error));
    reply.insert(QStringLiteral("message"), message);
    return reply;
}

} // namespace Palomar::Protocol

namespace Palomar::Protocol {

QByteArray encodeReply(const QJsonValue &id, const QByteArray &fields)
{
    // The id as JSON: one element of an array, without the brackets.
    QByteArray idText = QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact);
    idText = idText.mid(1, idText.size() - 2);
    QByteArray json;
    json.reserve(fields.size() + idText.size() + 24);
    json += "{\"id\":" + idText + ",\"ok\":true";
    if (!fields.isEmpty())
        json += ',' + fields;
    json += '}';
    return json;
}

void appendEvent(QByteArray &out, qint64 seq, const QString &kind, const QByteArray &payload)
{
    // Event kinds are snake_case identifiers: nothing to escape.
    out += "{\"kind\":\"" + kind.toLatin1() + "\",\"seq\":" + QByteArray::number(seq);
    // payload is "{…}": its fields follow ours.
    if (payload.size() > 2)
        out += ',' + QByteArrayView(payload).sliced(1);
    else
        out += '}';
}

QByteArray syncReplyFields(const QByteArray &events, qint64 cursor, bool more,
                           const QByteArray &notices)
{
    QByteArray fields = "\"events\":" + (events.isEmpty() ? QByteArray("[]") : events) +
                        ",\"cursor\":" + QByteArray::number(cursor) +
                        ",\"more\":" + (more ? "true" : "false");
    if (!notices.isEmpty())
        fields += ",\"notices\":" + notices;
    return fields;
}

} // namespace Palomar::Protocol
