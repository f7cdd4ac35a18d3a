#pragma once

#include <QJsonObject>
#include <QString>

namespace Palomar::Admin {

// The text an operator reads for a successful answer to `op` (JSON output
// prints the answer itself).
QString describe(const QString &op, const QJsonObject &answer);

// A time in ms since the epoch as local "YYYY-MM-DD HH:MM"; "-" for null.
QString formatTime(const QJsonValue &ms);
// 1536 -> "1.5 KiB".
QString formatBytes(qint64 bytes);

} // namespace Palomar::Admin
