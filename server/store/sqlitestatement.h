#pragma once

#include "store.h"

#include <QByteArray>

struct sqlite3;
struct sqlite3_stmt;

namespace Palomar::Server {

// A statement run straight on SQLite's C API, on the connection Qt's driver
// opened (QSqlDriver::handle()), inside the same transactions. For the few
// statements every message runs: QSqlQuery's QVariant binding, UTF-16 text
// and row caching cost more there than SQLite itself. Errors are
// StoreErrors, classified as for QSqlQuery.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    void prepare(sqlite3 *db, const QString &sql); // throws
    bool isPrepared() const { return m_statement != nullptr; }
    void bind(int index, qint64 value);
    // `text` must outlive the step (it is not copied).
    void bind(int index, const QByteArray &text);
    void bindNull(int index);
    // True when a row came; false when the statement is done. Throws.
    bool step();
    void reset();
    qint64 integer(int column) const;

private:
    [[noreturn]] void fail(int code) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

// How an SQLite result code is to be taken (see StoreError::Kind).
StoreError::Kind classifySqliteCode(int code);

} // namespace Palomar::Server
