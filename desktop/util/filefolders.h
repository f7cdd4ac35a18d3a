#pragma once

#include <QString>

namespace Palomar::Desktop::FileFolders {

// Where the file dialogs open, one rule for all: saving goes where
// downloads go, attaching starts where the last attachment came from.

// The folder Save as opens in: `downloads` (AppController::downloadDirectory(),
// normally AppSettings::downloadFolder()), created when missing; home when
// it cannot be. Never the working folder.
QString saveFolder(const QString &downloads);

// The folder Attach opens in: the one the last attached file came from,
// while it exists; home at first.
QString attachFolder();
// Remembers the folder of `path`, an attached file, for attachFolder().
void rememberAttachFolder(const QString &path);

} // namespace Palomar::Desktop::FileFolders
