#pragma once

#include "storeconfig.h"

#include <QString>

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace Palomar::Server {

// Checkpoints a SQLite database's write-ahead log on a thread of its own.
// Left to SQLite, the commit that takes the log past 1,000 pages copies it
// into the database and fsyncs both files itself, holding the write lock
// meanwhile: the writer waits on the disk, with synchronous=NORMAL the only
// fsyncs there are. The writer hands the job over
// (Store::handOverCheckpoints()) and calls noteWrite() after each
// transaction; this thread runs a passive checkpoint, which never blocks
// it, shortly after writes, and the next write then starts the log over
// from its beginning.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(const StoreConfig &config);
    ~WalCheckpointer(); // stops the thread after a last checkpoint

    // Opens its connection and starts its thread.
    bool start(QString *error);
    // A write transaction committed; returns its number. Thread-safe.
    quint64 noteWrite();
    // The number of the last write a completed checkpoint started after:
    // every write up to it has been offered to a checkpoint.
    quint64 checkpointedWrites() const;

private:
    void run(std::promise<QString> opened);

    StoreConfig m_config;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    quint64 m_writes = 0;
    quint64 m_checkpointedWrites = 0;
    bool m_stopping = false;
};

} // namespace Palomar::Server
