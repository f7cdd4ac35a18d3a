#include "fuzzcontext.h"

#include <cstdio>
#include <cstdlib>

namespace Palomar::Fuzz {

void FuzzContext::complete(const Server::HandlerResult &result)
{
    if (m_completed) {
        fprintf(stderr, "fuzz_dispatcher: complete() without a Deferred request in flight\n");
        abort();
    }
    // A batched sync may finish by parking (Connection::complete accepts
    // that too); a Deferred result cannot finish anything.
    if (result.kind() == Server::HandlerResult::Kind::Deferred) {
        fprintf(stderr, "fuzz_dispatcher: complete() with a Deferred result\n");
        abort();
    }
    if (result.kind() == Server::HandlerResult::Kind::Reply)
        (void)result.toFrame(QJsonValue(1));
    m_completed = true;
}

void FuzzContext::park(const QJsonValue &id, qint64 after, int limit, int waitSeconds)
{
    if (waitSeconds <= 0 || !m_session.isBound()) {
        fprintf(stderr, "fuzz_dispatcher: parked a poll with no wait or no session\n");
        abort();
    }
    m_parked = Parked{id, after, limit};
}

std::optional<FuzzContext::Parked> FuzzContext::takeParked()
{
    std::optional<Parked> parked = std::move(m_parked);
    m_parked.reset();
    return parked;
}

} // namespace Palomar::Fuzz
