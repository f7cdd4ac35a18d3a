// What the interactive shell knows about the people and groups around it:
// Tab completion, and what a receipt is about.
#include "shell.h"

#include "terminal.h"

#include "client/clientsession.h"

namespace Palomar::Cli {

using Client::ClientSession;
using Client::Reply;

namespace {
const QStringList kCommands{
    QStringLiteral("/msg"),     QStringLiteral("/chat"),     QStringLiteral("/history"),
    QStringLiteral("/friends"), QStringLiteral("/add"),      QStringLiteral("/accept"),
    QStringLiteral("/decline"), QStringLiteral("/unfriend"), QStringLiteral("/groups"),
    QStringLiteral("/group"),   QStringLiteral("/gcreate"),  QStringLiteral("/gadd"),
    QStringLiteral("/gremove"), QStringLiteral("/grename"),  QStringLiteral("/gleave"),
    QStringLiteral("/ginfo"),   QStringLiteral("/file"),     QStringLiteral("/gfile"),
    QStringLiteral("/get"),     QStringLiteral("/cancel"),   QStringLiteral("/search"),
    QStringLiteral("/react"),   QStringLiteral("/admin"),    QStringLiteral("/help"),
    QStringLiteral("/quit"),
};
// Commands whose first argument is a GROUP.
const QStringList kGroupCommands{
    QStringLiteral("/group"),   QStringLiteral("/gadd"),   QStringLiteral("/gremove"),
    QStringLiteral("/grename"), QStringLiteral("/gleave"), QStringLiteral("/ginfo"),
    QStringLiteral("/gfile"),
};
} // namespace

QStringList Shell::completions(const QString &lineBefore) const
{
    const QStringList words = lineBefore.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty() && !lineBefore.contains(QLatin1Char(' ')))
        return kCommands + m_friendNames; // the first word: a command, or a name in the text
    const QString command = words.value(0).toLower();
    if (words.size() == 1 && kGroupCommands.contains(command))
        return m_output.groupNames();
    return m_friendNames;
}

void Shell::loadFriendNames(std::function<void()> then)
{
    Reply *reply = m_session->friends();
    connect(reply, &Reply::finished, this, [this, reply, then] {
        if (reply->isOk()) {
            const Client::FriendList list = Client::FriendList::fromJson(reply->result());
            m_friendNames.clear();
            for (const Client::Friend &entry : list.friends)
                m_friendNames.append(entry.user);
            m_friendNames += list.incoming + list.outgoing;
        }
        if (then && m_stage != Stage::Leaving)
            then();
    });
}

} // namespace Palomar::Cli
