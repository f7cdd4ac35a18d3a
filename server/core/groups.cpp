#include "groups.h"

#include "profiles.h"
#include "protocol/limits.h"
#include "protocol/validation.h"
#include "sessionguard.h"
#include "store/directory.h"
#include "store/store.h"
#include "systemlines.h"

#include <QDateTime>

namespace Palomar::Server {

using Protocol::Error;
using Protocol::FieldReader;
namespace EventKind = Protocol::EventKind;

namespace {

constexpr qint64 kMaxId = Protocol::kMaxSafeInteger;

// `admin` (an extension) names the admin after the change, so a hand-over
// needs no group_info to be seen. `lines` (an extension too): the system
// lines the change added to the conversation, as history items.
QJsonObject groupEvent(const GroupRecord &group, const QString &name, const QString &by, qint64 ts,
                       const QJsonArray &lines)
{
    QJsonObject event{{QStringLiteral("group"), group.id},
                      {QStringLiteral("name"), name},
                      {QStringLiteral("by"), by},
                      {QStringLiteral("admin"), group.admin},
                      {QStringLiteral("ts"), ts}};
    if (!lines.isEmpty())
        event.insert(QStringLiteral("lines"), lines);
    return event;
}

bool isValidGroupName(const QString &name)
{
    const qsizetype length = Protocol::characterCount(name);
    return length >= 1 && length <= Protocol::kMaxGroupNameLength && !name.trimmed().isEmpty();
}

// Tells every member that the group changed (the members as they are in
// this transaction, not as cached).
void tellMembers(Store &store, const GroupRecord &group, const QString &name, const QString &by,
                 qint64 ts, const QJsonArray &lines)
{
    for (const MemberRecord &member : store.membersOf(group.id))
        store.queueEvent(member.id, EventKind::GroupUpdated,
                         groupEvent(group, name, by, ts, lines));
}

// The one system line of a change made by the caller.
QJsonArray lineBy(Store &store, qint64 groupId, const SessionState &me, const QJsonObject &system,
                  qint64 ts)
{
    return {SystemLines::record(store, groupId, me.userId, me.user, system, ts)};
}

// Removes one member (`user`; `by` removed them, or left when it is the
// same) with its system line; hands over the admin role (a line of its own)
// or deletes an empty group. Returns the lines, for the removed member's
// event (none when the group is gone).
QJsonArray removeMember(const Services &services, const GroupRecord &group, const UserRecord &user,
                        qint64 byId, const QString &by, qint64 ts)
{
    Store &store = services.store;
    services.directory.groupChanged(store, group.id);
    store.removeMember(group.id, user.id);
    const QList<MemberRecord> remaining = store.membersOf(group.id);
    if (remaining.isEmpty()) {
        store.deleteGroup(group.id);
        return {};
    }
    const QJsonObject system = byId == user.id
                                   ? SystemLines::describe(SystemLines::Left, by)
                                   : SystemLines::describe(SystemLines::Removed, by, user.name);
    QJsonArray lines{SystemLines::record(store, group.id, byId, by, system, ts)};
    GroupRecord after = group;
    if (group.adminId == user.id) {
        store.setGroupAdmin(group.id, remaining.first().id);
        after.adminId = remaining.first().id;
        after.admin = remaining.first().name;
        lines.append(SystemLines::record(store, group.id, byId, by,
                                         SystemLines::describe(SystemLines::Admin, by, after.admin),
                                         ts));
    }
    tellMembers(store, after, group.name, by, ts, lines);
    return lines;
}

} // namespace

std::optional<GroupView> GroupHandler::checkMember(const Services &services, qint64 groupId,
                                                   const SessionState &me, bool adminOnly,
                                                   HandlerResult *failure)
{
    std::optional<GroupView> group = services.directory.group(services.store, groupId);
    if (!group || !group->hasMember(me.userId)) {
        // A group you are not in is as good as none, unless it exists: then
        // say so, so a removed member understands.
        *failure = group
                       ? HandlerResult::error(Error::NotMember,
                                              QStringLiteral("you are not a member of this group"))
                       : HandlerResult::error(Error::NoSuchGroup, QStringLiteral("no such group"));
        return std::nullopt;
    }
    if (adminOnly && group->group.adminId != me.userId) {
        *failure = HandlerResult::error(
            Error::NotAdmin,
            QStringLiteral("only the group's admin (%1) may do that").arg(group->group.admin));
        return std::nullopt;
    }
    return group;
}

HandlerResult GroupHandler::create(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const QString name = fields.string("name");
    const QJsonArray members = fields.array("members");
    if (fields.ok() && !isValidGroupName(name))
        fields.fail(QStringLiteral("a group name has 1 to 64 characters"));
    QStringList names;
    for (const QJsonValue &member : members) {
        if (!member.isString()) {
            fields.fail(QStringLiteral("members must be a list of usernames"));
            break;
        }
        names.append(member.toString());
    }
    if (fields.ok() && names.size() > 1024)
        fields.fail(QStringLiteral("at most 1024 members at once"));
    if (!fields.ok())
        return HandlerResult::error(Error::BadRequest, fields.problem());
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;

    Store &store = m_services.store;
    const SessionState &me = context.session();
    QList<UserRecord> added;
    for (const QString &memberName : std::as_const(names)) {
        const std::optional<UserRecord> user = m_services.directory.userByName(store, memberName);
        if (!user)
            return HandlerResult::error(Error::NoSuchUser,
                                        QStringLiteral("no user %1").arg(memberName));
        if (user->id == me.userId)
            continue;
        if (!m_services.directory.isFriend(store, me.userId, user->id))
            return HandlerResult::error(Error::NotFriends,
                                        QStringLiteral("%1 is not your friend").arg(user->name));
        const bool duplicate =
            std::any_of(added.cbegin(), added.cend(),
                        [&user](const UserRecord &u) { return u.id == user->id; });
        if (!duplicate)
            added.append(*user);
    }
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    const qint64 id = store.createGroup(name, me.userId, ts);
    // An id looked up before it existed may be cached as "no such group".
    m_services.directory.groupChanged(store, id);
    // The creator counts as the longest-standing member; the others
    // joined a millisecond later, in the order given.
    store.addMember(id, me.userId, ts - 1);
    const GroupRecord group{id, name, me.userId, me.user};
    for (const UserRecord &user : std::as_const(added))
        store.addMember(id, user.id, ts);
    const QJsonArray lines =
        lineBy(store, id, me, SystemLines::describe(SystemLines::Created, me.user, {}, name), ts);
    for (const UserRecord &user : std::as_const(added))
        store.queueEvent(user.id, EventKind::GroupAdded,
                         groupEvent(group, name, me.user, ts, lines));
    transaction.commit();
    return HandlerResult::ok({{QStringLiteral("group"), id}});
}

std::optional<GroupView> GroupHandler::enter(const FieldReader &fields, qint64 groupId,
                                             CallContext &context, bool adminOnly,
                                             HandlerResult *failure)
{
    if (!fields.ok()) {
        *failure = HandlerResult::error(Error::BadRequest, fields.problem());
        return std::nullopt;
    }
    if (auto denied = SessionGuard::require(m_services, context)) {
        *failure = *denied;
        return std::nullopt;
    }
    return checkMember(m_services, groupId, context.session(), adminOnly, failure);
}

std::optional<GroupHandler::AdminAction> GroupHandler::adminAction(const Protocol::Request &request,
                                                                   CallContext &context,
                                                                   HandlerResult *failure)
{
    FieldReader fields(request.fields);
    const qint64 groupId = fields.integer("group", 1, kMaxId);
    const QString name = fields.string("user");
    const std::optional<GroupView> group = enter(fields, groupId, context, true, failure);
    if (!group)
        return std::nullopt;
    const std::optional<UserRecord> user = m_services.directory.userByName(m_services.store, name);
    if (!user) {
        *failure = HandlerResult::error(Error::NoSuchUser, QStringLiteral("no user %1").arg(name));
        return std::nullopt;
    }
    return AdminAction{*group, *user};
}

HandlerResult GroupHandler::add(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<AdminAction> action = adminAction(request, context, &failure);
    if (!action)
        return failure;
    const GroupRecord *group = &action->group.group;
    const UserRecord *user = &action->user;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    if (action->group.hasMember(user->id))
        return HandlerResult::ok(); // already in: nothing to do
    if (!m_services.directory.isFriend(store, me.userId, user->id))
        return HandlerResult::error(Error::NotFriends,
                                    QStringLiteral("%1 is not your friend").arg(user->name));
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    m_services.directory.groupChanged(store, group->id);
    store.addMember(group->id, user->id, ts);
    const QJsonArray lines = lineBy(
        store, group->id, me, SystemLines::describe(SystemLines::Added, me.user, user->name), ts);
    for (const MemberRecord &member : store.membersOf(group->id)) {
        store.queueEvent(member.id,
                         member.id == user->id ? EventKind::GroupAdded : EventKind::GroupUpdated,
                         groupEvent(*group, group->name, me.user, ts, lines));
    }
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult GroupHandler::remove(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<AdminAction> action = adminAction(request, context, &failure);
    if (!action)
        return failure;
    const GroupRecord *group = &action->group.group;
    const UserRecord *user = &action->user;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    if (!action->group.hasMember(user->id))
        return HandlerResult::error(Error::NotMember,
                                    QStringLiteral("%1 is not a member").arg(user->name));
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    const QJsonArray lines = removeMember(m_services, *group, *user, me.userId, me.user, ts);
    store.queueEvent(user->id, EventKind::GroupRemoved,
                     groupEvent(*group, group->name, me.user, ts, lines));
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult GroupHandler::rename(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 groupId = fields.integer("group", 1, kMaxId);
    const QString name = fields.string("name");
    if (fields.ok() && !isValidGroupName(name))
        fields.fail(QStringLiteral("a group name has 1 to 64 characters"));
    HandlerResult failure = HandlerResult::ok();
    const std::optional<GroupView> group = enter(fields, groupId, context, true, &failure);
    if (!group)
        return failure;
    Store &store = m_services.store;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    m_services.directory.groupChanged(store, groupId);
    store.renameGroup(groupId, name);
    const QJsonArray lines = lineBy(
        store, groupId, me, SystemLines::describe(SystemLines::Renamed, me.user, {}, name), ts);
    tellMembers(store, group->group, name, me.user, ts, lines);
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult GroupHandler::leave(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 groupId = fields.integer("group", 1, kMaxId);
    HandlerResult failure = HandlerResult::ok();
    const std::optional<GroupView> group = enter(fields, groupId, context, false, &failure);
    if (!group)
        return failure;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(m_services.store);
    removeMember(m_services, group->group, UserRecord{me.userId, me.user}, me.userId, me.user, ts);
    transaction.commit();
    return HandlerResult::ok();
}

void GroupHandler::leaveAll(const Services &services, qint64 userId, const QString &user, qint64 ts)
{
    Store &store = services.store;
    for (const GroupRecord &listed : store.groupsOf(userId)) {
        if (const std::optional<GroupRecord> group = store.groupById(listed.id))
            removeMember(services, *group, UserRecord{userId, user}, userId, user, ts);
    }
}

HandlerResult GroupHandler::setAdmin(const Protocol::Request &request, CallContext &context)
{
    HandlerResult failure = HandlerResult::ok();
    const std::optional<AdminAction> action = adminAction(request, context, &failure);
    if (!action)
        return failure;
    const GroupRecord &group = action->group.group;
    const UserRecord &user = action->user;
    if (!action->group.hasMember(user.id))
        return HandlerResult::error(Error::NotMember,
                                    QStringLiteral("%1 is not a member").arg(user.name));
    if (user.id == group.adminId)
        return HandlerResult::ok(); // the admin already: nothing to do
    Store &store = m_services.store;
    const SessionState &me = context.session();
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    Store::Transaction transaction(store);
    m_services.directory.groupChanged(store, group.id);
    store.setGroupAdmin(group.id, user.id);
    const GroupRecord after{group.id, group.name, user.id, user.name};
    const QJsonArray lines = lineBy(
        store, group.id, me, SystemLines::describe(SystemLines::Admin, me.user, user.name), ts);
    tellMembers(store, after, group.name, me.user, ts, lines);
    transaction.commit();
    return HandlerResult::ok();
}

HandlerResult GroupHandler::info(const Protocol::Request &request, CallContext &context)
{
    FieldReader fields(request.fields);
    const qint64 groupId = fields.integer("group", 1, kMaxId);
    HandlerResult failure = HandlerResult::ok();
    const std::optional<GroupView> group = enter(fields, groupId, context, false, &failure);
    if (!group)
        return failure;
    QJsonArray members;
    for (const MemberRecord &member : group->members)
        members.append(member.name);
    QJsonObject profiles;
    for (const auto &[name, profile] : m_services.store.memberProfiles(group->group.id))
        profiles.insert(name, ProfileHandler::summary(profile));
    return HandlerResult::ok({{QStringLiteral("group"), group->group.id},
                              {QStringLiteral("name"), group->group.name},
                              {QStringLiteral("admin"), group->group.admin},
                              {QStringLiteral("members"), members},
                              {QStringLiteral("profiles"), profiles}});
}

HandlerResult GroupHandler::list(const Protocol::Request &, CallContext &context)
{
    if (auto denied = SessionGuard::require(m_services, context))
        return *denied;
    QJsonArray groups;
    for (const GroupRecord &group : m_services.store.groupsOf(context.session().userId)) {
        groups.append(QJsonObject{{QStringLiteral("group"), group.id},
                                  {QStringLiteral("name"), group.name},
                                  {QStringLiteral("admin"), group.admin}});
    }
    return HandlerResult::ok({{QStringLiteral("groups"), groups}});
}

} // namespace Palomar::Server
