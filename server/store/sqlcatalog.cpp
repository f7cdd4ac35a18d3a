#include "sqlcatalog.h"

#include "store.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace Palomar::Server {

namespace {

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// Parses "-- name: NAME" blocks into `into`, later files overriding earlier.
void parseNamedBlocks(const QString &text, QHash<QString, QString> *into)
{
    static const QRegularExpression header(QStringLiteral("^--\\s*name:\\s*(\\S+)\\s*$"),
                                           QRegularExpression::MultilineOption);
    QRegularExpressionMatchIterator it = header.globalMatch(text);
    QString name;
    qsizetype bodyStart = -1;
    const auto flush = [&](qsizetype end) {
        if (!name.isEmpty())
            into->insert(name, text.mid(bodyStart, end - bodyStart).trimmed());
    };
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        flush(match.capturedStart());
        name = match.captured(1);
        bodyStart = match.capturedEnd();
    }
    flush(text.size());
}

struct Catalog
{
    QHash<QString, QString> statements;
    QList<QStringList> migrations;
};

Catalog load(StoreConfig::Backend backend)
{
    const QString folder = SqlCatalog::dialect(backend).folder;
    Catalog catalog;
    parseNamedBlocks(readResource(QStringLiteral(":/sql/queries.sql")), &catalog.statements);
    parseNamedBlocks(readResource(QStringLiteral(":/sql/admin.sql")), &catalog.statements);
    parseNamedBlocks(readResource(QStringLiteral(":/sql/%1/queries.sql").arg(folder)),
                     &catalog.statements);
    const QDir dir(QStringLiteral(":/sql/%1").arg(folder));
    const QStringList files =
        dir.entryList({QStringLiteral("[0-9][0-9][0-9]_*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const int number = file.left(3).toInt();
        if (number != catalog.migrations.size() + 1)
            qFatal("SQL migrations must be numbered 001, 002, ... without gaps: %s",
                   qPrintable(file));
        catalog.migrations.append(SqlCatalog::splitStatements(readResource(dir.filePath(file))));
    }
    return catalog;
}

const Catalog &catalog(StoreConfig::Backend backend)
{
    // Function-local statics: built once, thread-safe, read-only afterwards.
    static const Catalog sqlite = load(StoreConfig::Backend::Sqlite);
    static const Catalog postgresql = load(StoreConfig::Backend::Postgresql);
    return backend == StoreConfig::Backend::Sqlite ? sqlite : postgresql;
}

} // namespace

const Dialect &SqlCatalog::dialect(StoreConfig::Backend backend)
{
    static const Dialect sqlite{QStringLiteral("QSQLITE"),
                                QStringLiteral("sqlite"),
                                QStringLiteral("BEGIN IMMEDIATE"),
                                QString(),
                                QString(),
                                false};
    static const Dialect postgresql{QStringLiteral("QPSQL"),
                                    QStringLiteral("postgresql"),
                                    QStringLiteral("BEGIN"),
                                    QStringLiteral("SELECT pg_advisory_lock(787801)"),
                                    QStringLiteral("SELECT pg_advisory_unlock(787801)"),
                                    true};
    return backend == StoreConfig::Backend::Sqlite ? sqlite : postgresql;
}

QString SqlCatalog::statement(StoreConfig::Backend backend, const QString &name)
{
    const auto &statements = catalog(backend).statements;
    const auto it = statements.constFind(name);
    if (it == statements.cend())
        throw StoreError(QStringLiteral("no SQL statement named %1").arg(name));
    return *it;
}

QList<QStringList> SqlCatalog::migrations(StoreConfig::Backend backend)
{
    return catalog(backend).migrations;
}

QStringList SqlCatalog::splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            current = current.trimmed();
            current.chop(1);
            statements.append(current);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

} // namespace Palomar::Server
