#include "netloop.h"

#include <QDeadlineTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Palomar::Bench {

namespace {

constexpr size_t kReadChunk = 256 * 1024;
constexpr int kMaxEvents = 512;
// Listeners are told apart from streams by the low bit of the epoll cookie.
constexpr uintptr_t kListenerTag = 1;

// The events of the turn being handled, so that a stream deleted by an
// earlier event's handler is not called afterwards.
thread_local epoll_event *tCurrentEvents = nullptr;
thread_local int tCurrentCount = 0;

void setNoDelay(int fd)
{
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

} // namespace

qint64 monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

bool toAddress(const QByteArray &host, quint16 port, sockaddr_in *address)
{
    *address = sockaddr_in{};
    address->sin_family = AF_INET;
    address->sin_port = htons(port);
    return inet_pton(AF_INET, host.constData(), &address->sin_addr) == 1;
}

qint64 raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    return qint64(limit.rlim_cur);
}

// ---- Stream

Stream::Stream(NetLoop &loop) : m_loop(loop) {}

Stream::~Stream()
{
    close();
}

bool Stream::connectTo(const sockaddr_in &target, const sockaddr_in *source)
{
    close();
    m_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (m_fd < 0)
        return false;
    setNoDelay(m_fd);
    if (source) {
        // The kernel picks the port at connect() time, per destination, so
        // each source address has the whole ephemeral range to itself.
        const int one = 1;
        setsockopt(m_fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        if (bind(m_fd, reinterpret_cast<const sockaddr *>(source), sizeof *source) != 0) {
            ::close(m_fd);
            m_fd = -1;
            return false;
        }
    }
    const int result = ::connect(m_fd, reinterpret_cast<const sockaddr *>(&target), sizeof target);
    if (result != 0 && errno != EINPROGRESS) {
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_connected = false;
    m_wantWrite = true; // writable = connected
    m_interest = 0;
    updateInterest();
    return true;
}

void Stream::adopt(int descriptor)
{
    close();
    m_fd = descriptor;
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    setNoDelay(m_fd);
    m_connected = true;
    m_interest = 0;
    updateInterest();
}

void Stream::write(const char *data, size_t size)
{
    if (m_fd < 0)
        return;
    if (m_outStart > 0 && m_outStart == m_out.size()) {
        m_out.clear();
        m_outStart = 0;
    }
    m_out.insert(m_out.end(), data, data + size);
    if (m_connected && !m_dirty) {
        m_dirty = true;
        m_loop.markDirty(this);
    }
}

void Stream::overwrite(size_t at, const char *data, size_t size)
{
    if (at + size <= m_out.size())
        std::memcpy(m_out.data() + at, data, size);
}

void Stream::close()
{
    if (m_fd < 0)
        return;
    m_loop.forget(this);
    ::close(m_fd); // also leaves the epoll set
    m_fd = -1;
    m_connected = false;
    m_out.clear();
    m_outStart = 0;
    m_inSize = 0;
}

void Stream::setReading(bool reading)
{
    if (m_reading == reading)
        return;
    m_reading = reading;
    updateInterest();
}

void Stream::updateInterest()
{
    if (m_fd < 0)
        return;
    const uint32_t wanted = (m_reading ? EPOLLIN : 0u) | (m_wantWrite ? EPOLLOUT : 0u) | EPOLLRDHUP;
    if (wanted == m_interest)
        return;
    m_loop.watch(m_fd, this, wanted, m_interest != 0);
    m_interest = wanted;
}

void Stream::flush()
{
    m_dirty = false;
    while (m_fd >= 0 && m_outStart < m_out.size()) {
        const ssize_t written =
            ::send(m_fd, m_out.data() + m_outStart, m_out.size() - m_outStart, MSG_NOSIGNAL);
        if (written > 0) {
            m_outStart += size_t(written);
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_wantWrite = true;
            updateInterest();
            return;
        }
        const int error = errno;
        close();
        onClosed(error);
        return;
    }
    if (m_fd < 0)
        return;
    m_out.clear();
    m_outStart = 0;
    if (m_wantWrite) {
        m_wantWrite = false;
        updateInterest();
    }
    onDrained();
}

void Stream::handleEvents(uint32_t events)
{
    if (!m_connected && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0 || (events & EPOLLERR)) {
            close();
            onClosed(error ? error : ECONNREFUSED);
            return;
        }
        m_connected = true;
        m_wantWrite = false;
        updateInterest();
        onConnected();
        if (m_fd < 0)
            return;
        if (!m_out.empty())
            flush();
    } else if (events & EPOLLOUT) {
        flush();
    }
    if (m_fd < 0 || !(events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP | EPOLLERR)) || !m_reading)
        return;
    // Reads go to the loop's one buffer; a stream keeps bytes of its own only
    // while a unit is incomplete, so ten thousand idle streams cost nothing.
    std::vector<char> &scratch = m_loop.m_readBuffer;
    for (;;) {
        const ssize_t got = ::recv(m_fd, scratch.data(), scratch.size(), 0);
        if (got > 0) {
            const char *data = scratch.data();
            size_t size = size_t(got);
            if (m_inSize > 0) {
                if (m_in.size() < m_inSize + size)
                    m_in.resize(std::max(m_inSize + size, m_in.size() * 2));
                std::memcpy(m_in.data() + m_inSize, data, size);
                m_inSize += size;
                data = m_in.data();
                size = m_inSize;
            }
            size_t consumed = 0;
            onData(data, size, &consumed);
            if (m_fd < 0)
                return;
            const size_t left = size - consumed;
            if (left > 0 && data == m_in.data()) {
                std::memmove(m_in.data(), m_in.data() + consumed, left);
            } else if (left > 0) {
                if (m_in.size() < left)
                    m_in.resize(left);
                std::memcpy(m_in.data(), data + consumed, left);
            }
            m_inSize = left;
            if (m_inSize == 0 && m_in.capacity() > 64 * 1024)
                std::vector<char>().swap(m_in); // a large frame passed: give it back
            if (size_t(got) < scratch.size() || !m_reading)
                return;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        const int error = got == 0 ? 0 : errno;
        close();
        onClosed(error);
        return;
    }
}

// ---- Listener

Listener::Listener(NetLoop &loop, std::function<void(int)> accepted)
    : m_loop(loop), m_accepted(std::move(accepted))
{}

Listener::~Listener()
{
    if (m_fd >= 0) {
        m_loop.unwatch(m_fd);
        ::close(m_fd);
    }
}

bool Listener::listen(const QByteArray &host, quint16 port)
{
    sockaddr_in address{};
    if (!toAddress(host, port, &address))
        return false;
    m_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (m_fd < 0)
        return false;
    const int one = 1;
    setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(m_fd, 4096) != 0)
        return false;
    socklen_t length = sizeof address;
    getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
    m_port = ntohs(address.sin_port);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = reinterpret_cast<uintptr_t>(this) | kListenerTag;
    epoll_ctl(m_loop.m_epoll, EPOLL_CTL_ADD, m_fd, &event);
    return true;
}

