#pragma once

#include "population.h"

#include <QJsonObject>

#include <memory>
#include <vector>

namespace Palomar::Bench {

// The online workload's idle client: one more user, logged in on a
// connection of its own through the same lean client as the others, that
// sends nothing but pings, one at a time, one every `intervalMs` while the
// load runs, and records each round trip. Its latency shows whether the
// server's network threads ever wait while the database works. Its pings
// are no messages: they count in no throughput. It needs no friends and
// parks no long poll.
class PingProbe
{
public:
    PingProbe(NetLoop &loop, const Target &target, int index, int intervalMs = 10);
    ~PingProbe();

    // Connects, registers and logs in, running the loop; false with `error`.
    bool prepare(QString *error);
    void start();
    // No ping after this one; the one in flight is not waited for.
    void stop();
    // The first failure of the connection or of a ping (empty while none).
    const QString &failure() const { return m_failure; }
    // {"p50", "p99", "max"} in ms and "count".
    QJsonObject result() const;

private:
    void pingOnce();

    NetLoop &m_loop;
    std::unique_ptr<ChatClient> m_client;
    QByteArray m_name;
    int m_intervalMs;
    bool m_running = false;
    QString m_failure;
    std::vector<qint64> m_roundTrips;
    // Timers and replies check it: the loop may outlive this object.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace Palomar::Bench
