// libFuzzer target: the frame decoder (shared/protocol/frame.*). The input is
// a byte stream as a client would send it; it is cut into frames the way
// Connection::readFrames does. Every decoded frame must survive a round trip
// through encodeFrame.
#include "protocol/frame.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace Palomar::Protocol;

namespace {
[[noreturn]] void fail(const char *why)
{
    fprintf(stderr, "fuzz_frame: %s\n", why);
    abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The first byte picks a small limit sometimes, so the oversize path is
    // reached without megabyte inputs.
    const qsizetype maxFrame = (size > 0 && data[0] & 1) ? 64 : 1024 * 1024;
    QByteArrayView stream(reinterpret_cast<const char *>(data), qsizetype(size));
    while (!stream.isEmpty()) {
        const DecodedFrame frame = decodeFrame(stream, maxFrame);
        const qint64 announced = peekFrameLength(stream);
        if (frame.status == DecodedFrame::Status::NeedMore) {
            if (announced > maxFrame || announced == 0)
                fail("NeedMore for a length that is out of range");
            break;
        }
        if (frame.status == DecodedFrame::Status::Error) {
            if (frame.error.isEmpty())
                fail("an error without a reason");
            break;
        }
        if (frame.consumed != kFrameHeaderSize + announced || frame.consumed > stream.size())
            fail("consumed does not match the header");
        const QByteArray again = encodeFrame(frame.object);
        const DecodedFrame round = decodeFrame(again, again.size());
        if (round.status != DecodedFrame::Status::Frame || round.object != frame.object)
            fail("an encoded frame does not decode to the same object");
        stream = stream.sliced(frame.consumed);
    }
    return 0;
}
