#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

namespace Palomar::Testing {

// A TCP relay between a client under test and the server on 127.0.0.1, so a
// test can lose the server's replies, cut connections, refuse new ones, or
// answer requests itself with `unavailable` as a server whose storage is down
// would — the failures a client must survive without losing or doubling data.
// It relays whole frames (4-byte big-endian length, then JSON) in both
// directions, so what it answers itself never lands inside a server frame.
class TcpProxy : public QObject
{
    Q_OBJECT
public:
    explicit TcpProxy(quint16 targetPort, QObject *parent = nullptr);
    ~TcpProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    // Server-to-client frames are discarded while set (requests still arrive).
    void setDropReplies(bool drop) { m_dropReplies = drop; }
    // New connections are closed at once while set.
    void setRefuseConnections(bool refuse) { m_refuse = refuse; }
    // Aborts every relayed connection on both sides.
    void dropConnections();
    int acceptedCount() const { return m_accepted; }
    // Bytes relayed so far in each direction (what a chunk really cost on the wire).
    qint64 bytesToServer() const { return m_bytesToServer; }
    qint64 bytesToClient() const { return m_bytesToClient; }

    // From now on, answers the requests whose op is in `ops` itself, instead of
    // passing them on: {"id", "ok": false, "error": "unavailable", "message",
    // "retry_after": retryAfterSeconds}. Empty `ops` means every op but hello
    // and ping, which need no storage. `count` requests at the most (-1: until
    // stopAnsweringUnavailable()).
    void answerUnavailable(const QStringList &ops, int count = -1, int retryAfterSeconds = 1);
    void stopAnsweringUnavailable() { m_unavailableLeft = 0; }
    // Requests answered `unavailable` so far, by op.
    int unavailableAnswered(const QString &op = {}) const;

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray fromClient; // an unfinished frame from the client
        QByteArray fromServer; // an unfinished frame from the server
        QByteArray early;      // whole client frames before upstream is up
    };

    void onNewConnection();
    void relayToServer(Pair &pair);
    void relayToClient(Pair &pair);
    // The answer to `frame`, or an empty array to pass it on.
    QByteArray answerFor(const QByteArray &frame);

    QTcpServer m_server;
    quint16 m_target;
    bool m_dropReplies = false;
    bool m_refuse = false;
    int m_accepted = 0;
    qint64 m_bytesToServer = 0;
    qint64 m_bytesToClient = 0;
    QList<std::shared_ptr<Pair>> m_pairs;

    QStringList m_unavailableOps;
    int m_unavailableLeft = 0; // -1: no end
    int m_retryAfter = 1;
    QStringList m_unavailableAnswered; // the op of each
};

} // namespace Palomar::Testing
