#pragma once

#include "accounts.h"
#include "blocks.h"
#include "context.h"
#include "files.h"
#include "friends.h"
#include "groups.h"
#include "live.h"
#include "messagechanges.h"
#include "messages.h"
#include "passwordchange.h"
#include "profiles.h"
#include "reactions.h"
#include "search.h"
#include "store/storeexecutor.h"
#include "sync.h"

#include <QString>
#include <QStringList>

namespace Palomar::Server {

// Every handler, over one store thread's connection: the store side of the
// request path. Made on its store thread by the executor (makeState) and
// used only there. Knows nothing of sockets: requests come as StoreJobs with
// a CallContext, and results go back through it.
class HandlerSet : public StoreThreadState
{
public:
    // What every store thread's handlers share.
    struct Shared
    {
        PollRegistry &polls;
        const ServerConfig &config;
        QThreadPool &hashPool;
        StoreExecutor &executor;
        qint64 instanceId;
    };

    // How an op is served. `access` decides the kind of store job (a sync
    // that acknowledges nothing is a read: see accessFor()).
    struct Route
    {
        StoreJob::Access access;
        HandlerResult (*handle)(HandlerSet &handlers, const Protocol::Request &request,
                                CallContext &context);
        StoreJob::Access (*decide)(const Protocol::Request &request,
                                   const SessionState &session) = nullptr;
    };

    HandlerSet(StoreContext &context, const Shared &shared);

    // The route of `op`, or null for an unknown op. Thread-safe.
    static const Route *route(const QString &op);
    // Every op that has a route (metrics label them).
    static QStringList ops();
    static StoreJob::Access accessFor(const Route &route, const Protocol::Request &request,
                                      const SessionState &session);

    // A parked poll's look at its inbox (after a wake-up it could not answer
    // from memory): the reply, or Parked again when there is nothing yet.
    HandlerResult lookParked(const ParkedPoll &poll, CallContext &context);
    // A connection closed: its user is offline, the session lives on.
    void disconnected(CallContext &context) { m_accounts.disconnected(context); }
    // A session-free op (ping) on a logged-in connection keeps it alive.
    void touch(CallContext &context);

    const Services &services() const { return m_services; }
    AccountHandler &accounts() { return m_accounts; }
    FriendHandler &friends() { return m_friends; }
    GroupHandler &groups() { return m_groups; }
    MessageHandler &messages() { return m_messages; }
    SyncHandler &sync() { return m_sync; }
    FileHandler &files() { return m_files; }
    MessageChangeHandler &messageChanges() { return m_messageChanges; }
    SearchHandler &search() { return m_search; }
    BlockHandler &blocks() { return m_blocks; }
    ProfileHandler &profiles() { return m_profiles; }
    PasswordHandler &passwords() { return m_passwords; }
    ReactionHandler &reactions() { return m_reactions; }
    LiveHandler &live() { return m_live; }

private:
    Services m_services;
    AccountHandler m_accounts;
    FriendHandler m_friends;
    GroupHandler m_groups;
    MessageHandler m_messages;
    SyncHandler m_sync;
    FileHandler m_files;
    MessageChangeHandler m_messageChanges;
    SearchHandler m_search;
    BlockHandler m_blocks;
    ProfileHandler m_profiles;
    PasswordHandler m_passwords;
    ReactionHandler m_reactions;
    LiveHandler m_live;
};

} // namespace Palomar::Server
