// The one-shot reaction command: react MSG_ID EMOJI ("" removes).
#include "oneshot.h"

#include "client/clientsession.h"
#include "client/reactions.h"
#include "client/reply.h"

namespace Palomar::Cli {

void OneShotRunner::runReact()
{
    bool ok = false;
    const qint64 msgId = m_options.targets.value(0).toLongLong(&ok);
    if (!ok || msgId <= 0) {
        fail(QStringLiteral("usage"),
             QStringLiteral("react takes a message id (a positive number), not %1")
                 .arg(m_options.targets.value(0)));
        return;
    }
    const QString emoji = m_options.targets.value(1);
    auto *reactions = new Client::Reactions(m_session, this);
    Client::Reply *reply = reactions->react(msgId, emoji);
    connect(reply, &Client::Reply::finished, this, [this, reply, msgId, emoji] {
        if (!check(reply))
            return;
        const QString human = emoji.isEmpty()
                                  ? QStringLiteral("Removed your reaction to #%1.").arg(msgId)
                                  : QStringLiteral("Reacted %1 to #%2.").arg(emoji).arg(msgId);
        printLine(stdout, m_output.done(human, {{QStringLiteral("command"), m_options.command},
                                                {QStringLiteral("msg_id"), msgId},
                                                {QStringLiteral("emoji"), emoji}}));
        succeed();
    });
}

} // namespace Palomar::Cli
