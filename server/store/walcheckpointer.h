#pragma once

#include "storeconfig.h"

#include <QString>

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace Palomar::Server {

class WriteGate;

// Checkpoints a SQLite database's write-ahead log on a thread of its own.
// Left to SQLite, the commit that takes the log past 1,000 pages copies it
// into the database and fsyncs both files itself, holding the write lock
// meanwhile: every other writer waits on the disk, with synchronous=NORMAL
// the only fsyncs there are. The Stores that write the file hand the job over
// (Store::handOverCheckpoints()); this thread runs a passive checkpoint,
// which never blocks them, shortly after writes, and the next writer then
// starts the log over from its beginning.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(const StoreConfig &config);
    ~WalCheckpointer(); // stops the thread after a last checkpoint

    // Opens its connection and starts watching the file's writes.
    bool start(QString *error);
    // Checkpoints that have run (for tests and logs).
    qint64 checkpoints() const;

private:
    void run(std::promise<QString> opened);
    void onWrite();

    StoreConfig m_config;
    std::shared_ptr<WriteGate> m_gate;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    quint64 m_writes = 0;
    quint64 m_checkpointedWrites = 0;
    qint64 m_checkpoints = 0;
    bool m_stopping = false;
};

} // namespace Palomar::Server
