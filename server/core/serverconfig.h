#pragma once

#include "protocol/limits.h"
#include "store/storeconfig.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;

namespace Palomar::Server {

// Everything palomar-server can be told, from the command line and an
// optional INI file (--config); the command line wins. Paths in the file are
// relative to its folder.
struct ServerConfig
{
    // Who may register (`hello` advertises it as `registration`).
    enum class Registration
    {
        Open,   // anyone who reaches the port
        Invite, // with an unused invitation code (palomar-admin invite)
        Closed  // nobody
    };

    QHostAddress host = QHostAddress::Any;
    quint16 port = 7878;
    QString dataPath;
    QString adminSocket; // palomar-admin's local socket (default: DIR/admin.sock)
    StoreConfig store;
    int threads = 0;       // 0: the number of cores
    int dbConnections = 0; // 0: the store's default (StoreExecutor)
    Protocol::Limits limits;
    QString tlsCertificate;
    QString tlsKey;
    int tlsHandshakeTimeout = 10; // seconds for a new connection's TLS handshake
    int hashThreads = 2;
    quint32 hashOpsLimit = 0; // 0: libsodium's "interactive" Argon2id cost
    quint64 hashMemLimit = 0;
    int maxConnections = 20000;
    int maxConnectionsPerAddress = 64; // unauthenticated ones; 0: no limit per address
    int loginFailuresPerAccount = 5;   // failed logins per account before throttling
    int loginFailuresPerAddress = 50;  // failed logins per address before throttling; 0: none
    int loginLongestWait = 900;        // seconds: the longest wait a throttled login gets
    int uploadExpiry = 86400;   // seconds without a chunk before an unfinished upload is deleted
    qint64 editWindow = 172800; // seconds after sending that edit and delete are allowed
    // --metrics: where the HTTP metrics endpoint listens (none when unset).
    std::optional<QHostAddress> metricsHost;
    quint16 metricsPort = 0;
    Registration registration = Registration::Open;

    enum class ParseResult
    {
        Ok,
        Exit,
        Error
    };
    // Parses `arguments` (argv as a list) and the file of --config (see
    // ConfigFile). On Exit (--help, --version) the text to print is in
    // `message`; on Error, why, naming the option or the file and line.
    static ParseResult parse(const QStringList &arguments, ServerConfig *config, QString *message);
    // What every Palomar program's parser does first: parse `arguments`, then
    // answer --help (the parser's help text) and --version ("PROGRAM
    // VERSION") with Exit, a parse error with Error; Ok to go on.
    static ParseResult parseStandard(QCommandLineParser &parser, const QStringList &arguments,
                                     const QCommandLineOption &help,
                                     const QCommandLineOption &version, const QString &program,
                                     QString *message);
    // The names an INI file may use: every option but --config.
    static QStringList fileOptionNames();
    // "open", "invite" or "closed", as on the wire and the command line.
    static QString registrationName(Registration registration);
};

} // namespace Palomar::Server
