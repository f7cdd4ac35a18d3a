// The one-shot search command: search [--to USER | --group GROUP]
// [--limit N] WORDS... (docs/protocol.md §3.33), newest first.
#include "oneshot.h"

#include "client/clientsession.h"
#include "client/reply.h"
#include "client/search.h"

namespace Palomar::Cli {

void OneShotRunner::runSearch()
{
    if (!m_options.group.isEmpty()) {
        withGroup(m_options.group, [this](const Client::GroupInfo &group) {
            Client::SearchChat chat;
            chat.group = group.group;
            searchIn(chat);
        });
        return;
    }
    Client::SearchChat chat;
    chat.peer = m_options.to;
    searchIn(chat);
}

void OneShotRunner::searchIn(const Client::SearchChat &chat)
{
    auto *search = new Client::MessageSearch(m_session, this);
    Client::Reply *reply = search->search(m_options.text, chat, 0, m_options.limit);
    connect(reply, &Client::Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        const Client::SearchPage page = Client::SearchPage::fromJson(reply->result());
        if (page.messages.isEmpty() && !m_output.isJson())
            printLine(stdout,
                      QStringLiteral("No messages match \u201c%1\u201d.").arg(m_options.text));
        for (const Client::FoundMessage &found : page.messages)
            printLine(stdout, m_output.found(found, m_session->user()));
        if (page.nextBefore != 0 && !m_output.isJson())
            printLine(stdout, QStringLiteral("(more: narrow the search or raise --limit)"));
        succeed();
    });
}

} // namespace Palomar::Cli
