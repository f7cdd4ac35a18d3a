#include "connection.h"

#include "core/dispatcher.h"
#include "core/metrics.h"
#include "core/serverconfig.h"
#include "protocol/frame.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopedValueRollback>
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

Connection::Connection(quint64 id, QTcpSocket *socket, Dispatcher &dispatcher, PollRegistry &polls,
                       PollSink &pollSink, const ServerConfig &config, QObject *parent)
    : QObject(parent), m_id(id), m_socket(socket), m_dispatcher(dispatcher), m_polls(polls),
      m_pollSink(pollSink), m_config(config)
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
    connect(&m_parkTimer, &QTimer::timeout, this, [this] {
        // Nothing woke it: nothing arrived (an announcement would have).
        if (m_parked && !m_parked->looking)
            answerParked({}, m_parked->poll.after, false);
    });

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
    qCDebug(lcNet).noquote() << "connection" << m_id << "from" << m_peerAddress;
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
        pending.received = std::chrono::steady_clock::now();
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
    // Flushing a reply emits bytesWritten() at once, which calls here again:
    // that call must not dispatch the next request while this one is about
    // to (it would take the in-flight slot of the request being dispatched).
    if (m_processing)
        return;
    const QScopedValueRollback processing(m_processing, true);
    while (!m_inFlight && !m_queue.isEmpty() && !backlogged() && !m_gone) {
        Pending pending = m_queue.takeFirst();
        const Protocol::Request &request = pending.request;
        const int op = Metrics::opIndex(request.op);
        if (pending.answer) {
            count(op, Error::BadRequest, pending.received);
            write(*pending.answer);
            continue;
        }
        if (!takeToken()) {
            count(op, Error::RateLimited, pending.received);
            write(Protocol::makeError(request.id, Error::RateLimited,
                                      QStringLiteral("too many requests on this connection"),
                                      {{QStringLiteral("retry_after"), 1}}));
            continue;
        }
        // A new sync answers the parked one at once with what it has:
        // nothing, or a wake-up would have answered it.
        if (m_parked && request.op == QLatin1String("sync"))
            answerParked({}, m_parked->poll.after, false);
        m_inFlight = request.id;
        const HandlerResult result = m_dispatcher.dispatch(request, m_id, m_session, m_peerAddress);
        if (result.kind() == HandlerResult::Kind::Deferred) {
            m_inFlightOp = op;
            m_inFlightReceived = pending.received;
            return; // complete() resumes
        }
        m_inFlight.reset();
        count(op, result.errorCode(), pending.received);
        writeEncoded(result.encode(request.id));
    }
    flushWrites();
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

void Connection::complete(const Completion &completion)
{
    const HandlerResult &result = completion.result;
    if (!completion.adoptSession) {
        // A parked poll's look, beside the requests in flight.
        if (!m_parked || !m_parked->looking)
            return;
        m_parked->looking = false;
        m_session.handedOut = qMax(m_session.handedOut, completion.session.handedOut);
        if (result.kind() == HandlerResult::Kind::Parked) {
            m_parked->poll.version = result.poll().version; // nothing yet: wait on
            if (!m_polls.park(m_parked->userId, &m_pollSink, m_id, m_parked->poll.version))
                look();
            return;
        }
        const QJsonValue id = m_parked->poll.id;
        unpark();
        // The look found the session over: so is this connection's.
        if (result.errorCode() == Error::SessionReplaced ||
            result.errorCode() == Error::AuthRequired) {
            m_session.clear();
            noteSession();
        }
        writeEncoded(result.encode(id));
        flushWrites();
        m_idleTimer.start();
        return;
    }
    if (!m_inFlight)
        return;
    const QJsonValue id = *m_inFlight;
    m_inFlight.reset();
    // A long poll counts as answered when it starts waiting.
    count(m_inFlightOp, result.errorCode(), m_inFlightReceived);
    m_session = completion.session;
    if (m_gone) {
        // Closed while the store worked: the session it bound is detached.
        m_dispatcher.disconnected(m_session, m_peerAddress);
        m_session.clear();
        return;
    }
    noteSession();
    if (result.kind() == HandlerResult::Kind::Parked)
        park(result.poll());
    else
        writeEncoded(result.encode(id));
    processQueue();
}

