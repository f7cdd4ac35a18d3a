#include "timeformat.h"

#include <QDateTime>
#include <QLocale>

namespace Palomar::Desktop {

QDate TimeFormat::localDay(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch).date();
}

namespace {
// The locale's short time without seconds (the C locale's has them).
QString shortTimeFormat()
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    format.remove(QStringLiteral(".ss"));
    return format;
}
} // namespace

QString TimeFormat::clock(qint64 msecsSinceEpoch)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch).time(),
                              shortTimeFormat());
}

QString TimeFormat::daySeparator(const QDate &day, const QDate &today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day.year() == today.year())
        return QLocale().toString(day, tr("MMMM d", "day separator date in the current year"));
    return QLocale().toString(day, QLocale::LongFormat);
}

QString TimeFormat::chatListStamp(qint64 msecsSinceEpoch, const QDateTime &now)
{
    if (msecsSinceEpoch <= 0)
        return {};
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    const qint64 days = when.date().daysTo(now.date());
    if (days <= 0)
        return clock(msecsSinceEpoch);
    if (days < 7)
        return QLocale().toString(when.date(), QStringLiteral("ddd"));
    return QLocale().toString(when.date(), QLocale::ShortFormat);
}

QString TimeFormat::lastSeen(qint64 msecsSinceEpoch, const QDateTime &now)
{
    if (msecsSinceEpoch <= 0)
        return tr("offline");
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    const qint64 minutes = when.secsTo(now) / 60;
    if (minutes < 1)
        return tr("last seen just now");
    if (minutes < 60)
        return tr("last seen %n minute(s) ago", nullptr, int(minutes));
    if (when.date() == now.date())
        return tr("last seen today at %1").arg(clock(msecsSinceEpoch));
    return tr("last seen %1").arg(QLocale().toString(when.date(), QLocale::ShortFormat));
}

} // namespace Palomar::Desktop
