#pragma once

#include "client/outbox.h"

namespace Palomar::Desktop {

class LocalCache;

// The ClientSession's outbox kept in the local cache, so messages written
// offline, or still unanswered when the app quits, are sent again with the
// same client_id on the next connection. It keeps a copy in memory for
// pending(), which the session asks for on every flush.
class PersistentOutbox final : public Client::Outbox
{
public:
    explicit PersistentOutbox(LocalCache *cache);

    void add(const Client::OutgoingMessage &message) override;
    void remove(const QString &clientId) override;
    QList<Client::OutgoingMessage> pending() const override { return m_entries; }

private:
    LocalCache *m_cache;
    QList<Client::OutgoingMessage> m_entries;
};

} // namespace Palomar::Desktop
