#include "storeconfig.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Palomar::Server {

bool StoreConfig::fromUrl(const QString &text, StoreConfig *config, QString *error)
{
    if (text.startsWith(QLatin1String("postgresql://")) ||
        text.startsWith(QLatin1String("postgres://"))) {
        // libpq's URL form, parsed by hand: QUrl refuses a percent-encoded
        // socket folder ("%2Ftmp") as a host. ?host=/folder also works.
        static const QRegularExpression pattern(
            QStringLiteral("^postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?]*)(?::(\\d+))?/"
                           "([^?]+)(?:\\?(.*))?$"));
        const QRegularExpressionMatch match = pattern.match(text);
        if (!match.hasMatch()) {
            *error = QStringLiteral("expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME");
            return false;
        }
        const auto decode = [&match](int group) {
            return QUrl::fromPercentEncoding(match.captured(group).toUtf8());
        };
        config->backend = Backend::Postgresql;
        config->user = decode(1);
        config->password = decode(2);
        config->host = decode(3);
        config->port = match.captured(4).isEmpty() ? 5432 : match.captured(4).toInt();
        config->database = decode(5);
        const QUrlQuery query(match.captured(6));
        if (query.hasQueryItem(QStringLiteral("host")))
            config->host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
        if (query.hasQueryItem(QStringLiteral("port")))
            config->port = query.queryItemValue(QStringLiteral("port")).toInt();
        // Anything else is libpq's: sslmode, sslrootcert, application_name,
        // options (for example -c search_path=...), connect_timeout.
        static const QRegularExpression keyword(QStringLiteral("^[a-z_]+$"));
        config->options.clear();
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (key == QLatin1String("host") || key == QLatin1String("port"))
                continue;
            if (!keyword.match(key).hasMatch()) {
                *error = QStringLiteral("not a connection parameter: %1").arg(key);
                return false;
            }
            QString quoted = value;
            quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            quoted.replace(QLatin1Char('\''), QStringLiteral("\\'"));
            config->options.append(QStringLiteral("%1='%2'").arg(key, quoted));
        }
        return true;
    }
    // "mysql://…" or a misspelt "postgresq://…" is no file name: refuse it
    // rather than create a folder "mysql:" beside the server.
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]+):"));
    const QRegularExpressionMatch schemeMatch = scheme.match(text);
    if (schemeMatch.hasMatch() && schemeMatch.captured(1) != QLatin1String("sqlite")) {
        const QString name = schemeMatch.captured(1);
        *error = name.startsWith(QLatin1String("postgres"), Qt::CaseInsensitive)
                     ? QStringLiteral("expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME")
                     : QStringLiteral("unknown database type %1: (expected sqlite:PATH or "
                                      "postgresql://…; write a file name with a colon as "
                                      "sqlite:PATH)")
                           .arg(name);
        return false;
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
