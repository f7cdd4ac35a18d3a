#pragma once

#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Palomar::Server {

// One writer at a time per SQLite file in this process. The worker threads
// each have a connection to the same file, and SQLite lets one of them write
// at a time; left to SQLite, a thread that finds the write lock taken sleeps
// in the busy handler (1 ms, then up to 100 ms per retry), long after the
// writer has committed. Queued here instead, it starts the moment the writer
// is done, or, with tryLock(), it goes on serving its sockets and is told
// when the gate is free.
class WriteGate
{
public:
    // The gate of the file at `path`, shared by every Store of this process.
    static std::shared_ptr<WriteGate> forFile(const QString &path);

    // Waits up to `wait` for the gate; false when it timed out.
    bool lock(std::chrono::milliseconds wait);
    // Takes the gate if it is free. Otherwise `onFree` runs once, on the
    // releasing thread, after the gate is next unlocked (and, rarely, once
    // after a tryLock that won a race: it must tolerate a spurious call).
    // `owner` identifies the waiter for cancel().
    bool tryLock(const void *owner, std::function<void()> onFree);
    // Drops `owner`'s pending onFree; after it returns the call cannot start.
    void cancel(const void *owner);
    void unlock();
    // Runs `listener` (from any thread, under the gate's lock) after each
    // unlock(), that is after each write transaction; an empty one removes
    // it. For the WalCheckpointer.
    void setWriteListener(std::function<void()> listener);

private:
    struct Waiter
    {
        const void *owner;
        std::function<void()> onFree;
    };
    std::timed_mutex m_mutex;
    std::mutex m_waitersMutex;
    std::vector<Waiter> m_waiters;
    std::function<void()> m_writeListener;
};

} // namespace Palomar::Server
