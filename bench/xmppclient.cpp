#include "xmppclient.h"

#include <cstring>

namespace Palomar::Bench {

namespace {

const QByteArray kStreamOpenTag = "<stream:stream";
const QByteArray kStreamCloseTag = "</stream:stream>";

// Index of the '>' closing the tag that starts at `from`, skipping quoted
// attribute values; -1 when the tag is incomplete.
qsizetype tagEnd(QByteArrayView data, qsizetype from)
{
    char quote = 0;
    for (qsizetype i = from; i < data.size(); ++i) {
        const char c = data[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i;
        }
    }
    return -1;
}

QByteArray unescape(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out.append(text[i]);
            continue;
        }
        static const struct
        {
            const char *entity;
            char c;
        } kEntities[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool matched = false;
        for (const auto &entity : kEntities) {
            if (text.sliced(i).startsWith(QByteArrayView(entity.entity))) {
                out.append(entity.c);
                i += qsizetype(std::strlen(entity.entity)) - 1;
                matched = true;
                break;
            }
        }
        if (!matched)
            out.append('&');
    }
    return out;
}

} // namespace

// ---- XmlStanzaSplitter

size_t XmlStanzaSplitter::split(const char *data, size_t size,
                                const std::function<void(Kind, QByteArrayView)> &found) const
{
    const QByteArrayView all(data, qsizetype(size));
    qsizetype at = 0;
    for (;;) {
        while (at < all.size() &&
               (all[at] == ' ' || all[at] == '\n' || all[at] == '\r' || all[at] == '\t'))
            ++at;
        if (at >= all.size() || all[at] != '<')
            return size_t(at); // text between stanzas (none expected) waits
        const QByteArrayView rest = all.sliced(at);
        if (rest.startsWith("<?")) {
            const qsizetype end = all.indexOf("?>", at);
            if (end < 0)
                return size_t(at);
            at = end + 2;
            continue;
        }
        if (rest.startsWith(kStreamOpenTag)) {
            const qsizetype end = tagEnd(all, at);
            if (end < 0)
                return size_t(at);
            found(Kind::StreamOpen, all.sliced(at, end + 1 - at));
            at = end + 1;
            continue;
        }
        if (rest.startsWith(kStreamCloseTag)) {
            found(Kind::StreamClose, rest.first(kStreamCloseTag.size()));
            at += kStreamCloseTag.size();
            continue;
        }
        // One element: follow the depth until its closing tag.
        int depth = 0;
        qsizetype scan = at;
        qsizetype complete = -1;
        while (complete < 0) {
            const qsizetype open = all.indexOf('<', scan);
            if (open < 0 || open + 1 >= all.size())
                return size_t(at);
            const qsizetype end = tagEnd(all, open);
            if (end < 0)
                return size_t(at);
            const char second = all[open + 1];
            if (second == '/') {
                if (--depth == 0)
                    complete = end;
            } else if (second != '?' && second != '!') {
                if (all[end - 1] == '/') {
                    if (depth == 0)
                        complete = end;
                } else {
                    ++depth;
                }
            }
            scan = end + 1;
        }
        found(Kind::Element, all.sliced(at, complete + 1 - at));
        at = complete + 1;
    }
}

QByteArrayView XmlStanzaSplitter::name(QByteArrayView element)
{
    qsizetype end = 1;
    while (end < element.size() && element[end] != ' ' && element[end] != '>' &&
           element[end] != '/' && element[end] != '\n' && element[end] != '\t')
        ++end;
    return element.sliced(1, end - 1);
}

QByteArray XmlStanzaSplitter::attribute(QByteArrayView element, QByteArrayView key)
{
    const qsizetype end = tagEnd(element, 0);
    const QByteArrayView tag = element.first(end < 0 ? element.size() : end);
    for (qsizetype at = tag.indexOf(key); at > 0; at = tag.indexOf(key, at + 1)) {
        const qsizetype after = at + key.size();
        if (tag[at - 1] != ' ' || after + 1 >= tag.size() || tag[after] != '=')
            continue;
        const char quote = tag[after + 1];
        const qsizetype close = tag.indexOf(quote, after + 2);
        if (close < 0)
            return {};
        return unescape(tag.sliced(after + 2, close - after - 2));
    }
    return {};
}

QByteArray XmlStanzaSplitter::childText(QByteArrayView element, QByteArrayView child)
{
    const QByteArray open = '<' + child.toByteArray();
    qsizetype at = element.indexOf(open);
    while (at >= 0 && at + open.size() < element.size() && element[at + open.size()] != '>' &&
           element[at + open.size()] != ' ')
        at = element.indexOf(open, at + 1);
    if (at < 0)
        return {};
    const qsizetype start = tagEnd(element, at);
    if (start < 0 || element[start - 1] == '/')
        return QByteArray("");
    const QByteArray close = "</" + child.toByteArray() + '>';
    const qsizetype end = element.indexOf(close, start);
    if (end < 0)
        return {};
    return unescape(element.sliced(start + 1, end - start - 1));
}

