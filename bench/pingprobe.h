#pragma once

#include "population.h"

#include <QJsonObject>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace Palomar::Bench {

// The online workload's idle client: one more user, logged in on a
// connection of its own through the same lean client as the others, that
// sends nothing but pings, one at a time, one every `intervalMs`, and
// records each round trip while the load runs. Its latency shows whether
// the server's network threads ever wait while the database works. It runs
// on a thread and a NetLoop of its own, so that a round trip is not also
// the wait for the load's loop to finish its turn. Its pings are no
// messages: they count in no throughput. It needs no friends and parks no
// long poll.
class PingProbe
{
public:
    PingProbe(const Target &target, int index, int intervalMs = 10);
    ~PingProbe();
    PingProbe(const PingProbe &) = delete;
    PingProbe &operator=(const PingProbe &) = delete;

    // Starts the probe's thread, which connects, registers, logs in and
    // starts pinging; returns once it has (false with `error`).
    bool prepare(QString *error);
    // Round trips are recorded from start() to stop(); stop() ends the
    // thread (the ping in flight is not waited for).
    void start();
    void stop();
    // The first failure of the connection or of a ping (empty while none).
    QString failure() const;
    // {"p50", "p99", "max"} in ms and "count"; after stop().
    QJsonObject result() const;

private:
    void run();
    void fail(const QString &why);

    const Target m_target;
    const int m_index;
    const int m_intervalMs;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_prepared;
    bool m_ready = false; // set once the setup ended, well or not
    QString m_failure;
    std::atomic<bool> m_recording{false};
    std::atomic<bool> m_stopping{false};
    std::vector<qint64> m_roundTrips; // the thread's until stop()
};

} // namespace Palomar::Bench
