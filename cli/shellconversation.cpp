// The interactive shell's /search, /react and /admin. Their results and
// errors print like the other slash commands'; the `reaction` events and
// group system lines they cause print through Output (unknownEvent, message).
#include "shell.h"

#include "client/clientsession.h"
#include "client/reactions.h"
#include "client/search.h"

namespace Palomar::Cli {

using Client::Reply;

namespace {
constexpr int kSearchResultsShown = 20;
const QLatin1String kAllChats("--all");
} // namespace

qint64 Shell::messageIdOf(const QString &argument)
{
    // "#12" as the output shows it, or just "12".
    const QString digits = argument.startsWith(QLatin1Char('#')) ? argument.mid(1) : argument;
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

bool Shell::runConversationCommand(const QString &command, const QString &argument,
                                   const QString &rest)
{
    if (command == QLatin1String("/search")) {
        searchMessages(argument, rest);
    } else if (command == QLatin1String("/react")) {
        const qint64 msgId = messageIdOf(argument);
        if (msgId == 0 || rest.contains(QLatin1Char(' '))) {
            printError(QStringLiteral("usage"),
                       QStringLiteral("/react takes ID EMOJI (ID: a message id as #ID shows it); "
                                      "/react ID alone removes your reaction"));
            return true;
        }
        report(m_reactions->react(msgId, rest),
               rest.isEmpty() ? QStringLiteral("* removed your reaction to #%1").arg(msgId)
                              : QStringLiteral("* reacted %1 to #%2").arg(rest).arg(msgId));
    } else if (command == QLatin1String("/admin")) {
        handOverGroup(argument, rest);
    } else {
        return false;
    }
    return true;
}

void Shell::searchMessages(const QString &argument, const QString &rest)
{
    const bool all = argument == kAllChats;
    const QString words = all ? rest : (rest.isEmpty() ? argument : argument + u' ' + rest);
    if (words.isEmpty()) {
        printError(QStringLiteral("usage"),
                   QStringLiteral("/search takes WORDS (in the current chat) or --all WORDS"));
        return;
    }
    // The current chat, unless --all or there is none.
    Client::SearchChat chat;
    QString where = QStringLiteral("your chats");
    if (!all && m_currentGroup != 0) {
        chat.group = m_currentGroup;
        where = m_output.groupLabel(m_currentGroup);
    } else if (!all && !m_currentChat.isEmpty()) {
        chat.peer = m_currentChat;
        where = QStringLiteral("the chat with %1").arg(m_currentChat);
    }
    Reply *reply = m_search->search(words, chat, 0, kSearchResultsShown);
    connect(reply, &Reply::finished, this, [this, reply, words, where] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        const Client::SearchPage page = Client::SearchPage::fromJson(reply->result());
        if (page.messages.isEmpty() && !m_output.isJson())
            print(QStringLiteral("* no messages match \u201c%1\u201d in %2").arg(words, where));
        for (const Client::FoundMessage &found : page.messages)
            print(m_output.found(found, m_session->user()));
        if (page.nextBefore != 0 && !m_output.isJson())
            print(QStringLiteral("* the newest %1 shown; more words narrow the search")
                      .arg(page.messages.size()));
    });
}

void Shell::handOverGroup(const QString &user, const QString &rest)
{
    if (m_currentGroup == 0) {
        printError(QStringLiteral("usage"),
                   QStringLiteral("/admin hands the current group over: /group GROUP first"));
        return;
    }
    if (user.isEmpty() || !rest.isEmpty()) {
        printError(QStringLiteral("usage"),
                   QStringLiteral("/admin takes one USER, a member of the current group"));
        return;
    }
    const qint64 group = m_currentGroup;
    report(m_reactions->setGroupAdmin(group, user),
           QStringLiteral("* %1 is now the admin of %2").arg(user, m_output.groupLabel(group)));
}

} // namespace Palomar::Cli
