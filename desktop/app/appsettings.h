#pragma once

#include <QString>

namespace Palomar::Desktop::AppSettings {

// The user's preferences, kept with QSettings (the account keys, which the
// Launcher owns, live beside them). One accessor pair per preference so
// no key string is spelled twice; every reader gets the same default.

enum class ThemeChoice
{
    System,
    Light,
    Dark
};

bool notificationsEnabled(); // default on
void setNotificationsEnabled(bool on);

bool notificationSound(); // default on
void setNotificationSound(bool on);

ThemeChoice theme(); // default System
void setTheme(ThemeChoice choice);

QString language(); // "" (the system's), "en", "es"
void setLanguage(const QString &code);

QString downloadFolder(); // default the system's Downloads folder, else home
void setDownloadFolder(const QString &path);

int textScalePercent(); // 100 by default, kept within 80..150
void setTextScalePercent(int percent);

bool startAtLogin(); // default off
void setStartAtLogin(bool on);

} // namespace Palomar::Desktop::AppSettings
