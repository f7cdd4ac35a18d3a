// libFuzzer target: the zlib helpers (shared/protocol/zlibstream.*).
// Inflates the input as a hostile chunk (bounded output), and checks that
// compressing the input and inflating it again gives it back.
#include "protocol/zlibstream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Palomar::Protocol;

namespace {
[[noreturn]] void fail(const char *why)
{
    fprintf(stderr, "fuzz_zlib: %s\n", why);
    abort();
}
constexpr qint64 kMaxOutput = 1024 * 1024;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // The first byte chooses a small bound sometimes, so "too big" is reached.
    const qint64 bound = (size > 0 && data[0] & 1) ? 100 : kMaxOutput;
    if (const std::optional<QByteArray> out = zlibDecompress(input, bound)) {
        if (out->size() > bound)
            fail("inflated past the bound");
    }

    const QByteArray packed = zlibCompress(input, int(size % 10));
    const std::optional<QByteArray> unpacked = zlibDecompress(packed, qMax<qint64>(1, size));
    if (size > 0 && (!unpacked || *unpacked != input))
        fail("compress then decompress is not the identity");

    const MaybeCompressed maybe = compressIfSmaller(input);
    if (maybe.compressed) {
        const std::optional<QByteArray> back = zlibDecompress(maybe.bytes, qsizetype(size));
        if (maybe.bytes.size() >= input.size() || !back || *back != input)
            fail("compressIfSmaller gave a bad stream");
    } else if (maybe.bytes != input) {
        fail("compressIfSmaller changed uncompressed bytes");
    }
    return 0;
}
