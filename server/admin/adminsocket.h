#pragma once

#include <QByteArray>
#include <QHash>
#include <QLocalServer>
#include <QString>

class QLocalSocket;

namespace Palomar::Server {

class StoreExecutor;

// The running server's local admin socket (--admin-socket, by default
// admin.sock in the data folder): palomar-admin sends its requests here, so
// that they take effect at once. Only the server's user may connect (the
// socket file is 0600 in a folder of its own user). Frames as on the client
// port (4-byte length, JSON object); each request is an AdminService
// request, answered in order. Lives on the main thread; the work runs as
// store jobs.
class AdminSocket : public QObject
{
    Q_OBJECT

public:
    AdminSocket(const QString &path, StoreExecutor &executor, QObject *parent = nullptr);
    ~AdminSocket() override;

    // False with `error` when the path is taken by a server that answers,
    // or cannot be listened on.
    bool start(QString *error);
    void stop();

    static constexpr qsizetype kMaxFrame = 1 << 20;

private:
    void onNewConnection();
    void readRequests(QLocalSocket *socket);

    QString m_path;
    StoreExecutor &m_executor;
    QLocalServer m_server;
    QHash<QLocalSocket *, QByteArray> m_buffers;
};

} // namespace Palomar::Server
