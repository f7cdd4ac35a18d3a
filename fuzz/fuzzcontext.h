#pragma once

#include "core/storecall.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace Palomar::Fuzz {

// Where the store's answers go in the fuzz driver (what a network thread's
// Worker is in the server): kept per connection id until the driver takes
// them, after checking that each is well-formed.
class FuzzSink : public QObject, public Server::CompletionSink
{
public:
    QObject *sinkObject() override { return this; }
    void complete(quint64 connectionId, const Server::Completion &completion) override;

    std::optional<Server::Completion> take(quint64 connectionId);

private:
    QHash<quint64, Server::Completion> m_completions;
};

} // namespace Palomar::Fuzz
