#pragma once

#include "netloop.h"

#include <QHash>

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace Palomar::Bench {

class TrivialConnection;

// A Palomar server that does nothing but answer: the same framing and the
// replies the bench's workloads expect, every request ok, sends queued in
// memory and handed to long polls, no storage, no checks, one thread. Like
// palomar-server it wakes the long polls a turn's sends reached once the turn
// is read (its group commit), and an acknowledging sync queues a delivery
// receipt for each message's sender. The bench run against it shows how much
// load the bench itself can generate (it must stay well above what
// palomar-server sustains), so it is as lean as the bench's client: requests
// are scanned, not parsed, and replies written in place.
class TrivialServer
{
public:
    explicit TrivialServer(NetLoop &loop);
    ~TrivialServer();
    bool listen(const QByteArray &host, quint16 port);
    quint16 port() const;

private:
    friend class TrivialConnection;
    struct Inbox;
    struct Event
    {
        qint64 seq = 0;
        qint64 messageId = 0; // 0: not a message (no receipt when acknowledged)
        Inbox *sender = nullptr;
        size_t begin = 0; // the event's JSON in Inbox::text
        size_t end = 0;
    };
    struct Inbox
    {
        QByteArray nameJson; // the user's name as a JSON string
        std::deque<Event> events;
        std::string text; // the JSON of `events`, back to back
        qint64 lastSeq = 0;
        TrivialConnection *parked = nullptr;
        QByteArray parkedId;
        qint64 parkedAfter = 0;
        bool wakeQueued = false;
    };
    Inbox &inbox(QByteArrayView user);
    // Adds an event, its JSON written by `write(text, seq)`, and queues a
    // wake-up of the inbox's parked poll for the end of the turn.
    template<typename Write>
    void addEvent(Inbox &inbox, qint64 messageId, Inbox *sender, Write &&write);
    // Drops the events up to `after`, queuing a receipt for each message.
    void acknowledge(Inbox &inbox, QByteArrayView by, qint64 after);
    void wakeParked();
    void closed(TrivialConnection *connection);

    NetLoop &m_loop;
    std::unique_ptr<Listener> m_listener;
    std::vector<std::unique_ptr<TrivialConnection>> m_connections;
    std::deque<Inbox> m_inboxStorage; // stable addresses
    QHash<QByteArray, Inbox *> m_inboxes;
    std::vector<Inbox *> m_toWake;
    qint64 m_nextMessageId = 1;
};

// Runs a trivial server on 127.0.0.1:`port` until killed; prints the
// "listening on" line the bench waits for. Returns the exit code.
int serveTrivial(quint16 port);

} // namespace Palomar::Bench
