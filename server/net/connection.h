#pragma once

#include "core/context.h"
#include "protocol/request.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

class QTcpSocket;

namespace Palomar::Server {

class Dispatcher;
class PollRegistry;
struct ServerConfig;

// One client connection: owns its socket, cuts the byte stream into frames,
// queues requests and answers them in order through the Dispatcher (a parked
// long poll excepted), enforces the idle timeout and the per-connection
// request budget, and stops reading while its replies pile up unread. Lives
// on one worker thread and never blocks it. Knows no business rules.
class Connection : public QObject, public CallContext
{
    Q_OBJECT

public:
    // Takes over `socket`: connected, and for TLS already encrypted.
    Connection(QTcpSocket *socket, Dispatcher &dispatcher, PollRegistry &polls,
               const ServerConfig &config, QObject *parent = nullptr);
    ~Connection() override;

    // Server shutdown: answer what is in flight, then close.
    void shutdown();

    // CallContext
    SessionState &session() override { return m_session; }
    QString peerAddress() const override { return m_peerAddress; }
    QObject *lifetime() override { return this; }
    void complete(const HandlerResult &result) override;
    void park(const QJsonValue &id, qint64 after, int limit, int waitSeconds) override;

    Q_INVOKABLE void wakeUp();

signals:
    void closed(Palomar::Server::Connection *connection);

private:
    struct Pending
    {
        Protocol::Request request;
        std::optional<QJsonObject> answer; // already answered (bad envelope)
    };
    struct Parked
    {
        QJsonValue id;
        qint64 after = 0;
        int limit = 0;
        qint64 userId = 0;
    };

    void readFrames();
    void processQueue();
    void write(const QJsonObject &frame);
    void failFrame(const QString &why);
    void answerParked(bool final);
    void unpark();
    bool takeToken();
    void onIdleTimeout();
    void onDisconnected();
    bool backlogged() const;
    qint64 unsentBytes() const;

    QTcpSocket *m_socket = nullptr;
    Dispatcher &m_dispatcher;
    PollRegistry &m_polls;
    const ServerConfig &m_config;
    QString m_peerAddress;
    SessionState m_session;

    QByteArray m_buffer;
    QList<Pending> m_queue;
    std::optional<QJsonValue> m_inFlight; // id of the Deferred request
    std::optional<Parked> m_parked;
    QTimer m_parkTimer;
    QTimer m_idleTimer;
    bool m_closing = false;
    bool m_readPaused = false;
    bool m_gone = false;

    double m_tokens = 0;
    QElapsedTimer m_bucketClock;
};

} // namespace Palomar::Server
