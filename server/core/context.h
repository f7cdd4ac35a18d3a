#pragma once

#include "protocol/errors.h"
#include "protocol/request.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace Palomar::Server {

class Directory;
class PollRegistry;
class Store;
class StoreContext;
class StoreExecutor;
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

// A long poll to park: the connection answers it when woken or at the
// deadline. `version` is the user's PollRegistry version the handler saw
// before it looked: a wake-up since then means "look again" instead.
struct ParkedPoll
{
    QJsonValue id;
    qint64 after = 0;
    int limit = 0;
    int waitSeconds = 0;
    quint64 version = 0;
};

// What a handler answers for one request. Deferred: the handler finishes
// later (password hashing) and later requests on the connection wait
// (replies keep their order). Parked: a long poll that later requests may
// overtake. AfterCommit (writes only): the rest of the request, run once its
// transaction has committed, gives the result.
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
    // Success with result fields already encoded: their JSON text without
    // braces ("events":[…],"cursor":5), spliced into the reply as it is.
    static HandlerResult encoded(QByteArray fields);
    static HandlerResult error(Protocol::Error code, const QString &message,
                               const QJsonObject &extra = {});
    static HandlerResult internal();
    static HandlerResult unavailable(int retryAfter);
    static HandlerResult deferred() { return HandlerResult(Kind::Deferred); }
    static HandlerResult parked(ParkedPoll poll);
    static HandlerResult afterCommit(std::function<HandlerResult()> rest);
    // AfterCommit: the result of the rest; any other kind: itself.
    HandlerResult finish() const;

    Kind kind() const { return m_kind; }
    bool isError() const { return m_error.has_value(); }
    std::optional<Protocol::Error> errorCode() const { return m_error; }
    const QJsonObject &fields() const { return m_fields; }
    const ParkedPoll &poll() const { return m_poll; }
    // The reply frame for request `id` (Kind::Reply only), as an object and
    // as the JSON text a connection sends.
    QJsonObject toFrame(const QJsonValue &id) const;
    QByteArray encode(const QJsonValue &id) const;

private:
    explicit HandlerResult(Kind kind) : m_kind(kind) {}

    Kind m_kind = Kind::Reply;
    QJsonObject m_fields;
    QByteArray m_encoded; // encoded(): the fields' JSON text
    bool m_isEncoded = false;
    std::optional<Protocol::Error> m_error;
    QString m_message;
    std::function<HandlerResult()> m_rest;
    ParkedPoll m_poll;
};

// The connection a request came from, as handlers see it on a store thread:
// a copy of its session (handed back with the result), its address, where
// the result goes, and no sockets (StoreCall).
class CallContext
{
public:
    virtual ~CallContext() = default;
    virtual SessionState &session() = 0;
    virtual QString peerAddress() const = 0;
    // Keeps the context for the rest of the request (after hashing).
    virtual std::shared_ptr<CallContext> share() = 0;
    // A batch rolled back: the session as it was when the request arrived.
    virtual void restoreSession() = 0;
    // Hands `result` to the connection, after the batch (through `context`)
    // or at once (from any thread).
    virtual void deliver(StoreContext &context, const HandlerResult &result) = 0;
    virtual void deliverNow(const HandlerResult &result) = 0;
};

// The services a handler uses on its store thread; passed in, never global.
struct Services
{
    Store &store;         // this thread's connection
    Directory &directory; // the caches shared by the store threads
    PollRegistry &polls;  // parked long polls, on every network thread
    const ServerConfig &config;
    QThreadPool &hashPool;   // password hashing
    StoreExecutor &executor; // for the rest of a request after hashing
    qint64 instanceId;       // this server process, for the sessions it binds

    // Wakes these users' parked long polls (after the commit), here and on
    // every other instance, though no event was added for them.
    void wake(const QList<qint64> &userIds) const;
    void wake(qint64 userId) const { wake(QList<qint64>{userId}); }
};

} // namespace Palomar::Server
