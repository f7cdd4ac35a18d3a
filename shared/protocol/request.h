#pragma once

#include "errors.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Palomar::Protocol {

// One request as it arrived: the envelope split from its fields.
struct Request
{
    QJsonValue id;
    QString op;
    QJsonObject fields;
};

// Splits a decoded frame into a Request. On failure `problem` says why and
// `request->id` holds the id when it was usable (else null), so the error
// reply can still be matched by the client.
bool parseEnvelope(const QJsonObject &frame, Request *request, QString *problem);

// Reads typed fields and remembers the first problem, so a handler reads
// everything it needs and checks ok() once. Pure: no I/O.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &fields) : m_fields(fields) {}

    bool has(const char *key) const;
    QString string(const char *key);
    std::optional<QString> optionalString(const char *key);
    qint64 integer(const char *key, qint64 minimum, qint64 maximum);
    qint64 optionalInteger(const char *key, qint64 minimum, qint64 maximum, qint64 fallback);
    bool boolean(const char *key);
    bool optionalBoolean(const char *key, bool fallback);
    QJsonArray array(const char *key);
    // Exactly one of two alternative keys (for example `to` or `group`).
    bool exactlyOne(const char *first, const char *second);

    bool ok() const { return m_problem.isEmpty(); }
    const QString &problem() const { return m_problem; }
    void fail(const QString &problem);

private:
    bool integral(const QJsonValue &value, qint64 *out) const;

    QJsonObject m_fields;
    QString m_problem;
};

QJsonObject makeReply(const QJsonValue &id, QJsonObject result = {});
// The JSON text of a success reply whose result fields are already encoded:
// `fields` is their text without braces ("a":1,"b":[…]), or empty.
QByteArray encodeReply(const QJsonValue &id, const QByteArray &fields);
// Appends to `out` one event as sync returns it: `seq`, `kind`, and the
// fields of `payload` (the encoded JSON object of the event's fields).
void appendEvent(QByteArray &out, qint64 seq, const QString &kind, const QByteArray &payload);
// The fields of a sync reply, for encodeReply(): `events` is an encoded JSON
// array (empty means none); `notices` too, the ephemeral notices
// (docs/protocol.md §4), a field only when there are some.
QByteArray syncReplyFields(const QByteArray &events, qint64 cursor, bool more,
                           const QByteArray &notices = {});
QJsonObject makeError(const QJsonValue &id, Error error, const QString &message,
                      const QJsonObject &extra = {});

// Wire names of the event kinds.
namespace EventKind {
inline const QString Message = QStringLiteral("message");
inline const QString Receipt = QStringLiteral("receipt");
inline const QString FriendRequest = QStringLiteral("friend_request");
inline const QString FriendAdded = QStringLiteral("friend_added");
inline const QString FriendDeclined = QStringLiteral("friend_declined");
inline const QString FriendRemoved = QStringLiteral("friend_removed");
inline const QString GroupAdded = QStringLiteral("group_added");
inline const QString GroupRemoved = QStringLiteral("group_removed");
inline const QString GroupUpdated = QStringLiteral("group_updated");
inline const QString Edited = QStringLiteral("edited");
inline const QString Deleted = QStringLiteral("deleted");
inline const QString Profile = QStringLiteral("profile");
inline const QString Reaction = QStringLiteral("reaction");
} // namespace EventKind

} // namespace Palomar::Protocol
