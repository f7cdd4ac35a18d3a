#include "transport.h"

#include "admin/adminjob.h"
#include "admin/adminsocket.h"
#include "core/handlerset.h"
#include "core/pollregistry.h"
#include "core/sessionguard.h"
#include "protocol/frame.h"
#include "store/directory.h"
#include "store/store.h"
#include "store/storeexecutor.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>
#include <QThreadPool>

#include <future>

namespace Palomar::Admin {

using namespace Palomar::Server;

namespace {
constexpr int kConnectTimeoutMs = 3000;
constexpr int kAnswerTimeoutMs = 30 * 60 * 1000; // a backup of a big database takes a while
} // namespace

std::optional<QJsonObject> askServer(const QString &socketPath, const QJsonObject &request,
                                     QString *error)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(kConnectTimeoutMs))
        return std::nullopt;
    socket.write(Protocol::encodeFrame(request));
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < kAnswerTimeoutMs) {
        const Protocol::DecodedFrame frame =
            Protocol::decodeFrame(buffer, AdminSocket::kMaxFrame * 64);
        if (frame.status == Protocol::DecodedFrame::Status::Frame)
            return frame.object;
        if (frame.status == Protocol::DecodedFrame::Status::Error) {
            *error = QStringLiteral("bad answer from the server: %1").arg(frame.error);
            return QJsonObject();
        }
        if (socket.state() != QLocalSocket::ConnectedState && socket.bytesAvailable() == 0) {
            *error = QStringLiteral("the server closed the admin socket without answering");
            return QJsonObject();
        }
        if (socket.waitForReadyRead(1000) || socket.bytesAvailable() > 0)
            buffer.append(socket.readAll());
    }
    *error =
        QStringLiteral("no answer from the server within %1 minutes").arg(kAnswerTimeoutMs / 60000);
    return QJsonObject();
}

bool runLocally(const ServerConfig &config, const QJsonObject &request, QJsonObject *answer,
                QString *error, QString *warning)
{
    const StoreConfig::Backend backend = config.store.backend;
    if (backend == StoreConfig::Backend::Sqlite && !QFileInfo::exists(config.store.sqlitePath)) {
        *error = QStringLiteral("no database at %1 (and no server answers on %2)")
                     .arg(config.store.sqlitePath, config.adminSocket);
        return false;
    }
    try {
        Store store(config.store, QStringLiteral("admin-check"));
        store.open();
        const int version = store.schemaVersion();
        if (version != Store::latestSchemaVersion(backend)) {
            *error = QStringLiteral("the database has schema version %1, this palomar-admin "
                                    "knows %2: run the matching palomar-server once first")
                         .arg(version)
                         .arg(Store::latestSchemaVersion(backend));
            return false;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (backend == StoreConfig::Backend::Sqlite &&
            store.liveInstances(SessionGuard::liveSince(config, now)) > 0) {
            *warning = QStringLiteral("a server seems to be running on %1 but does not answer "
                                      "on %2: it sees this change only when it restarts "
                                      "(give palomar-admin the server's --admin-socket)")
                           .arg(config.store.sqlitePath, config.adminSocket);
        }
    } catch (const StoreError &failure) {
        *error = QString::fromUtf8(failure.what());
        return false;
    }

    PollRegistry polls;
    Directory directory;
    QThreadPool hashPool;
    std::unique_ptr<StoreExecutor> executor;
    StoreExecutor::Options options;
    options.store = config.store;
    options.connections = 1;
    options.makeState = [&](StoreContext &context) -> std::unique_ptr<StoreThreadState> {
        // Instance 0: no server process; other instances on PostgreSQL
        // still hear the invalidations and kicks (NOTIFY).
        return std::make_unique<HandlerSet>(
            context, HandlerSet::Shared{polls, config, hashPool, *executor, 0});
    };
    executor = std::make_unique<StoreExecutor>(std::move(options), directory);
    if (!executor->start(error))
        return false;
    std::promise<QJsonObject> promise;
    std::future<QJsonObject> result = promise.get_future();
    executor->submit(std::make_unique<AdminJob>(
        request, [&promise](const QJsonObject &reply) { promise.set_value(reply); }));
    *answer = result.get();
    executor->stop();
    return true;
}

} // namespace Palomar::Admin
