// Helpers shared by the protocol tests (tst_frame, tst_request): frames and
// JSON built from literals.
#pragma once

#include "protocol/frame.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ProtocolTest {

using Status = Palomar::Protocol::DecodedFrame::Status;

inline const QString kEmoji = QStringLiteral("\U0001F600"); // one code point, two UTF-16 units

// A frame header announcing `length` body bytes.
QByteArray header(quint32 length);
// `body` with its header.
QByteArray frameOf(const QByteArray &body);
// A frame whose body is exactly `size` bytes: {"pad":"xxx..."}.
QByteArray frameOfBodySize(qsizetype size);
// A JSON object literal; aborts the test on a typo.
QJsonObject json(const char *text);
QString repeated(const QString &unit, int count);

} // namespace ProtocolTest