void Connection::noteSession()
{
    if (m_session.userId == m_boundUserId || m_gone)
        return;
    m_boundUserId = m_session.userId;
    emit boundUserChanged(this, m_boundUserId);
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

void Connection::count(int op, std::optional<Protocol::Error> error,
                       std::chrono::steady_clock::time_point received)
{
    Metrics::request(op, error, std::chrono::steady_clock::now() - received);
}

void Connection::write(const QJsonObject &frame)
{
    writeEncoded(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

void Connection::writeEncoded(const QByteArray &json)
{
    if (m_gone)
        return;
    m_socket->write(Protocol::encodeFrame(json));
    m_unflushed = true;
}

void Connection::flushWrites()
{
    // Written now, in one system call, rather than when the socket's write
    // notifier fires: that would cost two epoll_ctl calls and a wake-up.
    if (m_unflushed && !m_gone) {
        m_unflushed = false;
        m_socket->flush();
    }
}

void Connection::failFrame(const QString &why)
{
    qCInfo(lcNet).noquote() << QStringLiteral("bad frame on connection %1 from %2: %3")
                                   .arg(m_id)
                                   .arg(m_peerAddress, why);
    count(Metrics::opIndex({}), Error::BadFrame, std::chrono::steady_clock::now());
    write(Protocol::makeError(QJsonValue(QJsonValue::Null), Error::BadFrame, why));
    m_closing = true;
    m_queue.clear();
    m_buffer.clear();
    unpark();
    if (!m_inFlight)
        m_socket->disconnectFromHost();
}

void Connection::park(const ParkedPoll &poll)
{
    unpark();
    m_parked = Parked{poll, m_session.userId, false};
    m_parkTimer.start(poll.waitSeconds * 1000);
    // Something announced since the store looked: look again at once.
    if (!m_polls.park(m_session.userId, &m_pollSink, m_id, poll.version))
        look();
}

void Connection::look()
{
    m_parked->looking = true;
    m_dispatcher.look(m_parked->poll, m_id, m_session, m_peerAddress);
}

void Connection::unpark()
{
    if (!m_parked)
        return;
    m_polls.unpark(m_parked->userId, &m_pollSink, m_id);
    m_parked.reset();
    m_parkTimer.stop();
}

void Connection::woken(const QList<CommittedEvent> &events)
{
    if (!m_parked || m_parked->looking || m_gone)
        return;
    const ParkedPoll &poll = m_parked->poll;
    // Answered from memory when the events follow the poll's cursor;
    // otherwise (a gap, another instance's events, a takeover) the store looks.
    if (events.isEmpty() || events.first().seq != poll.after + 1) {
        look();
        return;
    }
    // Their stored JSON goes into the reply as it is.
    QByteArray answer;
    qint64 cursor = poll.after;
    int count = 0;
    for (const CommittedEvent &event : events) {
        if (event.seq != cursor + 1 || count == poll.limit)
            break;
        answer += answer.isEmpty() ? '[' : ',';
        Protocol::appendEvent(answer, event.seq, event.kind, event.payload);
        cursor = event.seq;
        ++count;
    }
    answer += ']';
    m_session.handedOut = qMax(m_session.handedOut, cursor);
    answerParked(answer, cursor, cursor < events.last().seq);
}

void Connection::answerParked(const QByteArray &events, qint64 cursor, bool more)
{
    if (!m_parked || m_gone)
        return;
    const QJsonValue id = m_parked->poll.id;
    const QByteArray notices =
        m_polls.notices().take(m_parked->userId, QDateTime::currentMSecsSinceEpoch());
    unpark();
    writeEncoded(
        Protocol::encodeReply(id, Protocol::syncReplyFields(events, cursor, more, notices)));
    flushWrites();
    m_idleTimer.start();
}

void Connection::onIdleTimeout()
{
    if (m_parked || m_inFlight) {
        m_idleTimer.start();
        return;
    }
    drop(QStringLiteral("idle"));
}

void Connection::drop(const QString &why)
{
    if (m_gone)
        return;
    qCInfo(lcNet).noquote() << "closing" << why << "connection" << m_id << "from" << m_peerAddress;
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
    if (m_parked)
        answerParked({}, m_parked->poll.after, false);
    processQueue();
}

void Connection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    unpark();
    m_idleTimer.stop();
    // With a request in flight, complete() detaches the session it returns.
    if (!m_inFlight)
        m_dispatcher.disconnected(m_session, m_peerAddress);
    qCDebug(lcNet).noquote() << "connection" << m_id << "from" << m_peerAddress << "closed";
    emit closed(this);
    deleteLater();
}

} // namespace Palomar::Server
