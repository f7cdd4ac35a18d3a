#include "connection.h"

#include "core/dispatcher.h"
#include "core/pollregistry.h"
#include "core/serverconfig.h"
#include "protocol/frame.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcNet, "palomar.net")

namespace Palomar::Server {

using Protocol::Error;

namespace {
constexpr qsizetype kMaxQueuedRequests = 64;
constexpr qint64 kMaxUnsentBytes = 4 * 1024 * 1024;
constexpr qint64 kSocketReadBuffer = 64 * 1024;
} // namespace

Connection::Connection(QTcpSocket *socket, Dispatcher &dispatcher, PollRegistry &polls,
                       const ServerConfig &config, QObject *parent)
    : QObject(parent), m_socket(socket), m_dispatcher(dispatcher), m_polls(polls), m_config(config)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peerAddress = m_socket->peerAddress().toString();
    if (m_peerAddress.startsWith(QLatin1String("::ffff:")))
        m_peerAddress = m_peerAddress.mid(7);

    m_tokens = config.limits.burst;
    m_bucketClock.start();

    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(config.limits.idleTimeout * 1000);
    connect(&m_idleTimer, &QTimer::timeout, this, &Connection::onIdleTimeout);
    m_idleTimer.start();
    m_parkTimer.setSingleShot(true);
    connect(&m_parkTimer, &QTimer::timeout, this, [this] { answerParked(true); });

    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::readFrames);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::processQueue);
    // Over TLS, bytesWritten() means "encrypted"; the backlog drains on the wire.
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket))
        connect(tls, &QSslSocket::encryptedBytesWritten, this, &Connection::processQueue);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    qCDebug(lcNet) << "connection from" << m_peerAddress;
    // A TLS client's first request may have come with the end of the handshake.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &Connection::readFrames, Qt::QueuedConnection);
}

Connection::~Connection()
{
    unpark();
}

qint64 Connection::unsentBytes() const
{
    // A QSslSocket encrypts at once; its ciphertext waits in encryptedBytesToWrite().
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket);
    return m_socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}

bool Connection::backlogged() const
{
    return unsentBytes() > kMaxUnsentBytes;
}

void Connection::readFrames()
{
    if (m_closing)
        return;
    const qint64 maxFrame = m_config.limits.maxFrame;
    while (true) {
        if (m_queue.size() >= kMaxQueuedRequests) {
            m_readPaused = true; // processQueue() resumes once the queue drains
            break;
        }
        // Take only what the frame in progress can still use, so a client
        // cannot make us hold more than one frame (plus a read) in memory.
        if (const qint64 available = m_socket->bytesAvailable(); available > 0) {
            // Exactly what the socket holds: its read block then moves here
            // instead of staying with the socket (16 KiB per connection).
            QByteArray bytes = m_socket->read(qMin(available, kSocketReadBuffer));
            if (m_buffer.isEmpty())
                m_buffer = std::move(bytes);
            else
                m_buffer.append(bytes);
        }
        const Protocol::DecodedFrame frame = Protocol::decodeFrame(m_buffer, maxFrame);
        if (frame.status == Protocol::DecodedFrame::Status::Error) {
            failFrame(frame.error);
            return;
        }
        if (frame.status == Protocol::DecodedFrame::Status::NeedMore) {
            if (m_socket->bytesAvailable() > 0)
                continue;
            break;
        }
        if (frame.consumed == m_buffer.size())
            m_buffer = QByteArray(); // no copy of an empty rest
        else
            m_buffer.remove(0, frame.consumed);
        m_idleTimer.start(); // a whole frame arrived: the connection is not idle
        Pending pending;
        QString problem;
        if (!Protocol::parseEnvelope(frame.object, &pending.request, &problem))
            pending.answer = Protocol::makeError(pending.request.id, Error::BadRequest, problem);
        m_queue.append(std::move(pending));
    }
    // An idle connection keeps no read buffer: the last read's block (up to
    // 64 KiB) would otherwise stay with every connection.
    if (m_buffer.isEmpty())
        m_buffer = QByteArray();
    processQueue();
}

