#pragma once

#include "context.h"

#include <optional>

namespace Palomar::Server {

struct SessionRecord;

// The session rules every op shares. `last_active` is written at most once
// per touch interval (it is a database write), so a session counts as
// unexpired until timeout + interval after it was written: it never ends
// before session_timeout seconds without a request, and at most one
// interval later. A session is *live* while a connection is bound to it on
// an instance that is alive; otherwise it is detached (shared/PROTOCOL.md).
namespace SessionGuard {

qint64 touchIntervalMs(const ServerConfig &config);
bool isLive(const ServerConfig &config, qint64 lastActive, qint64 now);
// Last moment of activity that still counts as live at `now`.
qint64 expiryCutoff(const ServerConfig &config, qint64 now);
// The oldest instance heartbeat that still counts as alive at `now`: an
// instance that died locks nobody out for longer than idle_timeout.
qint64 liveSince(const ServerConfig &config, qint64 now);
// How often an instance says it is alive.
qint64 heartbeatIntervalMs(const ServerConfig &config);
// Whether a connection is bound to `session` on a live instance.
bool isBound(const ServerConfig &config, const SessionRecord &session, qint64 now);

// For ops that need a session: nullopt when the connection's session is the
// user's current one (refreshing it when due); otherwise the reply to send
// (auth_required, or session_replaced after a takeover), and the connection
// is logged out.
std::optional<HandlerResult> require(const Services &services, CallContext &context);
// For session-free ops (ping) on a logged-in connection: they are requests
// from the session too, so they keep it alive.
void touch(const Services &services, CallContext &context);

} // namespace SessionGuard

} // namespace Palomar::Server
