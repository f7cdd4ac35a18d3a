#include "storeconfig.h"

#include <QUrl>

namespace Palomar::Server {

bool StoreConfig::fromUrl(const QString &text, StoreConfig *config, QString *error)
{
    if (text.startsWith(QLatin1String("postgresql://")) ||
        text.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(text);
        if (!url.isValid() || url.path().size() < 2) {
            *error = QStringLiteral("expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME");
            return false;
        }
        config->backend = Backend::Postgresql;
        config->host = QUrl::fromPercentEncoding(url.host(QUrl::FullyEncoded).toUtf8());
        config->port = url.port(5432);
        config->user = url.userName();
        config->password = url.password();
        config->database = url.path().mid(1);
        return true;
    }
    QString path = text;
    if (path.startsWith(QLatin1String("sqlite://")))
        path = path.mid(9);
    else if (path.startsWith(QLatin1String("sqlite:")))
        path = path.mid(7);
    if (path.isEmpty()) {
        *error = QStringLiteral("empty database path");
        return false;
    }
    config->backend = Backend::Sqlite;
    config->sqlitePath = path;
    return true;
}

QString StoreConfig::describe() const
{
    if (backend == Backend::Sqlite)
        return QStringLiteral("SQLite %1").arg(sqlitePath);
    return QStringLiteral("PostgreSQL %1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace Palomar::Server
