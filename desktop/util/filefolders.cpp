#include "filefolders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace Palomar::Desktop::FileFolders {

namespace {
const QString kLastAttach = QStringLiteral("files/lastFolder");
} // namespace

QString saveFolder(const QString &downloads)
{
    if (!downloads.isEmpty() && QDir().mkpath(downloads))
        return QDir(downloads).absolutePath();
    return QDir::homePath();
}

QString attachFolder()
{
    const QString last = QSettings().value(kLastAttach).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QDir::homePath();
}

void rememberAttachFolder(const QString &path)
{
    QSettings().setValue(kLastAttach, QFileInfo(path).absolutePath());
}

} // namespace Palomar::Desktop::FileFolders
