#include "handlerset.h"

#include "pollregistry.h"
#include "sessionguard.h"
#include "store/directory.h"

#include <QHash>

namespace Palomar::Server {

namespace {

using Access = StoreJob::Access;

#define PALOMAR_ROUTE(op, access, object, method)                                                  \
    {                                                                                              \
        QStringLiteral(op), HandlerSet::Route                                                      \
        {                                                                                          \
            access,                                                                                \
                [](HandlerSet &handlers, const Protocol::Request &request, CallContext &context) { \
                    return handlers.object().method(request, context);                             \
                }                                                                                  \
        }                                                                                          \
    }

const QHash<QString, HandlerSet::Route> &routes()
{
    // Reads run on SQLite's reader connections (PostgreSQL: any connection,
    // outside a transaction); writes share a transaction with the other
    // writes waiting at the time (group commit).
    static const QHash<QString, HandlerSet::Route> table = [] {
        QHash<QString, HandlerSet::Route> routes{
            PALOMAR_ROUTE("register", Access::Read, accounts, registerUser),
            PALOMAR_ROUTE("login", Access::Read, accounts, login),
            PALOMAR_ROUTE("resume", Access::Write, accounts, resume),
            PALOMAR_ROUTE("logout", Access::Write, accounts, logout),
            PALOMAR_ROUTE("unregister", Access::Read, accounts, unregister),
            PALOMAR_ROUTE("friend_request", Access::Write, friends, request),
            PALOMAR_ROUTE("friend_respond", Access::Write, friends, respond),
            PALOMAR_ROUTE("unfriend", Access::Write, friends, unfriend),
            PALOMAR_ROUTE("friends", Access::Read, friends, list),
            PALOMAR_ROUTE("send", Access::Write, messages, send),
            PALOMAR_ROUTE("read", Access::Write, messages, read),
            PALOMAR_ROUTE("history", Access::Read, messages, history),
            PALOMAR_ROUTE("message_info", Access::Read, messages, messageInfo),
            PALOMAR_ROUTE("edit", Access::Write, messageChanges, edit),
            PALOMAR_ROUTE("delete", Access::Write, messageChanges, remove),
            PALOMAR_ROUTE("forward", Access::Write, messageChanges, forward),
            PALOMAR_ROUTE("sync", Access::Write, sync, sync),
            PALOMAR_ROUTE("group_create", Access::Write, groups, create),
            PALOMAR_ROUTE("group_add", Access::Write, groups, add),
            PALOMAR_ROUTE("group_remove", Access::Write, groups, remove),
            PALOMAR_ROUTE("group_rename", Access::Write, groups, rename),
            PALOMAR_ROUTE("group_leave", Access::Write, groups, leave),
            PALOMAR_ROUTE("group_info", Access::Read, groups, info),
            PALOMAR_ROUTE("groups", Access::Read, groups, list),
            PALOMAR_ROUTE("group_admin", Access::Write, groups, setAdmin),
            PALOMAR_ROUTE("react", Access::Write, reactions, react),
            PALOMAR_ROUTE("file_begin", Access::Write, files, begin),
            PALOMAR_ROUTE("file_chunk", Access::Write, files, chunk),
            PALOMAR_ROUTE("file_end", Access::Write, files, end),
            PALOMAR_ROUTE("file_get", Access::Read, files, get),
            PALOMAR_ROUTE("search", Access::Read, search, search),
            PALOMAR_ROUTE("block", Access::Write, blocks, block),
            PALOMAR_ROUTE("unblock", Access::Write, blocks, unblock),
            PALOMAR_ROUTE("blocked", Access::Read, blocks, blocked),
            PALOMAR_ROUTE("profile", Access::Read, profiles, profile),
            PALOMAR_ROUTE("set_profile", Access::Write, profiles, setProfile),
            PALOMAR_ROUTE("set_password", Access::Read, passwords, setPassword),
            PALOMAR_ROUTE("typing", Access::Read, live, typing),
        };
        // A sync that acknowledges nothing only reads.
        routes[QStringLiteral("sync")].decide = &SyncHandler::accessFor;
        return routes;
    }();
    return table;
}

#undef PALOMAR_ROUTE

} // namespace

HandlerSet::HandlerSet(StoreContext &context, const Shared &shared)
    : m_services{context.store,   context.directory, shared.polls,     shared.config,
                 shared.hashPool, shared.executor,   shared.instanceId},
      m_accounts(m_services), m_friends(m_services), m_groups(m_services), m_messages(m_services),
      m_sync(m_services), m_files(m_services), m_messageChanges(m_services, m_messages),
      m_search(m_services), m_blocks(m_services), m_profiles(m_services), m_passwords(m_services),
      m_reactions(m_services), m_live(m_services)
{
    Store &store = context.store;
    store.setAcknowledgementHandler(&SyncHandler::queueReceipts);
    store.setOrigin(shared.instanceId);
    PollRegistry &polls = shared.polls;
    store.setCommitObserver([&polls](const CommitReport &report) { polls.announce(report); });
}

const HandlerSet::Route *HandlerSet::route(const QString &op)
{
    const auto &table = routes();
    const auto it = table.constFind(op);
    return it == table.cend() ? nullptr : &*it;
}

QStringList HandlerSet::ops()
{
    return routes().keys();
}

StoreJob::Access HandlerSet::accessFor(const Route &route, const Protocol::Request &request,
                                       const SessionState &session)
{
    return route.decide ? route.decide(request, session) : route.access;
}

HandlerResult HandlerSet::lookParked(const ParkedPoll &poll, CallContext &context)
{
    if (const auto denied = SessionGuard::require(m_services, context))
        return *denied;
    return m_sync.look(context, poll);
}

void HandlerSet::touch(CallContext &context)
{
    SessionGuard::touch(m_services, context);
}

} // namespace Palomar::Server
