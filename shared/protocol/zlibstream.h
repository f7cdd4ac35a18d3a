#pragma once

#include <QByteArray>

#include <optional>

namespace Palomar::Protocol {

// File chunks travel as plain zlib streams (RFC 1950, no Qt length prefix):
// PROTOCOL.md, Files, `z`.

// Compresses `data` into one zlib stream.
QByteArray zlibCompress(const QByteArray &data, int level = 6);

// Inflates one complete zlib stream. Fails (nullopt) on a damaged or
// truncated stream, trailing bytes, or output beyond `maxOutput` bytes, so a
// small hostile chunk cannot expand into gigabytes.
std::optional<QByteArray> zlibDecompress(const QByteArray &stream, qint64 maxOutput);

// `data` compressed when that makes it smaller; the flag says which. Large
// inputs whose first 16 KiB barely compress are sent as they are, unprobed.
struct MaybeCompressed
{
    QByteArray bytes;
    bool compressed = false;
};
MaybeCompressed compressIfSmaller(const QByteArray &data, int level = 6);

} // namespace Palomar::Protocol
