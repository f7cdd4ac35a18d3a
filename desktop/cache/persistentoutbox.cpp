#include "persistentoutbox.h"

#include "localcache.h"

namespace Palomar::Desktop {

PersistentOutbox::PersistentOutbox(LocalCache *cache)
    : m_cache(cache), m_entries(cache->outboxEntries())
{}

void PersistentOutbox::add(const Client::OutgoingMessage &message)
{
    remove(message.clientId);
    m_entries.append(message);
    m_cache->outboxAdd(message);
}

void PersistentOutbox::remove(const QString &clientId)
{
    const auto removed = m_entries.removeIf(
        [&clientId](const Client::OutgoingMessage &entry) { return entry.clientId == clientId; });
    if (removed > 0)
        m_cache->outboxRemove(clientId);
}

} // namespace Palomar::Desktop
