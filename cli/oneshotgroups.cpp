// The one-shot group commands: groups, group-create/-add/-remove/-rename/
// -leave/-info/-admin, and send/history with --group.
#include "oneshot.h"

#include "groupresolver.h"

#include "client/clientsession.h"
#include "client/reactions.h"

#include <QJsonArray>

#include <algorithm>

namespace Palomar::Cli {

using Client::ClientSession;
using Client::GroupInfo;
using Client::Reply;

void OneShotRunner::withGroup(const QString &spec, std::function<void(const GroupInfo &)> then)
{
    GroupResolver::resolve(m_session, spec, this,
                           [this, then](const GroupResolver::Result &result) {
                               if (!result.ok) {
                                   fail(result.error, result.message);
                                   return;
                               }
                               m_output.setGroupNames(result.groups);
                               then(result.group);
                           });
}

void OneShotRunner::runGroups()
{
    Reply *reply = m_session->groups();
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        const QStringList lines =
            m_output.groups(Client::groupsFromReply(reply->result()), m_session->user());
        for (const QString &line : lines)
            printLine(stdout, line);
        succeed();
    });
}

void OneShotRunner::runGroupCreate()
{
    const QString name = m_options.targets.value(0);
    const QStringList members = m_options.targets.mid(1);
    Reply *reply = m_session->groupCreate(name, members);
    connect(reply, &Reply::finished, this, [this, reply, name, members] {
        if (!check(reply))
            return;
        const qint64 group = qint64(reply->value(QLatin1String("group")).toDouble());
        printLine(stdout, m_output.done(
                              QStringLiteral("Created the group %1 (#%2).").arg(name).arg(group),
                              {{QStringLiteral("command"), m_options.command},
                               {QStringLiteral("group"), group},
                               {QStringLiteral("name"), name},
                               {QStringLiteral("members"), QJsonArray::fromStringList(members)}}));
        succeed();
    });
}

void OneShotRunner::runGroupCommand()
{
    withGroup(target(), [this](const GroupInfo &group) {
        const QString &command = m_options.command;
        const QString label = m_output.groupLabel(group.group);
        const QString argument = m_options.targets.value(1);
        Reply *reply = nullptr;
        QString human;
        QJsonObject fields{{QStringLiteral("command"), command},
                           {QStringLiteral("group"), group.group}};
        if (command == QLatin1String("group-add")) {
            reply = m_session->groupAdd(group.group, argument);
            human = QStringLiteral("Added %1 to %2.").arg(argument, label);
            fields.insert(QStringLiteral("user"), argument);
        } else if (command == QLatin1String("group-remove")) {
            reply = m_session->groupRemove(group.group, argument);
            human = QStringLiteral("Removed %1 from %2.").arg(argument, label);
            fields.insert(QStringLiteral("user"), argument);
        } else if (command == QLatin1String("group-rename")) {
            reply = m_session->groupRename(group.group, m_options.text);
            human = QStringLiteral("Renamed %1 to %2.").arg(label, m_options.text);
            fields.insert(QStringLiteral("name"), m_options.text);
        } else if (command == QLatin1String("group-leave")) {
            reply = m_session->groupLeave(group.group);
            human = QStringLiteral("You left %1.").arg(label);
        } else if (command == QLatin1String("group-admin")) {
            reply = Client::Reactions(m_session).setGroupAdmin(group.group, argument);
            human = QStringLiteral("%1 is now the admin of %2.").arg(argument, label);
            fields.insert(QStringLiteral("user"), argument);
        } else if (command == QLatin1String("group-info")) {
            reply = m_session->groupInfo(group.group);
        } else {
            fail(QStringLiteral("usage"), QStringLiteral("unknown command %1").arg(command));
            return;
        }
        connect(reply, &Reply::finished, this, [this, reply, human, fields] {
            if (!check(reply))
                return;
            if (human.isEmpty()) {
                const QStringList lines = m_output.groupInfo(GroupInfo::fromJson(reply->result()));
                for (const QString &line : lines)
                    printLine(stdout, line);
            } else {
                printLine(stdout, m_output.done(human, fields));
            }
            succeed();
        });
    });
}

void OneShotRunner::runGroupSend(const GroupInfo &group)
{
    const QString clientId = Client::generateClientId();
    const qint64 id = group.group;
    connect(m_session, &ClientSession::messageSent, this,
            [this, clientId, id](const QString &sentId, qint64 msgId, qint64 ts) {
                if (sentId != clientId)
                    return;
                printLine(stdout, m_output.sentToGroup(id, m_options.text, msgId, ts, sentId,
                                                       m_session->user()));
                succeed();
            });
    connect(
        m_session, &ClientSession::messageFailed, this,
        [this, clientId](const QString &failedId, const QString &error, const QString &message) {
            if (failedId == clientId)
                fail(error, message);
        });
    m_session->sendToGroup(id, m_options.text, clientId);
}

void OneShotRunner::runGroupHistory(const GroupInfo &group)
{
    Reply *reply = m_session->groupHistory(group.group, 0, m_options.limit);
    connect(reply, &Reply::finished, this, [this, reply, group] {
        if (!check(reply))
            return;
        QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
        std::reverse(messages.begin(), messages.end()); // oldest first
        if (messages.isEmpty() && !m_output.isJson())
            printLine(stdout,
                      QStringLiteral("No messages in %1.").arg(m_output.groupLabel(group.group)));
        for (const Client::Message &message : std::as_const(messages))
            printLine(stdout, m_output.message(message, m_session->user()));
        succeed();
    });
}

} // namespace Palomar::Cli
