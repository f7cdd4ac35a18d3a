#pragma once

#include "netloop.h"

#include <QHash>

#include <deque>
#include <memory>
#include <vector>

namespace Palomar::Bench {

class TrivialConnection;

// A Palomar server that does nothing but answer: the same framing and the
// replies the bench's workloads expect, every request ok, sends queued in
// memory and handed to long polls, no storage, no checks, one thread. The
// bench run against it shows how much load the bench itself can generate
// (it must stay well above what palomar-server sustains).
class TrivialServer
{
public:
    explicit TrivialServer(NetLoop &loop);
    ~TrivialServer();
    bool listen(const QByteArray &host, quint16 port);
    quint16 port() const;

private:
    friend class TrivialConnection;
    struct Inbox
    {
        std::deque<std::pair<qint64, QByteArray>> events; // seq, JSON object
        qint64 lastSeq = 0;
        TrivialConnection *parked = nullptr;
        QByteArray parkedId;
    };
    Inbox &inbox(const QByteArray &user) { return m_inboxes[user]; }
    void closed(TrivialConnection *connection);

    NetLoop &m_loop;
    std::unique_ptr<Listener> m_listener;
    std::vector<std::unique_ptr<TrivialConnection>> m_connections;
    QHash<QByteArray, Inbox> m_inboxes;
    qint64 m_nextMessageId = 1;
};

// Runs a trivial server on 127.0.0.1:`port` until killed; prints the
// "listening on" line the bench waits for. Returns the exit code.
int serveTrivial(quint16 port);

} // namespace Palomar::Bench
