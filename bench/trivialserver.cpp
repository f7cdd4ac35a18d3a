#include "trivialserver.h"

#include "framedstream.h"
#include "jsonscan.h"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <limits>

namespace Palomar::Bench {

namespace {

// Most events a sync reply carries, as palomar-server.
constexpr int kMaxEventsPerReply = 1000;

qint64 nowMs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

void appendNumber(std::string &out, qint64 number)
{
    char digits[24];
    out.append(digits, size_t(formatNumber(number, digits)));
}

void append(std::string &out, QByteArrayView bytes)
{
    out.append(bytes.data(), size_t(bytes.size()));
}

// The members of a request the trivial server reads, as raw JSON.
struct Request
{
    QByteArrayView id = "null";
    QByteArrayView op;
    QByteArrayView to;
    QByteArrayView text;
    QByteArrayView user;
    QByteArrayView token;
    qint64 after = 0;
    qint64 wait = 0;

    bool scan(QByteArrayView frame)
    {
        static constexpr std::pair<QByteArrayView, QByteArrayView Request::*> kRaw[] = {
            {"id", &Request::id},     {"op", &Request::op},     {"to", &Request::to},
            {"text", &Request::text}, {"user", &Request::user}, {"token", &Request::token}};
        static constexpr std::pair<QByteArrayView, qint64 Request::*> kNumbers[] = {
            {"after", &Request::after}, {"wait", &Request::wait}};
        bool numbersOk = true;
        const bool ok =
            JsonScan::forEachMember(frame, [&](QByteArrayView key, QByteArrayView value) {
                for (const auto &[name, member] : kRaw) {
                    if (key == name)
                        this->*member = value;
                }
                for (const auto &[name, member] : kNumbers) {
                    if (key == name)
                        numbersOk = JsonScan::toInteger(value, &(this->*member)) && numbersOk;
                }
            });
        return ok && numbersOk && (text.isEmpty() || text.front() == '"');
    }
};

// A JSON string value's contents (the names the bench uses have no escapes;
// one that has is taken as it is written, which is still one name per user).
QByteArrayView stringContents(QByteArrayView value)
{
    return value.size() >= 2 && value.front() == '"' ? value.sliced(1, value.size() - 2) : value;
}

} // namespace

class TrivialConnection : public FramedStream
{
public:
    TrivialConnection(TrivialServer &server, int descriptor)
        : FramedStream(server.m_loop), m_server(server)
    {
        adopt(descriptor);
    }

    // Answers a sync on `inbox`: the events after the acknowledged ones, or
    // parks (`wait` > 0 and nothing to send).
    void answerSync(TrivialServer::Inbox &inbox, QByteArrayView id, qint64 after, qint64 wait)
    {
        if (inbox.parked && (inbox.parked != this || inbox.parkedId != id)) {
            // A newer poll answers the parked one, empty (palomar-server too).
            TrivialConnection *other = inbox.parked;
            inbox.parked = nullptr;
            other->replySync(inbox, inbox.parkedId, after, 0);
        }
        if (inbox.events.empty() && wait > 0) {
            inbox.parked = this;
            inbox.parkedId = id.toByteArray();
            inbox.parkedAfter = after;
            return;
        }
        replySync(inbox, id, after, kMaxEventsPerReply);
    }

    TrivialServer::Inbox *inbox() const { return m_inbox; }

protected:
    void onFrame(QByteArrayView frame) override
    {
        Request request;
        if (!request.scan(frame)) {
            beginFrame();
            append("{\"error\":\"bad_request\",\"id\":null,\"ok\":false}");
            endFrame();
            return;
        }
        handle(request);
    }

    void onClosed(int) override { m_server.closed(this); }

private:
    void replySync(TrivialServer::Inbox &inbox, QByteArrayView id, qint64 after, int most)
    {
        beginFrame();
        qint64 cursor = after;
        int count = 0;
        size_t from = 0;
        size_t to = 0;
        for (const TrivialServer::Event &event : inbox.events) {
            if (count == most)
                break;
            if (count++ == 0)
                from = event.begin;
            to = event.end;
            cursor = event.seq;
        }
        append("{\"cursor\":");
        appendNumber(cursor);
        append(",\"events\":[");
        // Events are stored back to back with a comma after each.
        if (count > 0)
            append(QByteArrayView(inbox.text.data() + from, qsizetype(to - from)));
        append("],\"id\":");
        append(id);
        append(count < int(inbox.events.size()) ? ",\"more\":true,\"ok\":true}"
                                                : ",\"more\":false,\"ok\":true}");
        endFrame();
    }

    void handle(const Request &request)
    {
        const QByteArrayView op = request.op;
        if (op == QByteArrayView("\"send\"")) {
            send(request);
        } else if (op == QByteArrayView("\"sync\"")) {
            if (!m_inbox)
                return replyOk(request.id, "\"error\":\"auth_required\"", false);
            m_server.acknowledge(*m_inbox, m_user, request.after);
            answerSync(*m_inbox, request.id, request.after, request.wait);
        } else if (op == QByteArrayView("\"login\"")) {
            logIn(stringContents(request.user));
            beginFrame();
            append("{\"id\":");
            append(request.id);
            append(",\"ok\":true,\"token\":\"t");
            append(m_user);
            append("\",\"user\":");
            append(m_inbox->nameJson);
            append('}');
            endFrame();
        } else if (op == QByteArrayView("\"resume\"")) {
            const QByteArrayView token = stringContents(request.token); // "t<user>"
            logIn(token.isEmpty() ? token : token.sliced(1));
            replyOk(request.id, QByteArray("\"user\":" + m_inbox->nameJson));
        } else if (op == QByteArrayView("\"ping\"")) {
            replyOk(request.id, QByteArray("\"ts\":" + QByteArray::number(nowMs())));
        } else {
            replyOk(request.id, {}); // register, friend_*, logout, hello: ok
        }
    }

