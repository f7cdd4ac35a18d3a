// The interactive shell's group commands and group events.
#include "shell.h"

#include "groupresolver.h"
#include "terminal.h"

#include "client/clientsession.h"

#include <algorithm>

namespace Palomar::Cli {

using Client::ClientSession;
using Client::GroupInfo;
using Client::Reply;

namespace {
constexpr int kGroupHistoryShown = 20;
} // namespace

void Shell::connectGroupEvents()
{
    connect(m_session, &ClientSession::groupAdded, this,
            [this](qint64 group, const QString &name, const QString &by) {
                m_output.setGroupName(group, name);
                print(m_output.groupEvent(QStringLiteral("group_added"), {group, name, by, 0, 0}));
            });
    connect(
        m_session, &ClientSession::groupUpdated, this,
        [this](qint64 group, const QString &name, const QString &by) {
            m_output.setGroupName(group, name);
            if (group == m_currentGroup)
                m_terminal->setPrompt(QStringLiteral("[%1]> ").arg(name));
            print(m_output.groupEvent(QStringLiteral("group_updated"), {group, name, by, 0, 0}));
        });
    connect(
        m_session, &ClientSession::groupRemoved, this,
        [this](qint64 group, const QString &name, const QString &by) {
            print(m_output.groupEvent(QStringLiteral("group_removed"), {group, name, by, 0, 0}));
            if (group == m_currentGroup) {
                m_currentGroup = 0;
                m_terminal->setPrompt(QStringLiteral("> "));
            }
        });
    // The change's system lines, as the group's history shows them.
    connect(m_session, &ClientSession::groupEventReceived, this,
            [this](const QString &, const Client::GroupEvent &event) {
                for (const Client::Message &line : event.lines)
                    print(m_output.message(line, m_session->user(), Output::TimeStyle::Short));
            });
}

void Shell::refreshGroups(std::function<void()> then)
{
    Reply *reply = m_session->groups();
    connect(reply, &Reply::finished, this, [this, reply, then] {
        if (reply->isOk())
            m_output.setGroupNames(Client::groupsFromReply(reply->result()));
        if (then && m_stage != Stage::Leaving)
            then();
    });
}

void Shell::withGroup(const QString &spec, std::function<void(const GroupInfo &)> then)
{
    GroupResolver::resolve(m_session, spec, this,
                           [this, then](const GroupResolver::Result &result) {
                               if (!result.ok) {
                                   printError(result.error, result.message);
                                   return;
                               }
                               m_output.setGroupNames(result.groups);
                               then(result.group);
                           });
}

bool Shell::runGroupCommand(const QString &command, const QString &argument, const QString &rest)
{
    // GROUP may be left out where the current chat is a group.
    const QString group =
        argument.isEmpty() && m_currentGroup ? QString::number(m_currentGroup) : argument;
    const auto needGroup = [this, &group, &command] {
        if (!group.isEmpty())
            return true;
        print(QStringLiteral("%1 needs a group (id or name); /groups lists yours.").arg(command));
        return false;
    };
    const auto needUser = [this, &rest, &command] {
        if (!rest.isEmpty() && !rest.contains(QLatin1Char(' ')))
            return true;
        print(QStringLiteral("%1 needs GROUP and one USER.").arg(command));
        return false;
    };
    if (command == QLatin1String("/groups")) {
        showGroups();
    } else if (command == QLatin1String("/gcreate")) {
        if (argument.isEmpty()) {
            print(QStringLiteral("/gcreate needs a NAME, then the members."));
            return true;
        }
        const QStringList members = rest.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        Reply *reply = m_session->groupCreate(argument, members);
        connect(reply, &Reply::finished, this, [this, reply, argument] {
            if (!reply->isOk()) {
                printError(reply->error(), reply->errorMessage());
                return;
            }
            GroupInfo created;
            created.group = qint64(reply->value(QLatin1String("group")).toDouble());
            created.name = argument;
            created.admin = m_session->user();
            m_output.setGroupName(created.group, created.name);
            print(QStringLiteral("* created the group %1 (#%2)").arg(argument).arg(created.group));
            setCurrentGroup(created);
        });
    } else if (command == QLatin1String("/group")) {
        if (argument.isEmpty()) {
            print(QStringLiteral("/group needs a group (id or name); /groups lists yours."));
            return true;
        }
        withGroup(argument, [this](const GroupInfo &info) { setCurrentGroup(info); });
    } else if (command == QLatin1String("/gadd") || command == QLatin1String("/gremove")) {
        if (!needGroup() || !needUser())
            return true;
        const bool add = command == QLatin1String("/gadd");
        withGroup(group, [this, add, rest](const GroupInfo &info) {
            const QString label = m_output.groupLabel(info.group);
            if (add)
                report(m_session->groupAdd(info.group, rest),
                       QStringLiteral("* added %1 to %2").arg(rest, label));
            else
                report(m_session->groupRemove(info.group, rest),
                       QStringLiteral("* removed %1 from %2").arg(rest, label));
        });
    } else if (command == QLatin1String("/grename")) {
        if (!needGroup())
            return true;
        if (rest.isEmpty()) {
            print(QStringLiteral("/grename needs GROUP and the new NAME."));
            return true;
        }
        withGroup(group, [this, rest](const GroupInfo &info) {
            report(m_session->groupRename(info.group, rest),
                   QStringLiteral("* renamed %1 to %2").arg(m_output.groupLabel(info.group), rest));
        });
    } else if (command == QLatin1String("/gleave")) {
        if (!needGroup())
            return true;
        withGroup(group, [this](const GroupInfo &info) {
            report(m_session->groupLeave(info.group),
                   QStringLiteral("* you left %1").arg(m_output.groupLabel(info.group)));
            if (info.group == m_currentGroup) {
                m_currentGroup = 0;
                m_terminal->setPrompt(QStringLiteral("> "));
            }
        });
    } else if (command == QLatin1String("/ginfo")) {
        if (!needGroup())
            return true;
        withGroup(group, [this](const GroupInfo &info) {
            Reply *reply = m_session->groupInfo(info.group);
            connect(reply, &Reply::finished, this, [this, reply] {
                if (!reply->isOk()) {
                    printError(reply->error(), reply->errorMessage());
                    return;
                }
                const QStringList lines = m_output.groupInfo(GroupInfo::fromJson(reply->result()));
                for (const QString &line : lines)
                    print(line);
            });
        });
    } else {
        return false;
    }
    return true;
}

void Shell::setCurrentGroup(const GroupInfo &group)
{
    m_currentGroup = group.group;
    m_currentChat.clear();
    m_terminal->setPrompt(QStringLiteral("[%1]> ").arg(m_output.groupLabel(group.group)));
    print(QStringLiteral("* now chatting in %1 (#%2)")
              .arg(m_output.groupLabel(group.group))
              .arg(group.group));
    const qint64 newest = m_lastGroupReceived.value(group.group);
    if (newest > 0)
        m_session->markGroupRead(group.group, newest);
}

void Shell::sendToGroup(qint64 group, const QString &text)
{
    const QString clientId = m_session->sendToGroup(group, text);
    m_pendingTexts.insert(clientId, text);
    m_pendingGroups.insert(clientId, group);
}

void Shell::showGroupHistory(qint64 group)
{
    Reply *reply = m_session->groupHistory(group, 0, kGroupHistoryShown);
    connect(reply, &Reply::finished, this, [this, reply, group] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
        std::reverse(messages.begin(), messages.end());
        if (messages.isEmpty())
            print(QStringLiteral("No messages in %1.").arg(m_output.groupLabel(group)));
        for (const Client::Message &message : std::as_const(messages))
            print(m_output.message(message, m_session->user()));
    });
}

void Shell::showGroups()
{
    Reply *reply = m_session->groups();
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        const QList<GroupInfo> groups = Client::groupsFromReply(reply->result());
        m_output.setGroupNames(groups);
        const QStringList lines = m_output.groups(groups, m_session->user());
        for (const QString &line : lines)
            print(line);
    });
}

void Shell::onGroupMessage(const Client::Message &message)
{
    m_lastGroupReceived.insert(message.group,
                               std::max(m_lastGroupReceived.value(message.group), message.msgId));
    if (message.group == m_currentGroup)
        m_session->markGroupRead(message.group, message.msgId);
}

} // namespace Palomar::Cli
