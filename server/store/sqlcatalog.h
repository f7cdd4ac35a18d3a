#pragma once

#include "storeconfig.h"

#include <QList>
#include <QString>

namespace Palomar::Server {

// The SQL text of the store, read from the resources compiled in from sql/:
// named statements (queries.sql, with per-dialect overrides) and numbered
// migrations per dialect. Everything dialect-specific that is not SQL text is
// in Dialect.
struct Dialect
{
    QString driver;           // Qt SQL driver name
    QString folder;           // sql/<folder>/
    QString beginTransaction; // SQLite takes the write lock up front
    QString lockMigrations;   // serialises migrating instances (empty: none needed)
    QString unlockMigrations;
    bool notifications = false; // LISTEN/NOTIFY wakes other instances
};

class SqlCatalog
{
public:
    static const Dialect &dialect(StoreConfig::Backend backend);
    // Throws StoreError for a name no file defines (a programming error).
    static QString statement(StoreConfig::Backend backend, const QString &name);
    // Migration number -> its statements, in order; numbers start at 1.
    static QList<QStringList> migrations(StoreConfig::Backend backend);
    // Splits a script into statements at semicolons ending a line; drops
    // comment-only lines.
    static QStringList splitStatements(const QString &script);
};

} // namespace Palomar::Server
