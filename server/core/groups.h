#pragma once

#include "context.h"
#include "store/directory.h"
#include "store/store.h"

namespace Palomar::Server {

// group_create, group_add, group_remove, group_rename, group_leave,
// group_info, groups, group_admin: membership and the administrator's rights. Only the
// admin changes a group, and adds only the admin's friends; an admin who
// leaves hands the role to the longest-standing member; an empty group is
// deleted. Members get group_added / group_removed / group_updated events;
// every change leaves a system line in the conversation (systemlines.h).
class GroupHandler
{
public:
    explicit GroupHandler(Services services) : m_services(services) {}

    HandlerResult create(const Protocol::Request &request, CallContext &context);
    HandlerResult add(const Protocol::Request &request, CallContext &context);
    HandlerResult remove(const Protocol::Request &request, CallContext &context);
    HandlerResult rename(const Protocol::Request &request, CallContext &context);
    HandlerResult leave(const Protocol::Request &request, CallContext &context);
    // group_admin (an extension): the admin hands the role to another member.
    HandlerResult setAdmin(const Protocol::Request &request, CallContext &context);
    HandlerResult info(const Protocol::Request &request, CallContext &context);
    HandlerResult list(const Protocol::Request &request, CallContext &context);

    // Takes `userId` out of every group (unregister), inside the caller's
    // transaction.
    static void leaveAll(const Services &services, qint64 userId, const QString &user, qint64 ts);
    // The group a member names, checked: no_such_group, not_member, and with
    // `adminOnly` not_admin. On failure `failure` holds the reply.
    static std::optional<GroupView> checkMember(const Services &services, qint64 groupId,
                                                const SessionState &me, bool adminOnly,
                                                HandlerResult *failure);

private:
    // The common start of an op on one group: a well-formed request (else
    // bad_request), a session, membership (and with `adminOnly` the admin role).
    std::optional<GroupView> enter(const Protocol::FieldReader &fields, qint64 groupId,
                                   CallContext &context, bool adminOnly, HandlerResult *failure);
    // group_add/group_remove: the group (caller must be its admin) and the user.
    struct AdminAction;
    std::optional<AdminAction> adminAction(const Protocol::Request &request, CallContext &context,
                                           HandlerResult *failure);

    Services m_services;
};

struct GroupHandler::AdminAction
{
    GroupView group;
    UserRecord user;
};

} // namespace Palomar::Server
