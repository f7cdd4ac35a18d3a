// ClientSession: the wait for a server that answers `unavailable` (PROTOCOL.md:
// its storage cannot serve right now; the request had no effect). Handled like
// a dropped connection that needs no reconnect: the work pauses, the session
// waits (the server's retry_after, grown by the reconnect back-off while the
// answers go on), asks again, and once served carries on where it stood.
#include "clientsession.h"

#include "syncloop.h"

#include <QLoggingCategory>

#include <cmath>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcClient)

namespace Palomar::Client {

bool ClientSession::hasSession() const
{
    return settledState() == State::LoggedIn;
}

int ClientSession::secondsUntilRetry() const
{
    const QTimer *timer = m_state == State::Unavailable    ? &m_unavailableTimer
                          : m_state == State::Reconnecting ? &m_reconnectTimer
                                                           : nullptr;
    if (!timer || !timer->isActive())
        return 0;
    return int(std::ceil(timer->remainingTime() / 1000.0));
}

ClientSession::State ClientSession::settledState() const
{
    return m_state == State::Unavailable ? m_stateBeforeUnavailable : m_state;
}

QList<ClientSession::Pending> ClientSession::takeUnanswered()
{
    m_unavailableTimer.stop();
    QList<Pending> unanswered = std::exchange(m_held, {});
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &entry : pending)
        unanswered.append(entry);
    return unanswered;
}

void ClientSession::onUnavailableAnswer(const QJsonObject &frame, const Pending &entry)
{
    enterUnavailable(retryAfterSeconds(frame));
    if (!entry.frame.isEmpty()) {
        // The caller waits on: it is sent again once the wait is over.
        if (entry.reply)
            m_held.append(entry);
        return;
    }
    // The session's own work, which the state change has just paused.
    if (entry.reply)
        entry.reply->finish(frame);
}

void ClientSession::onServedAnswer(const Pending &entry, bool ok)
{
    // hello and ping need no storage: their success proves nothing.
    const QString op = entry.reply ? entry.reply->op() : QString();
    if (ok && op != QLatin1String("hello") && op != QLatin1String("ping"))
        m_unavailableBackoff.reset();
    if (m_state == State::Unavailable)
        leaveUnavailable();
}

void ClientSession::enterUnavailable(int retryAfterSeconds)
{
    // Answers to requests sent before the wait began do not prolong it.
    if (!m_unavailableTimer.isActive()) {
        const int delay = m_unavailableBackoff.nextDelay(std::max(1, retryAfterSeconds) * 1000);
        qCDebug(lcClient) << "server unavailable; asking again in" << delay << "ms";
        m_unavailableTimer.start(delay);
    }
    if (m_state == State::Unavailable)
        return;
    m_stateBeforeUnavailable = m_state;
    if (m_state == State::LoggedIn) {
        // As when the connection drops: replies still due to the loop are
        // ignored, and leaveUnavailable() starts it again from the cursor. A
        // manual loop schedules nothing; its callers' syncs are held instead.
        if (m_sync->mode() != SyncMode::Manual)
            m_sync->stop();
        m_outboxRetry.stop();
    }
    setState(State::Unavailable);
}

void ClientSession::retryUnavailable()
{
    if (m_state != State::Unavailable)
        return;
    if (!m_held.isEmpty())
        resendHeld(); // they ask for us
    else if (m_stateBeforeUnavailable == State::LoggedIn)
        m_sync->probe();
    else
        leaveUnavailable(); // nothing to ask with: carry on as before
}

void ClientSession::leaveUnavailable()
{
    m_unavailableTimer.stop();
    setState(m_stateBeforeUnavailable);
    if (m_state == State::LoggedIn) {
        // File transfers resume on the state change; the rest starts here.
        if (!m_sync->isRunning())
            m_sync->start(m_user);
        flushOutbox();
    }
    resendHeld();
}

void ClientSession::resendHeld()
{
    const QList<Pending> held = std::exchange(m_held, {});
    for (const Pending &entry : held) {
        if (entry.reply)
            transmit(entry.reply, entry.frame, OnUnavailable::Retry);
    }
}

} // namespace Palomar::Client
