#include "reply.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace Palomar::Client {

Reply::Reply(qint64 id, const QString &op, QObject *parent) : QObject(parent), m_id(id), m_op(op) {}

int retryAfterSeconds(const QJsonObject &frame)
{
    const double seconds = frame.value(QLatin1String("retry_after")).toDouble();
    return seconds > 0 ? int(std::ceil(std::min(seconds, 86400.0))) : 0;
}

int Reply::retryAfter() const
{
    return retryAfterSeconds(m_result);
}

void Reply::finish(const QJsonObject &frame)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = frame;
    if (!frame.value(QLatin1String("ok")).toBool()) {
        m_error = frame.value(QLatin1String("error")).toString();
        if (m_error.isEmpty())
            m_error = QStringLiteral("internal");
        m_errorMessage = frame.value(QLatin1String("message")).toString();
    }
    emit finished();
    deleteLater();
}

void Reply::fail(const QString &error, const QString &message)
{
    QJsonObject frame{{QStringLiteral("id"), m_id},
                      {QStringLiteral("ok"), false},
                      {QStringLiteral("error"), error},
                      {QStringLiteral("message"), message}};
    finish(frame);
}

void Reply::failLater(const QString &error, const QString &message)
{
    QTimer::singleShot(0, this, [this, error, message] { fail(error, message); });
}

} // namespace Palomar::Client
