#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Palomar::Testing {

// A TCP relay between a client under test and the server on 127.0.0.1, so a
// test can lose the server's replies, cut connections, or refuse new ones —
// the network failures a client must survive without losing or doubling data.
class TcpProxy : public QObject
{
    Q_OBJECT
public:
    explicit TcpProxy(quint16 targetPort, QObject *parent = nullptr);
    ~TcpProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    // Server-to-client bytes are discarded while set (requests still arrive).
    void setDropReplies(bool drop) { m_dropReplies = drop; }
    // New connections are closed at once while set.
    void setRefuseConnections(bool refuse) { m_refuse = refuse; }
    // Aborts every relayed connection on both sides.
    void dropConnections();
    int acceptedCount() const { return m_accepted; }
    // Bytes relayed so far in each direction (what a chunk really cost on the wire).
    qint64 bytesToServer() const { return m_bytesToServer; }
    qint64 bytesToClient() const { return m_bytesToClient; }

private:
    void onNewConnection();

    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };

    QTcpServer m_server;
    quint16 m_target;
    bool m_dropReplies = false;
    bool m_refuse = false;
    int m_accepted = 0;
    qint64 m_bytesToServer = 0;
    qint64 m_bytesToClient = 0;
    QList<Pair> m_pairs;
};

} // namespace Palomar::Testing
