#pragma once

#include <QObject>
#include <QTimer>

namespace Palomar::Server {

class StoreExecutor;
struct ServerConfig;

// The server's periodic chores, each handed to the store as a write job:
// this instance's heartbeat (sessions bound on an instance that stops
// beating become detached), ending expired sessions and login throttles,
// detaching the sessions of dead instances, and deleting stale uploads.
// Lives on the main thread; never touches the database itself.
class Housekeeping : public QObject
{
public:
    Housekeeping(const ServerConfig &config, StoreExecutor &executor, qint64 instanceId);

    void start();
    // The instance says it is gone: its sessions are detached at once.
    void finish();

private:
    void heartbeat();
    void sweepSessions();
    void sweepUploads();

    const ServerConfig &m_config;
    StoreExecutor &m_executor;
    qint64 m_instanceId;
    QTimer m_heartbeat;
    QTimer m_sessions;
    QTimer m_uploads;
};

} // namespace Palomar::Server
