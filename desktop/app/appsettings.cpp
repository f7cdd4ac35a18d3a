#include "appsettings.h"

#include <QDir>
#include <QVariant>

#include <QSettings>
#include <QStandardPaths>
#include <algorithm>

namespace Palomar::Desktop::AppSettings {

namespace {

const QString kNotifications = QStringLiteral("notifications/enabled");
const QString kSound = QStringLiteral("notifications/sound");
const QString kTheme = QStringLiteral("appearance/theme");
const QString kTextScale = QStringLiteral("appearance/textScale");
const QString kLanguage = QStringLiteral("language");
const QString kDownloads = QStringLiteral("files/downloadFolder");
const QString kStartAtLogin = QStringLiteral("general/startAtLogin");

constexpr int kMinScale = 80;
constexpr int kMaxScale = 150;

QVariant read(const QString &key, const QVariant &fallback)
{
    return QSettings().value(key, fallback);
}

void write(const QString &key, const QVariant &value)
{
    QSettings().setValue(key, value);
}

} // namespace

bool notificationsEnabled()
{
    return read(kNotifications, true).toBool();
}

void setNotificationsEnabled(bool on)
{
    write(kNotifications, on);
}

bool notificationSound()
{
    return read(kSound, true).toBool();
}

void setNotificationSound(bool on)
{
    write(kSound, on);
}

ThemeChoice theme()
{
    const QString name = read(kTheme, QString()).toString();
    if (name == QLatin1String("light"))
        return ThemeChoice::Light;
    if (name == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

void setTheme(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        write(kTheme, QStringLiteral("light"));
        return;
    case ThemeChoice::Dark:
        write(kTheme, QStringLiteral("dark"));
        return;
    case ThemeChoice::System:
        write(kTheme, QStringLiteral("system"));
        return;
    }
}

QString language()
{
    return read(kLanguage, QString()).toString();
}

void setLanguage(const QString &code)
{
    write(kLanguage, code);
}

QString downloadFolder()
{
    const QString chosen = read(kDownloads, QString()).toString();
    if (!chosen.isEmpty())
        return chosen;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return downloads.isEmpty() ? QDir::homePath() : downloads;
}

void setDownloadFolder(const QString &path)
{
    write(kDownloads, path);
}

int textScalePercent()
{
    return std::clamp(read(kTextScale, 100).toInt(), kMinScale, kMaxScale);
}

void setTextScalePercent(int percent)
{
    write(kTextScale, std::clamp(percent, kMinScale, kMaxScale));
}

bool startAtLogin()
{
    return read(kStartAtLogin, false).toBool();
}

void setStartAtLogin(bool on)
{
    write(kStartAtLogin, on);
}

} // namespace Palomar::Desktop::AppSettings
