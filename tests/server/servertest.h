#pragma once

// Small helpers shared by the server integration tests.
#include "support/serverprocess.h"
#include "support/testclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QVariant>

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

} // namespace Palomar::Testing
