#pragma once

#include "chatclient.h"
#include "framedstream.h"
#include "palomarreply.h"

#include <QJsonObject>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace Palomar::Bench {

// A lean Palomar protocol client for load generation: framing, request ids,
// pipelining, and the sync loop (long polls, events de-duplicated by seq and
// acknowledged by cursor) — PROTOCOL.md, without ClientSession's signals,
// outbox and reconnects, so that one bench thread drives thousands of users.
// Requests are written in place into the stream's buffer and replies are
// scanned, not parsed (bench/palomarreply.h): the bench must stay far faster
// than any server it loads.
class PalomarClient : public ChatClient, public FramedStream
{
public:
    using ReplyHandler = std::function<void(const PalomarReply &reply)>;

    PalomarClient(NetLoop &loop, const sockaddr_in &server, const sockaddr_in *source = nullptr);
    ~PalomarClient() override;

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
    void send(const QByteArray &to, QByteArrayView text) override;
    void confirmSent(Done done) override;
    void acknowledgeReceived(Done done) override;
    void logout(Done done) override;
    void hangUp() override;
    void ping(Done done) override;

    // Binds this new connection to an existing session (`token`).
    void resume(const QByteArray &token, Done done);
    // Long polls of `waitSeconds` (0: timer-style, each reply answered at once).
    void setPollWait(int waitSeconds) { m_pollWait = waitSeconds; }
    // Events of `kind` other than message are passed here when set.
    std::function<void(const QJsonObject &event)> onOtherEvent;

protected:
    void onFrame(QByteArrayView frame) override;
    void onBadFrame() override;
    void onClosed(int error) override;

private:
    // Starts a request frame `{"id":N,` and files `handler` under N; the
    // caller appends the fields and endRequest() closes the frame.
    void beginRequest(ReplyHandler handler);
    void endRequest();
    // A request of the setup (register, login, friends, resume): asked
    // again after `retry_after` when the server answers `unavailable`.
    void setupRequest(const QByteArray &fields, ReplyHandler handler, int attempt = 1);
    void nextSync();
    void handleSyncReply(const PalomarReply &reply);

    sockaddr_in m_server;
    bool m_hasSource = false;
    sockaddr_in m_source{};
    qint64 m_nextId = 1;
    // Requests not answered yet, oldest first (a handful each: a vector
    // beats a hash map here).
    std::vector<std::pair<qint64, ReplyHandler>> m_handlers;
    QByteArray m_token;
    PalomarReply m_reply;
    PalomarEvent m_event;
    bool m_receiving = false;
    bool m_syncInFlight = false;
    int m_pollWait = 60;
    qint64 m_cursor = 0;
    qint64 m_sendsUnanswered = 0;
    std::vector<Done> m_sentWaiters;
    // Retry timers check it: the loop may outlive this client.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace Palomar::Bench
