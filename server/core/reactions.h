#pragma once

#include "context.h"
#include "store/store.h"

namespace Palomar::Server {

// react (an extension): one emoji per user and message, set, changed or
// removed (""). Who may react is who may see the message
// (Store::visibleMessage, the one place that decides it); everyone else who
// has the message gets a `reaction` event.
class ReactionHandler
{
public:
    explicit ReactionHandler(Services services) : m_services(services) {}

    HandlerResult react(const Protocol::Request &request, CallContext &context);

    // At most kMaxEmojiBytes of UTF-8 and no control character; "" removes.
    static constexpr int kMaxEmojiBytes = 32;
    static bool isValidEmoji(const QString &emoji);

private:
    Services m_services;
};

} // namespace Palomar::Server
