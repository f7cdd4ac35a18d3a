// The interactive shell's ephemeral notices: who is typing, who came online
// or went offline (docs/cli.md). Printed above the input line like events.
#include "shell.h"

#include "terminal.h"

#include "client/livenotices.h"

namespace Palomar::Cli {

void Shell::connectLiveNotices()
{
    auto *live = new Client::LiveNotices(m_session, this);
    connect(live, &Client::LiveNotices::typing, this,
            [this](const QString &user, qint64 group, int expiresIn) {
                // A typist repeats the notice every few seconds: one line
                // while it holds (scripts get every notice).
                const QString key = QStringLiteral("%1/%2").arg(group).arg(user.toLower());
                const auto shown = m_typingShown.constFind(key);
                if (!m_options.json && shown != m_typingShown.cend() && !shown->hasExpired())
                    return;
                m_typingShown.insert(key, QDeadlineTimer(qint64(expiresIn) * 1000));
                print(m_output.typing(user, group, expiresIn));
            });
    connect(live, &Client::LiveNotices::presenceChanged, this,
            [this](const QString &user, bool online, qint64 lastSeen) {
                print(m_output.presence(user, online, lastSeen));
            });
}

} // namespace Palomar::Cli
