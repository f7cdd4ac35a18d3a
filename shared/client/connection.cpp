#include "connection.h"

#include "protocol/frame.h"

#include <utility>

#include <QPointer>
#include <QScopedValueRollback>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

namespace Palomar::Client {

using Protocol::DecodedFrame;

Connection::Connection(QObject *parent) : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(10000);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { abort(QStringLiteral("timed out while connecting")); });
}

Connection::~Connection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void Connection::open(const QString &host, quint16 port)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_buffer.clear();
    m_open = false;
    m_closeReason.clear();
    m_rejection.reset();

    QTcpSocket *socket = createSocket();
    m_socket = socket;
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        if (socket == m_socket)
            onReadyRead();
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        if (socket == m_socket && m_closeReason.isEmpty())
            m_closeReason = socket->errorString();
        // A refused or failed connect never emits disconnected().
        if (socket == m_socket && socket->state() == QAbstractSocket::UnconnectedState)
            finish(m_closeReason);
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (socket == m_socket)
            finish(m_closeReason.isEmpty() ? QStringLiteral("the server closed the connection")
                                           : m_closeReason);
    });
    m_connectTimer.start(); // covers the TLS handshake too
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        tls->connectToHostEncrypted(host, port);
    else
        socket->connectToHost(host, port);
}

QTcpSocket *Connection::createSocket()
{
    if (!m_tls.enabled) {
        auto *socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, [this, socket] { onEstablished(socket); });
        return socket;
    }
    auto *socket = new QSslSocket(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_tls.caCertificates.isEmpty())
        configuration.addCaCertificates(m_tls.caCertificates);
    socket->setSslConfiguration(configuration);
    connect(socket, &QSslSocket::encrypted, this, [this, socket] { onEstablished(socket); });
    connect(socket, &QSslSocket::sslErrors, this,
            [this, socket](const QList<QSslError> &errors) { checkCertificate(socket, errors); });
    return socket;
}

void Connection::onEstablished(QTcpSocket *socket)
{
    if (socket != m_socket)
        return;
    m_connectTimer.stop();
    m_open = true;
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    emit opened();
}

void Connection::checkCertificate(QSslSocket *socket, const QList<QSslError> &errors)
{
    if (socket != m_socket)
        return;
    const QSslCertificate certificate = socket->peerCertificate();
    const QByteArray fingerprint = certificateFingerprint(certificate);
    const QByteArray &pinned = m_tls.pinnedFingerprint;
    if (!pinned.isEmpty() && fingerprint == pinned) {
        socket->ignoreSslErrors(); // the very certificate the user chose to trust
        return;
    }
    // Not ignored, so the handshake fails once this returns; finish() reports it.
    QStringList problems;
    for (const QSslError &error : errors)
        problems.append(error.errorString());
    problems.removeDuplicates();
    m_rejection = Rejection{certificate, pinned.isEmpty() ? CertificateProblem::Untrusted
                                                          : CertificateProblem::PinMismatch};
    if (pinned.isEmpty())
        m_closeReason =
            QStringLiteral("the server's certificate is not trusted (%1); its SHA-256 "
                           "fingerprint is %2")
                .arg(problems.join(QStringLiteral("; ")), formatFingerprint(fingerprint));
    else
        m_closeReason = QStringLiteral("the server's certificate has changed: its SHA-256 "
                                       "fingerprint is %1, not the pinned %2 (%3)")
                            .arg(formatFingerprint(fingerprint), formatFingerprint(pinned),
                                 problems.join(QStringLiteral("; ")));
}

void Connection::close()
{
    if (!m_socket)
        return;
    if (m_closeReason.isEmpty())
        m_closeReason = QStringLiteral("closed by the client");
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        finish(m_closeReason);
        return;
    }
    m_socket->disconnectFromHost();
    // disconnectFromHost() may have finished synchronously (nothing to flush).
    if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
        finish(m_closeReason);
}

void Connection::abort(const QString &reason)
{
    if (!m_socket)
        return;
    if (m_closeReason.isEmpty())
        m_closeReason = reason;
    m_open = false;
    m_connectTimer.stop();
    QTcpSocket *socket = m_socket;
    socket->disconnect(this);
    socket->abort();
    // Report from the event loop so callers never see closed() re-entrantly.
    QMetaObject::invokeMethod(
        this,
        [this, socket] {
            if (socket == m_socket)
                finish(m_closeReason);
        },
        Qt::QueuedConnection);
}

bool Connection::sendFrame(const QJsonObject &frame)
{
    if (!m_open || !m_socket)
        return false;
    return m_socket->write(Protocol::encodeFrame(frame)) >= 0;
}

void Connection::onReadyRead()
{
    // A slot may run an event loop (a dialog): the readyRead it sees then is
    // left to this call, which reads on once the slot returns, in order.
    if (m_reading)
        return;
    const QScopedValueRollback reading(m_reading, true);
    while (m_socket) {
        m_buffer.append(m_socket->readAll());
        const DecodedFrame decoded = Protocol::decodeFrame(m_buffer, kMaxIncomingFrame);
        if (decoded.status == DecodedFrame::Status::NeedMore) {
            if (m_socket->bytesAvailable() > 0)
                continue;
            break;
        }
        if (decoded.status == DecodedFrame::Status::Error) {
            abort(QStringLiteral("bad frame from the server: %1").arg(decoded.error));
            return;
        }
        m_buffer.remove(0, decoded.consumed);
        QPointer<QTcpSocket> socket = m_socket;
        emit frameReceived(decoded.object);
        // A slot may have closed or reopened the connection.
        if (socket != m_socket || !m_open)
            return;
    }
}

void Connection::finish(const QString &reason)
{
    if (!m_socket)
        return;
    m_connectTimer.stop();
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->deleteLater();
    m_open = false;
    m_buffer.clear();
    if (const std::optional<Rejection> rejection = std::exchange(m_rejection, std::nullopt))
        emit certificateRejected(rejection->certificate, rejection->problem);
    emit closed(reason);
}

} // namespace Palomar::Client
