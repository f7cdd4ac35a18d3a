#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace Palomar::Desktop {

// How times and days read in the UI: "14:05" inside a bubble; "Today",
// "Yesterday" or a date on day separators; the chat list shows the time
// today, the weekday this week, and a short date before that. `now` is a
// parameter so tests can pin it.
class TimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(TimeFormat)
public:
    static QString clock(qint64 msecsSinceEpoch);
    static QString daySeparator(const QDate &day, const QDate &today = QDate::currentDate());
    static QString chatListStamp(qint64 msecsSinceEpoch,
                                 const QDateTime &now = QDateTime::currentDateTime());
    static QString lastSeen(qint64 msecsSinceEpoch,
                            const QDateTime &now = QDateTime::currentDateTime());
    static QDate localDay(qint64 msecsSinceEpoch);
};

} // namespace Palomar::Desktop
