#include "tlshandshake.h"

#include <QLoggingCategory>
#include <QSslSocket>

#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcNet)

namespace Palomar::Server {

TlsHandshake::TlsHandshake(qintptr descriptor, const QSslConfiguration &configuration,
                           int timeoutMs, QObject *parent)
    : QObject(parent), m_socket(new QSslSocket(this)), m_timeout(this)
{
    if (!m_socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        // Reported from the event loop, so the owner has connected its slots.
        const QString why = m_socket->errorString();
        QMetaObject::invokeMethod(
            this, [this, why] { fail(why); }, Qt::QueuedConnection);
        return;
    }
    m_peerAddress = m_socket->peerAddress().toString();
    if (m_peerAddress.startsWith(QLatin1String("::ffff:")))
        m_peerAddress = m_peerAddress.mid(7);
    m_socket->setSslConfiguration(configuration);

    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("no handshake within %1 s").arg(m_timeout.interval() / 1000.0));
    });
    m_timeout.start(timeoutMs);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        if (m_done)
            return;
        m_done = true;
        m_timeout.stop();
        m_socket->disconnect(this);
        QSslSocket *socket = m_socket;
        m_socket = nullptr;
        socket->setParent(nullptr);
        emit encrypted(socket);
    });
    connect(m_socket, &QSslSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) { fail(m_socket->errorString()); });
    // No client certificates are asked for, so there is nothing to verify.
    m_socket->startServerEncryption();
}

TlsHandshake::~TlsHandshake() = default;

void TlsHandshake::abort()
{
    fail(QStringLiteral("the server is stopping"));
}

void TlsHandshake::fail(const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    qCInfo(lcNet).noquote() << "TLS handshake with" << m_peerAddress << "failed:" << why;
    // The owner frees the connection's slot first: once the client sees the
    // close, a new connection from it must be admitted.
    emit failed();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

} // namespace Palomar::Server
