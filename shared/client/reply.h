#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Palomar::Client {

class ClientSession;

// The answer to one request, matched by id. Owned by the ClientSession that
// issued it; it emits finished() exactly once (never from inside the call
// that created it) and deletes itself afterwards, so read it in the slot.
class Reply : public QObject
{
    Q_OBJECT
public:
    qint64 id() const { return m_id; }
    const QString &op() const { return m_op; }

    bool isFinished() const { return m_finished; }
    bool isOk() const { return m_finished && m_error.isEmpty(); }
    // A PROTOCOL.md error code, a LocalError code, or empty on success.
    const QString &error() const { return m_error; }
    const QString &errorMessage() const { return m_errorMessage; }
    // The whole reply frame (id, ok and the result fields).
    const QJsonObject &result() const { return m_result; }
    QJsonValue value(QLatin1String key) const { return m_result.value(key); }
    // Seconds to wait, from the `retry_after` of a rate_limited or
    // unavailable answer; 0 otherwise.
    int retryAfter() const;

signals:
    void finished();

private:
    friend class ClientSession;
    Reply(qint64 id, const QString &op, QObject *parent);

    void finish(const QJsonObject &frame);
    void fail(const QString &error, const QString &message);
    // For failures known at once: finished() still comes from the event loop.
    void failLater(const QString &error, const QString &message);

    qint64 m_id;
    QString m_op;
    bool m_finished = false;
    QString m_error;
    QString m_errorMessage;
    QJsonObject m_result;
};

// The `retry_after` of a reply frame in whole seconds, rounded up; 0 without one.
int retryAfterSeconds(const QJsonObject &frame);

} // namespace Palomar::Client
