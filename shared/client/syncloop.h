#pragma once

#include "types.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Palomar::Client {

class Reply;

// The `sync` loop of one logged-in session. Owns the cursor (the highest
// seq seen), the de-duplication of events by seq, and the scheduling of the
// next poll (long poll, timer or manual). It hands each new event out once
// and never looks inside it; sending goes through the function it is given,
// so it knows nothing of sockets.
class SyncLoop : public QObject
{
    Q_OBJECT
public:
    // Who a sync is for: the loop's own schedule (and probe()), or a caller
    // of syncNow(), who gets the Reply.
    enum class Origin
    {
        Loop,
        Caller
    };
    using SendSync = std::function<Reply *(const QJsonObject &fields, Origin origin)>;

    explicit SyncLoop(SendSync send, QObject *parent = nullptr);

    void setMode(SyncMode mode);
    SyncMode mode() const { return m_mode; }
    void setLongPollWait(int seconds);
    int longPollWait() const { return m_longPollWait; }
    void setPollInterval(int seconds);

    qint64 cursor() const { return m_cursor; }
    // The cursor belongs to one user: start() for anyone else begins at 0.
    void setCursor(const QString &user, qint64 cursor);

    // Begins polling for `user` (after login or resume); acknowledges up to
    // the current cursor with the first request.
    void start(const QString &user);
    // Stops scheduling; replies still in flight are ignored.
    void stop();
    bool isRunning() const { return m_running; }
    // Events were handed out that no sync has acknowledged yet (a timer
    // poll between ticks); acknowledge() sends that sync now.
    bool hasUnacknowledged() const { return m_cursor > m_acknowledged; }
    void acknowledge();

    // One sync from the cursor at once (answering a parked one, if any).
    Reply *syncNow(int waitSeconds = 0);
    // A sync that only asks whether the server can serve again: it
    // acknowledges nothing new and takes no events (the loop, started again,
    // fetches them). Its answer is for the sender to read.
    Reply *probe();

signals:
    // Each event once, in seq order.
    void eventArrived(const QJsonObject &event);
    // Each ephemeral notice of a reply (`notices`: typing, presence), after
    // its events; notices have no seq and never move the cursor.
    void noticeArrived(const QJsonObject &notice);
    void cursorChanged(qint64 cursor);

private:
    Reply *issue(int waitSeconds, Origin origin = Origin::Loop);
    void handleReply(Reply *reply, quint64 generation, qint64 after);
    void scheduleNext(int delayMs);

    SendSync m_send;
    SyncMode m_mode = SyncMode::LongPoll;
    int m_longPollWait = 25;
    int m_pollInterval = 2;
    QString m_cursorUser;
    qint64 m_cursor = 0;
    qint64 m_acknowledged = 0; // the `after` of the last sync sent
    bool m_running = false;
    quint64 m_generation = 0;
    qint64 m_latestId = 0;
    QTimer m_timer;
};

} // namespace Palomar::Client
