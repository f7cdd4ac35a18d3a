#include "frame.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QtEndian>

namespace Palomar::Protocol {

qint64 peekFrameLength(QByteArrayView buffer)
{
    if (buffer.size() < kFrameHeaderSize)
        return -1;
    return qFromBigEndian<quint32>(buffer.data());
}

DecodedFrame decodeFrame(QByteArrayView buffer, qsizetype maxFrame)
{
    DecodedFrame result;
    const qint64 length = peekFrameLength(buffer);
    if (length < 0)
        return result;
    if (length == 0) {
        result.status = DecodedFrame::Status::Error;
        result.error = QStringLiteral("empty frame");
        return result;
    }
    if (length > maxFrame) {
        result.status = DecodedFrame::Status::Error;
        result.error =
            QStringLiteral("frame of %1 bytes is over the limit of %2").arg(length).arg(maxFrame);
        return result;
    }
    if (buffer.size() - kFrameHeaderSize < length)
        return result;

    const QByteArrayView body = buffer.sliced(kFrameHeaderSize, qsizetype(length));
    result.consumed = kFrameHeaderSize + qsizetype(length);
    result.status = DecodedFrame::Status::Error;

    if (!body.isValidUtf8()) {
        result.error = QStringLiteral("frame is not valid UTF-8");
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("frame is not valid JSON: %1").arg(parseError.errorString());
        return result;
    }
    if (!document.isObject()) {
        result.error = QStringLiteral("frame is not a JSON object");
        return result;
    }
    result.status = DecodedFrame::Status::Frame;
    result.object = document.object();
    return result;
}

QByteArray encodeFrame(const QJsonObject &object)
{
    return encodeFrame(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray encodeFrame(const QByteArray &json)
{
    QByteArray frame(kFrameHeaderSize, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(json.size()), frame.data());
    frame.append(json);
    return frame;
}

} // namespace Palomar::Protocol
