#pragma once

#include <QString>
#include <QStringList>

namespace Palomar::Server {

// Where the store lives and how hard it syncs. Parsed from --data/--db.
struct StoreConfig
{
    enum class Backend
    {
        Sqlite,
        Postgresql
    };
    enum class Durability
    {
        Normal, // survives a process crash (kill -9); SQLite synchronous=NORMAL
        Full,   // also survives power loss; SQLite synchronous=FULL
    };

    Backend backend = Backend::Sqlite;
    Durability durability = Durability::Full;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    // Further libpq connection parameters from the URL's query, each
    // "key='value'" (sslmode=require, options=-c ...).
    QStringList options;

    // Accepts "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?PARAM=VALUE&…]"
    // (HOST may be a socket folder, percent-encoded; PARAMs are libpq's) and
    // "sqlite:PATH" / a plain path; any other "SCHEME:" is an error.
    static bool fromUrl(const QString &url, StoreConfig *config, QString *error);
    QString describe() const; // for logs: never includes the password
};

} // namespace Palomar::Server
