#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace Palomar::Bench {

// One user's connection to a chat server, as the protocol-neutral workloads
// (online, offline drain) see it. PalomarClient speaks Palomar; XmppClient
// speaks the XMPP subset Prosody needs. Calls are asynchronous: each step
// reports through `Done`, messages arrive through `onMessage`, and anything
// unexpected through `onFailure` (the workload then stops and reports it).
class ChatClient
{
public:
    using Done = std::function<void(bool ok, const QString &error)>;
    virtual ~ChatClient() = default;

    virtual void open() = 0; // starts connecting
    virtual bool isReady() const = 0;
    virtual void registerUser(const QByteArray &user, const QByteArray &password, Done done) = 0;
    virtual void login(const QByteArray &user, const QByteArray &password, Done done) = 0;
    // Palomar sends only to friends; XMPP needs nothing (done at once).
    virtual void befriend(const QByteArray &user, Done done) = 0;
    virtual void acceptFriend(const QByteArray &user, Done done) = 0;
    // From now on messages arrive (Palomar: a long poll is always parked;
    // XMPP: initial presence, which also flushes offline messages).
    virtual void startReceiving() = 0;
    virtual void send(const QByteArray &to, QByteArrayView text) = 0;
    // Done once the server has taken every send so far (Palomar: each send
    // answered ok, i.e. durable; XMPP: a ping answered after them).
    virtual void confirmSent(Done done) = 0;
    // Done once the server knows we hold everything received so far
    // (Palomar: a sync acknowledging the cursor answered; XMPP has no
    // acknowledgements without XEP-0198: done at once).
    virtual void acknowledgeReceived(Done done) = 0;
    // Ends the session (Palomar: logout; XMPP: closes the stream), then the
    // connection.
    virtual void logout(Done done) = 0;
    virtual void hangUp() = 0; // closes without logging out
    // Done when the server answers a ping (Palomar: op ping; XMPP:
    // XEP-0199), the idle probe's round trip.
    virtual void ping(Done done) = 0;

    // The text of each message received, once (duplicates by seq dropped).
    // A view valid only during the call.
    std::function<void(QByteArrayView text)> onMessage;
    std::function<void(const QString &why)> onFailure;
};

} // namespace Palomar::Bench
