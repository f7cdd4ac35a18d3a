#pragma once

#include "client/backoff.h"
#include "client/clientsession.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Palomar::Desktop {

// Keeps a logged-in account online: when the session's connection drops it
// waits (exponential back-off), reconnects through the ClientSession and
// resumes the session with its token. Unlike the session's own automatic
// reconnect it can say how long until the next attempt and try at once on
// request, which the connection pill shows ("Reconnecting in 4 s… Try
// now"). While the server answers `unavailable` the session waits and asks
// again by itself; the keeper only passes that on (Unavailable, with the
// session's countdown). It sends nothing itself but `resume` through the
// session.
class ConnectionKeeper : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Offline,     // not trying (logged out, or not started)
        Connecting,  // an attempt is under way
        Online,      // logged in
        Waiting,     // the next attempt is scheduled
        Unavailable, // connected, but the server cannot serve now; the session asks again
    };
    Q_ENUM(Status)

    explicit ConnectionKeeper(Client::ClientSession *session, QObject *parent = nullptr);

    // Starts keeping `token` online at host:port (at once if not logged in).
    void keepOnline(const QString &host, quint16 port, const QString &token);
    void setToken(const QString &token) { m_token = token; }
    // Stops all attempts; the session is left as it is.
    void stop();
    void retryNow();
    void setDelays(int initialMs, int maximumMs);

    Status status() const { return m_status; }
    int secondsUntilRetry() const;

signals:
    void statusChanged(Palomar::Desktop::ConnectionKeeper::Status status);
    // Once a second while waiting (Waiting or Unavailable), and when the wait starts.
    void countdownChanged(int seconds);

private:
    void setStatus(Status status);
    void attempt();
    void scheduleRetry();
    void onStateChanged(Client::ClientSession::State state);
    void onConnected();

    Client::ClientSession *m_session;
    QString m_host;
    quint16 m_port = 0;
    QString m_token;
    bool m_active = false;
    Status m_status = Status::Offline;
    Client::Backoff m_backoff{1000, 30000};
    QTimer m_retryTimer;
    QTimer m_tick;
    QElapsedTimer m_waitClock;
    int m_waitMs = 0;
};

} // namespace Palomar::Desktop
