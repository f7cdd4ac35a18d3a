#include "logformat.h"

#include <QByteArrayList>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace Palomar::Platform::LogFormat {

namespace {

Destination g_destination = Destination::Stream;

// How a line shows its level: to the journal as a syslog priority (LOG_DEBUG,
// LOG_INFO, LOG_WARNING, LOG_ERR, LOG_CRIT); to a reader of a terminal or a
// file as a letter to scan for (info, the common case, shows none).
struct Level
{
    const char *priority;
    const char *marker;
};

Level levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return {"<7>", "D "};
    case QtInfoMsg:
        return {"<6>", ""};
    case QtWarningMsg:
        return {"<4>", "W "};
    case QtCriticalMsg:
        return {"<3>", "E "};
    case QtFatalMsg:
        return {"<2>", "F "};
    }
    return {"<6>", ""};
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = formatLine(
        type, context.category, message, g_destination,
        g_destination == Destination::Stream ? QDateTime::currentDateTime() : QDateTime());
    // One write per line (stderr is unbuffered), so threads never interleave.
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

} // namespace

QString isoTimestamp(const QDateTime &now)
{
    const int offset = now.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    return now.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz")) +
           QLatin1Char(offset < 0 ? '-' : '+') +
           QStringLiteral("%1:%2")
               .arg(minutes / 60, 2, 10, QLatin1Char('0'))
               .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QByteArray formatLine(QtMsgType type, const char *category, const QString &message,
                      Destination destination, const QDateTime &now)
{
    QByteArray line;
    line.reserve(message.size() + 64);
    if (destination == Destination::Journal) {
        line += levelOf(type).priority;
    } else {
        line += isoTimestamp(now).toLatin1();
        line += ' ';
        line += levelOf(type).marker;
    }
    if (category && qstrcmp(category, "default") != 0) {
        line += category;
        line += ": ";
    }
    QByteArray text = message.toUtf8();
    // A database's multi-line error stays one event on one line.
    text.replace('\r', "\\r");
    text.replace('\n', "\\n");
    line += text;
    line += '\n';
    return line;
}

Destination detectDestination()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const QByteArrayList parts = stream.split(':');
    if (parts.size() != 2)
        return Destination::Stream;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts.at(0).toULongLong(&deviceOk);
    const qulonglong inode = parts.at(1).toULongLong(&inodeOk);
    struct stat status = {};
    if (!deviceOk || !inodeOk || ::fstat(STDERR_FILENO, &status) != 0)
        return Destination::Stream;
    return qulonglong(status.st_dev) == device && qulonglong(status.st_ino) == inode
               ? Destination::Journal
               : Destination::Stream;
}

void install()
{
    g_destination = detectDestination();
    qInstallMessageHandler(handleMessage);
}

QString counted(qint64 count, const char *singular, const char *plural)
{
    return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? singular : plural));
}

} // namespace Palomar::Platform::LogFormat
