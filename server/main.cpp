// palomar-server: parse the configuration, prepare the database, serve until
// SIGINT/SIGTERM, then shut down cleanly and exit 0.
#include "core/passwords.h"
#include "core/serverconfig.h"
#include "net/server.h"
#include "net/tlssetup.h"
#include "platform/signalwatcher.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

using namespace Palomar::Server;

namespace {

// Thousands of idle chat clients need thousands of descriptors.
void raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

bool prepareDatabase(const ServerConfig &config, qint64 instanceId, QString *error)
{
    if (config.store.backend == StoreConfig::Backend::Sqlite &&
        !QDir().mkpath(QFileInfo(config.store.sqlitePath).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(config.store.sqlitePath);
        return false;
    }
    try {
        Store store(config.store, QStringLiteral("setup"));
        store.open();
        store.migrate();
        // One SQLite server owns its database: every session is detached
        // at start.
        if (config.store.backend == StoreConfig::Backend::Sqlite)
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
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-warning}W "
                                      "%{endif}%{if-critical}E %{endif}%{message}"));
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
    if (!prepareDatabase(config, instanceId, &message)) {
        std::fprintf(stderr, "palomar-server: database: %s\n", qPrintable(message));
        return 1;
    }

    Palomar::Platform::SignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
    std::signal(SIGPIPE, SIG_IGN); // a client gone mid-write is an error value, not a death
    Server server(config, instanceId);
    if (!config.tlsCertificate.isEmpty())
        server.setTlsConfiguration(tls);
    if (!server.start(&message)) {
        std::fprintf(stderr, "palomar-server: %s\n", qPrintable(message));
        return 1;
    }
    const QString address =
        config.host == QHostAddress::Any ? QStringLiteral("0.0.0.0") : config.host.toString();
    std::printf("palomar-server %s listening on %s:%u%s (%s, %d worker threads)\n", PALOMAR_VERSION,
                qPrintable(address), unsigned(server.serverPort()), server.isTls() ? " (TLS)" : "",
                qPrintable(config.store.describe()), config.threads);
    if (server.metricsPort() != 0) {
        std::printf("palomar-server metrics on http://%s:%u/metrics\n",
                    qPrintable(config.metricsHost->toString()), unsigned(server.metricsPort()));
    }
    std::fflush(stdout);

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