QByteArray XmlStanzaSplitter::escape(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out.append("&amp;");
            break;
        case '<':
            out.append("&lt;");
            break;
        case '>':
            out.append("&gt;");
            break;
        case '"':
            out.append("&quot;");
            break;
        case '\'':
            out.append("&apos;");
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

// ---- XmppClient

XmppClient::XmppClient(NetLoop &loop, const sockaddr_in &server, const QByteArray &domain,
                       const sockaddr_in *source)
    : Stream(loop), m_server(server), m_domain(domain)
{
    if (source) {
        m_hasSource = true;
        m_source = *source;
    }
}

void XmppClient::open()
{
    if (!connectTo(m_server, m_hasSource ? &m_source : nullptr))
        fail(QStringLiteral("connect: %1").arg(QString::fromUtf8(std::strerror(errno))));
}

void XmppClient::onConnected()
{
    m_phase = Phase::Plain;
    openStream();
}

void XmppClient::openStream()
{
    write("<?xml version='1.0'?><stream:stream to='" + m_domain +
          "' version='1.0' xmlns='jabber:client' "
          "xmlns:stream='http://etherx.jabber.org/streams'>");
}

void XmppClient::fail(const QString &why)
{
    if (onFailure)
        onFailure(why);
}

void XmppClient::sendIq(const QByteArray &type, const QByteArray &payload, Done done)
{
    const QByteArray id = 'q' + QByteArray::number(m_nextIq++);
    m_iqs.insert(id, std::move(done));
    write("<iq type='" + type + "' id='" + id + "'>" + payload + "</iq>");
}

void XmppClient::registerUser(const QByteArray &user, const QByteArray &password, Done done)
{
    sendIq("set",
           "<query xmlns='jabber:iq:register'><username>" + XmlStanzaSplitter::escape(user) +
               "</username><password>" + XmlStanzaSplitter::escape(password) +
               "</password></query>",
           std::move(done));
}

void XmppClient::login(const QByteArray &user, const QByteArray &password, Done done)
{
    m_loginDone = std::move(done);
    m_phase = Phase::Authenticating;
    const QByteArray plain = '\0' + user + '\0' + password;
    write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain.toBase64() +
          "</auth>");
}

void XmppClient::startReceiving()
{
    write(QByteArrayLiteral("<presence/>"));
}

void XmppClient::send(const QByteArray &to, QByteArrayView text)
{
    write("<message type='chat' to='" + to + '@' + m_domain + "'><body>" +
          XmlStanzaSplitter::escape(text.toByteArray()) + "</body></message>");
}

void XmppClient::confirmSent(Done done)
{
    // Prosody handles one session's stanzas in order: the ping's answer
    // comes after every message before it was routed or stored.
    sendIq("get", "<ping xmlns='urn:xmpp:ping'/>", std::move(done));
}

void XmppClient::logout(Done done)
{
    m_logoutDone = std::move(done);
    onFailure = nullptr;
    write(QByteArrayLiteral("<presence type='unavailable'/></stream:stream>"));
}

void XmppClient::hangUp()
{
    onFailure = nullptr;
    close();
    m_iqs.clear();
}

void XmppClient::onData(const char *data, size_t size, size_t *consumed)
{
    *consumed =
        m_splitter.split(data, size, [this](XmlStanzaSplitter::Kind kind, QByteArrayView element) {
            if (isOpen())
                handle(kind, element);
        });
}

void XmppClient::onClosed(int error)
{
    if (m_logoutDone) {
        const Done done = std::move(m_logoutDone);
        m_logoutDone = nullptr;
        done(true, QString());
        return;
    }
    fail(
        QStringLiteral("XMPP connection closed (%1)").arg(QString::fromUtf8(std::strerror(error))));
}

void XmppClient::handle(XmlStanzaSplitter::Kind kind, QByteArrayView element)
{
    using Splitter = XmlStanzaSplitter;
    if (kind == Splitter::Kind::StreamOpen)
        return;
    if (kind == Splitter::Kind::StreamClose) {
        if (m_logoutDone) {
            const Done done = std::move(m_logoutDone);
            m_logoutDone = nullptr;
            close();
            done(true, QString());
        } else {
            close();
            fail(QStringLiteral("the server closed the XMPP stream"));
        }
        return;
    }
    const QByteArrayView name = Splitter::name(element);
    if (name == "message") {
        const QByteArray body = Splitter::childText(element, "body");
        if (!body.isNull() && onMessage)
            onMessage(body);
    } else if (name == "iq") {
        const QByteArray id = Splitter::attribute(element, "id");
        const QByteArray type = Splitter::attribute(element, "type");
        const auto found = m_iqs.find(id);
        if (found == m_iqs.end()) {
            if (type == "get" || type == "set") // answer what we do not serve
                write("<iq type='error' id='" + Splitter::escape(id) + "'/>");
            return;
        }
        const Done done = std::move(found.value());
        m_iqs.erase(found);
        if (type == "result") {
            done(true, QString());
        } else {
            done(false, QStringLiteral("iq error: %1")
                            .arg(QString::fromUtf8(element.toByteArray().left(300))));
        }
    } else if (name == "stream:features") {
        if (m_phase == Phase::Binding) {
            sendIq("set",
                   "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource>"
                   "</bind>",
                   [this](bool ok, const QString &why) {
                       m_phase = Phase::Bound;
                       if (m_loginDone) {
                           const Done done = std::move(m_loginDone);
                           m_loginDone = nullptr;
                           done(ok, why);
                       }
                   });
        } else {
            m_featuresSeen = true;
        }
    } else if (name == "success") {
        m_phase = Phase::Binding;
        openStream(); // a new stream after SASL (RFC 6120 6.4.6)
    } else if (name == "failure") {
        if (m_loginDone) {
            const Done done = std::move(m_loginDone);
            m_loginDone = nullptr;
            done(false, QStringLiteral("SASL failure: %1")
                            .arg(QString::fromUtf8(element.toByteArray().left(300))));
        }
    } else if (name == "stream:error") {
        const QString what = QString::fromUtf8(element.toByteArray().left(300));
        close();
        fail(QStringLiteral("stream error: %1").arg(what));
    }
}

} // namespace Palomar::Bench
