#include "autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace Palomar::Desktop::Autostart {

namespace {

// An Exec argument: plain when it can be, else double-quoted with ", `, $
// and \ escaped; then every \ doubled again for the file's string syntax.
QString execArgument(const QString &argument)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`=%");
    bool plain = !argument.isEmpty();
    for (const QChar c : argument)
        plain = plain && !reserved.contains(c);
    if (plain)
        return argument;
    QString quoted;
    for (const QChar c : argument) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted = u'"' + quoted + u'"';
    quoted.replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
    return quoted;
}

} // namespace

QString entryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/palomar.desktop");
}

bool isEnabled()
{
    return QFileInfo::exists(entryPath());
}

QString entryText(const QString &executable)
{
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Palomar\n"
                          "Comment=Start Palomar when you log in\n"
                          "Exec=%1\n"
                          "Icon=palomar\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(execArgument(executable));
}

bool setEnabled(bool on, QString *error)
{
    const QString path = entryPath();
    if (!on) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = QCoreApplication::translate("Autostart", "Could not remove %1.").arg(path);
            return false;
        }
        return true;
    }
    QSaveFile file(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly) ||
        file.write(entryText(QCoreApplication::applicationFilePath()).toUtf8()) < 0 ||
        !file.commit()) {
        *error = QCoreApplication::translate("Autostart", "Could not write %1: %2")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Palomar::Desktop::Autostart
