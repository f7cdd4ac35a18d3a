#include "connectionkeeper.h"

#include "client/reply.h"
#include "client/types.h"

#include <QPointer>

#include <cmath>

namespace Palomar::Desktop {

using Client::ClientSession;

ConnectionKeeper::ConnectionKeeper(ClientSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ConnectionKeeper::attempt);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this,
            [this] { emit countdownChanged(secondsUntilRetry()); });
    connect(session, &ClientSession::stateChanged, this, &ConnectionKeeper::onStateChanged);
    connect(session, &ClientSession::connected, this, &ConnectionKeeper::onConnected);
}

void ConnectionKeeper::setDelays(int initialMs, int maximumMs)
{
    m_backoff = Client::Backoff(initialMs, maximumMs);
}

void ConnectionKeeper::keepOnline(const QString &host, quint16 port, const QString &token)
{
    m_host = host;
    m_port = port;
    m_token = token;
    m_active = true;
    m_backoff.reset();
    if (m_session->isLoggedIn())
        setStatus(Status::Online);
    else
        attempt();
}

void ConnectionKeeper::stop()
{
    m_active = false;
    m_retryTimer.stop();
    m_tick.stop();
    setStatus(Status::Offline);
}

void ConnectionKeeper::retryNow()
{
    // While the server is unavailable the connection is fine: the session asks again itself.
    if (!m_active || m_status == Status::Online || m_status == Status::Connecting ||
        m_status == Status::Unavailable)
        return;
    m_retryTimer.stop();
    attempt();
}

int ConnectionKeeper::secondsUntilRetry() const
{
    if (m_status == Status::Unavailable)
        return m_session->secondsUntilRetry();
    if (m_status != Status::Waiting)
        return 0;
    const qint64 left = qMax<qint64>(0, m_waitMs - m_waitClock.elapsed());
    return int(std::ceil(double(left) / 1000.0));
}

void ConnectionKeeper::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit statusChanged(status);
}

void ConnectionKeeper::attempt()
{
    if (!m_active)
        return;
    m_tick.stop();
    setStatus(Status::Connecting);
    m_session->connectToServer(m_host, m_port);
}

void ConnectionKeeper::scheduleRetry()
{
    m_waitMs = m_backoff.nextDelay();
    m_waitClock.start();
    setStatus(Status::Waiting);
    m_retryTimer.start(m_waitMs);
    m_tick.start();
    emit countdownChanged(secondsUntilRetry());
}

void ConnectionKeeper::onConnected()
{
    if (!m_active || m_status != Status::Connecting)
        return;
    QPointer<Client::Reply> reply = m_session->resume(m_token);
    connect(reply, &Client::Reply::finished, this, [this, reply] {
        if (!m_active || reply->isOk())
            return;
        const QString &error = reply->error();
        if (error == QLatin1String("bad_credentials")) {
            // The session emits sessionExpired(); the controller decides.
            stop();
        } else if (error != Client::LocalError::ConnectionLost &&
                   error != Client::LocalError::NotConnected) {
            // rate_limited, internal, timeout: drop and try again later.
            // (An `unavailable` answer never gets here: the session sends
            // the resume again itself.)
            m_session->disconnectFromServer();
        }
    });
}

void ConnectionKeeper::onStateChanged(ClientSession::State state)
{
    if (!m_active)
        return;
    switch (state) {
    case ClientSession::State::LoggedIn:
        m_backoff.reset();
        m_retryTimer.stop();
        m_tick.stop();
        setStatus(Status::Online);
        break;
    case ClientSession::State::Unavailable:
        // Shown like a wait to reconnect, with the session's own countdown.
        m_retryTimer.stop();
        setStatus(Status::Unavailable);
        m_tick.start();
        emit countdownChanged(secondsUntilRetry());
        break;
    case ClientSession::State::Disconnected:
        if (m_status != Status::Waiting)
            scheduleRetry();
        break;
    case ClientSession::State::Connecting:
    case ClientSession::State::Reconnecting:
        if (m_status != Status::Waiting) {
            m_tick.stop();
            setStatus(Status::Connecting);
        }
        break;
    case ClientSession::State::Connected:
        // Back from an unavailable server before the resume went through.
        if (m_status == Status::Unavailable) {
            m_tick.stop();
            setStatus(Status::Connecting);
        }
        break;
    }
}

} // namespace Palomar::Desktop
