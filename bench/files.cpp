#include "files.h"

#include "palomarclient.h"
#include "phasemeter.h"
#include "protocol/zlibstream.h"

#include <QCryptographicHash>
#include <QJsonObject>

#include <cstring>
#include <map>

namespace Palomar::Bench {

namespace {

constexpr int kTimeoutMs = 600000;
constexpr int kWindow = 8; // chunks in flight each way

QJsonObject failure(const QString &error)
{
    return {{QStringLiteral("workload"), QStringLiteral("files")},
            {QStringLiteral("target"), QStringLiteral("palomar")},
            {QStringLiteral("error"), error}};
}

// Incompressible bytes (xorshift64*), the same in every run.
QByteArray pseudoRandomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint64 state = 0x9E3779B97F4A7C15ull;
    for (qint64 i = 0; i + 8 <= size; i += 8) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        const quint64 word = state * 0x2545F4914F6CDD1Dull;
        std::memcpy(bytes.data() + i, &word, 8);
    }
    for (qint64 i = size - size % 8; i < size; ++i)
        bytes[i] = char(i);
    return bytes;
}

double mbPerSecond(qint64 bytes, qint64 ns)
{
    return ns > 0 ? double(bytes) / 1e6 / (double(ns) / 1e9) : 0;
}

// The two ends of the plain copy: a sender that keeps the socket full, a
// receiver that counts and checks the bytes.
class CopySender : public Stream
{
public:
    CopySender(NetLoop &loop, const QByteArray &bytes) : Stream(loop), m_bytes(bytes) {}
    void onConnected() override { onDrained(); }
    void onDrained() override
    {
        if (m_at >= m_bytes.size())
            return;
        const qint64 piece = qMin<qint64>(4 << 20, m_bytes.size() - m_at);
        write(m_bytes.constData() + m_at, size_t(piece));
        m_at += piece;
    }
    void onData(const char *, size_t size, size_t *consumed) override { *consumed = size; }

private:
    const QByteArray &m_bytes;
    qint64 m_at = 0;
};

class CopyReceiver : public Stream
{
public:
    CopyReceiver(NetLoop &loop, int descriptor, const QByteArray &expected)
        : Stream(loop), m_expected(expected)
    {
        adopt(descriptor);
    }
    void onData(const char *data, size_t size, size_t *consumed) override
    {
        if (m_ok && std::memcmp(data, m_expected.constData() + m_received, size) != 0)
            m_ok = false;
        m_received += qint64(size);
        *consumed = size;
    }
    qint64 received() const { return m_received; }
    bool ok() const { return m_ok; }

private:
    const QByteArray &m_expected;
    qint64 m_received = 0;
    bool m_ok = true;
};

} // namespace

double plainTcpCopyMbPerSecond(NetLoop &loop, const QByteArray &bytes)
{
    std::unique_ptr<CopyReceiver> receiver;
    Listener listener(loop, [&](int descriptor) {
        receiver = std::make_unique<CopyReceiver>(loop, descriptor, bytes);
    });
    if (!listener.listen("127.0.0.1", 0))
        return -1;
    sockaddr_in address{};
    toAddress("127.0.0.1", listener.port(), &address);
    CopySender sender(loop, bytes);
    const qint64 start = monotonicNs();
    if (!sender.connectTo(address))
        return -1;
    if (!loop.runUntil([&] { return receiver && receiver->received() >= bytes.size(); },
                       kTimeoutMs) ||
        !receiver->ok() || receiver->received() != bytes.size())
        return -1;
    return mbPerSecond(bytes.size(), monotonicNs() - start);
}

