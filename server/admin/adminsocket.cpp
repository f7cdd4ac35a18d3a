#include "adminsocket.h"

#include "adminjob.h"
#include "adminservice.h"
#include "protocol/frame.h"
#include "store/storeexecutor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QPointer>

Q_DECLARE_LOGGING_CATEGORY(lcAdmin)

namespace Palomar::Server {

AdminSocket::AdminSocket(const QString &path, StoreExecutor &executor, QObject *parent)
    : QObject(parent), m_path(path), m_executor(executor)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &AdminSocket::onNewConnection);
}

AdminSocket::~AdminSocket()
{
    stop();
}

bool AdminSocket::start(QString *error)
{
    // A socket file left by a server that died is removed; one that answers
    // belongs to a running server and is left alone.
    {
        QLocalSocket probe;
        probe.connectToServer(m_path);
        if (probe.waitForConnected(1000)) {
            *error = QStringLiteral("admin socket %1: another server answers there").arg(m_path);
            return false;
        }
    }
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder)) {
            *error = QStringLiteral("admin socket %1: cannot create its folder").arg(m_path);
            return false;
        }
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
    }
    QLocalServer::removeServer(m_path);
    if (!m_server.listen(m_path)) {
        *error = QStringLiteral("admin socket %1: %2").arg(m_path, m_server.errorString());
        return false;
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

void AdminSocket::stop()
{
    if (!m_server.isListening())
        return;
    m_server.close(); // removes the socket file
    const QList<QLocalSocket *> sockets = m_buffers.keys();
    for (QLocalSocket *socket : sockets)
        socket->abort();
}

void AdminSocket::onNewConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequests(socket); });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void AdminSocket::readRequests(QLocalSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer.append(socket->readAll());
    while (true) {
        const Protocol::DecodedFrame frame = Protocol::decodeFrame(buffer, kMaxFrame);
        if (frame.status == Protocol::DecodedFrame::Status::NeedMore)
            return;
        if (frame.status == Protocol::DecodedFrame::Status::Error) {
            socket->write(Protocol::encodeFrame(
                AdminService::failure(QStringLiteral("bad_request"), frame.error)));
            socket->disconnectFromServer();
            return;
        }
        buffer.remove(0, frame.consumed);
        qCInfo(lcAdmin).noquote() << "admin request:"
                                  << frame.object.value(QLatin1String("op")).toString();
        // Answered on this thread once the store is done (palomar-admin
        // sends one request per connection). The Server destroys this
        // object only after the store executor has stopped.
        QPointer<QLocalSocket> target(socket);
        m_executor.submit(
            std::make_unique<AdminJob>(frame.object, [this, target](const QJsonObject &answer) {
                QMetaObject::invokeMethod(
                    this,
                    [target, answer] {
                        if (target)
                            target->write(Protocol::encodeFrame(answer));
                    },
                    Qt::QueuedConnection);
            }));
    }
}

} // namespace Palomar::Server
