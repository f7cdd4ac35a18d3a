#pragma once

#include "population.h"

#include <QJsonObject>

namespace Palomar::Bench {

// Idle connections and the reconnect storm (Palomar only): `connections`
// users (0: as many as the descriptor limit allows) each logged in on a
// connection of their own with a long poll parked; memory per connection =
// (server RSS growth + kernel TCP socket memory growth) / connections. Then
// every connection drops at once and all resume on new connections: the time
// until every session is back.
QJsonObject runConnections(NetLoop &loop, const Target &target, int connections);

} // namespace Palomar::Bench
