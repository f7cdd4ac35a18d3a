#include "palomarclient.h"

#include "jsonscan.h"

#include <algorithm>
#include <cstring>

namespace Palomar::Bench {

namespace {

// How often a setup request answered `unavailable` is asked (PostgreSQL
// deadlocks between instances, retried by the server, can surface so).
constexpr int kSetupAttempts = 10;

// A reply handler that tells `done` whether the request succeeded.
PalomarClient::ReplyHandler reportTo(ChatClient::Done done)
{
    return [done = std::move(done)](const PalomarReply &reply) {
        done(reply.isOk(), reply.isOk() ? QString() : reply.describe());
    };
}

} // namespace

PalomarClient::PalomarClient(NetLoop &loop, const sockaddr_in &server, const sockaddr_in *source)
    : FramedStream(loop), m_server(server)
{
    if (source) {
        m_hasSource = true;
        m_source = *source;
    }
}

void PalomarClient::open()
{
    if (!connectTo(m_server, m_hasSource ? &m_source : nullptr) && onFailure)
        onFailure(QStringLiteral("connect: %1").arg(QString::fromUtf8(std::strerror(errno))));
}

void PalomarClient::beginRequest(ReplyHandler handler)
{
    const qint64 id = m_nextId++;
    m_handlers.emplace_back(id, std::move(handler));
    beginFrame();
    append("{\"id\":");
    appendNumber(id);
    append(',');
}

void PalomarClient::endRequest()
{
    append('}');
    endFrame();
}

void PalomarClient::request(const QByteArray &fields, ReplyHandler handler)
{
    beginRequest(std::move(handler));
    append(fields);
    endRequest();
}

void PalomarClient::onFrame(QByteArrayView frame)
{
    if (!m_reply.scan(frame)) {
        close();
        if (onFailure)
            onFailure(QStringLiteral("a reply that is not a JSON object: %1")
                          .arg(QString::fromUtf8(frame.first(qMin(frame.size(), qsizetype(200))))));
        return;
    }
    const qint64 id = m_reply.id();
    const auto found = std::find_if(m_handlers.begin(), m_handlers.end(),
                                    [id](const auto &entry) { return entry.first == id; });
    if (found == m_handlers.end())
        return; // a reply we did not ask for: nothing waits on it
    const ReplyHandler handler = std::move(found->second);
    m_handlers.erase(found);
    if (handler)
        handler(m_reply);
}

void PalomarClient::onBadFrame()
{
    if (onFailure)
        onFailure(QStringLiteral("bad frame from the server"));
}

void PalomarClient::onClosed(int error)
{
    if (onFailure)
        onFailure(QStringLiteral("connection closed by the server (%1)")
                      .arg(QString::fromUtf8(std::strerror(error))));
}

PalomarClient::~PalomarClient()
{
    *m_alive = false;
}

void PalomarClient::setupRequest(const QByteArray &fields, ReplyHandler handler, int attempt)
{
    request(fields, [this, fields, handler = std::move(handler), attempt,
                     alive = m_alive](const PalomarReply &reply) {
        if (reply.isOk() || attempt >= kSetupAttempts ||
            reply.value(QLatin1String("error")).toString() != QLatin1String("unavailable")) {
            handler(reply);
            return;
        }
        // The storage refused for now (e.g. a deadlock between two instances
        // retried too often): as a client would, ask again when told to.
        const int delayMs = qMax(1, reply.value(QLatin1String("retry_after")).toInt(1)) * 1000;
        loop().after(delayMs, [this, fields, handler, attempt, alive] {
            if (*alive && isOpen())
                setupRequest(fields, handler, attempt + 1);
        });
    });
}

void PalomarClient::registerUser(const QByteArray &user, const QByteArray &password, Done done)
{
    setupRequest("\"op\":\"register\",\"user\":" + jsonString(user) +
                     ",\"password\":" + jsonString(password),
                 reportTo(std::move(done)));
}

void PalomarClient::login(const QByteArray &user, const QByteArray &password, Done done)
{
    setupRequest("\"op\":\"login\",\"user\":" + jsonString(user) +
                     ",\"password\":" + jsonString(password),
                 [this, done](const PalomarReply &reply) {
                     const bool ok = reply.isOk();
                     if (ok)
                         m_token = reply.value(QLatin1String("token")).toString().toUtf8();
                     done(ok, ok ? QString() : reply.describe());
                 });
}

void PalomarClient::resume(const QByteArray &token, Done done)
{
    m_token = token;
    setupRequest("\"op\":\"resume\",\"token\":" + jsonString(token), reportTo(std::move(done)));
}

void PalomarClient::befriend(const QByteArray &user, Done done)
{
    setupRequest("\"op\":\"friend_request\",\"user\":" + jsonString(user),
                 reportTo(std::move(done)));
}

void PalomarClient::acceptFriend(const QByteArray &user, Done done)
{
    setupRequest("\"op\":\"friend_respond\",\"accept\":true,\"user\":" + jsonString(user),
                 reportTo(std::move(done)));
}

void PalomarClient::startReceiving()
{
    m_receiving = true;
    nextSync();
}

void PalomarClient::nextSync()
{
    if (m_syncInFlight || !m_receiving)
        return;
    m_syncInFlight = true;
    beginRequest([this](const PalomarReply &reply) {
        m_syncInFlight = false;
        handleSyncReply(reply);
        nextSync();
    });
    append("\"op\":\"sync\",\"after\":");
    appendNumber(m_cursor);
    append(",\"wait\":");
    appendNumber(m_pollWait);
    endRequest();
}

void PalomarClient::handleSyncReply(const PalomarReply &reply)
{
    if (!reply.isOk()) {
        if (onFailure && m_receiving) // a poll answered by our own logout is no failure
            onFailure(QStringLiteral("sync: ") + reply.describe());
        return;
    }
    const QByteArrayView events = reply.events();
    const char *at = events.data();
    const char *const end = at + events.size();
    const bool wellFormed =
        JsonScan::scanArray(at, end, [this](const char *&event, const char *eventsEnd) {
            if (!m_event.scan(event, eventsEnd))
                return false;
            if (m_event.seq() <= m_cursor)
                return true; // at-least-once: seen before
            m_cursor = m_event.seq();
            if (m_event.isMessage()) {
                if (onMessage)
                    onMessage(m_event.text());
            } else if (onOtherEvent) {
                onOtherEvent(m_event.object());
            }
            return true;
        });
    qint64 cursor = 0;
    if ((!wellFormed || !JsonScan::toInteger(reply.cursor(), &cursor)) && onFailure) {
        onFailure(QStringLiteral("sync: a reply without well-formed events and cursor"));
        return;
    }
    m_cursor = qMax(m_cursor, cursor);
}

void PalomarClient::send(const QByteArray &to, QByteArrayView text)
{
    ++m_sendsUnanswered;
    beginRequest([this](const PalomarReply &reply) {
        --m_sendsUnanswered;
        if (!reply.isOk() && onFailure)
            onFailure(QStringLiteral("send: ") + reply.describe());
        if (m_sendsUnanswered == 0) {
            std::vector<Done> waiters;
            waiters.swap(m_sentWaiters);
            for (const Done &done : waiters)
                done(true, QString());
        }
    });
    append("\"op\":\"send\",\"to\":");
    appendJsonString(to);
    append(",\"text\":");
    appendJsonString(text);
    endRequest();
}

void PalomarClient::confirmSent(Done done)
{
    if (m_sendsUnanswered == 0)
        done(true, QString());
    else
        m_sentWaiters.push_back(std::move(done));
}

void PalomarClient::acknowledgeReceived(Done done)
{
    // A sync with wait 0 acknowledges the cursor and is answered at once
    // (it also answers a parked long poll first).
    const qint64 target = m_cursor;
    request("\"op\":\"sync\",\"wait\":0,\"after\":" + QByteArray::number(target),
            [this, done](const PalomarReply &reply) {
                const bool ok = reply.isOk();
                handleSyncReply(reply);
                done(ok, ok ? QString() : reply.describe());
                nextSync();
            });
}

void PalomarClient::logout(Done done)
{
    m_receiving = false;
    request("\"op\":\"logout\"", [this, done](const PalomarReply &reply) {
        const bool ok = reply.isOk();
        onFailure = nullptr;
        close();
        done(ok, ok ? QString() : reply.describe());
    });
}

void PalomarClient::ping(Done done)
{
    request("\"op\":\"ping\"", reportTo(std::move(done)));
}

void PalomarClient::hangUp()
{
    m_receiving = false;
    onFailure = nullptr;
    close();
    m_handlers.clear();
}

} // namespace Palomar::Bench
