// The interactive shell's commands on messages already sent: /reply, /edit,
// /delete (for everyone), /forward and /gforward. Their `edited` and
// `deleted` events print through Output::unknownEvent.
#include "shell.h"

#include "receiptnamer.h"

#include "client/clientsession.h"
#include "client/messageactions.h"

namespace Palomar::Cli {

using Client::GroupInfo;
using Client::Reply;

bool Shell::runMessageCommand(const QString &command, const QString &argument, const QString &rest)
{
    static const QStringList kCommands{QStringLiteral("/reply"), QStringLiteral("/edit"),
                                       QStringLiteral("/delete"), QStringLiteral("/forward"),
                                       QStringLiteral("/gforward")};
    if (!kCommands.contains(command))
        return false;
    const qint64 msgId = messageIdOf(argument);
    const bool needsRest = command != QLatin1String("/delete");
    if (msgId == 0 || rest.isEmpty() != !needsRest) {
        static const QHash<QString, QString> kShapes{
            {QStringLiteral("/reply"), QStringLiteral("ID TEXT")},
            {QStringLiteral("/edit"), QStringLiteral("ID TEXT")},
            {QStringLiteral("/delete"), QStringLiteral("ID")},
            {QStringLiteral("/forward"), QStringLiteral("ID USER")},
            {QStringLiteral("/gforward"), QStringLiteral("ID GROUP")}};
        printError(QStringLiteral("usage"),
                   QStringLiteral("%1 takes %2 (ID: a message id)").arg(command, kShapes[command]));
        return true;
    }
    if (command == QLatin1String("/reply")) {
        replyInCurrentChat(msgId, rest);
    } else if (command == QLatin1String("/edit")) {
        report(m_actions->edit(msgId, rest), QStringLiteral("* edited message #%1").arg(msgId));
    } else if (command == QLatin1String("/delete")) {
        report(m_actions->remove(msgId),
               QStringLiteral("* deleted message #%1 for everyone").arg(msgId));
    } else if (command == QLatin1String("/forward")) {
        forwardTo(msgId, rest, 0);
    } else {
        withGroup(rest, [this, msgId](const GroupInfo &info) { forwardTo(msgId, {}, info.group); });
    }
    return true;
}

void Shell::replyInCurrentChat(qint64 replyTo, const QString &text)
{
    if (m_currentGroup == 0 && m_currentChat.isEmpty()) {
        printError(QStringLiteral("usage"),
                   QStringLiteral("/reply answers in the current chat: /chat USER or /group "
                                  "GROUP first"));
        return;
    }
    const QString to = m_currentChat;
    const qint64 group = m_currentGroup;
    const QString clientId = Client::generateClientId();
    const QString shown = Output::replyMark(replyTo) + QLatin1Char(' ') + text;
    Reply *reply = m_actions->reply(to, group, text, replyTo, clientId);
    connect(reply, &Reply::finished, this, [this, reply, to, group, clientId, text, shown] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        const qint64 msgId = reply->value(QLatin1String("msg_id")).toInteger();
        const qint64 ts = reply->value(QLatin1String("ts")).toInteger();
        m_receipts->rememberText(msgId, text);
        const QString me = m_session->user();
        print(group ? m_output.sentToGroup(group, shown, msgId, ts, clientId, me)
                    : m_output.sent(to, shown, msgId, ts, clientId, me));
    });
}

void Shell::forwardTo(qint64 msgId, const QString &to, qint64 group)
{
    Reply *reply = m_actions->forward(msgId, to, group, Client::generateClientId());
    const QString where = group ? m_output.groupLabel(group) : to;
    connect(reply, &Reply::finished, this, [this, reply, msgId, where] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        print(QStringLiteral("* forwarded message #%1 to %2 (as #%3)")
                  .arg(msgId)
                  .arg(where)
                  .arg(reply->value(QLatin1String("msg_id")).toInteger()));
    });
}

} // namespace Palomar::Cli
