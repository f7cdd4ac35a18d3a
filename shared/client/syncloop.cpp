#include "syncloop.h"

#include "protocol/limits.h"
#include "protocol/validation.h"
#include "reply.h"

#include <QJsonArray>
#include <QPointer>

#include <algorithm>

namespace Palomar::Client {

SyncLoop::SyncLoop(SendSync send, QObject *parent) : QObject(parent), m_send(std::move(send))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_running)
            issue(m_mode == SyncMode::LongPoll ? m_longPollWait : 0);
    });
}

void SyncLoop::setMode(SyncMode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    if (!m_running)
        return;
    m_timer.stop();
    if (mode != SyncMode::Manual)
        issue(mode == SyncMode::LongPoll ? m_longPollWait : 0);
}

void SyncLoop::setLongPollWait(int seconds)
{
    m_longPollWait = std::clamp(seconds, 1, Protocol::kMaxWaitSeconds);
}

void SyncLoop::setPollInterval(int seconds)
{
    m_pollInterval = std::max(1, seconds);
}

void SyncLoop::setCursor(const QString &user, qint64 cursor)
{
    m_cursorUser = user;
    m_cursor = std::max<qint64>(0, cursor);
    m_acknowledged = m_cursor;
}

void SyncLoop::start(const QString &user)
{
    if (Protocol::usernameKey(user) != Protocol::usernameKey(m_cursorUser)) {
        m_cursorUser = user;
        m_cursor = 0;
        m_acknowledged = 0;
    }
    m_running = true;
    ++m_generation;
    m_latestId = 0;
    m_timer.stop();
    if (m_mode != SyncMode::Manual)
        issue(m_mode == SyncMode::LongPoll ? m_longPollWait : 0);
}

void SyncLoop::stop()
{
    m_running = false;
    ++m_generation;
    m_latestId = 0;
    m_timer.stop();
}

Reply *SyncLoop::syncNow(int waitSeconds)
{
    m_timer.stop();
    return issue(std::clamp(waitSeconds, 0, Protocol::kMaxWaitSeconds), Origin::Caller);
}

Reply *SyncLoop::probe()
{
    return m_send({{QStringLiteral("after"), m_acknowledged}, {QStringLiteral("limit"), 1}},
                  Origin::Loop);
}

void SyncLoop::acknowledge()
{
    if (m_running && hasUnacknowledged())
        issue(0);
}

Reply *SyncLoop::issue(int waitSeconds, Origin origin)
{
    const qint64 after = m_cursor;
    QJsonObject fields{{QStringLiteral("after"), after}};
    if (waitSeconds > 0)
        fields.insert(QStringLiteral("wait"), waitSeconds);
    Reply *reply = m_send(fields, origin);
    m_acknowledged = after;
    m_latestId = reply->id();
    const quint64 generation = m_generation;
    connect(reply, &Reply::finished, this,
            [this, reply, generation, after] { handleReply(reply, generation, after); });
    return reply;
}

void SyncLoop::handleReply(Reply *reply, quint64 generation, qint64 after)
{
    if (generation != m_generation)
        return;
    // An older poll answered because a newer one overtook it: take its
    // events (duplicates are skipped) but let only the newest schedule.
    const bool latest = reply->id() == m_latestId;
    if (!reply->isOk()) {
        if (!latest || !m_running || m_mode == SyncMode::Manual)
            return;
        const QString &error = reply->error();
        // After a dropped connection or an `unavailable` answer the session
        // starts the loop again from the cursor once it can (isResumedBySession);
        // after auth_required or session_replaced the session is over.
        if (error == QLatin1String("rate_limited"))
            scheduleNext(std::max(1, reply->retryAfter()) * 1000);
        else if (!isResumedBySession(error) && error != QLatin1String("auth_required") &&
                 error != QLatin1String("session_replaced"))
            scheduleNext(m_pollInterval * 1000);
        return;
    }

    const qint64 before = m_cursor;
    const QJsonArray events = reply->value(QLatin1String("events")).toArray();
    QPointer<SyncLoop> guard(this);
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        const qint64 seq = qint64(event.value(QLatin1String("seq")).toDouble());
        if (seq <= m_cursor)
            continue;
        m_cursor = seq;
        emit eventArrived(event);
        // A slot may have logged out or destroyed the session.
        if (!guard || generation != m_generation)
            return;
    }
    for (const QJsonValue &value : reply->value(QLatin1String("notices")).toArray()) {
        emit noticeArrived(value.toObject());
        if (!guard || generation != m_generation)
            return;
    }
    const qint64 cursor = qint64(reply->value(QLatin1String("cursor")).toDouble());
    if (cursor > m_cursor)
        m_cursor = cursor;
    else if (events.isEmpty() && cursor < after && cursor >= 0)
        m_cursor = cursor; // the server clamped a cursor beyond its last seq
    if (m_cursor != before)
        emit cursorChanged(m_cursor);
    if (!guard || generation != m_generation)
        return;

    if (!latest || !m_running)
        return;
    const bool more = reply->value(QLatin1String("more")).toBool();
    switch (m_mode) {
    case SyncMode::LongPoll:
        issue(more ? 0 : m_longPollWait);
        break;
    case SyncMode::Timer:
        scheduleNext(more ? 0 : m_pollInterval * 1000);
        break;
    case SyncMode::Manual:
        break;
    }
}

void SyncLoop::scheduleNext(int delayMs)
{
    m_timer.start(delayMs);
}

} // namespace Palomar::Client
