#include "zlibstream.h"

#include <zlib.h>

#include <limits>

namespace Palomar::Protocol {

QByteArray zlibCompress(const QByteArray &data, int level)
{
    uLongf bound = compressBound(uLong(data.size()));
    QByteArray out(qsizetype(bound), Qt::Uninitialized);
    const int rc =
        compress2(reinterpret_cast<Bytef *>(out.data()), &bound,
                  reinterpret_cast<const Bytef *>(data.constData()), uLong(data.size()), level);
    if (rc != Z_OK)
        return {};
    out.truncate(qsizetype(bound));
    return out;
}

std::optional<QByteArray> zlibDecompress(const QByteArray &stream, qint64 maxOutput)
{
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return std::nullopt;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(stream.constData()));
    z.avail_in = uInt(stream.size());

    QByteArray out;
    char buffer[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        const qsizetype produced = qsizetype(sizeof buffer - z.avail_out);
        if (out.size() + produced > maxOutput) {
            rc = Z_DATA_ERROR;
            break;
        }
        out.append(buffer, produced);
        if (rc == Z_OK && produced == 0 && z.avail_in == 0) {
            rc = Z_BUF_ERROR; // truncated: input ended before the stream did
            break;
        }
    }
    const bool complete = rc == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    if (!complete)
        return std::nullopt;
    return out;
}

MaybeCompressed compressIfSmaller(const QByteArray &data, int level)
{
    // Deflating a 256 KiB chunk of incompressible data (photos, archives,
    // video) costs milliseconds for nothing; a fast pass over a sample says
    // whether the whole is worth it.
    constexpr qsizetype kSample = 16 * 1024;
    if (data.size() > 2 * kSample) {
        const QByteArray probe = zlibCompress(data.first(kSample), 1);
        if (probe.isEmpty() || probe.size() > kSample * 15 / 16)
            return {data, false};
    }
    QByteArray packed = zlibCompress(data, level);
    if (!packed.isEmpty() && packed.size() < data.size())
        return {std::move(packed), true};
    return {data, false};
}

} // namespace Palomar::Protocol
