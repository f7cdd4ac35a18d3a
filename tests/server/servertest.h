#pragma once

// Small helpers shared by the server integration tests.
#include "support/serverprocess.h"
#include "support/testclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

#include <QVariant>
#include <map>
#include <memory>

namespace Palomar::Testing {

inline QString str(const char *text)
{
    return QString::fromUtf8(text);
}

inline QString errorOf(const QJsonObject &reply)
{
    return reply.value(QLatin1String("error")).toString();
}

inline bool isOk(const QJsonObject &reply)
{
    return reply.value(QLatin1String("ok")).toBool();
}

// The first value `statement` answers in the SQLite database at `path`
// (a PRAGMA, a count), on a connection of its own; invalid when it fails.
inline QVariant sqliteValue(const QString &path, const QString &statement)
{
    const QString name = QStringLiteral("sqliteValue");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(statement) && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// A connection of the test's own, named `name`, to the database of `server`
// (SQLite or PostgreSQL); not opened yet.
inline QSqlDatabase serverDatabase(const ServerProcess &server, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(
        ServerProcess::usesPostgresql() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
        name);
    if (ServerProcess::usesPostgresql()) {
        const QUrl url(server.databaseUrl());
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
    } else {
        db.setDatabaseName(server.dataPath() + QStringLiteral("/palomar.db"));
    }
    return db;
}

// Holds the write lock of a server's database from outside, as a slow disk,
// a backup or a busy PostgreSQL would: until release(), the server's writes
// wait (SQLite: BEGIN IMMEDIATE on the file; PostgreSQL: a table lock that
// every send needs), while reads go on.
class DatabaseLock
{
public:
    explicit DatabaseLock(const ServerProcess &server)
    {
        m_db = serverDatabase(server, QStringLiteral("lock"));
        m_locked = m_db.open() &&
                   exec(ServerProcess::usesPostgresql() ? QStringLiteral("BEGIN")
                                                        : QStringLiteral("BEGIN IMMEDIATE"));
        if (m_locked && ServerProcess::usesPostgresql())
            m_locked = exec(QStringLiteral("LOCK TABLE messages IN SHARE ROW EXCLUSIVE MODE"));
    }
    ~DatabaseLock()
    {
        release();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("lock"));
    }
    bool isLocked() const { return m_locked; }
    void release()
    {
        if (m_locked)
            exec(QStringLiteral("ROLLBACK"));
        m_locked = false;
        m_db.close();
    }

private:
    bool exec(const QString &statement)
    {
        QSqlQuery query(m_db);
        return query.exec(statement);
    }

    QSqlDatabase m_db;
    bool m_locked = false;
};

// SQLite's own verdict on the database file: "ok" when it is sound.
inline QString sqliteIntegrity(const QString &path)
{
    return sqliteValue(path, QStringLiteral("PRAGMA integrity_check")).toString();
}

inline const QString kPassword = QStringLiteral("correct horse");

// Registers `names` and makes every pair friends, through one connection each.
inline bool befriend(quint16 port, const QString &a, const QString &b)
{
    TestClient first(port);
    TestClient second(port);
    if (!isOk(first.login(a, kPassword)) || !isOk(second.login(b, kPassword)))
        return false;
    const bool ok =
        isOk(first.request(str("friend_request"), {{str("user"), b}})) &&
        isOk(second.request(str("friend_respond"), {{str("user"), a}, {str("accept"), true}}));
    first.request(str("logout"));
    second.request(str("logout"));
    return ok;
}

// What palomar-server printed and returned when it stopped by itself (a
// usage error, --version, a port in use); code -1 when it did not stop.
struct ServerExit
{
    int code = -1;
    QString out;
    QString err;
};

// Any program run to its end, `input` on its standard input.
inline ServerExit runToExit(const QString &binary, const QStringList &arguments,
                            const QString &workingDirectory = QString(),
                            const QByteArray &input = QByteArray(), int timeoutMs = 20000)
{
    QProcess program;
    if (!workingDirectory.isEmpty())
        program.setWorkingDirectory(workingDirectory);
    program.start(binary, arguments);
    ServerExit exit;
    if (program.waitForStarted(10000)) {
        program.write(input);
        program.closeWriteChannel();
    }
    if (!program.waitForFinished(timeoutMs)) {
        program.kill();
        program.waitForFinished(5000);
        return exit;
    }
    exit.code = program.exitStatus() == QProcess::NormalExit ? program.exitCode() : -1;
    exit.out = QString::fromUtf8(program.readAllStandardOutput());
    exit.err = QString::fromUtf8(program.readAllStandardError());
    return exit;
}

inline ServerExit runServerToExit(const QStringList &arguments,
                                  const QString &workingDirectory = QString())
{
    return runToExit(ServerProcess::binaryPath(), arguments, workingDirectory);
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

// Logged-in TestClients by name, made on first use with their pending
// events drained (twice: the second sync acknowledges the first).
class ClientPool
{
public:
    explicit ClientPool(const quint16 &port) : m_port(port) {}
    TestClient &operator()(const char *name)
    {
        auto &slot = m_clients[QString::fromUtf8(name)];
        if (!slot) {
            slot = std::make_unique<TestClient>(m_port);
            if (!isOk(slot->login(QString::fromUtf8(name), kPassword)))
                qWarning("cannot log in %s", name);
            slot->sync();
            slot->sync();
        }
        return *slot;
    }
    void forget(const char *name) { m_clients.erase(QString::fromUtf8(name)); }

private:
    const quint16 &m_port;
    std::map<QString, std::unique_ptr<TestClient>> m_clients;
};

} // namespace Palomar::Testing
