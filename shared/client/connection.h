#pragma once

#include "tls.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <optional>

class QSslError;
class QSslSocket;

namespace Palomar::Client {

// One framed TCP connection to a server, plain or TLS. Owns the socket and
// the receive buffer, turns bytes into frames with the protocol codec and
// frames into bytes, and decides whether a TLS server's certificate is
// trusted (TlsSettings). Knows nothing of ops, ids or sessions. Every open()
// ends in exactly one closed() — whether the connection was established or
// not — preceded by certificateRejected() when the certificate was refused.
class Connection : public QObject
{
    Q_OBJECT
public:
    // Replies may be far larger than the request limit a server advertises
    // (a full sync, a page of history), so incoming frames get their own bound.
    static constexpr qsizetype kMaxIncomingFrame = 256 * 1024 * 1024;

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    void open(const QString &host, quint16 port);
    // Graceful: pending writes are flushed, then closed() follows.
    void close();
    // At once, dropping anything unsent; closed() follows from the event loop.
    void abort(const QString &reason);

    bool isOpen() const { return m_open; }
    // True from open() until closed() (connecting counts).
    bool isActive() const { return m_socket != nullptr; }
    bool sendFrame(const QJsonObject &frame);

    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }
    // Used by every later open(), reconnections included.
    void setTlsSettings(const TlsSettings &settings) { m_tls = settings; }
    const TlsSettings &tlsSettings() const { return m_tls; }

signals:
    // Connected, and for TLS the handshake is done and the server trusted.
    void opened();
    // The TLS handshake was refused because of this certificate.
    void certificateRejected(const QSslCertificate &certificate,
                             Palomar::Client::CertificateProblem problem);
    void frameReceived(const QJsonObject &frame);
    void closed(const QString &reason);

private:
    QTcpSocket *createSocket();
    void onEstablished(QTcpSocket *socket);
    void checkCertificate(QSslSocket *socket, const QList<QSslError> &errors);
    void onReadyRead();
    void finish(const QString &reason);

    struct Rejection
    {
        QSslCertificate certificate;
        CertificateProblem problem = CertificateProblem::Untrusted;
    };

    TlsSettings m_tls;
    std::optional<Rejection> m_rejection;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_reading = false; // in onReadyRead()
    QTimer m_connectTimer;
    bool m_open = false;
    QString m_closeReason;
};

} // namespace Palomar::Client
