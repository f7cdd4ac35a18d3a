#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace Palomar::Protocol {

// Frames are a 4-byte big-endian length N followed by N bytes of UTF-8 JSON
// whose top level is an object. Decoding is a pure function over the bytes
// received so far: it never touches a socket and never allocates N bytes
// before N has been checked against the limit.
constexpr qsizetype kFrameHeaderSize = 4;

struct DecodedFrame
{
    enum class Status
    {
        NeedMore, // not a whole frame yet; keep the bytes and wait
        Frame,    // `object` holds the frame; drop `consumed` bytes
        Error,    // the stream is broken; `error` says why
    };
    Status status = Status::NeedMore;
    QJsonObject object;
    qsizetype consumed = 0;
    QString error;
};

// Looks at the front of `buffer`. A length of 0 or above `maxFrame` is an
// error as soon as the header is complete, before any body byte is awaited.
DecodedFrame decodeFrame(QByteArrayView buffer, qsizetype maxFrame);

// The body length announced by a complete header, or -1 when fewer than four
// bytes are at hand.
qint64 peekFrameLength(QByteArrayView buffer);

QByteArray encodeFrame(const QJsonObject &object);
// A frame around JSON text that is already encoded (an object).
QByteArray encodeFrame(const QByteArray &json);

} // namespace Palomar::Protocol
