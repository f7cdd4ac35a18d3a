#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace Palomar::Client {

// One framed TCP connection to a server. Owns the socket and the receive
// buffer, turns bytes into frames with the protocol codec and frames into
// bytes. Knows nothing of ops, ids or sessions. Every open() ends in exactly
// one closed() — whether the connection was established or not.
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

signals:
    void opened();
    void frameReceived(const QJsonObject &frame);
    void closed(const QString &reason);

private:
    void onReadyRead();
    void finish(const QString &reason);

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QTimer m_connectTimer;
    bool m_open = false;
    QString m_closeReason;
};

} // namespace Palomar::Client
