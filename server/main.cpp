// palomar-server: parse the configuration, bind the ports, prepare the
// database, serve until SIGINT/SIGTERM, then shut down cleanly and exit 0.
#include "core/passwords.h"
#include "core/serverconfig.h"
#include "net/server.h"
#include "net/tlssetup.h"
#include "platform/logformat.h"
#include "platform/signalwatcher.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace Palomar::Server;

namespace {

constexpr QFileDevice::Permissions kOwnerOnlyFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions kOwnerOnlyFile =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Thousands of idle chat clients need thousands of descriptors.
void raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// Creates the SQLite database's folder (0700) and the database (0600) when
// they are new, migrates the schema and records this instance.
bool prepareDatabase(const ServerConfig &config, qint64 instanceId, QString *error)
{
    const bool sqlite = config.store.backend == StoreConfig::Backend::Sqlite;
    const QFileInfo database(config.store.sqlitePath);
    const bool newDatabase = sqlite && !database.exists();
    if (sqlite) {
        const QString folder = database.absolutePath();
        const bool newFolder = !QFileInfo::exists(folder);
        if (!QDir().mkpath(folder)) {
            *error = QStringLiteral("cannot create the folder of %1").arg(config.store.sqlitePath);
            return false;
        }
        if (newFolder)
            QFile::setPermissions(folder, kOwnerOnlyFolder);
    }
    try {
        Store store(config.store, QStringLiteral("setup"));
        store.open();
        store.migrate();
        if (newDatabase)
            QFile::setPermissions(database.absoluteFilePath(), kOwnerOnlyFile);
        // One SQLite server owns its database: every session is detached
        // at start.
        if (sqlite)
            store.clearOnline();
        store.putInstance(instanceId, QDateTime::currentMSecsSinceEpoch());
    } catch (const StoreError &failure) {
        *error = QString::fromUtf8(failure.what());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    // Messages, sessions and password hashes are nobody else's business:
    // whatever the server creates (the data folder, the database, its -wal
    // and -shm files) is its user's alone.
    ::umask(077);
    Palomar::Platform::LogFormat::install();
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("palomar.*.debug=false"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palomar-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PALOMAR_VERSION));

    ServerConfig config;
    QString message;
    switch (ServerConfig::parse(QCoreApplication::arguments(), &config, &message)) {
    case ServerConfig::ParseResult::Exit:
        std::fputs(qPrintable(message + QLatin1Char('\n')), stdout);
        return 0;
    case ServerConfig::ParseResult::Error:
        std::fprintf(stderr, "palomar-server: %s\nTry --help.\n", qPrintable(message));
        return 2;
    case ServerConfig::ParseResult::Ok:
        break;
    }
    QSslConfiguration tls;
    if (!config.tlsCertificate.isEmpty() &&
        !loadTlsConfiguration(config.tlsCertificate, config.tlsKey, &tls, &message)) {
        std::fprintf(stderr, "palomar-server: TLS: %s\n", qPrintable(message));
        return 1;
    }
    if (!Passwords::initialize()) {
        std::fprintf(stderr, "palomar-server: libsodium failed to start\n");
        return 1;
    }
    raiseOpenFileLimit();

    // Names this process in the sessions it binds (31 bits: PostgreSQL's
    // advisory lock key).
    const qint64 instanceId = QRandomGenerator::system()->bounded(1, 0x7fffffff);
    Palomar::Platform::SignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
    std::signal(SIGPIPE, SIG_IGN); // a client gone mid-write is an error value, not a death
    Server server(config, instanceId);
    if (!config.tlsCertificate.isEmpty())
        server.setTlsConfiguration(tls);
    // The ports first: a port in use stops the server before it creates or
    // migrates a database.
    if (!server.bindPorts(&message)) {
        std::fprintf(stderr, "palomar-server: %s\n", qPrintable(message));
        return 1;
    }
    if (!prepareDatabase(config, instanceId, &message)) {
        std::fprintf(stderr, "palomar-server: database: %s\n", qPrintable(message));
        return 1;
    }
    if (!server.start(&message)) {
        std::fprintf(stderr, "palomar-server: %s\n", qPrintable(message));
        return 1;
    }
    const QString address =
        config.host == QHostAddress::Any ? QStringLiteral("0.0.0.0") : config.host.toString();
    qInfo().noquote() << QStringLiteral("palomar-server %1 listening on %2:%3%4 (%5, %6)")
                             .arg(QStringLiteral(PALOMAR_VERSION), address)
                             .arg(server.serverPort())
                             .arg(server.isTls() ? QStringLiteral(" (TLS)") : QString(),
                                  config.store.describe(),
                                  Palomar::Platform::LogFormat::counted(
                                      config.threads, "worker thread", "worker threads"));
    if (server.metricsPort() != 0) {
        qInfo().noquote() << QStringLiteral("palomar-server metrics on http://%1:%2/metrics")
                                 .arg(config.metricsHost->toString())
                                 .arg(server.metricsPort());
    }

    QObject::connect(&signalWatcher, &Palomar::Platform::SignalWatcher::signalReceived, &server,
                     [&server](int number) {
                         if (number == SIGHUP) {
                             server.reloadTlsConfiguration(); // certificate renewal
                             return;
                         }
                         qInfo("signal %d: stopping", number);
                         server.stop();
                     });
    QObject::connect(&server, &Server::stopped, &app, [] {
        qInfo("stopped cleanly");
        QCoreApplication::quit();
    });
    return app.exec();
}
