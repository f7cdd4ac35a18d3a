#pragma once

#include "population.h"

#include <QJsonObject>

namespace Palomar::Bench {

struct OnlineOptions
{
    int users = 500;
    int friends = 4;    // neighbours in the ring each user sends to, round robin
    int messages = 100; // per user
    int window = 4;     // a sender's messages sent but not yet received, at most
    double rate = 0;    // offered messages/s over all users; 0: as fast as the window allows
    bool probe = true;  // an idle client pings every 10 ms during the load (bench/pingprobe.h)
};

// The online workload: every user logged in with a long poll parked (XMPP:
// available), each sending `messages` to its ring neighbours. Measures
// delivered messages/s and send-to-receive latency from the send time in
// each body, and verifies that every message arrived exactly once and in
// order per sender and recipient. With `probe`, one more user pings the server
// throughout (its latency: "ping_ms"). The servers' statements, commits and
// CPU per message come from a PhaseMeter. Returns the JSON result ("error" on
// failure).
QJsonObject runOnline(NetLoop &loop, const Target &target, const OnlineOptions &options);

// Offline drain: `messages` queued for one logged-out user by a friend, then
// the time from the start of its login until all are received and
// acknowledged, verified complete and in order.
QJsonObject runOfflineDrain(NetLoop &loop, const Target &target, int messages);

// Sorted latencies → percentile (fraction 0..1) in milliseconds.
double percentileMs(const std::vector<qint64> &sortedNs, double fraction);

} // namespace Palomar::Bench
