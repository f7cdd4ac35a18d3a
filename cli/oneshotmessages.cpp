// The one-shot commands on messages already sent: reply, edit, delete (for
// everyone) and forward (docs/protocol.md, "Conversation features: the rules").
#include "oneshot.h"

#include "client/clientsession.h"
#include "client/messageactions.h"

namespace Palomar::Cli {

using Client::GroupInfo;
using Client::Reply;

namespace {
// The chat of a result for --json: {"to": USER} or {"group": ID}.
QJsonObject chatFields(const QString &to, qint64 group)
{
    if (group != 0)
        return {{QStringLiteral("group"), group}};
    return {{QStringLiteral("to"), to}};
}
} // namespace

Client::MessageActions *OneShotRunner::actions()
{
    if (!m_actions)
        m_actions = new Client::MessageActions(m_session, this);
    return m_actions;
}

bool OneShotRunner::runMessageCommand(const QString &command)
{
    const qint64 msgId = m_options.msgId;
    const auto inChat = [this](std::function<void(const QString &, qint64)> then) {
        if (m_options.group.isEmpty()) {
            then(m_options.to.isEmpty() ? m_options.targets.value(1) : m_options.to, 0);
            return;
        }
        withGroup(m_options.group, [then](const GroupInfo &g) { then(QString(), g.group); });
    };
    if (command == QLatin1String("reply")) {
        inChat([this](const QString &to, qint64 group) { runReply(to, group); });
    } else if (command == QLatin1String("forward")) {
        inChat([this](const QString &to, qint64 group) { runForward(to, group); });
    } else if (command == QLatin1String("edit")) {
        Reply *reply = actions()->edit(msgId, m_options.text);
        connect(reply, &Reply::finished, this, [this, reply, msgId] {
            if (!check(reply))
                return;
            printLine(stdout, m_output.done(QStringLiteral("Edited message #%1.").arg(msgId),
                                            {{QStringLiteral("command"), m_options.command},
                                             {QStringLiteral("msg_id"), msgId},
                                             {QStringLiteral("edited"),
                                              reply->value(QLatin1String("edited")).toInteger()}}));
            succeed();
        });
    } else if (command == QLatin1String("delete")) {
        Reply *reply = actions()->remove(msgId);
        connect(reply, &Reply::finished, this, [this, reply, msgId] {
            if (!check(reply))
                return;
            printLine(stdout,
                      m_output.done(QStringLiteral("Deleted message #%1 for everyone.").arg(msgId),
                                    {{QStringLiteral("command"), m_options.command},
                                     {QStringLiteral("msg_id"), msgId}}));
            succeed();
        });
    } else {
        return false;
    }
    return true;
}

void OneShotRunner::runReply(const QString &to, qint64 group)
{
    const QString clientId = Client::generateClientId();
    const qint64 replyTo = m_options.msgId;
    const QString text = Output::replyMark(replyTo) + QLatin1Char(' ') + m_options.text;
    Reply *reply = actions()->reply(to, group, m_options.text, replyTo, clientId);
    connect(reply, &Reply::finished, this, [this, reply, to, group, clientId, replyTo, text] {
        if (!check(reply))
            return;
        const qint64 msgId = reply->value(QLatin1String("msg_id")).toInteger();
        const qint64 ts = reply->value(QLatin1String("ts")).toInteger();
        const QString me = m_session->user();
        QJsonObject fields = chatFields(to, group);
        fields.insert(QStringLiteral("command"), m_options.command);
        fields.insert(QStringLiteral("msg_id"), msgId);
        fields.insert(QStringLiteral("ts"), ts);
        fields.insert(QStringLiteral("client_id"), clientId);
        fields.insert(QStringLiteral("reply_to"), replyTo);
        const QString human = group ? m_output.sentToGroup(group, text, msgId, ts, clientId, me)
                                    : m_output.sent(to, text, msgId, ts, clientId, me);
        printLine(stdout, m_output.done(human, fields));
        succeed();
    });
}

void OneShotRunner::runForward(const QString &to, qint64 group)
{
    const qint64 source = m_options.msgId;
    Reply *reply = actions()->forward(source, to, group, Client::generateClientId());
    connect(reply, &Reply::finished, this, [this, reply, to, group, source] {
        if (!check(reply))
            return;
        const qint64 msgId = reply->value(QLatin1String("msg_id")).toInteger();
        QJsonObject fields = chatFields(to, group);
        fields.insert(QStringLiteral("command"), m_options.command);
        fields.insert(QStringLiteral("source_msg_id"), source);
        fields.insert(QStringLiteral("msg_id"), msgId);
        fields.insert(QStringLiteral("ts"), reply->value(QLatin1String("ts")).toInteger());
        const QString where = group ? m_output.groupLabel(group) : to;
        printLine(stdout, m_output.done(QStringLiteral("Forwarded message #%1 to %2 (as #%3).")
                                            .arg(source)
                                            .arg(where)
                                            .arg(msgId),
                                        fields));
        succeed();
    });
}

} // namespace Palomar::Cli
