#pragma once

#include "protocol/errors.h"
#include "protocol/request.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QObject;
class QThreadPool;

namespace Palomar::Server {

class Store;
class PollRegistry;
struct ServerConfig;

// Who a connection is logged in as. Empty (userId 0) until login/resume.
struct SessionState
{
    qint64 userId = 0;
    QString user;
    QByteArray tokenHash;
    qint64 lastTouch = 0;     // when this connection last refreshed last_active
    qint64 acknowledged = -1; // highest cursor this connection has acknowledged
    // Highest seq this connection has been sent: a cursor up to it needs no
    // check against the inbox's last seq.
    qint64 handedOut = 0;

    bool isBound() const { return userId != 0; }
    void clear() { *this = SessionState(); }
};

// What a handler answers for one request. Deferred: the handler finishes
// later through CallContext::complete() and later requests on the connection
// wait (replies keep their order). Parked: a long poll that later requests
// may overtake. AfterCommit (group-committed requests only): the rest of the
// request, run once its transaction has committed, outside the write lock,
// gives the result.
class HandlerResult
{
public:
    enum class Kind
    {
        Reply,
        Deferred,
        Parked,
        AfterCommit
    };

    static HandlerResult ok(QJsonObject fields = {});
    static HandlerResult error(Protocol::Error code, const QString &message,
                               const QJsonObject &extra = {});
    static HandlerResult deferred() { return HandlerResult(Kind::Deferred); }
    static HandlerResult parked() { return HandlerResult(Kind::Parked); }
    static HandlerResult afterCommit(std::function<HandlerResult()> rest);
    // AfterCommit: the result of the rest; any other kind: itself.
    HandlerResult finish() const;

    Kind kind() const { return m_kind; }
    bool isError() const { return m_error.has_value(); }
    // The reply frame for request `id` (Kind::Reply only).
    QJsonObject toFrame(const QJsonValue &id) const;

private:
    explicit HandlerResult(Kind kind) : m_kind(kind) {}

    Kind m_kind = Kind::Reply;
    QJsonObject m_fields;
    std::optional<Protocol::Error> m_error;
    QString m_message;
    std::function<HandlerResult()> m_rest;
};

// The per-thread services a handler may use; passed in, never global.
struct Services
{
    Store &store;
    PollRegistry &polls;
    const ServerConfig &config;
    QThreadPool &hashPool;

    // Wakes these users' parked long polls on this instance and, through the
    // store (PostgreSQL NOTIFY), on every other instance. Call after COMMIT.
    void wake(const QList<qint64> &userIds) const;
    void wake(qint64 userId) const { wake(QList<qint64>{userId}); }
};

// The connection a request came from, as handlers see it: no sockets.
class CallContext
{
public:
    virtual ~CallContext() = default;
    virtual SessionState &session() = 0;
    virtual QString peerAddress() const = 0;
    // Context object for work finished on other threads: when the connection
    // is gone, queued completions are dropped with it.
    virtual QObject *lifetime() = 0;
    // Finishes the Deferred request in flight.
    virtual void complete(const HandlerResult &result) = 0;
    // Parks a long poll: the connection answers it when woken or at the deadline.
    virtual void park(const QJsonValue &id, qint64 after, int limit, int waitSeconds) = 0;
};

} // namespace Palomar::Server
