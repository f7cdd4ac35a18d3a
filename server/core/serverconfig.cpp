#include "serverconfig.h"

#include "configfile.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace Palomar::Server {

namespace {

struct Option
{
    const char *name;
    const char *valueName;
    const char *help;
};

// The options of DESIGN.md, in --help order. Every one may also be given in
// the INI file named by --config, as `name = value`.
constexpr Option kOptions[] = {
    {"host", "ADDR", "Address to listen on (default: all addresses)."},
    {"port", "N", "TCP port to listen on (default: 7878; 0 picks a free port)."},
    {"data", "DIR",
     "Folder for the SQLite database and anything else the server keeps "
     "(default: ./palomar-data)."},
    {"db", "URL",
     "Database: sqlite:PATH (default: DIR/palomar.db) or "
     "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME."},
    {"durability", "MODE",
     "full (default: commits survive power loss) or normal "
     "(commits survive a crash of the server process)."},
    {"threads", "N", "Worker threads that serve connections (default: the number of cores)."},
    {"db-connections", "N",
     "PostgreSQL: connections in the store's pool (default: 2). SQLite: read-only "
     "connections beside the one writer (default: 2)."},
    {"max-file-size", "BYTES", "Largest file a user may send (default: 104857600)."},
    {"upload-expiry", "S",
     "Seconds without a chunk after which an unfinished file upload is deleted (default: 86400)."},
    {"max-text", "BYTES", "Largest message text in UTF-8 bytes (default: 16384)."},
    {"max-frame", "BYTES", "Largest frame a client may send (default: 1048576)."},
    {"edit-window", "S",
     "Seconds after sending during which a message may be edited or deleted for everyone "
     "(default: 172800)."},
    {"session-timeout", "S", "Seconds without a request before a session ends (default: 300)."},
    {"idle-timeout", "S", "Seconds of silence before a connection is closed (default: 60)."},
    {"poll-interval", "S", "Timer-poll interval advertised to clients (default: 2)."},
    {"sync-limit", "N", "Most events in one sync reply (default: 1000)."},
    {"rate", "N", "Requests per second per connection, 0 for no limit (default: 500)."},
    {"burst", "N", "Request burst per connection (default: 1000)."},
    {"max-connections", "N", "Most connections at once (default: 20000)."},
    {"max-connections-per-address", "N",
     "Most unauthenticated connections (not logged in yet) at once from one client address, "
     "0 for no limit; logged-in ones count only in --max-connections (default: 64)."},
    {"login-failures-per-account", "N",
     "Failed logins for one account within a minute before its logins wait (default: 5)."},
    {"login-failures-per-address", "N",
     "Failed logins from one client address within a minute before logins from there wait, "
     "0 for no limit (default: 50)."},
    {"login-failures", "N", "Shorthand for --login-failures-per-account."},
    {"login-max-wait", "S",
     "Longest wait of a throttled login; the wait doubles from 2 s up to this (default: 900)."},
    {"registration", "POLICY",
     "Who may register: open (anyone), invite (with an invitation code from palomar-admin "
     "invite) or closed (nobody) (default: open; the packaged configuration sets invite)."},
    {"hash-threads", "N", "Threads that hash passwords (default: 2)."},
    {"metrics", "[ADDR:]PORT",
     "Serve Prometheus metrics, /healthz and /readyz over HTTP there (ADDR defaults to 127.0.0.1; "
     "port 0 picks a free one)."},
    {"hash-cost", "COST",
     "Argon2id cost of new password hashes: interactive (default) or minimum "
     "(libsodium's least; for load tests only, never in production)."},
    {"tls-cert", "FILE",
     "PEM certificate (chain, leaf first): serve TLS 1.2 or later, with --tls-key."},
    {"tls-key", "FILE", "PEM private key (RSA or EC, no passphrase) for --tls-cert."},
    {"tls-handshake-timeout", "S",
     "Seconds a new connection has to finish the TLS handshake (default: 10)."},
    {"admin-socket", "PATH",
     "Local socket for palomar-admin, open to this user only (default: DIR/admin.sock)."},
    {"config", "FILE",
     "INI file with any of these options as name = value lines (without the dashes); "
     "the command line wins. Unknown names are errors; relative paths in it are relative "
     "to its folder."},
};

bool toNumber(const QString &text, qint64 minimum, qint64 maximum, qint64 *out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return false;
    *out = value;
    return true;
}

constexpr ServerConfig::Registration kRegistrations[] = {ServerConfig::Registration::Open,
                                                         ServerConfig::Registration::Invite,
                                                         ServerConfig::Registration::Closed};

} // namespace

