#pragma once

#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>

class QSslSocket;

namespace Palomar::Server {

// One accepted TLS connection before it speaks the protocol: wraps the
// descriptor in a QSslSocket on the worker thread that will serve it (a
// socket lives and dies in one thread), runs the server side of the
// handshake and gives up when the handshake timeout passes. Ends in exactly
// one of encrypted() (the socket passes to the receiver) or failed() (after
// one log line; the socket is closed). Knows nothing of frames.
class TlsHandshake : public QObject
{
    Q_OBJECT

public:
    TlsHandshake(qintptr descriptor, const QSslConfiguration &configuration, int timeoutMs,
                 QObject *parent = nullptr);
    ~TlsHandshake() override;

    // Server shutdown: close at once; failed() follows.
    void abort();

signals:
    void encrypted(QSslSocket *socket);
    void failed();

private:
    void fail(const QString &why);

    QSslSocket *m_socket;
    QTimer m_timeout;
    QString m_peerAddress;
    bool m_done = false;
};

} // namespace Palomar::Server
