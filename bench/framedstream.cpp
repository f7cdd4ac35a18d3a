#include "framedstream.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace Palomar::Bench {

namespace {

bool needsEscape(char c)
{
    return c == '"' || c == '\\' || uchar(c) < 0x20;
}

// Appends `text` escaped (without quotes) through `out(bytes)`.
template<typename Out> void escapeInto(QByteArrayView text, Out &&out)
{
    qsizetype plain = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needsEscape(c))
            continue;
        out(text.sliced(plain, i - plain));
        char escaped[8];
        if (c == '"' || c == '\\') {
            escaped[0] = '\\';
            escaped[1] = c;
            out(QByteArrayView(escaped, 2));
        } else {
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uchar(c)));
            out(QByteArrayView(escaped, 6));
        }
        plain = i + 1;
    }
    out(text.sliced(plain));
}

} // namespace

int formatNumber(qint64 number, char *buffer)
{
    return int(std::to_chars(buffer, buffer + 20, number).ptr - buffer);
}

QByteArray jsonString(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out.append('"');
    escapeInto(text, [&out](QByteArrayView bytes) { out.append(bytes); });
    out.append('"');
    return out;
}

void FramedStream::beginFrame()
{
    write("\0\0\0\0", 4);
    m_frameStart = outputEnd() - 4; // a write may have compacted the buffer first
}

void FramedStream::endFrame()
{
    if (!isOpen())
        return;
    const quint32 length = htonl(quint32(outputEnd() - m_frameStart - 4));
    overwrite(m_frameStart, reinterpret_cast<const char *>(&length), 4);
}

void FramedStream::appendNumber(qint64 number)
{
    char digits[24];
    write(digits, size_t(formatNumber(number, digits)));
}

void FramedStream::appendJsonString(QByteArrayView text)
{
    append('"');
    escapeInto(text, [this](QByteArrayView bytes) { append(bytes); });
    append('"');
}

void FramedStream::onData(const char *data, size_t size, size_t *consumed)
{
    size_t at = 0;
    while (size - at >= 4) {
        quint32 length = 0;
        std::memcpy(&length, data + at, 4);
        length = ntohl(length);
        if (length == 0 || length > kMaxFrame) {
            close();
            onBadFrame();
            return;
        }
        if (size - at - 4 < length)
            break;
        const QByteArrayView frame(data + at + 4, qsizetype(length));
        at += 4 + length;
        onFrame(frame);
        if (!isOpen())
            return;
    }
    *consumed = at;
}

} // namespace Palomar::Bench