QString ServerConfig::registrationName(Registration registration)
{
    switch (registration) {
    case Registration::Open:
        return QStringLiteral("open");
    case Registration::Invite:
        return QStringLiteral("invite");
    case Registration::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

QStringList ServerConfig::fileOptionNames()
{
    QStringList names;
    for (const Option &option : kOptions) {
        if (qstrcmp(option.name, "config") != 0)
            names.append(QString::fromLatin1(option.name));
    }
    return names;
}

ServerConfig::ParseResult ServerConfig::parseStandard(QCommandLineParser &parser,
                                                      const QStringList &arguments,
                                                      const QCommandLineOption &help,
                                                      const QCommandLineOption &version,
                                                      const QString &program, QString *message)
{
    if (!parser.parse(arguments)) {
        *message = parser.errorText();
        return ParseResult::Error;
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        return ParseResult::Exit;
    }
    if (parser.isSet(version)) {
        *message = QStringLiteral("%1 %2").arg(program, QStringLiteral(PALOMAR_VERSION));
        return ParseResult::Exit;
    }
    return ParseResult::Ok;
}

ServerConfig::ParseResult ServerConfig::parse(const QStringList &arguments, ServerConfig *config,
                                              QString *message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Palomar chat server: speaks the Palomar protocol over TCP and keeps "
                       "accounts, friends and messages in SQLite or PostgreSQL."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    for (const Option &option : kOptions) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(option.name),
                                            QString::fromLatin1(option.help),
                                            QString::fromLatin1(option.valueName)));
    }
    if (const ParseResult standard = parseStandard(parser, arguments, help, version,
                                                   QStringLiteral("palomar-server"), message);
        standard != ParseResult::Ok)
        return standard;
    if (!parser.positionalArguments().isEmpty()) {
        *message =
            QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return ParseResult::Error;
    }

    std::optional<ConfigFile> file;
    if (parser.isSet(QStringLiteral("config"))) {
        file.emplace();
        if (!ConfigFile::read(parser.value(QStringLiteral("config")), fileOptionNames(), &*file,
                              message)) {
            *message = QStringLiteral("config file %1").arg(*message);
            return ParseResult::Error;
        }
    }
    const auto fromFile = [&](const char *name) -> const ConfigFile::Entry * {
        const QString key = QString::fromLatin1(name);
        return parser.isSet(key) || !file ? nullptr : file->find(key);
    };
    const auto value = [&](const char *name) -> std::optional<QString> {
        const QString key = QString::fromLatin1(name);
        if (parser.isSet(key))
            return parser.value(key);
        if (const ConfigFile::Entry *entry = fromFile(name))
            return entry->value;
        return std::nullopt;
    };
    // Where a value came from, to start an error about it: "--threads" or
    // "config file /etc/palomar/palomar-server.ini:4: threads".
    const auto origin = [&](const char *name) {
        if (const ConfigFile::Entry *entry = fromFile(name))
            return QStringLiteral("config file %1:%2: %3")
                .arg(file->path())
                .arg(entry->line)
                .arg(QString::fromLatin1(name));
        return QStringLiteral("--%1").arg(QString::fromLatin1(name));
    };
    // A file or folder: relative to the config file's folder when it comes
    // from there, to the working directory when from the command line.
    const auto pathValue = [&](const char *name) -> std::optional<QString> {
        const std::optional<QString> path = value(name);
        if (path && fromFile(name))
            return file->resolvePath(*path);
        return path;
    };
    QString error;
    const auto number = [&](const char *name, qint64 minimum, qint64 maximum, auto *target) {
        const std::optional<QString> text = value(name);
        if (!text || !error.isEmpty())
            return;
        qint64 parsed = 0;
        if (!toNumber(*text, minimum, maximum, &parsed)) {
            error = QStringLiteral("%1 must be a whole number from %2 to %3, not %4")
                        .arg(origin(name))
                        .arg(minimum)
                        .arg(maximum)
                        .arg(*text);
            return;
        }
        *target = decltype(+*target)(parsed);
    };

    if (const auto host = value("host")) {
        if (!config->host.setAddress(*host)) {
            if (*host == QLatin1String("localhost")) {
                config->host = QHostAddress::LocalHost;
            } else {
                *message =
                    QStringLiteral("%1 must be an IP address: %2").arg(origin("host"), *host);
                return ParseResult::Error;
            }
        }
    }
    qint64 port = config->port;
    number("port", 0, 65535, &port);
    config->port = quint16(port);
    number("threads", 1, 256, &config->threads);
    number("db-connections", 1, 256, &config->dbConnections);
    number("max-file-size", 1, qint64(1) << 40, &config->limits.maxFile);
    number("upload-expiry", 1, 365 * 86400, &config->uploadExpiry);
    number("max-text", 1, 1 << 20, &config->limits.maxText);
    number("max-frame", 1024, 64 << 20, &config->limits.maxFrame);
    number("edit-window", 1, 10LL * 365 * 86400, &config->editWindow);
    number("session-timeout", 1, 365 * 86400, &config->limits.sessionTimeout);
    number("idle-timeout", 1, 86400, &config->limits.idleTimeout);
    number("poll-interval", 1, 3600, &config->limits.pollInterval);
    number("sync-limit", 1, 100000, &config->limits.syncLimit);
    number("rate", 0, 1000000, &config->limits.rate);
    number("burst", 0, 1000000, &config->limits.burst);
    number("max-connections", 1, 1000000, &config->maxConnections);
    number("max-connections-per-address", 0, 1000000, &config->maxConnectionsPerAddress);
    number("login-failures", 1, 1000, &config->loginFailuresPerAccount);
    number("login-failures-per-account", 1, 1000, &config->loginFailuresPerAccount);
    number("login-failures-per-address", 0, 1000000, &config->loginFailuresPerAddress);
    number("login-max-wait", 1, 86400, &config->loginLongestWait);
    number("hash-threads", 1, 64, &config->hashThreads);
    number("tls-handshake-timeout", 1, 600, &config->tlsHandshakeTimeout);
    if (!error.isEmpty()) {
        *message = error;
        return ParseResult::Error;
    }
    if (config->limits.rate > 0 && config->limits.burst < 1)
        config->limits.burst = config->limits.rate;

    config->dataPath = pathValue("data").value_or(QStringLiteral("palomar-data"));
    const QString db =
        value("db").value_or(QDir(config->dataPath).filePath(QStringLiteral("palomar.db")));
    if (!StoreConfig::fromUrl(db, &config->store, &error)) {
        *message = QStringLiteral("%1: %2").arg(origin("db"), error);
        return ParseResult::Error;
    }
    // Absolute: QLocalServer reads a relative name as one under the temp folder.
    config->adminSocket =
        QFileInfo(pathValue("admin-socket")
                      .value_or(QDir(config->dataPath).filePath(QStringLiteral("admin.sock"))))
            .absoluteFilePath();
    if (config->store.backend == StoreConfig::Backend::Sqlite && fromFile("db"))
        config->store.sqlitePath = file->resolvePath(config->store.sqlitePath);
    const QString durability = value("durability").value_or(QStringLiteral("full"));
    if (durability == QLatin1String("full")) {
        config->store.durability = StoreConfig::Durability::Full;
    } else if (durability == QLatin1String("normal")) {
        config->store.durability = StoreConfig::Durability::Normal;
    } else {
        *message = QStringLiteral("%1 must be full or normal, not %2")
                       .arg(origin("durability"), durability);
        return ParseResult::Error;
    }
    if (const auto registration = value("registration")) {
        const auto *found = std::find_if(
            std::begin(kRegistrations), std::end(kRegistrations),
            [&](Registration known) { return registrationName(known) == *registration; });
        if (found == std::end(kRegistrations)) {
            *message = QStringLiteral("%1 must be open, invite or closed, not %2")
                           .arg(origin("registration"), *registration);
            return ParseResult::Error;
        }
        config->registration = *found;
    }
    const QString hashCost = value("hash-cost").value_or(QStringLiteral("interactive"));
    if (hashCost == QLatin1String("minimum")) {
        config->hashOpsLimit = 1;    // crypto_pwhash_OPSLIMIT_MIN
        config->hashMemLimit = 8192; // crypto_pwhash_MEMLIMIT_MIN
    } else if (hashCost != QLatin1String("interactive")) {
        *message = QStringLiteral("%1 must be interactive or minimum, not %2")
                       .arg(origin("hash-cost"), hashCost);
        return ParseResult::Error;
    }
    if (const auto metrics = value("metrics")) {
        const qsizetype colon = metrics->lastIndexOf(QLatin1Char(':'));
        const QString host = colon < 0 ? QStringLiteral("127.0.0.1") : metrics->left(colon);
        bool ok = false;
        const uint metricsPort = metrics->mid(colon + 1).toUInt(&ok);
        QHostAddress address;
        if (!ok || metricsPort > 65535 || !address.setAddress(host)) {
            *message =
                QStringLiteral("%1 must be [ADDR:]PORT, not %2").arg(origin("metrics"), *metrics);
            return ParseResult::Error;
        }
        config->metricsHost = address;
        config->metricsPort = quint16(metricsPort);
    }
    config->tlsCertificate = pathValue("tls-cert").value_or(QString());
    config->tlsKey = pathValue("tls-key").value_or(QString());
    if (config->tlsCertificate.isEmpty() != config->tlsKey.isEmpty()) {
        *message = QStringLiteral("%1 needs %2 too")
                       .arg(config->tlsKey.isEmpty() ? origin("tls-cert") : origin("tls-key"),
                            config->tlsKey.isEmpty() ? QStringLiteral("tls-key")
                                                     : QStringLiteral("tls-cert"));
        return ParseResult::Error;
    }
    if (config->threads == 0)
        config->threads = qMax(1, QThread::idealThreadCount());
    return ParseResult::Ok;
}

} // namespace Palomar::Server
