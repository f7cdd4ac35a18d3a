#include "fuzzcontext.h"

#include <cstdio>
#include <cstdlib>

namespace Palomar::Fuzz {

void FuzzSink::complete(quint64 connectionId, const Server::Completion &completion)
{
    using Kind = Server::HandlerResult::Kind;
    const Kind kind = completion.result.kind();
    // The store hands back replies and parked polls, never a request that
    // is still in progress.
    if (kind == Kind::Deferred || kind == Kind::AfterCommit) {
        fprintf(stderr, "fuzz_dispatcher: a completion that is not finished\n");
        abort();
    }
    if (kind == Kind::Parked &&
        (completion.result.poll().waitSeconds <= 0 || !completion.session.isBound())) {
        fprintf(stderr, "fuzz_dispatcher: parked a poll with no wait or no session\n");
        abort();
    }
    if (m_completions.contains(connectionId)) {
        fprintf(stderr, "fuzz_dispatcher: two answers to one request\n");
        abort();
    }
    m_completions.insert(connectionId, completion);
}

std::optional<Server::Completion> FuzzSink::take(quint64 connectionId)
{
    const auto it = m_completions.find(connectionId);
    if (it == m_completions.end())
        return std::nullopt;
    Server::Completion completion = *it;
    m_completions.erase(it);
    return completion;
}

} // namespace Palomar::Fuzz
