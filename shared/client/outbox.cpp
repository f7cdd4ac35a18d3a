#include "outbox.h"

#include <QUuid>

namespace Palomar::Client {

Outbox::~Outbox() = default;

void MemoryOutbox::add(const OutgoingMessage &message)
{
    for (OutgoingMessage &entry : m_entries) {
        if (entry.clientId == message.clientId) {
            entry = message;
            return;
        }
    }
    m_entries.append(message);
}

void MemoryOutbox::remove(const QString &clientId)
{
    m_entries.removeIf(
        [&clientId](const OutgoingMessage &entry) { return entry.clientId == clientId; });
}

QString generateClientId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace Palomar::Client
