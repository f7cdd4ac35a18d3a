#include "sqlitestatement.h"

#include <sqlite3.h>

namespace Palomar::Server {

SqliteStatement::~SqliteStatement()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

void SqliteStatement::prepare(sqlite3 *db, const QString &sql)
{
    m_db = db;
    const QByteArray text = sql.toUtf8();
    const int code = sqlite3_prepare_v3(db, text.constData(), int(text.size()),
                                        SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    if (code != SQLITE_OK)
        fail(code);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bind(int index, const QByteArray &text)
{
    sqlite3_bind_text(m_statement, index, text.constData(), int(text.size()), SQLITE_STATIC);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

bool SqliteStatement::step()
{
    ++Store::counters().statements; // a step that starts the statement counts once
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    // sqlite3_step's code is generic; the connection's says why.
    const int detailed = sqlite3_extended_errcode(m_db);
    sqlite3_reset(m_statement);
    fail(detailed);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

qint64 SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

void SqliteStatement::fail(int code) const
{
    const StoreError::Kind kind = classifySqliteCode(code);
    if (kind == StoreError::Kind::Unavailable)
        ++Store::counters().unavailable;
    throw StoreError(
        QStringLiteral("%1 (%2)").arg(
            QString::fromUtf8(sqlite3_errmsg(m_db)),
            QString::fromUtf8(sqlite3_sql(m_statement) ? sqlite3_sql(m_statement) : "")),
        kind);
}

} // namespace Palomar::Server
