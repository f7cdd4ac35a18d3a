#pragma once

#include "core/context.h"

#include <QObject>

#include <optional>

namespace Palomar::Fuzz {

// A connection as the dispatcher sees it, without a socket: records the
// reply of a Deferred request and the parked long poll, so the fuzz driver
// can wait for the one and collect the other the way Connection does.
class FuzzContext : public Server::CallContext
{
public:
    Server::SessionState &session() override { return m_session; }
    QString peerAddress() const override { return QStringLiteral("127.0.0.1"); }
    QObject *lifetime() override { return &m_lifetime; }
    void complete(const Server::HandlerResult &result) override;
    void park(const QJsonValue &id, qint64 after, int limit, int waitSeconds) override;

    bool completed() const { return m_completed; }
    void expectCompletion() { m_completed = false; }

    struct Parked
    {
        QJsonValue id;
        qint64 after = 0;
        int limit = 0;
    };
    std::optional<Parked> takeParked();

private:
    Server::SessionState m_session;
    QObject m_lifetime;
    bool m_completed = true;
    std::optional<Parked> m_parked;
};

} // namespace Palomar::Fuzz
