#include "housekeeping.h"

#include "files.h"
#include "handlerset.h"
#include "platform/logformat.h"
#include "serverconfig.h"
#include "sessionguard.h"
#include "store/store.h"
#include "store/storeexecutor.h"
#include "storecall.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

namespace {

constexpr int kSessionSweepMs = 60 * 1000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A chore as a write job nobody waits for.
void submit(StoreExecutor &executor, std::function<void(HandlerSet &handlers)> chore)
{
    executor.submit(std::make_unique<RequestJob>(
        StoreJob::Access::Write, std::make_shared<StoreCall>(nullptr, 0, SessionState(), QString()),
        [chore](HandlerSet &handlers, CallContext &) {
            chore(handlers);
            return HandlerResult::ok();
        }));
}

} // namespace

Housekeeping::Housekeeping(const ServerConfig &config, StoreExecutor &executor, qint64 instanceId)
    : m_config(config), m_executor(executor), m_instanceId(instanceId)
{
    connect(&m_heartbeat, &QTimer::timeout, this, &Housekeeping::heartbeat);
    connect(&m_sessions, &QTimer::timeout, this, &Housekeeping::sweepSessions);
    connect(&m_uploads, &QTimer::timeout, this, &Housekeeping::sweepUploads);
}

void Housekeeping::start()
{
    m_heartbeat.start(int(SessionGuard::heartbeatIntervalMs(m_config)));
    m_sessions.start(kSessionSweepMs);
    m_uploads.start(FileHandler::sweepIntervalMs(m_config.uploadExpiry));
}

void Housekeeping::finish()
{
    m_heartbeat.stop();
    m_sessions.stop();
    m_uploads.stop();
    submit(m_executor, [id = m_instanceId](HandlerSet &handlers) {
        handlers.services().store.deleteInstance(id);
    });
}

void Housekeeping::heartbeat()
{
    submit(m_executor, [id = m_instanceId](HandlerSet &handlers) {
        handlers.services().store.putInstance(id, now());
    });
}

void Housekeeping::sweepSessions()
{
    submit(m_executor, [](HandlerSet &handlers) {
        const Services &services = handlers.services();
        const qint64 ts = now();
        const ServerConfig &config = services.config;
        Store &store = services.store;
        const int expired = store.deleteExpiredSessions(SessionGuard::expiryCutoff(config, ts));
        store.expireReplaced(SessionGuard::expiryCutoff(config, ts));
        if (expired > 0)
            qCInfo(lcCore).noquote()
                << "ended"
                << Platform::LogFormat::counted(expired, "expired session", "expired sessions");
        store.expireLoginFailures(ts - 3600 * 1000);
        const int detached = store.detachDeadInstances(SessionGuard::liveSince(config, ts));
        if (detached > 0)
            qCInfo(lcCore).noquote()
                << "detached" << Platform::LogFormat::counted(detached, "session", "sessions")
                << "of instances that stopped";
    });
}

void Housekeeping::sweepUploads()
{
    submit(m_executor, [](HandlerSet &handlers) { handlers.files().sweep(now()); });
}

} // namespace Palomar::Server
