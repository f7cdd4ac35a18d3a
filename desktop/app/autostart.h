#pragma once

#include <QString>

namespace Palomar::Desktop::Autostart {

// "Start at login" on a freedesktop desktop: an XDG autostart entry,
// ~/.config/autostart/palomar.desktop ($XDG_CONFIG_HOME/autostart), that
// runs this executable. The file is the truth; AppSettings::startAtLogin()
// mirrors it for the settings dialog.

QString entryPath();
bool isEnabled();
// The entry's text for `executable` (quoted as the Desktop Entry spec asks).
QString entryText(const QString &executable);
// Writes or removes the entry; on failure `error` says why and nothing changed.
bool setEnabled(bool on, QString *error);

} // namespace Palomar::Desktop::Autostart
