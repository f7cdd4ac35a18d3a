#pragma once

// Helpers of the palomar-admin tests: run the program against a
// ServerProcess's database (running or stopped), and read that database.
#include "servertest.h"

#include <QJsonDocument>
#include <QSqlError>

namespace Palomar::Testing {

struct AdminRun
{
    int code = -1; // -1: it did not finish
    QString out;
    QString err;
    QJsonObject json; // standard output as JSON, with --json
};

// palomar-admin with the server's --data (and --db on PostgreSQL) before `arguments`.
inline AdminRun runAdmin(const ServerProcess &server, const QStringList &arguments,
                         const QByteArray &input = QByteArray())
{
    QStringList all{str("--data"), server.dataPath()};
    if (ServerProcess::usesPostgresql())
        all << str("--db") << server.databaseUrl();
    all += arguments;
    const ServerExit exit = runToExit(str(PALOMAR_ADMIN_BINARY), all, QString(), input, 120000);
    AdminRun run{exit.code, exit.out, exit.err, {}};
    run.json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    return run;
}

inline QString describe(const AdminRun &run)
{
    return QStringLiteral("exit %1, out: %2, err: %3").arg(run.code).arg(run.out, run.err);
}

// A connection of the test's own to the server's database.
class TestDatabase
{
public:
    explicit TestDatabase(const ServerProcess &server)
    {
        m_db = serverDatabase(server, str("admintest"));
        m_db.open();
    }
    ~TestDatabase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(str("admintest"));
    }
    bool isOpen() const { return m_db.isOpen(); }
    // The first value of `statement`; invalid on failure.
    QVariant value(const QString &statement)
    {
        QSqlQuery query(m_db);
        if (!query.exec(statement) || !query.next()) {
            qWarning() << statement << query.lastError().text();
            return {};
        }
        return query.value(0);
    }
    qint64 count(const QString &statement) { return value(statement).toLongLong(); }
    bool exec(const QString &statement)
    {
        QSqlQuery query(m_db);
        if (!query.exec(statement)) {
            qWarning() << statement << query.lastError().text();
            return false;
        }
        return true;
    }

private:
    QSqlDatabase m_db;
};

inline const QString kAdminPassword = QStringLiteral("operator-set-1");

} // namespace Palomar::Testing
