// The group half of AppController: group events into the cache and the
// chat list, and the group actions of the New group dialog and the group
// info panel.
#include "appcontroller.h"

#include "cache/localcache.h"
#include "models/chatlistmodel.h"

#include "client/reply.h"

#include <QPointer>

namespace Palomar::Desktop {

using Client::ClientSession;
using Client::Reply;

void AppController::connectGroupEvents()
{
    connect(m_session, &ClientSession::groupAdded, this,
            [this](qint64 group, const QString &name, const QString &) {
                setGroupMembership(group, name, true);
            });
    connect(m_session, &ClientSession::groupRemoved, this,
            [this](qint64 group, const QString &name, const QString &) {
                setGroupMembership(group, name, false);
            });
    connect(m_session, &ClientSession::groupUpdated, this,
            [this](qint64 group, const QString &name, const QString &) {
                if (!m_cache)
                    return;
                const auto known = m_cache->group(group);
                m_cache->upsertGroup({group, name, known ? known->admin : QString(), true});
                updateSummary(groupChatKey(group));
                emit groupChanged(group);
            });
}

void AppController::setGroupMembership(qint64 group, const QString &name, bool member)
{
    if (!m_cache)
        return;
    const auto known = m_cache->group(group);
    m_cache->upsertGroup({group, name.isEmpty() && known ? known->name : name,
                          known ? known->admin : QString(), member});
    m_chatList->updateChat(m_cache->chatSummary(groupChatKey(group)));
    emit groupMembershipChanged(group, member);
    emit groupChanged(group);
}

void AppController::refreshGroups()
{
    Reply *reply = m_session->groups();
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->isOk() || !m_cache)
            return;
        QList<CachedGroup> groups;
        QList<qint64> ids;
        const QList<Client::GroupInfo> list = Client::groupsFromReply(reply->result());
        for (const Client::GroupInfo &info : list) {
            groups.append({info.group, info.name, info.admin, true});
            ids.append(info.group);
        }
        learnGroupMemberProfiles(ids);
        const QList<CachedGroup> before = m_cache->groups();
        m_cache->setGroups(groups);
        for (const CachedGroup &group : m_cache->groups()) {
            m_chatList->updateChat(m_cache->chatSummary(groupChatKey(group.group)));
            const auto old =
                std::find_if(before.cbegin(), before.cend(),
                             [&](const CachedGroup &g) { return g.group == group.group; });
            if (old == before.cend() || old->member != group.member)
                emit groupMembershipChanged(group.group, group.member);
        }
    });
}

void AppController::ensureGroupKnown(qint64 group)
{
    if (!m_cache || m_cache->group(group))
        return;
    // A message of a group not seen yet (its group_added is later in the
    // same batch, or was lost): show it at once, learn its name next.
    m_cache->upsertGroup({group, groupChatKey(group), QString(), true});
    refreshGroups();
}

bool AppController::isGroupMember(qint64 group) const
{
    if (!m_cache)
        return false;
    const auto known = m_cache->group(group);
    return known && known->member;
}

QStringList AppController::friendNames() const
{
    return m_cache ? m_cache->contacts() : QStringList();
}

void AppController::createGroup(const QString &name, const QStringList &members)
{
    Reply *reply = m_session->groupCreate(name.trimmed(), members);
    connect(reply, &Reply::finished, this, [this, reply, name] {
        if (!reply->isOk()) {
            emit groupActionFailed(reply->error(), reply->errorMessage());
            return;
        }
        const qint64 group = qint64(reply->value(QLatin1String("group")).toDouble());
        if (m_cache) {
            m_cache->upsertGroup({group, name.trimmed(), m_user, true});
            m_chatList->updateChat(m_cache->chatSummary(groupChatKey(group)));
        }
        emit groupCreated(group, name.trimmed());
    });
}

void AppController::fetchGroupInfo(qint64 group, QObject *context, GroupInfoCallback done)
{
    Reply *reply = m_session->groupInfo(group);
    QPointer<QObject> guard(context);
    connect(reply, &Reply::finished, this, [this, reply, guard, done, group] {
        const Client::GroupInfo info = Client::GroupInfo::fromJson(reply->result());
        if (reply->isOk() && m_cache) {
            m_cache->upsertGroup({group, info.name, info.admin, true});
            updateSummary(groupChatKey(group));
            learnGroupProfiles(info);
        } else if (reply->error() == QLatin1String("not_member") && m_cache &&
                   isGroupMember(group)) {
            setGroupMembership(group, QString(), false);
        }
        if (guard)
            done(reply->isOk(), info);
    });
}

void AppController::fetchMessageInfo(qint64 msgId, QObject *context, MessageInfoCallback done)
{
    Reply *reply = m_session->messageInfo(msgId);
    QPointer<QObject> guard(context);
    connect(reply, &Reply::finished, this, [reply, guard, done] {
        if (guard)
            done(reply->isOk(), Client::MessageInfo::fromJson(reply->result()),
                 reply->errorMessage().isEmpty() ? reply->error() : reply->errorMessage());
    });
}

void AppController::finishGroupAction(Reply *reply, qint64 group)
{
    connect(reply, &Reply::finished, this, [this, reply, group] {
        if (!reply->isOk()) {
            emit groupActionFailed(reply->error(), reply->errorMessage());
            return;
        }
        emit groupChanged(group);
    });
}

void AppController::addToGroup(qint64 group, const QString &user)
{
    finishGroupAction(m_session->groupAdd(group, user), group);
}

void AppController::removeFromGroup(qint64 group, const QString &user)
{
    finishGroupAction(m_session->groupRemove(group, user), group);
}

void AppController::renameGroup(qint64 group, const QString &name)
{
    Reply *reply = m_session->groupRename(group, name.trimmed());
    connect(reply, &Reply::finished, this, [this, reply, group, name] {
        if (!reply->isOk()) {
            emit groupActionFailed(reply->error(), reply->errorMessage());
            return;
        }
        if (m_cache) {
            const auto known = m_cache->group(group);
            m_cache->upsertGroup({group, name.trimmed(), known ? known->admin : QString(), true});
            updateSummary(groupChatKey(group));
        }
        emit groupChanged(group);
    });
}

void AppController::leaveGroup(qint64 group)
{
    Reply *reply = m_session->groupLeave(group);
    connect(reply, &Reply::finished, this, [this, reply, group] {
        if (!reply->isOk() && reply->error() != QLatin1String("not_member")) {
            emit groupActionFailed(reply->error(), reply->errorMessage());
            return;
        }
        setGroupMembership(group, QString(), false);
    });
}

} // namespace Palomar::Desktop
