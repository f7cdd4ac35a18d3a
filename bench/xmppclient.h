#pragma once

#include "chatclient.h"
#include "netloop.h"

#include <QByteArrayView>

#include <QHash>
#include <functional>

namespace Palomar::Bench {

// Splits an XMPP stream into its top-level elements (stanzas, features,
// SASL answers) without building a tree: the bench only needs a few names,
// attributes and the <body> text. Pure function of the bytes, no I/O.
class XmlStanzaSplitter
{
public:
    enum class Kind
    {
        StreamOpen,
        StreamClose,
        Element
    };
    // Calls `found` for each complete unit in data[0, size); stops at the
    // first incomplete one and returns how many bytes were consumed.
    size_t split(const char *data, size_t size,
                 const std::function<void(Kind, QByteArrayView)> &found) const;

    // The element's name, e.g. "message" or "stream:features".
    static QByteArrayView name(QByteArrayView element);
    // An attribute of the element's opening tag (empty when missing).
    static QByteArray attribute(QByteArrayView element, QByteArrayView key);
    // The unescaped text of the first <child>…</child> (null when missing).
    static QByteArray childText(QByteArrayView element, QByteArrayView child);
    static QByteArray escape(const QByteArray &text);
};

// The XMPP subset the bench needs against Prosody (RFC 6120/6121): stream
// open, in-band registration (XEP-0077), SASL PLAIN, resource binding,
// initial presence, chat <message> stanzas to bare JIDs, and XEP-0199 pings
// to confirm the server has handled everything sent before them.
class XmppClient : public ChatClient, public Stream
{
public:
    XmppClient(NetLoop &loop, const sockaddr_in &server, const QByteArray &domain,
               const sockaddr_in *source = nullptr);

    void open() override;
    bool isReady() const override { return m_featuresSeen; }
    void registerUser(const QByteArray &user, const QByteArray &password, Done done) override;
    void login(const QByteArray &user, const QByteArray &password, Done done) override;
    void befriend(const QByteArray &, Done done) override { done(true, QString()); }
    void acceptFriend(const QByteArray &, Done done) override { done(true, QString()); }
    void startReceiving() override;
    void send(const QByteArray &to, QByteArrayView text) override;
    void confirmSent(Done done) override;
    void acknowledgeReceived(Done done) override { done(true, QString()); }
    void logout(Done done) override;
    void hangUp() override;
    void ping(Done done) override { confirmSent(std::move(done)); }

protected:
    void onConnected() override;
    void onData(const char *data, size_t size, size_t *consumed) override;
    void onClosed(int error) override;

private:
    void openStream();
    void handle(XmlStanzaSplitter::Kind kind, QByteArrayView element);
    void sendIq(const QByteArray &type, const QByteArray &payload, Done done);
    void fail(const QString &why);

    enum class Phase
    {
        Connecting,
        Plain, // stream open, not authenticated
        Authenticating,
        Binding,
        Bound
    };
    sockaddr_in m_server;
    bool m_hasSource = false;
    sockaddr_in m_source{};
    QByteArray m_domain;
    XmlStanzaSplitter m_splitter;
    Phase m_phase = Phase::Connecting;
    bool m_featuresSeen = false;
    Done m_loginDone;
    Done m_logoutDone;
    qint64 m_nextIq = 1;
    QHash<QByteArray, Done> m_iqs;
};

} // namespace Palomar::Bench
