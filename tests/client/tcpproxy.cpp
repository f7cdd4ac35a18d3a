#include "tcpproxy.h"

#include <memory>

namespace Palomar::Testing {

TcpProxy::TcpProxy(quint16 targetPort, QObject *parent) : QObject(parent), m_target(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpProxy::onNewConnection);
}

TcpProxy::~TcpProxy()
{
    // Quietly: no relay slot may run while the sockets are torn down.
    m_server.close();
    for (const Pair &pair : std::as_const(m_pairs)) {
        for (QTcpSocket *socket : {pair.client.data(), pair.upstream.data()}) {
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
    const QList<Pair> pairs = std::exchange(m_pairs, {});
    for (const Pair &pair : pairs) {
        if (pair.client)
            pair.client->abort();
        if (pair.upstream)
            pair.upstream->abort();
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
        const QPointer<QTcpSocket> upstream(upstreamSocket);
        const QPointer<QTcpSocket> peer(client);
        auto early = std::make_shared<QByteArray>(); // client bytes before upstream is up
        m_pairs.append({peer, upstream});

        connect(client, &QTcpSocket::readyRead, this, [this, peer, upstream, early] {
            if (!peer || !upstream)
                return;
            const QByteArray data = peer->readAll();
            m_bytesToServer += data.size();
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(data);
            else
                early->append(data);
        });
        connect(upstreamSocket, &QTcpSocket::connected, this, [upstream, early] {
            if (upstream)
                upstream->write(*early);
            early->clear();
        });
        connect(upstreamSocket, &QTcpSocket::readyRead, this, [this, peer, upstream] {
            if (!peer || !upstream)
                return;
            const QByteArray data = upstream->readAll();
            if (!m_dropReplies) {
                m_bytesToClient += data.size();
                peer->write(data);
            }
        });
        const auto closeBoth = [peer, upstream] {
            for (QTcpSocket *socket : {peer.data(), upstream.data()}) {
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
