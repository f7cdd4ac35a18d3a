#pragma once

#include "core/context.h"
#include "core/pollregistry.h"
#include "core/storecall.h"
#include "protocol/request.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

class QTcpSocket;

namespace Palomar::Server {

class Dispatcher;
class PollRegistry;
struct ServerConfig;

// One client connection: owns its socket, cuts the byte stream into frames,
// queues requests and answers them in order through the Dispatcher (a parked
// long poll excepted), enforces the idle timeout and the per-connection
// request budget, and stops reading while its replies pile up unread. The
// store answers its requests later (complete()); meanwhile it goes on
// reading, and a parked long poll is answered from the events that wake it
// when they follow its cursor. Lives on one worker thread and never blocks
// it. Knows no business rules.
class Connection : public QObject
{
    Q_OBJECT

public:
    // Takes over `socket`: connected, and for TLS already encrypted.
    Connection(quint64 id, QTcpSocket *socket, Dispatcher &dispatcher, PollRegistry &polls,
               PollSink &pollSink, const ServerConfig &config, QObject *parent = nullptr);
    ~Connection() override;

    quint64 id() const { return m_id; }
    // Server shutdown: answer what is in flight, then close.
    void shutdown();
    // Closes at once, answering nothing more (an operator banned or kicked
    // its user); `why` is for the log.
    void drop(const QString &why);
    // The store's answer to the request in flight (or to a parked poll's look).
    void complete(const Completion &completion);

    // Its parked poll was woken by these events (empty: look at the inbox).
    void woken(const QList<CommittedEvent> &events);

signals:
    void closed(Palomar::Server::Connection *connection);
    // The user of its session changed (0: none): a login or resume bound one,
    // a logout, takeover or unregister ended it; emitted before the reply
    // that says so is sent.
    void boundUserChanged(Palomar::Server::Connection *connection, qint64 userId);

private:
    struct Pending
    {
        Protocol::Request request;
        std::optional<QJsonObject> answer;              // already answered (bad envelope)
        std::chrono::steady_clock::time_point received; // its frame read (metrics)
    };
    struct Parked
    {
        ParkedPoll poll;
        qint64 userId = 0;
        bool looking = false; // a look at the inbox is with the store
    };

    void readFrames();
    void processQueue();
    void write(const QJsonObject &frame);
    void writeEncoded(const QByteArray &json);
    void flushWrites();
    void failFrame(const QString &why);
    // Metrics: a request of `op` (Metrics::opIndex()) read at `received` is answered.
    static void count(int op, std::optional<Protocol::Error> error,
                      std::chrono::steady_clock::time_point received);
    void park(const ParkedPoll &poll);
    // Answers the parked poll with `events` (empty: nothing yet) and unparks.
    void answerParked(const QByteArray &events, qint64 cursor, bool more);
    void look();
    void unpark();
    bool takeToken();
    void onIdleTimeout();
    void onDisconnected();
    // Emits boundUserChanged() when m_session's user changed.
    void noteSession();
    bool backlogged() const;
    qint64 unsentBytes() const;

    quint64 m_id;
    QTcpSocket *m_socket = nullptr;
    Dispatcher &m_dispatcher;
    PollRegistry &m_polls;
    PollSink &m_pollSink;
    const ServerConfig &m_config;
    QString m_peerAddress;
    SessionState m_session;
    qint64 m_boundUserId = 0; // as last announced

    QByteArray m_buffer;
    QList<Pending> m_queue;
    std::optional<QJsonValue> m_inFlight; // id of the Deferred request
    int m_inFlightOp = 0;                 // its Metrics::opIndex()
    std::chrono::steady_clock::time_point m_inFlightReceived;
    std::optional<Parked> m_parked;
    QTimer m_parkTimer;
    QTimer m_idleTimer;
    bool m_closing = false;
    bool m_readPaused = false;
    bool m_processing = false; // in processQueue(), which flushing re-enters
    bool m_gone = false;
    bool m_unflushed = false; // written since the last flush

    double m_tokens = 0;
    QElapsedTimer m_bucketClock;
};

} // namespace Palomar::Server