void Listener::acceptAll()
{
    for (;;) {
        const int fd = accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        m_accepted(fd);
    }
}

// ---- NetLoop

NetLoop::NetLoop() : m_epoll(epoll_create1(EPOLL_CLOEXEC)), m_readBuffer(kReadChunk) {}

NetLoop::~NetLoop()
{
    ::close(m_epoll);
}

void NetLoop::watch(int fd, void *owner, uint32_t events, bool added)
{
    epoll_event event{};
    event.events = events;
    event.data.u64 = reinterpret_cast<uintptr_t>(owner);
    epoll_ctl(m_epoll, added ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
}

void NetLoop::unwatch(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void NetLoop::markDirty(Stream *stream)
{
    m_dirty.push_back(stream);
}

void NetLoop::forget(Stream *stream)
{
    if (stream->m_dirty) {
        stream->m_dirty = false;
        m_dirty.erase(std::remove(m_dirty.begin(), m_dirty.end(), stream), m_dirty.end());
    }
    for (int i = 0; i < tCurrentCount; ++i) {
        if (tCurrentEvents[i].data.u64 == reinterpret_cast<uintptr_t>(stream))
            tCurrentEvents[i].data.u64 = 0;
    }
}

void NetLoop::setTicker(std::function<void()> tick, int intervalUs)
{
    m_ticker = std::move(tick);
    m_tickerUs = intervalUs;
}

void NetLoop::after(int delayMs, std::function<void()> callback)
{
    m_timers.push_back({monotonicNs() + qint64(delayMs) * 1000000, std::move(callback)});
}

void NetLoop::turn(int timeoutMs)
{
    epoll_event events[kMaxEvents];
    // Output queued by the previous turn's handlers (and the ticker) first.
    while (!m_dirty.empty()) {
        std::vector<Stream *> dirty;
        dirty.swap(m_dirty);
        for (Stream *stream : dirty) {
            if (stream->m_dirty)
                stream->flush();
        }
    }
    int wait = timeoutMs;
    if (m_ticker)
        wait = std::min(wait, std::max(1, m_tickerUs / 1000)); // 1 ms: no spinning
    if (!m_timers.empty()) {
        qint64 first = m_timers.front().dueNs;
        for (const Timer &timer : m_timers)
            first = std::min(first, timer.dueNs);
        wait = std::min(wait, int(std::max<qint64>(0, (first - monotonicNs()) / 1000000 + 1)));
    }
    const int count = epoll_wait(m_epoll, events, kMaxEvents, wait);
    tCurrentEvents = events;
    tCurrentCount = std::max(count, 0);
    for (int i = 0; i < count; ++i) {
        const uintptr_t cookie = events[i].data.u64;
        if (cookie == 0)
            continue;
        if (cookie & kListenerTag)
            reinterpret_cast<Listener *>(cookie & ~kListenerTag)->acceptAll();
        else
            reinterpret_cast<Stream *>(cookie)->handleEvents(events[i].events);
    }
    tCurrentEvents = nullptr;
    tCurrentCount = 0;
    if (!m_timers.empty()) {
        const qint64 now = monotonicNs();
        std::vector<Timer> due;
        for (auto it = m_timers.begin(); it != m_timers.end();) {
            if (it->dueNs <= now) {
                due.push_back(std::move(*it));
                it = m_timers.erase(it);
            } else {
                ++it;
            }
        }
        for (Timer &timer : due)
            timer.callback();
    }
    if (m_ticker)
        m_ticker();
}

bool NetLoop::runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        turn(int(std::min<qint64>(deadline.remainingTime(), 50)));
    }
    // Hand what the last handlers queued to the kernel.
    turn(0);
    return true;
}

void NetLoop::runFor(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        turn(int(std::min<qint64>(deadline.remainingTime(), 50)));
}

} // namespace Palomar::Bench
