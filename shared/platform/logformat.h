#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QtGlobal>

namespace Palomar::Platform::LogFormat {

// How palomar-server's log lines look on standard error: one line per event
// (a message's own line breaks are escaped), a level marker, the category.
// For a terminal or a file each line starts with an ISO 8601 time with its
// offset from UTC; for the systemd journal, which stamps lines itself, it
// starts with the syslog priority ("<4>") the journal reads instead.
enum class Destination
{
    Stream,  // terminal, file, pipe: "2026-12-05T19:55:42.123+01:00 W palomar.net: …"
    Journal, // systemd's journal: "<4>palomar.net: …"
};

// One line, with its '\n'. Pure: `now` is passed in.
QByteArray formatLine(QtMsgType type, const char *category, const QString &message,
                      Destination destination, const QDateTime &now);

// "2026-12-05T19:55:42.123+01:00": local time with its offset ("+00:00" in UTC).
QString isoTimestamp(const QDateTime &now);

// Journal when standard error is the stream named by JOURNAL_STREAM
// ("DEVICE:INODE", set by systemd for a service whose output goes to the
// journal); a child whose stderr was redirected elsewhere is not fooled.
Destination detectDestination();

// Sends every qDebug/qInfo/qWarning… of the process through formatLine()
// to standard error.
void install();

// "1 worker thread", "2 worker threads".
QString counted(qint64 count, const char *singular, const char *plural);

} // namespace Palomar::Platform::LogFormat
