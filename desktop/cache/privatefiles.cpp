#include "privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Palomar::Desktop::PrivateFiles {

namespace {
constexpr QFileDevice::Permissions kFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
} // namespace

bool makeDirectory(const QString &path)
{
    // The folders this call makes (down from the first missing one) are the
    // app's own: all of them become private, not only the last.
    QStringList made;
    for (QFileInfo info(QDir::cleanPath(QFileInfo(path).absoluteFilePath())); !info.exists();
         info = QFileInfo(info.absolutePath())) {
        made.prepend(info.absoluteFilePath());
        if (info.isRoot())
            break;
    }
    if (!QDir().mkpath(path))
        return false;
    for (const QString &folder : std::as_const(made))
        QFile::setPermissions(folder, kFolder);
    return QFile::setPermissions(path, kFolder);
}

bool makeFile(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kFile))
            return false;
        file.close();
    }
    return file.setPermissions(kFile);
}

void tighten(const QString &path)
{
    if (QFileInfo::exists(path))
        QFile::setPermissions(path, kFile);
}

QStringList databaseFiles(const QString &databasePath)
{
    return {databasePath, databasePath + QStringLiteral("-wal"),
            databasePath + QStringLiteral("-shm"), databasePath + QStringLiteral("-journal")};
}

QString mediaDirectory(const QString &databasePath)
{
    const QFileInfo info(databasePath);
    return info.absolutePath() + u'/' + info.completeBaseName() + QStringLiteral("-files");
}

bool removeAccountData(const QString &databasePath)
{
    bool removed = true;
    for (const QString &file : databaseFiles(databasePath)) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            removed = false;
    }
    QDir media(mediaDirectory(databasePath));
    if (media.exists() && !media.removeRecursively())
        removed = false;
    return removed;
}

} // namespace Palomar::Desktop::PrivateFiles
