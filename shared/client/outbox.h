#pragma once

#include <QList>
#include <QString>

namespace Palomar::Client {

// A message on its way to the server. `clientId` makes the send idempotent:
// every attempt for one entry carries the same id, so a retry after a lost
// reply never stores a second copy.
struct OutgoingMessage
{
    QString clientId;
    QString to;       // a username, or empty when `group` is set
    qint64 group = 0; // a group id, or 0 for a 1:1 message
    QString text;
    qint64 queuedAt = 0; // ms since the epoch, when send() was called
    qint64 replyTo = 0;  // the msg_id this one answers (`reply_to`); 0: none
};

// Where messages wait until the server has answered for them. The session
// adds an entry before the first attempt and removes it only on a final
// answer (ok, or a permanent error), so an implementation that persists its
// entries (the desktop's cache) carries unsent messages across restarts.
// Implementations are used from the session's thread only.
class Outbox
{
public:
    virtual ~Outbox();
    // Adding a clientId that is already pending replaces that entry.
    virtual void add(const OutgoingMessage &message) = 0;
    virtual void remove(const QString &clientId) = 0;
    // Oldest first: the order they are (re)sent in.
    virtual QList<OutgoingMessage> pending() const = 0;
};

// The default outbox: lives as long as the session, forgets on exit.
class MemoryOutbox final : public Outbox
{
public:
    void add(const OutgoingMessage &message) override;
    void remove(const QString &clientId) override;
    QList<OutgoingMessage> pending() const override { return m_entries; }

private:
    QList<OutgoingMessage> m_entries;
};

// A new client_id: a random UUID without braces (36 characters).
QString generateClientId();

} // namespace Palomar::Client
