#pragma once

#include <QString>

namespace Palomar::Desktop::PrivateFiles {

// The app's local data (the cache database, its media folder, downloads it
// writes) is for the user alone: folders 0700, files 0600. Older versions
// made them 0755 / 0644, so opening tightens what is already there.

// Makes `path` and any missing parent folders; `path` itself ends up 0700
// (parents the app did not make, like the home folder, are left alone).
bool makeDirectory(const QString &path);
// Creates `path` empty with 0600 when it does not exist; makes it 0600 when it does.
bool makeFile(const QString &path);
// Makes an existing file 0600; does nothing when it does not exist.
void tighten(const QString &path);

// The SQLite files of the cache database at `databasePath`: the database,
// its write-ahead log and shared memory, a rollback journal.
QStringList databaseFiles(const QString &databasePath);
// Where pictures fetched on their own go, beside the database.
QString mediaDirectory(const QString &databasePath);
// Deletes the cache database at `databasePath` and its media folder; false
// when something stayed.
bool removeAccountData(const QString &databasePath);

} // namespace Palomar::Desktop::PrivateFiles
