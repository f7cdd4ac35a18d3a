#include "trivialserver.h"

#include "palomarclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <limits>

namespace Palomar::Bench {

namespace {

QByteArray idJson(const QJsonValue &id)
{
    if (id.isString())
        return jsonString(id.toString().toUtf8());
    if (id.isDouble())
        return QByteArray::number(id.toInteger());
    return "null";
}

} // namespace

class TrivialConnection : public Stream
{
public:
    TrivialConnection(TrivialServer &server, int descriptor)
        : Stream(server.m_loop), m_server(server)
    {
        adopt(descriptor);
    }

    void reply(const QByteArray &id, const QByteArray &fields)
    {
        QByteArray frame("\0\0\0\0", 4);
        frame.append("{\"id\":").append(id).append(",\"ok\":true");
        if (!fields.isEmpty())
            frame.append(',').append(fields);
        frame.append('}');
        const quint32 length = htonl(quint32(frame.size() - 4));
        std::memcpy(frame.data(), &length, 4);
        write(frame);
    }

    // Answers a sync from `inbox`: events after `after`, or parks.
    void answerSync(TrivialServer::Inbox &inbox, const QByteArray &id, qint64 after, int wait)
    {
        while (!inbox.events.empty() && inbox.events.front().first <= after)
            inbox.events.pop_front(); // acknowledged
        if (inbox.parked && (inbox.parked != this || inbox.parkedId != id)) {
            TrivialConnection *other = inbox.parked;
            inbox.parked = nullptr;
            other->reply(inbox.parkedId, "\"events\":[],\"cursor\":" + QByteArray::number(after) +
                                             ",\"more\":false");
        }
        if (inbox.events.empty() && wait > 0) {
            inbox.parked = this;
            inbox.parkedId = id;
            m_parkedAfter = after;
            return;
        }
        QByteArray fields("\"events\":[");
        qint64 cursor = after;
        int count = 0;
        for (const auto &[seq, event] : inbox.events) {
            if (count == 1000)
                break;
            if (count++ > 0)
                fields.append(',');
            fields.append(event);
            cursor = seq;
        }
        fields.append("],\"cursor\":").append(QByteArray::number(cursor));
        fields.append(",\"more\":").append(count < int(inbox.events.size()) ? "true" : "false");
        reply(id, fields);
    }

    qint64 parkedAfter() const { return m_parkedAfter; }
    const QByteArray &user() const { return m_user; }

protected:
    void onData(const char *data, size_t size, size_t *consumed) override
    {
        size_t at = 0;
        while (size - at >= 4) {
            quint32 length = 0;
            std::memcpy(&length, data + at, 4);
            length = ntohl(length);
            if (size - at - 4 < length)
                break;
            handle(
                QJsonDocument::fromJson(QByteArray::fromRawData(data + at + 4, qsizetype(length)))
                    .object());
            at += 4 + length;
        }
        *consumed = at;
    }

    void onClosed(int) override { m_server.closed(this); }

private:
    void handle(const QJsonObject &request)
    {
        const QByteArray id = idJson(request.value(QLatin1String("id")));
        const QString op = request.value(QLatin1String("op")).toString();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (op == QLatin1String("send")) {
            const QByteArray to = request.value(QLatin1String("to")).toString().toUtf8();
            const qint64 msgId = m_server.m_nextMessageId++;
            TrivialServer::Inbox &inbox = m_server.inbox(to);
            const qint64 seq = ++inbox.lastSeq;
            inbox.events.emplace_back(
                seq, "{\"seq\":" + QByteArray::number(seq) + ",\"kind\":\"message\",\"msg_id\":" +
                         QByteArray::number(msgId) + ",\"from\":" + jsonString(m_user) +
                         ",\"to\":" + jsonString(to) + ",\"text\":" +
                         jsonString(request.value(QLatin1String("text")).toString().toUtf8()) +
                         ",\"ts\":" + QByteArray::number(now) + '}');
            reply(id,
                  "\"msg_id\":" + QByteArray::number(msgId) + ",\"ts\":" + QByteArray::number(now));
            if (TrivialConnection *parked = inbox.parked) {
                inbox.parked = nullptr;
                parked->answerSync(inbox, inbox.parkedId, parked->parkedAfter(), 0);
            }
        } else if (op == QLatin1String("sync")) {
            answerSync(m_server.inbox(m_user), id,
                       request.value(QLatin1String("after")).toInteger(),
                       request.value(QLatin1String("wait")).toInt());
        } else if (op == QLatin1String("login")) {
            m_user = request.value(QLatin1String("user")).toString().toUtf8();
            reply(id, "\"token\":" + jsonString('t' + m_user) + ",\"user\":" + jsonString(m_user));
        } else if (op == QLatin1String("resume")) {
            m_user = request.value(QLatin1String("token")).toString().toUtf8().mid(1);
            reply(id, "\"user\":" + jsonString(m_user));
        } else if (op == QLatin1String("ping")) {
            reply(id, "\"ts\":" + QByteArray::number(now));
        } else {
            reply(id, QByteArray()); // register, friend_*, logout, hello: ok
        }
    }

    TrivialServer &m_server;
    QByteArray m_user;
    qint64 m_parkedAfter = 0;
};

TrivialServer::TrivialServer(NetLoop &loop) : m_loop(loop) {}

TrivialServer::~TrivialServer() = default;

bool TrivialServer::listen(const QByteArray &host, quint16 port)
{
    m_listener = std::make_unique<Listener>(m_loop, [this](int descriptor) {
        m_connections.push_back(std::make_unique<TrivialConnection>(*this, descriptor));
    });
    return m_listener->listen(host, port);
}

quint16 TrivialServer::port() const
{
    return m_listener ? m_listener->port() : 0;
}

void TrivialServer::closed(TrivialConnection *connection)
{
    const auto found = m_inboxes.find(connection->user());
    if (found != m_inboxes.end() && found->parked == connection)
        found->parked = nullptr;
    // Deleted on the next turn: the stream is still on the call stack.
    m_loop.after(0, [this, connection] {
        for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
            if (it->get() == connection) {
                m_connections.erase(it);
                return;
            }
        }
    });
}

int serveTrivial(quint16 port)
{
    raiseOpenFileLimit();
    NetLoop loop;
    TrivialServer server(loop);
    if (!server.listen("127.0.0.1", port)) {
        std::fprintf(stderr, "palomar-bench: the trivial server cannot listen on port %u\n",
                     unsigned(port));
        return 1;
    }
    std::printf("palomar-bench trivial server listening on 127.0.0.1:%u\n",
                unsigned(server.port()));
    std::fflush(stdout);
    loop.runUntil([] { return false; }, std::numeric_limits<int>::max());
    return 0;
}

} // namespace Palomar::Bench
