#include "palomarclient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <cstring>

namespace Palomar::Bench {

namespace {

// Largest frame the bench accepts from a server (sync replies of 1,000
// events, file chunks).
constexpr quint32 kMaxFrame = 64 << 20;

QString describe(const QJsonObject &reply)
{
    return reply.value(QLatin1String("error")).toString() + QStringLiteral(": ") +
           reply.value(QLatin1String("message")).toString();
}

} // namespace

QByteArray jsonString(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out.append('"');
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (uchar(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uchar(c)));
            out.append(escaped);
        } else {
            out.append(c);
        }
    }
    out.append('"');
    return out;
}

PalomarClient::PalomarClient(NetLoop &loop, const sockaddr_in &server, const sockaddr_in *source)
    : Stream(loop), m_server(server)
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

void PalomarClient::request(const QByteArray &fields, ReplyHandler handler)
{
    const qint64 id = m_nextId++;
    m_scratch.clear();
    m_scratch.append("\0\0\0\0", 4);
    m_scratch.append("{\"id\":").append(QByteArray::number(id)).append(',');
    m_scratch.append(fields).append('}');
    const quint32 length = htonl(quint32(m_scratch.size() - 4));
    std::memcpy(m_scratch.data(), &length, 4);
    m_handlers.emplace(id, std::move(handler));
    write(m_scratch);
}

void PalomarClient::onData(const char *data, size_t size, size_t *consumed)
{
    size_t at = 0;
    while (size - at >= 4) {
        quint32 length = 0;
        std::memcpy(&length, data + at, 4);
        length = ntohl(length);
        if (length == 0 || length > kMaxFrame) {
            close();
            if (onFailure)
                onFailure(QStringLiteral("bad frame from the server"));
            return;
        }
        if (size - at - 4 < length)
            break;
        const QJsonObject reply =
            QJsonDocument::fromJson(QByteArray::fromRawData(data + at + 4, qsizetype(length)))
                .object();
        at += 4 + length;
        const auto found = m_handlers.find(reply.value(QLatin1String("id")).toInteger(-1));
        if (found == m_handlers.end())
            continue; // a reply we did not ask for: nothing waits on it
        const ReplyHandler handler = std::move(found->second);
        m_handlers.erase(found);
        if (handler)
            handler(reply);
        if (!isOpen())
            return;
    }
    *consumed = at;
}

void PalomarClient::onClosed(int error)
{
    if (onFailure)
        onFailure(QStringLiteral("connection closed by the server (%1)")
                      .arg(QString::fromUtf8(std::strerror(error))));
}

void PalomarClient::registerUser(const QByteArray &user, const QByteArray &password, Done done)
{
    request("\"op\":\"register\",\"user\":" + jsonString(user) +
                ",\"password\":" + jsonString(password),
            [done](const QJsonObject &reply) {
                const bool ok = reply.value(QLatin1String("ok")).toBool();
                done(ok, ok ? QString() : describe(reply));
            });
}

void PalomarClient::login(const QByteArray &user, const QByteArray &password, Done done)
{
    request("\"op\":\"login\",\"user\":" + jsonString(user) +
                ",\"password\":" + jsonString(password),
            [this, done](const QJsonObject &reply) {
                const bool ok = reply.value(QLatin1String("ok")).toBool();
                if (ok)
                    m_token = reply.value(QLatin1String("token")).toString().toUtf8();
                done(ok, ok ? QString() : describe(reply));
            });
}

void PalomarClient::resume(const QByteArray &token, Done done)
{
    m_token = token;
    request("\"op\":\"resume\",\"token\":" + jsonString(token), [done](const QJsonObject &reply) {
        const bool ok = reply.value(QLatin1String("ok")).toBool();
        done(ok, ok ? QString() : describe(reply));
    });
}

void PalomarClient::befriend(const QByteArray &user, Done done)
{
    request("\"op\":\"friend_request\",\"user\":" + jsonString(user),
            [done](const QJsonObject &reply) {
                const bool ok = reply.value(QLatin1String("ok")).toBool();
                done(ok, ok ? QString() : describe(reply));
            });
}

void PalomarClient::acceptFriend(const QByteArray &user, Done done)
{
    request("\"op\":\"friend_respond\",\"accept\":true,\"user\":" + jsonString(user),
            [done](const QJsonObject &reply) {
                const bool ok = reply.value(QLatin1String("ok")).toBool();
                done(ok, ok ? QString() : describe(reply));
            });
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
    request("\"op\":\"sync\",\"after\":" + QByteArray::number(m_cursor) +
                ",\"wait\":" + QByteArray::number(m_pollWait),
            [this](const QJsonObject &reply) {
                m_syncInFlight = false;
                handleSyncReply(reply);
                nextSync();
            });
}

void PalomarClient::handleSyncReply(const QJsonObject &reply)
{
    if (!reply.value(QLatin1String("ok")).toBool()) {
        if (onFailure && m_receiving) // a poll answered by our own logout is no failure
            onFailure(QStringLiteral("sync: ") + describe(reply));
        return;
    }
    const QJsonArray events = reply.value(QLatin1String("events")).toArray();
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        const qint64 seq = event.value(QLatin1String("seq")).toInteger();
        if (seq <= m_cursor)
            continue; // at-least-once: seen before
        m_cursor = seq;
        if (event.value(QLatin1String("kind")).toString() == QLatin1String("message")) {
            if (onMessage)
                onMessage(event.value(QLatin1String("text")).toString().toUtf8());
        } else if (onOtherEvent) {
            onOtherEvent(event);
        }
    }
    m_cursor = qMax(m_cursor, reply.value(QLatin1String("cursor")).toInteger());
}

void PalomarClient::send(const QByteArray &to, const QByteArray &text)
{
    ++m_sendsUnanswered;
    request("\"op\":\"send\",\"to\":" + jsonString(to) + ",\"text\":" + jsonString(text),
            [this](const QJsonObject &reply) {
                --m_sendsUnanswered;
                if (!reply.value(QLatin1String("ok")).toBool() && onFailure)
                    onFailure(QStringLiteral("send: ") + describe(reply));
                if (m_sendsUnanswered == 0) {
                    std::vector<Done> waiters;
                    waiters.swap(m_sentWaiters);
                    for (const Done &done : waiters)
                        done(true, QString());
                }
            });
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
            [this, done](const QJsonObject &reply) {
                const bool ok = reply.value(QLatin1String("ok")).toBool();
                handleSyncReply(reply);
                done(ok, ok ? QString() : describe(reply));
                nextSync();
            });
}

void PalomarClient::logout(Done done)
{
    m_receiving = false;
    request("\"op\":\"logout\"", [this, done](const QJsonObject &reply) {
        const bool ok = reply.value(QLatin1String("ok")).toBool();
        onFailure = nullptr;
        close();
        done(ok, ok ? QString() : describe(reply));
    });
}

void PalomarClient::hangUp()
{
    m_receiving = false;
    onFailure = nullptr;
    close();
    m_handlers.clear();
}

} // namespace Palomar::Bench
