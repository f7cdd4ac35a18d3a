#pragma once

#include "netloop.h"

#include <QByteArrayView>

namespace Palomar::Bench {

// Palomar's framing on a Stream (a 4-byte big-endian length, then that many
// bytes of JSON), for the bench's client and its trivial server alike.
// Input is split into whole frames, an oversized length is rejected before
// anything is buffered for it; output frames are built in place in the
// stream's buffer (beginFrame, appends, endFrame), so writing a request or a
// reply allocates nothing once the buffer has grown.
class FramedStream : public Stream
{
public:
    // Largest frame accepted (sync replies of 1,000 events, file chunks).
    static constexpr quint32 kMaxFrame = 64 << 20;

    using Stream::Stream;

protected:
    // One whole frame. The stream may be closed from inside.
    virtual void onFrame(QByteArrayView frame) = 0;
    // A length of 0 or over kMaxFrame arrived; the stream is closed already.
    virtual void onBadFrame() {}

    // Starts a frame: reserves its length prefix.
    void beginFrame();
    // Fills in the length of the frame begun last.
    void endFrame();
    void append(QByteArrayView bytes) { write(bytes); }
    void append(char c) { write(&c, 1); }
    void appendNumber(qint64 number);
    // `text` as a JSON string (quoted, escaped).
    void appendJsonString(QByteArrayView text);

private:
    void onData(const char *data, size_t size, size_t *consumed) final;

    size_t m_frameStart = 0;
};

// Writes `number` in decimal into `buffer` (at least 20 bytes); returns the
// length. For the few numbers the bench formats on its hot path.
int formatNumber(qint64 number, char *buffer);
// `text` as a JSON string, for the values the bench builds outside frames.
QByteArray jsonString(QByteArrayView text);

} // namespace Palomar::Bench
