#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <chrono>
#include <functional>
#include <netinet/in.h>
#include <vector>

namespace Palomar::Bench {

class NetLoop;

// Monotonic nanoseconds: the clock the bench stamps into message bodies.
qint64 monotonicNs();
// IPv4 address and port as a sockaddr (false when `host` is not dotted quad).
bool toAddress(const QByteArray &host, quint16 port, sockaddr_in *address);
// Raises RLIMIT_NOFILE to the hard limit; returns the new soft limit.
qint64 raiseOpenFileLimit();

// One non-blocking TCP stream on a NetLoop. The bench's clients, the trivial
// server's connections and the plain-TCP copy derive from it. Output is
// buffered and written once per loop turn, so a burst of requests to one
// socket costs one system call.
class Stream
{
public:
    explicit Stream(NetLoop &loop);
    virtual ~Stream();
    Stream(const Stream &) = delete;
    Stream &operator=(const Stream &) = delete;

    // Starts a non-blocking connect, from `source` when given (a loopback
    // address of its own, so that many connections do not run out of
    // ephemeral ports). False when no socket could be made.
    bool connectTo(const sockaddr_in &target, const sockaddr_in *source = nullptr);
    // Takes over an accepted descriptor.
    void adopt(int descriptor);
    void write(const char *data, size_t size);
    void write(const QByteArray &data) { write(data.constData(), size_t(data.size())); }
    void write(QByteArrayView data) { write(data.data(), size_t(data.size())); }
    // Closes at once, dropping unsent output; onClosed() is not called.
    void close();
    bool isOpen() const { return m_fd >= 0; }
    bool isConnected() const { return m_connected; }
    size_t pendingOutput() const { return m_out.size() - m_outStart; }
    // Stop or resume reading (back-pressure of the plain-TCP copy).
    void setReading(bool reading);
    NetLoop &loop() const { return m_loop; }

protected:
    virtual void onConnected() {}
    // New bytes are at the end of `buffer`; consume what forms whole units
    // by advancing `*consumed` (bytes before it are dropped afterwards).
    virtual void onData(const char *data, size_t size, size_t *consumed) = 0;
    // The peer closed or the connection failed (`error` is an errno or 0).
    virtual void onClosed(int error) { (void)error; }
    // All buffered output has been handed to the kernel.
    virtual void onDrained() {}
    // The output buffer's end (where the next write lands) and a way to
    // fill in bytes written earlier, e.g. a frame's length prefix.
    size_t outputEnd() const { return m_out.size(); }
    void overwrite(size_t at, const char *data, size_t size);

private:
    friend class NetLoop;
    void handleEvents(uint32_t events);
    void flush();
    void updateInterest();

    NetLoop &m_loop;
    int m_fd = -1;
    bool m_connected = false;
    bool m_reading = true;
    bool m_wantWrite = false;
    bool m_dirty = false;
    std::vector<char> m_in;
    size_t m_inSize = 0;
    std::vector<char> m_out;
    size_t m_outStart = 0;
    uint32_t m_interest = 0;
};

// A listening socket that hands each accepted descriptor to `accepted`.
class Listener
{
public:
    Listener(NetLoop &loop, std::function<void(int descriptor)> accepted);
    ~Listener();
    // Listens on `host`:`port` (0: any free port); false on failure.
    bool listen(const QByteArray &host, quint16 port);
    quint16 port() const { return m_port; }

private:
    friend class NetLoop;
    void acceptAll();

    NetLoop &m_loop;
    std::function<void(int)> m_accepted;
    int m_fd = -1;
    quint16 m_port = 0;
};

// A single-threaded epoll loop. Everything the bench does on the network
// runs on one of these, so the load generator needs no locks.
class NetLoop
{
public:
    NetLoop();
    ~NetLoop();
    NetLoop(const NetLoop &) = delete;
    NetLoop &operator=(const NetLoop &) = delete;

    // Runs until `done()` holds (checked after every turn) or `timeoutMs`
    // passes; returns done().
    bool runUntil(const std::function<bool()> &done, int timeoutMs);
    // Runs for `ms` milliseconds.
    void runFor(int ms);
    // Calls `tick` after every turn and at least every `intervalUs`
    // microseconds (the paced sender); an empty function removes it.
    void setTicker(std::function<void()> tick, int intervalUs);
    // Calls `callback` once, `delayMs` from now.
    void after(int delayMs, std::function<void()> callback);

private:
    friend class Stream;
    friend class Listener;
    void watch(int fd, void *owner, uint32_t events, bool added);
    void unwatch(int fd);
    void markDirty(Stream *stream);
    void forget(Stream *stream);
    void turn(int timeoutMs);

    int m_epoll = -1;
    std::vector<Stream *> m_dirty;
    std::function<void()> m_ticker;
    int m_tickerUs = 0;
    struct Timer
    {
        qint64 dueNs;
        std::function<void()> callback;
    };
    std::vector<Timer> m_timers;
    std::vector<char> m_readBuffer;
};

} // namespace Palomar::Bench
