#include "localstate.h"

#include "options.h"

#include "client/tls.h"
#include "protocol/validation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Palomar::Cli::LocalState {

namespace {

QString serverKey(const Options &options)
{
    return QStringLiteral("%1:%2").arg(options.host).arg(options.port);
}

QString sessionPath(const Options &options)
{
    // The name stays a plain file name whatever the host is ("::1" included).
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9.-]"));
    const QString host = QString(options.host).replace(unsafe, QStringLiteral("_"));
    const QString name = QStringLiteral("%1_%2_%3")
                             .arg(host)
                             .arg(options.port)
                             .arg(Protocol::usernameKey(options.user));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/sessions/") + name;
}

QSettings servers()
{
    return QSettings(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                         QStringLiteral("/servers.conf"),
                     QSettings::IniFormat);
}

} // namespace

bool ensurePrivateFile(const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const bool ok = ::fchmod(fd, 0600) == 0;
    ::close(fd);
    return ok;
}

QString sessionToken(const Options &options)
{
    QFile file(sessionPath(options));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

void saveSessionToken(const Options &options, const QString &token)
{
    const QString path = sessionPath(options);
    if (!ensurePrivateFile(path))
        return;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(token.toUtf8() + '\n');
}

void forgetSessionToken(const Options &options, const QString &token)
{
    if (!token.isEmpty() && sessionToken(options) == token)
        QFile::remove(sessionPath(options));
}

void applyRememberedTls(Options *options)
{
    if (options->tls)
        return; // the command line says how
    QSettings settings = servers();
    settings.beginGroup(serverKey(*options).replace(QLatin1Char('/'), QLatin1Char('_')));
    options->tls = settings.value(QStringLiteral("tls"), false).toBool();
    options->caFile = settings.value(QStringLiteral("ca")).toString();
    options->pinnedFingerprint =
        Client::parseFingerprint(settings.value(QStringLiteral("pin")).toString());
}

void rememberTls(const Options &options)
{
    QSettings settings = servers();
    settings.beginGroup(serverKey(options).replace(QLatin1Char('/'), QLatin1Char('_')));
    const QString ca =
        options.caFile.isEmpty() ? QString() : QFileInfo(options.caFile).absoluteFilePath();
    if (settings.value(QStringLiteral("tls"), false).toBool() == options.tls &&
        settings.value(QStringLiteral("ca")).toString() == ca &&
        Client::parseFingerprint(settings.value(QStringLiteral("pin")).toString()) ==
            options.pinnedFingerprint)
        return;
    settings.setValue(QStringLiteral("tls"), options.tls);
    if (ca.isEmpty())
        settings.remove(QStringLiteral("ca"));
    else
        settings.setValue(QStringLiteral("ca"), ca);
    if (options.pinnedFingerprint.isEmpty())
        settings.remove(QStringLiteral("pin"));
    else
        settings.setValue(QStringLiteral("pin"),
                          Client::formatFingerprint(options.pinnedFingerprint));
}

} // namespace Palomar::Cli::LocalState