QJsonObject runFiles(NetLoop &loop, const Target &target, int mebibytes)
{
    if (target.protocol != Target::Protocol::Palomar)
        return failure(QStringLiteral("the files workload speaks Palomar only"));
    const QByteArray bytes = pseudoRandomBytes(qint64(mebibytes) << 20);
    const QByteArray sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    Population population(loop, target, 2, runPrefix("file"));
    QString error;
    if (!population.connectAll(&error) || !population.registerAll(&error) ||
        !population.loginAll(&error) || !population.befriendRing(1, &error))
        return failure(error);
    auto &uploader = static_cast<PalomarClient &>(population.client(0));
    auto &downloader = static_cast<PalomarClient &>(population.client(1));
    const auto stopped = [&] { return !error.isEmpty() || !population.failure().isEmpty(); };
    const auto fail = [&error](const QString &why) {
        if (error.isEmpty())
            error = why;
    };

    // Upload: file_begin, file_chunk × n with kWindow in flight, file_end.
    PhaseMeter uploadMeter(target);
    uploadMeter.start();
    const qint64 uploadStart = monotonicNs();
    qint64 fileId = 0;
    qint64 chunk = 0;
    uploader.request("\"op\":\"file_begin\",\"to\":" + jsonString(population.name(1)) +
                         ",\"name\":\"bench.bin\",\"size\":" + QByteArray::number(bytes.size()) +
                         ",\"sha256\":\"" + sha256 + "\",\"mime\":\"application/octet-stream\"",
                     [&](const PalomarReply &reply) {
                         if (!reply.isOk())
                             return fail(QStringLiteral("file_begin: ") + reply.describe());
                         fileId = reply.value(QLatin1String("file_id")).toInteger();
                         chunk = reply.value(QLatin1String("chunk")).toInteger();
                     });
    if (!loop.runUntil([&] { return fileId > 0 || stopped(); }, kTimeoutMs) || stopped() ||
        chunk <= 0)
        return failure(error.isEmpty() ? population.failure() : error);
    qint64 sentUpTo = 0;
    qint64 acknowledged = 0;
    int inFlight = 0;
    const auto pumpUpload = [&](const auto &self) -> void {
        while (inFlight < kWindow && sentUpTo < bytes.size()) {
            const qint64 length = qMin(chunk, bytes.size() - sentUpTo);
            const qint64 offset = sentUpTo;
            sentUpTo += length;
            ++inFlight;
            uploader.request(
                "\"op\":\"file_chunk\",\"file_id\":" + QByteArray::number(fileId) +
                    ",\"offset\":" + QByteArray::number(offset) + ",\"data\":\"" +
                    QByteArray::fromRawData(bytes.constData() + offset, length).toBase64() + '"',
                [&, length, self](const PalomarReply &reply) {
                    --inFlight;
                    if (!reply.isOk())
                        return fail(QStringLiteral("file_chunk: ") + reply.describe());
                    acknowledged += length;
                    self(self);
                });
        }
    };
    pumpUpload(pumpUpload);
    if (!loop.runUntil([&] { return acknowledged == bytes.size() || stopped(); }, kTimeoutMs) ||
        stopped())
        return failure(error.isEmpty() ? population.failure() : error);
    bool ended = false;
    uploader.request("\"op\":\"file_end\",\"file_id\":" + QByteArray::number(fileId),
                     [&](const PalomarReply &reply) {
                         ended = true;
                         if (!reply.isOk())
                             fail(QStringLiteral("file_end: ") + reply.describe());
                     });
    if (!loop.runUntil([&] { return ended || stopped(); }, kTimeoutMs) || stopped())
        return failure(error.isEmpty() ? population.failure() : error);
    const qint64 uploadNs = monotonicNs() - uploadStart;
    uploadMeter.finish();

    // Download: file_get × n with kWindow in flight, reassembled in order.
    PhaseMeter downloadMeter(target);
    downloadMeter.start();
    const qint64 downloadStart = monotonicNs();
    QByteArray received;
    received.reserve(bytes.size());
    std::map<qint64, QByteArray> early; // replies come in order; kept for safety
    qint64 asked = 0;
    int getsInFlight = 0;
    const auto pumpDownload = [&](const auto &self) -> void {
        while (getsInFlight < kWindow && asked < bytes.size()) {
            const qint64 offset = asked;
            const qint64 length = qMin(chunk, bytes.size() - asked);
            asked += length;
            ++getsInFlight;
            downloader.request(
                "\"op\":\"file_get\",\"file_id\":" + QByteArray::number(fileId) + ",\"offset\":" +
                    QByteArray::number(offset) + ",\"length\":" + QByteArray::number(length),
                [&, offset, length, self](const PalomarReply &reply) {
                    --getsInFlight;
                    if (!reply.isOk())
                        return fail(QStringLiteral("file_get: ") + reply.describe());
                    QByteArray data = QByteArray::fromBase64(
                        reply.value(QLatin1String("data")).toString().toLatin1());
                    if (reply.value(QLatin1String("z")).toBool()) {
                        const auto inflated = Protocol::zlibDecompress(data, length);
                        if (!inflated)
                            return fail(QStringLiteral("file_get: bad zlib data"));
                        data = *inflated;
                    }
                    if (data.size() != length)
                        return fail(QStringLiteral("file_get at %1: %2 bytes, asked %3")
                                        .arg(offset)
                                        .arg(data.size())
                                        .arg(length));
                    early.emplace(offset, std::move(data));
                    while (!early.empty() && early.begin()->first == received.size()) {
                        received.append(early.begin()->second);
                        early.erase(early.begin());
                    }
                    self(self);
                });
        }
    };
    pumpDownload(pumpDownload);
    if (!loop.runUntil([&] { return received.size() == bytes.size() || stopped(); }, kTimeoutMs) ||
        stopped())
        return failure(error.isEmpty() ? population.failure() : error);
    const qint64 downloadNs = monotonicNs() - downloadStart;
    downloadMeter.finish();
    if (QCryptographicHash::hash(received, QCryptographicHash::Sha256).toHex() != sha256)
        return failure(QStringLiteral("the downloaded file differs from the uploaded one"));
    uploader.hangUp();
    downloader.hangUp();

    const double tcp = plainTcpCopyMbPerSecond(loop, bytes);
    if (tcp < 0)
        return failure(QStringLiteral("the plain TCP copy failed"));
    QJsonObject result{{QStringLiteral("workload"), QStringLiteral("files")},
                       {QStringLiteral("target"), target.label},
                       {QStringLiteral("bytes"), bytes.size()},
                       {QStringLiteral("upload_mb_s"), mbPerSecond(bytes.size(), uploadNs)},
                       {QStringLiteral("download_mb_s"), mbPerSecond(bytes.size(), downloadNs)},
                       {QStringLiteral("tcp_mb_s"), tcp},
                       {QStringLiteral("verified"), true}};
    uploadMeter.addTo(&result, mebibytes, QStringLiteral("mib"), QStringLiteral("upload_"));
    downloadMeter.addTo(&result, mebibytes, QStringLiteral("mib"), QStringLiteral("download_"));
    return result;
}

} // namespace Palomar::Bench
