#pragma once

#include "chatclient.h"
#include "netloop.h"

#include <QJsonObject>

#include <functional>
#include <unordered_map>

namespace Palomar::Bench {

// A lean Palomar protocol client for load generation: framing, request ids,
// pipelining, and the sync loop (long polls, events de-duplicated by seq and
// acknowledged by cursor) — PROTOCOL.md, without ClientSession's signals,
// outbox and reconnects, so that one bench thread drives thousands of users.
class PalomarClient : public ChatClient, public Stream
{
public:
    using ReplyHandler = std::function<void(const QJsonObject &reply)>;

    PalomarClient(NetLoop &loop, const sockaddr_in &server, const sockaddr_in *source = nullptr);

    // Sends `{"id": N, <fields>}`; `fields` is JSON object members without
    // braces, e.g. `"op":"ping"`. `handler` gets the reply.
    void request(const QByteArray &fields, ReplyHandler handler);
    // Reply handlers that have not run yet.
    size_t outstanding() const { return m_handlers.size(); }
    const QByteArray &token() const { return m_token; }

    // ChatClient
    void open() override;
    bool isReady() const override { return isConnected(); }
    void registerUser(const QByteArray &user, const QByteArray &password, Done done) override;
    void login(const QByteArray &user, const QByteArray &password, Done done) override;
    void befriend(const QByteArray &user, Done done) override;
    void acceptFriend(const QByteArray &user, Done done) override;
    void startReceiving() override;
    void send(const QByteArray &to, const QByteArray &text) override;
    void confirmSent(Done done) override;
    void acknowledgeReceived(Done done) override;
    void logout(Done done) override;
    void hangUp() override;

    // Binds this new connection to an existing session (`token`).
    void resume(const QByteArray &token, Done done);
    // Long polls of `waitSeconds` (0: timer-style, each reply answered at once).
    void setPollWait(int waitSeconds) { m_pollWait = waitSeconds; }
    // Events of `kind` other than message are passed here when set.
    std::function<void(const QJsonObject &event)> onOtherEvent;

protected:
    void onData(const char *data, size_t size, size_t *consumed) override;
    void onClosed(int error) override;

private:
    void nextSync();
    void handleSyncReply(const QJsonObject &reply);

    sockaddr_in m_server;
    bool m_hasSource = false;
    sockaddr_in m_source{};
    qint64 m_nextId = 1;
    std::unordered_map<qint64, ReplyHandler> m_handlers;
    QByteArray m_token;
    QByteArray m_scratch;
    bool m_receiving = false;
    bool m_syncInFlight = false;
    int m_pollWait = 60;
    qint64 m_cursor = 0;
    qint64 m_sendsUnanswered = 0;
    std::vector<Done> m_sentWaiters;
};

// JSON string escaping for the few values the bench writes by hand.
QByteArray jsonString(const QByteArray &text);

} // namespace Palomar::Bench
