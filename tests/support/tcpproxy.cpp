#include "tcpproxy.h"

#include "protocol/frame.h"

#include <QJsonObject>

namespace Palomar::Testing {

namespace {
// Bigger than any frame either side sends in a test.
constexpr qsizetype kMaxFrame = 256 * 1024 * 1024;

// Reads what `socket` holds into `buffer` and splits the whole frames off its
// front (header included); the rest of a frame stays for the next read.
QList<QByteArray> readFrames(QTcpSocket *socket, QByteArray &buffer)
{
    buffer += socket->readAll();
    QList<QByteArray> frames;
    for (;;) {
        const qint64 length = Protocol::peekFrameLength(buffer);
        if (length < 0 || buffer.size() < Protocol::kFrameHeaderSize + length)
            break;
        const qsizetype size = Protocol::kFrameHeaderSize + qsizetype(length);
        frames.append(buffer.first(size));
        buffer.remove(0, size);
    }
    return frames;
}
} // namespace

TcpProxy::TcpProxy(quint16 targetPort, QObject *parent) : QObject(parent), m_target(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpProxy::onNewConnection);
}

TcpProxy::~TcpProxy()
{
    // Quietly: no relay slot may run while the sockets are torn down.
    m_server.close();
    for (const auto &pair : std::as_const(m_pairs)) {
        for (QTcpSocket *socket : {pair->client.data(), pair->upstream.data()}) {
            if (socket) {
                socket->disconnect();
                delete socket;
            }
        }
    }
}

bool TcpProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TcpProxy::dropConnections()
{
    const auto pairs = std::exchange(m_pairs, {});
    for (const auto &pair : pairs) {
        if (pair->client)
            pair->client->abort();
        if (pair->upstream)
            pair->upstream->abort();
    }
}

void TcpProxy::answerUnavailable(const QStringList &ops, int count, int retryAfterSeconds)
{
    m_unavailableOps = ops;
    m_unavailableLeft = count;
    m_retryAfter = retryAfterSeconds;
}

int TcpProxy::unavailableAnswered(const QString &op) const
{
    return op.isEmpty() ? int(m_unavailableAnswered.size()) : int(m_unavailableAnswered.count(op));
}

QByteArray TcpProxy::answerFor(const QByteArray &frame)
{
    if (m_unavailableLeft == 0)
        return {};
    const Protocol::DecodedFrame decoded = Protocol::decodeFrame(frame, kMaxFrame);
    if (decoded.status != Protocol::DecodedFrame::Status::Frame)
        return {};
    const QString op = decoded.object.value(QLatin1String("op")).toString();
    const bool chosen = m_unavailableOps.isEmpty()
                            ? op != QLatin1String("hello") && op != QLatin1String("ping")
                            : m_unavailableOps.contains(op);
    if (!chosen)
        return {};
    if (m_unavailableLeft > 0)
        --m_unavailableLeft;
    m_unavailableAnswered.append(op);
    return Protocol::encodeFrame(
        {{QStringLiteral("id"), decoded.object.value(QLatin1String("id"))},
         {QStringLiteral("ok"), false},
         {QStringLiteral("error"), QStringLiteral("unavailable")},
         {QStringLiteral("message"), QStringLiteral("the database is restarting (test relay)")},
         {QStringLiteral("retry_after"), m_retryAfter}});
}

void TcpProxy::relayToServer(Pair &pair)
{
    if (!pair.client || !pair.upstream)
        return;
    const QList<QByteArray> frames = readFrames(pair.client, pair.fromClient);
    for (const QByteArray &frame : frames) {
        if (const QByteArray answer = answerFor(frame); !answer.isEmpty()) {
            pair.client->write(answer);
            continue;
        }
        m_bytesToServer += frame.size();
        if (pair.upstream->state() == QAbstractSocket::ConnectedState)
            pair.upstream->write(frame);
        else
            pair.early += frame;
    }
}

void TcpProxy::relayToClient(Pair &pair)
{
    if (!pair.client || !pair.upstream)
        return;
    const QList<QByteArray> frames = readFrames(pair.upstream, pair.fromServer);
    if (m_dropReplies)
        return;
    for (const QByteArray &frame : frames) {
        m_bytesToClient += frame.size();
        pair.client->write(frame);
    }
}

void TcpProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_refuse) {
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_accepted;
        auto *upstreamSocket = new QTcpSocket(this);
        auto pair = std::make_shared<Pair>();
        pair->client = client;
        pair->upstream = upstreamSocket;
        m_pairs.append(pair);
        // The slots hold the pair, so it outlives dropConnections() while they can run.
        connect(client, &QTcpSocket::readyRead, this, [this, pair] { relayToServer(*pair); });
        connect(upstreamSocket, &QTcpSocket::connected, this, [pair] {
            if (pair->upstream)
                pair->upstream->write(std::exchange(pair->early, {}));
        });
        connect(upstreamSocket, &QTcpSocket::readyRead, this,
                [this, pair] { relayToClient(*pair); });
        const auto closeBoth = [pair] {
            for (QTcpSocket *socket : {pair->client.data(), pair->upstream.data()}) {
                if (socket) {
                    socket->abort();
                    socket->deleteLater();
                }
            }
        };
        connect(client, &QTcpSocket::disconnected, this, closeBoth);
        connect(upstreamSocket, &QTcpSocket::disconnected, this, closeBoth);
        connect(upstreamSocket, &QTcpSocket::errorOccurred, this, closeBoth);
        upstreamSocket->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

} // namespace Palomar::Testing
