#pragma once

#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace Palomar::Bench {

// One reply frame from a Palomar server, as the bench reads it: the id, ok
// and the fields of a sync reply are scanned from the bytes without building
// a QJsonObject (bench/jsonscan.h); anything else is read with value(), which
// parses the whole frame with QJsonDocument once. A view: valid only while
// the frame's bytes are, i.e. inside the reply handler.
class PalomarReply
{
public:
    // Scans `frame`; false when it is not a JSON object (strictly: what the
    // scanner cannot read, QJsonDocument is asked to).
    bool scan(QByteArrayView frame);

    // The integer id, or -1 when it is missing or not an integer.
    qint64 id() const { return m_id; }
    bool isOk() const { return m_ok; }
    // Raw JSON of the members a sync reply carries (empty when missing).
    QByteArrayView events() const { return m_events; }
    QByteArrayView cursor() const { return m_cursor; }
    // Any member, by a full parse of the frame.
    QJsonValue value(QLatin1String key) const;
    // "error: message" of a failed reply.
    QString describe() const;

private:
    QByteArrayView m_frame;
    qint64 m_id = -1;
    bool m_ok = false;
    QByteArrayView m_events;
    QByteArrayView m_cursor;
    QByteArray m_compact; // the frame as QJsonDocument wrote it, when the scanner failed
    mutable std::optional<QJsonObject> m_object;
};

// One event of a sync reply: seq, kind and text scanned, the rest parsed
// on demand.
class PalomarEvent
{
public:
    // Consumes the event at `*at` (false: not a well-formed event).
    bool scan(const char *&at, const char *end);
    qint64 seq() const { return m_seq; }
    bool isMessage() const { return m_message; }
    // The message's text, unescaped (a view of the frame or of a buffer of
    // this object).
    QByteArrayView text() const { return m_text; }
    QJsonObject object() const;

private:
    QByteArrayView m_event;
    qint64 m_seq = 0;
    bool m_message = false;
    QByteArrayView m_text;
    QByteArray m_unescaped;
    QByteArray m_compact; // as for PalomarReply
};

} // namespace Palomar::Bench
