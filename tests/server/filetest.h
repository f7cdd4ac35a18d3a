#pragma once

// Helpers of the file-transfer tests (tst_files, tst_scaleout): raw
// file_begin / file_chunk / file_end / file_get over a TestClient, and a
// look into the server's database to check that bytes are really gone.
#include "servertest.h"

#include "protocol/zlibstream.h"
#include "support/serverstore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Palomar::Testing {

inline QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (char &byte : data)
        byte = char(generator.bounded(256));
    return data;
}

inline QString sha256Of(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

inline qint64 integerIn(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toInteger();
}

// file_begin to `to` (a username) or, when `group` > 0, to that group.
inline QJsonObject beginFile(TestClient &client, const QString &to, qint64 group,
                             const QString &name, const QByteArray &data,
                             const QString &mime = QString())
{
    QJsonObject fields{
        {str("name"), name}, {str("size"), qint64(data.size())}, {str("sha256"), sha256Of(data)}};
    if (group > 0)
        fields.insert(str("group"), group);
    else
        fields.insert(str("to"), to);
    if (!mime.isEmpty())
        fields.insert(str("mime"), mime);
    return client.request(str("file_begin"), fields);
}

inline QJsonObject sendChunk(TestClient &client, qint64 fileId, qint64 offset,
                             const QByteArray &piece, bool compressed)
{
    QJsonObject fields{{str("file_id"), fileId}, {str("offset"), offset}};
    const QByteArray wire = compressed ? Protocol::zlibCompress(piece) : piece;
    fields.insert(str("data"), QString::fromLatin1(wire.toBase64()));
    if (compressed)
        fields.insert(str("z"), true);
    return client.request(str("file_chunk"), fields);
}

enum class ChunkMode
{
    Plain,
    Compressed,
    Mixed // even chunks compressed, odd ones plain
};

// Sends data[from, until) in chunks of `chunk` bytes; the first failed reply
// (or an empty object when all were ok).
inline QJsonObject sendChunks(TestClient &client, qint64 fileId, const QByteArray &data,
                              qint64 chunk, ChunkMode mode, qint64 from = 0, qint64 until = -1)
{
    if (until < 0)
        until = data.size();
    for (qint64 offset = from, index = 0; offset < until; offset += chunk, ++index) {
        const bool z =
            mode == ChunkMode::Compressed || (mode == ChunkMode::Mixed && index % 2 == 0);
        const QJsonObject reply =
            sendChunk(client, fileId, offset, data.mid(offset, qMin(chunk, until - offset)), z);
        if (!isOk(reply))
            return reply;
        if (integerIn(reply, "received") != qMin(offset + chunk, until))
            return reply;
    }
    return {};
}

struct Download
{
    QByteArray data;
    QString error; // the first error code, if any
    int compressedReplies = 0;
    int plainReplies = 0;
};

// Reads a whole file with file_get, `length` bytes at a time.
inline Download downloadFile(TestClient &client, qint64 fileId, qint64 length)
{
    Download result;
    for (int guard = 0; guard < 100000; ++guard) {
        const QJsonObject reply =
            client.request(str("file_get"), {{str("file_id"), fileId},
                                             {str("offset"), qint64(result.data.size())},
                                             {str("length"), length}});
        if (!isOk(reply)) {
            result.error = reply.isEmpty() ? str("no reply") : errorOf(reply);
            return result;
        }
        const QByteArray wire =
            QByteArray::fromBase64(reply.value(QLatin1String("data")).toString().toLatin1());
        if (reply.value(QLatin1String("z")).toBool()) {
            ++result.compressedReplies;
            const std::optional<QByteArray> piece = Protocol::zlibDecompress(wire, length);
            if (!piece) {
                result.error = str("bad zlib stream from the server");
                return result;
            }
            result.data += *piece;
        } else {
            ++result.plainReplies;
            result.data += wire;
        }
        if (reply.value(QLatin1String("eof")).toBool())
            return result;
    }
    result.error = str("no eof");
    return result;
}

} // namespace Palomar::Testing
