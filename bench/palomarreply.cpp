#include "palomarreply.h"

#include "jsonscan.h"

#include <QJsonDocument>

namespace Palomar::Bench {

namespace {

// What the scanner cannot read goes through QJsonDocument: an object comes
// back as compact JSON the scanner reads (null when it is no object).
QByteArray normalized(QByteArrayView text)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()));
    return document.isObject() ? document.toJson(QJsonDocument::Compact) : QByteArray();
}

QJsonObject parsed(QByteArrayView text)
{
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size())).object();
}

} // namespace

bool PalomarReply::scan(QByteArrayView frame)
{
    m_frame = frame;
    m_object.reset();
    const auto visit = [this](QByteArrayView key, QByteArrayView value) {
        switch (key.size()) {
        case 2:
            if (key == QByteArrayView("id") && !JsonScan::toInteger(value, &m_id))
                m_id = -1;
            else if (key == QByteArrayView("ok"))
                m_ok = JsonScan::isTrue(value);
            break;
        case 6:
            if (key == QByteArrayView("events"))
                m_events = value;
            else if (key == QByteArrayView("cursor"))
                m_cursor = value;
            break;
        default:
            break;
        }
    };
    const auto reset = [this] {
        m_id = -1;
        m_ok = false;
        m_events = m_cursor = QByteArrayView();
    };
    reset();
    if (JsonScan::forEachMember(frame, visit))
        return true;
    // Unexpected bytes: the strict parser decides, and this object keeps its
    // compact JSON (the views point into it).
    m_compact = normalized(frame);
    reset();
    if (m_compact.isEmpty() || !JsonScan::forEachMember(m_compact, visit))
        return false;
    m_frame = m_compact;
    return true;
}

QJsonValue PalomarReply::value(QLatin1String key) const
{
    if (!m_object)
        m_object = parsed(m_frame);
    return m_object->value(key);
}

QString PalomarReply::describe() const
{
    return value(QLatin1String("error")).toString() + QStringLiteral(": ") +
           value(QLatin1String("message")).toString();
}

bool PalomarEvent::scan(const char *&at, const char *end)
{
    bool hasSeq = false;
    bool textOk = true;
    QByteArrayView text;
    const auto visit = [&](QByteArrayView key, QByteArrayView value) {
        if (key == QByteArrayView("seq"))
            hasSeq = JsonScan::toInteger(value, &m_seq);
        else if (key == QByteArrayView("kind"))
            m_message = value == QByteArrayView("\"message\"");
        else if (key == QByteArrayView("text"))
            textOk = JsonScan::stringValue(value, &text, &m_unescaped);
    };
    m_message = false;
    const char *start = at;
    if (JsonScan::scanObject(at, end, visit) && hasSeq && textOk) {
        m_event = QByteArrayView(start, at - start);
        m_text = text;
        return true;
    }
    // Through the strict parser (kept in this object: the views point into
    // it), when the value is well formed at all.
    at = start;
    if (!JsonScan::skipValue(at, end))
        return false;
    m_compact = normalized(QByteArrayView(start, at - start));
    hasSeq = false;
    textOk = true;
    m_message = false;
    text = QByteArrayView();
    if (m_compact.isEmpty() || !JsonScan::forEachMember(m_compact, visit) || !hasSeq || !textOk)
        return false;
    m_event = m_compact;
    m_text = text;
    return true;
}

QJsonObject PalomarEvent::object() const
{
    return parsed(m_event);
}

} // namespace Palomar::Bench