void Connection::processQueue()
{
    while (!m_inFlight && !m_queue.isEmpty() && !backlogged() && !m_gone) {
        Pending pending = m_queue.takeFirst();
        if (pending.answer) {
            write(*pending.answer);
            continue;
        }
        const Protocol::Request &request = pending.request;
        if (!takeToken()) {
            write(Protocol::makeError(request.id, Error::RateLimited,
                                      QStringLiteral("too many requests on this connection"),
                                      {{QStringLiteral("retry_after"), 1}}));
            continue;
        }
        if (m_parked && request.op == QLatin1String("sync"))
            answerParked(true);
        m_inFlight = request.id;
        const HandlerResult result = m_dispatcher.dispatch(request, *this);
        switch (result.kind()) {
        case HandlerResult::Kind::Reply:
            m_inFlight.reset();
            write(result.toFrame(request.id));
            break;
        case HandlerResult::Kind::Parked:
            m_inFlight.reset();
            break;
        case HandlerResult::Kind::Deferred:
            return; // complete() resumes
        case HandlerResult::Kind::AfterCommit:
            Q_UNREACHABLE(); // Dispatcher::dispatch() and CommitBatcher finish these
        }
    }
    if (m_closing && !m_inFlight) {
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->disconnectFromHost();
        return;
    }
    if (m_readPaused && !m_inFlight && m_queue.isEmpty() && !backlogged()) {
        m_readPaused = false;
        QMetaObject::invokeMethod(this, &Connection::readFrames, Qt::QueuedConnection);
    }
}

void Connection::complete(const HandlerResult &result)
{
    if (!m_inFlight)
        return;
    const QJsonValue id = *m_inFlight;
    m_inFlight.reset();
    if (result.kind() == HandlerResult::Kind::Reply)
        write(result.toFrame(id));
    processQueue();
}

bool Connection::takeToken()
{
    const int rate = m_config.limits.rate;
    if (rate <= 0)
        return true;
    const double elapsed = double(m_bucketClock.restart()) / 1000.0;
    m_tokens = qMin<double>(m_config.limits.burst, m_tokens + elapsed * rate);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

void Connection::write(const QJsonObject &frame)
{
    if (m_gone)
        return;
    m_socket->write(Protocol::encodeFrame(frame));
}

void Connection::failFrame(const QString &why)
{
    qCInfo(lcNet) << "bad frame from" << m_peerAddress << ":" << why;
    write(Protocol::makeError(QJsonValue(QJsonValue::Null), Error::BadFrame, why));
    m_closing = true;
    m_queue.clear();
    m_buffer.clear();
    unpark();
    if (!m_inFlight)
        m_socket->disconnectFromHost();
}

void Connection::park(const QJsonValue &id, qint64 after, int limit, int waitSeconds)
{
    unpark();
    m_parked = Parked{id, after, limit, m_session.userId};
    m_polls.add(m_session.userId, this);
    m_parkTimer.start(waitSeconds * 1000);
    // Anything stored between the handler's look and the registration above
    // has already called wake(): look once more.
    QMetaObject::invokeMethod(this, &Connection::wakeUp, Qt::QueuedConnection);
}

void Connection::unpark()
{
    if (!m_parked)
        return;
    m_polls.remove(m_parked->userId, this);
    m_parked.reset();
    m_parkTimer.stop();
}

void Connection::wakeUp()
{
    answerParked(false);
}

void Connection::answerParked(bool final)
{
    if (!m_parked || m_gone)
        return;
    const QJsonObject reply =
        m_dispatcher.collectParked(m_parked->id, m_parked->after, m_parked->limit, *this);
    const bool empty = reply.value(QLatin1String("ok")).toBool() &&
                       reply.value(QLatin1String("events")).toArray().isEmpty();
    if (empty && !final)
        return;
    unpark();
    write(reply);
    m_idleTimer.start();
}

void Connection::onIdleTimeout()
{
    if (m_parked || m_inFlight) {
        m_idleTimer.start();
        return;
    }
    qCInfo(lcNet) << "closing idle connection from" << m_peerAddress;
    m_closing = true;
    m_socket->abort();
    onDisconnected();
}

void Connection::shutdown()
{
    if (m_gone)
        return;
    m_closing = true;
    m_queue.clear();
    answerParked(true);
    processQueue();
}

void Connection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    unpark();
    m_idleTimer.stop();
    m_dispatcher.disconnected(*this);
    qCDebug(lcNet) << "connection from" << m_peerAddress << "closed";
    emit closed(this);
    deleteLater();
}

} // namespace Palomar::Server