    void logIn(QByteArrayView user)
    {
        m_user = user.toByteArray();
        m_inbox = &m_server.inbox(user);
    }

    void send(const Request &request)
    {
        if (!m_inbox)
            return replyOk(request.id, "\"error\":\"auth_required\"", false);
        const qint64 messageId = m_server.m_nextMessageId++;
        const qint64 ts = nowMs();
        TrivialServer::Inbox &to = m_server.inbox(stringContents(request.to));
        TrivialServer::Inbox &from = *m_inbox;
        m_server.addEvent(to, messageId, &from, [&](std::string &out, qint64 seq) {
            Bench::append(out, "{\"from\":");
            Bench::append(out, from.nameJson);
            Bench::append(out, ",\"kind\":\"message\",\"msg_id\":");
            Bench::appendNumber(out, messageId);
            Bench::append(out, ",\"seq\":");
            Bench::appendNumber(out, seq);
            Bench::append(out, ",\"text\":");
            Bench::append(out, request.text.isEmpty() ? QByteArrayView("\"\"") : request.text);
            Bench::append(out, ",\"to\":");
            Bench::append(out, to.nameJson);
            Bench::append(out, ",\"ts\":");
            Bench::appendNumber(out, ts);
            out += '}';
        });
        beginFrame();
        append("{\"id\":");
        append(request.id);
        append(",\"msg_id\":");
        appendNumber(messageId);
        append(",\"ok\":true,\"ts\":");
        appendNumber(ts);
        append('}');
        endFrame();
    }

    void replyOk(QByteArrayView id, QByteArrayView fields, bool ok = true)
    {
        beginFrame();
        append("{\"id\":");
        append(id);
        append(ok ? ",\"ok\":true" : ",\"ok\":false");
        if (!fields.isEmpty()) {
            append(',');
            append(fields);
        }
        append('}');
        endFrame();
    }

    TrivialServer &m_server;
    QByteArray m_user;
    TrivialServer::Inbox *m_inbox = nullptr;
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

TrivialServer::Inbox &TrivialServer::inbox(QByteArrayView user)
{
    const QByteArray key = QByteArray::fromRawData(user.data(), user.size());
    if (Inbox *found = m_inboxes.value(key))
        return *found;
    Inbox &created = m_inboxStorage.emplace_back();
    created.nameJson = '"' + user.toByteArray() + '"';
    m_inboxes.insert(user.toByteArray(), &created);
    return created;
}

template<typename Write>
void TrivialServer::addEvent(Inbox &inbox, qint64 messageId, Inbox *sender, Write &&write)
{
    if (inbox.events.empty()) {
        inbox.text.clear();
    } else if (inbox.events.front().begin > inbox.text.size() / 2) {
        // Drop the acknowledged half of the text.
        const size_t dropped = inbox.events.front().begin;
        inbox.text.erase(0, dropped);
        for (Event &event : inbox.events) {
            event.begin -= dropped;
            event.end -= dropped;
        }
    }
    Event event;
    event.seq = ++inbox.lastSeq;
    event.messageId = messageId;
    event.sender = sender;
    event.begin = inbox.text.size();
    if (!inbox.events.empty())
        inbox.text += ','; // between the previous event and this one
    write(inbox.text, event.seq);
    event.end = inbox.text.size();
    if (!inbox.events.empty())
        ++event.begin;
    inbox.events.push_back(event);
    if (inbox.parked && !inbox.wakeQueued) {
        inbox.wakeQueued = true;
        if (m_toWake.empty())
            m_loop.after(0, [this] { wakeParked(); });
        m_toWake.push_back(&inbox);
    }
}

void TrivialServer::acknowledge(Inbox &inbox, QByteArrayView by, qint64 after)
{
    const qint64 ts = nowMs();
    while (!inbox.events.empty() && inbox.events.front().seq <= after) {
        const Event event = inbox.events.front();
        inbox.events.pop_front();
        if (event.messageId == 0 || !event.sender)
            continue;
        addEvent(*event.sender, 0, nullptr, [&](std::string &out, qint64 seq) {
            append(out, "{\"by\":\"");
            append(out, by);
            append(out, "\",\"kind\":\"receipt\",\"msg_id\":");
            appendNumber(out, event.messageId);
            append(out, ",\"seq\":");
            appendNumber(out, seq);
            append(out, ",\"status\":\"delivered\",\"ts\":");
            appendNumber(out, ts);
            out += '}';
        });
    }
}

void TrivialServer::wakeParked()
{
    // Answering adds no events: the list does not change underneath.
    for (Inbox *inbox : m_toWake) {
        inbox->wakeQueued = false;
        if (TrivialConnection *parked = inbox->parked) {
            inbox->parked = nullptr;
            parked->answerSync(*inbox, inbox->parkedId, inbox->parkedAfter, 0);
        }
    }
    m_toWake.clear();
}

void TrivialServer::closed(TrivialConnection *connection)
{
    if (TrivialServer::Inbox *inbox = connection->inbox(); inbox && inbox->parked == connection)
        inbox->parked = nullptr;
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
