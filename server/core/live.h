#pragma once

#include "context.h"

namespace Palomar::Server {

// The ephemeral notices (docs/protocol.md §3.32, §3.37, §4): `typing` to a
// chat's online members, and `presence` to a user's online friends when the
// user comes online or goes offline. Held in memory for the recipients'
// next sync on this instance (PollRegistry::notify) and published to the
// other instances (Store::publishNotice); never stored, no seq.
class LiveHandler
{
public:
    // How long a typing notice holds: the recipient clears it by itself.
    static constexpr int kTypingExpiresSeconds = 5;
    // At most one typing notice per sender and chat is forwarded per interval.
    static constexpr qint64 kTypingIntervalMs = 2500;
    // How long a presence notice waits for a timer poller's next sync.
    static constexpr qint64 kPresenceHoldMs = 30000;

    explicit LiveHandler(Services services) : m_services(services) {}

    HandlerResult typing(const Protocol::Request &request, CallContext &context);

    // `user` came online or went offline at `ts`: a presence notice to their
    // online friends, once the transaction (if any) commits.
    static void presence(const Services &services, qint64 userId, const QString &user, bool online,
                         qint64 ts);

private:
    Services m_services;
};

} // namespace Palomar::Server
