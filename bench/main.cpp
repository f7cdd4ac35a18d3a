// palomar-bench: load generator and reports. Workloads: online (delivered
// messages/s and latency), offline (drain of a queued inbox), connections
// (memory per idle connection, then the reconnect storm), files (upload and
// download MB/s next to a plain TCP copy) and fanout (one message to a large
// group). Starts its own server unless told where one runs, optionally runs
// the same workloads against an XMPP server (Prosody) in the same run, and
// prints a table for people and one JSON line for machines.
#include "benchutil.h"
#include "connections.h"
#include "cpuaffinity.h"
#include "fanout.h"
#include "files.h"
#include "online.h"
#include "report.h"
#include "serverprocess.h"
#include "trivialserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <arpa/inet.h>
#include <cstdio>
#include <memory>

using namespace Palomar::Bench;

namespace {

struct Servers
{
    std::vector<std::unique_ptr<ServerProcess>> processes;
    Target target;
};

bool parseAddresses(const QString &list, QList<sockaddr_in> *out, QString *error)
{
    for (const QString &item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        sockaddr_in address{};
        if (colon <= 0 || !toAddress(item.left(colon).toUtf8(),
                                     quint16(item.mid(colon + 1).toUInt()), &address)) {
            *error = QStringLiteral("not an IPv4 HOST:PORT: %1").arg(item);
            return false;
        }
        out->append(address);
    }
    return !out->isEmpty();
}

QList<qint64> parsePids(const QString &list)
{
    QList<qint64> pids;
    for (const QString &item : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
        pids.append(item.toLongLong());
    return pids;
}

// The PostgreSQL server of a --db URL on this machine, for its CPU.
std::optional<DatabaseCpu> databaseOf(const QString &db)
{
    if (!db.startsWith(QLatin1String("postgres")))
        return std::nullopt;
    const DatabaseCpu database = DatabaseCpu::forPostgresPort(quint16(QUrl(db).port(5432)));
    return database.isValid() ? std::optional(database) : std::nullopt;
}

// The Palomar side: --server, or servers the bench starts (pinned to
// `serverCpus` when set).
bool preparePalomar(const QCommandLineParser &parser, const std::optional<cpu_set_t> &serverCpus,
                    Servers *servers, QString *error)
{
    Target &target = servers->target;
    if (parser.isSet(QStringLiteral("server"))) {
        target.label = QStringLiteral("palomar");
        target.serverPids = parsePids(parser.value(QStringLiteral("server-pid")));
        target.metricsUrls =
            parser.value(QStringLiteral("metrics-url")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        target.database = databaseOf(parser.value(QStringLiteral("db")));
        return parseAddresses(parser.value(QStringLiteral("server")), &target.servers, error);
    }
    const bool trivial = parser.isSet(QStringLiteral("trivial"));
    const QString program =
        trivial ? QCoreApplication::applicationFilePath()
        : parser.isSet(QStringLiteral("server-binary"))
            ? parser.value(QStringLiteral("server-binary"))
            : QCoreApplication::applicationDirPath() + QStringLiteral("/../server/palomar-server");
    QStringList arguments;
    if (trivial) {
        arguments << QStringLiteral("--serve-trivial");
    } else {
        arguments << QStringLiteral("--host") << QStringLiteral("127.0.0.1")
                  << QStringLiteral("--rate") << QStringLiteral("0")
                  << QStringLiteral("--hash-cost") << QStringLiteral("minimum")
                  << QStringLiteral("--max-connections") << QStringLiteral("1000000")
                  << QStringLiteral("--max-connections-per-address") << QStringLiteral("0")
                  << QStringLiteral("--durability") << parser.value(QStringLiteral("durability"));
        if (ServerProcess::offersOption(program, QStringLiteral("--metrics")))
            arguments << QStringLiteral("--metrics") << QStringLiteral("127.0.0.1:0");
        for (const char *option : {"threads", "db-connections"}) {
            const QString name = QString::fromLatin1(option);
            if (parser.isSet(name))
                arguments << QStringLiteral("--") + name << parser.value(name);
        }
        if (parser.isSet(QStringLiteral("db"))) {
            const QString db = parser.value(QStringLiteral("db"));
            arguments << QStringLiteral("--db") << db;
            target.database = databaseOf(db);
        }
    }
    const int instances = qMax(1, parser.value(QStringLiteral("instances")).toInt());
    for (int i = 0; i < instances; ++i) {
        auto process = std::make_unique<ServerProcess>();
        if (serverCpus)
            process->setCpuAffinity(*serverCpus);
        if (!process->start(program, arguments, error))
            return false;
        if (!process->metricsUrl().isEmpty())
            target.metricsUrls.append(process->metricsUrl());
        sockaddr_in address{};
        toAddress("127.0.0.1", process->port(), &address);
        target.servers.append(address);
        target.serverPids.append(process->pid());
        servers->processes.push_back(std::move(process));
    }
    target.label = trivial ? QStringLiteral("trivial") : QStringLiteral("palomar");
    return true;
}

// --server-cpu and --bench-cpu: pins the bench now, and returns the CPUs
// for the servers it starts (when the bench is pinned and the servers are
// not, they get the CPUs the bench had, not its pinning).
bool applyPinning(const QCommandLineParser &parser, std::optional<cpu_set_t> *serverCpus,
                  QString *error)
{
    const cpu_set_t initial = currentAffinity();
    for (const char *name : {"server-cpu", "bench-cpu"}) {
        const QString option = QString::fromLatin1(name);
        if (!parser.isSet(option))
            continue;
        const std::optional<cpu_set_t> cpus = parseCpuList(parser.value(option));
        if (!cpus) {
            *error = QStringLiteral("--%1 takes a CPU list such as 0 or 0-1,3: %2")
                         .arg(option, parser.value(option));
            return false;
        }
        if (option == QLatin1String("server-cpu"))
            *serverCpus = cpus;
        else if (!pinThisProcess(*cpus, error))
            return false;
        else if (!*serverCpus)
            *serverCpus = initial;
    }
    return true;
}

int intOption(const QCommandLineParser &parser, const char *name, int fallback)
{
    bool ok = false;
    const int value = parser.value(QString::fromLatin1(name)).toInt(&ok);
    return ok ? value : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palomar-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PALOMAR_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Palomar load generator."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("workload"),
         QStringLiteral("Comma-separated: online, offline, connections, files, fanout "
                        "(default: online)."),
         QStringLiteral("LIST")},
        {QStringLiteral("runs"), QStringLiteral("Repetitions of each workload (default 1)."),
         QStringLiteral("N")},
        {QStringLiteral("server"),
         QStringLiteral("Palomar server(s) to load, users spread over them (default: start "
                        "one)."),
         QStringLiteral("HOST:PORT[,HOST:PORT]")},
        {QStringLiteral("server-pid"),
         QStringLiteral("Process ids of the --server instances, for CPU and memory figures."),
         QStringLiteral("PID[,PID]")},
        {QStringLiteral("metrics-url"),
         QStringLiteral("The --metrics URLs of the --server instances (statements and commits "
                        "per message; the started servers' are known)."),
         QStringLiteral("URL[,URL]")},
        {QStringLiteral("server-binary"), QStringLiteral("palomar-server to start."),
         QStringLiteral("PATH")},
        {QStringLiteral("server-cpu"),
         QStringLiteral("Pin the servers the bench starts (also --trivial's) to these CPUs."),
         QStringLiteral("LIST")},
        {QStringLiteral("bench-cpu"),
         QStringLiteral("Pin the bench (all its threads) to these CPUs."), QStringLiteral("LIST")},
        {QStringLiteral("instances"),
         QStringLiteral("Servers to start on one --db (PostgreSQL; default 1)."),
         QStringLiteral("N")},
        {QStringLiteral("db"),
         QStringLiteral("--db for the started server (default SQLite); with --server, only "
                        "to find PostgreSQL's processes for their CPU per message."),
         QStringLiteral("URL")},
        {QStringLiteral("durability"),
         QStringLiteral("--durability for the started server: full (default) or normal."),
         QStringLiteral("MODE"), QStringLiteral("full")},
        {QStringLiteral("threads"), QStringLiteral("--threads for the started server."),
         QStringLiteral("N")},
        {QStringLiteral("db-connections"),
         QStringLiteral("--db-connections for the started server."), QStringLiteral("N")},
        {QStringLiteral("trivial"),
         QStringLiteral("Load the bench's own trivial server instead (how fast the bench is).")},
        {QStringLiteral("serve-trivial"), QStringLiteral("Run as the trivial server.")},
        {QStringLiteral("port"), QStringLiteral("Port for --serve-trivial."), QStringLiteral("N")},
        {QStringLiteral("data"), QStringLiteral("Ignored (--serve-trivial)."),
         QStringLiteral("DIR")},
        {QStringLiteral("xmpp"),
         QStringLiteral("Also run online and offline against this XMPP server (Prosody)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("xmpp-domain"), QStringLiteral("XMPP domain (default localhost)."),
         QStringLiteral("NAME"), QStringLiteral("localhost")},
        {QStringLiteral("xmpp-pid"), QStringLiteral("The XMPP server's process id."),
         QStringLiteral("PID")},
        {QStringLiteral("users"), QStringLiteral("online: users (default 500)."),
         QStringLiteral("N")},
        {QStringLiteral("friends"), QStringLiteral("online: ring neighbours each (default 4)."),
         QStringLiteral("N")},
        {QStringLiteral("messages"), QStringLiteral("online: messages per user (default 100)."),
         QStringLiteral("N")},
        {QStringLiteral("window"),
         QStringLiteral("online: a sender's messages not yet received, at most (default 4)."),
         QStringLiteral("N")},
        {QStringLiteral("rate"),
         QStringLiteral("online: offered messages/s in all (default: as fast as possible)."),
         QStringLiteral("N")},
        {QStringLiteral("no-probe"),
         QStringLiteral("online: no idle client pinging every 10 ms during the load.")},
        {QStringLiteral("drain"), QStringLiteral("offline: messages queued (default 10000)."),
         QStringLiteral("N")},
        {QStringLiteral("connections"),
         QStringLiteral("connections: how many (default: as many as the descriptor limit "
                        "allows)."),
         QStringLiteral("N")},
        {QStringLiteral("file-mib"), QStringLiteral("files: file size in MiB (default 100)."),
         QStringLiteral("N")},
        {QStringLiteral("members"), QStringLiteral("fanout: group size (default 256)."),
         QStringLiteral("N")},
        {QStringLiteral("rounds"), QStringLiteral("fanout: repetitions (default 5)."),
         QStringLiteral("N")},
    });
    parser.process(app);
    if (parser.isSet(QStringLiteral("serve-trivial")))
        return serveTrivial(quint16(intOption(parser, "port", 0)));

    raiseOpenFileLimit();
    QString error;
    std::optional<cpu_set_t> serverCpus;
    if (!applyPinning(parser, &serverCpus, &error)) {
        std::fprintf(stderr, "palomar-bench: %s\n", qPrintable(error));
        return 2;
    }
    Servers palomar;
    if (!preparePalomar(parser, serverCpus, &palomar, &error)) {
        std::fprintf(stderr, "palomar-bench: %s\n", qPrintable(error));
        return 1;
    }
    std::optional<Target> xmpp;
    if (parser.isSet(QStringLiteral("xmpp"))) {
        Target target;
        target.protocol = Target::Protocol::Xmpp;
        target.label = QStringLiteral("prosody");
        target.xmppDomain = parser.value(QStringLiteral("xmpp-domain")).toUtf8();
        target.serverPids = parsePids(parser.value(QStringLiteral("xmpp-pid")));
        if (!parseAddresses(parser.value(QStringLiteral("xmpp")), &target.servers, &error)) {
            std::fprintf(stderr, "palomar-bench: --xmpp: %s\n", qPrintable(error));
            return 1;
        }
        xmpp = target;
    }

    OnlineOptions online;
    online.users = intOption(parser, "users", online.users);
    online.friends = intOption(parser, "friends", online.friends);
    online.messages = intOption(parser, "messages", online.messages);
    online.window = intOption(parser, "window", online.window);
    online.rate = parser.value(QStringLiteral("rate")).toDouble();
    online.probe = !parser.isSet(QStringLiteral("no-probe"));
    const int runs = qMax(1, intOption(parser, "runs", 1));
    const QStringList workloads =
        parser.value(QStringLiteral("workload")).isEmpty()
            ? QStringList{QStringLiteral("online")}
            : parser.value(QStringLiteral("workload")).split(QLatin1Char(','), Qt::SkipEmptyParts);

    NetLoop loop;
    Report report;
    bool failed = false;
    const auto record = [&](const QJsonObject &result) {
        report.add(result);
        if (result.contains(QStringLiteral("error"))) {
            failed = true;
            std::fprintf(stderr, "palomar-bench: %s %s: %s\n",
                         qPrintable(result.value(QStringLiteral("workload")).toString()),
                         qPrintable(result.value(QStringLiteral("target")).toString()),
                         qPrintable(result.value(QStringLiteral("error")).toString()));
        }
    };
    for (const QString &workload : workloads) {
        for (int run = 0; run < runs && !failed; ++run) {
            if (workload == QLatin1String("online")) {
                record(runOnline(loop, palomar.target, online));
                if (xmpp)
                    record(runOnline(loop, *xmpp, online));
            } else if (workload == QLatin1String("offline")) {
                const int drain = intOption(parser, "drain", 10000);
                record(runOfflineDrain(loop, palomar.target, drain));
                if (xmpp)
                    record(runOfflineDrain(loop, *xmpp, drain));
            } else if (workload == QLatin1String("connections")) {
                record(runConnections(loop, palomar.target, intOption(parser, "connections", 0)));
            } else if (workload == QLatin1String("files")) {
                record(runFiles(loop, palomar.target, intOption(parser, "file-mib", 100)));
            } else if (workload == QLatin1String("fanout")) {
                FanoutOptions options;
                const sockaddr_in &first = palomar.target.servers.first();
                char host[INET_ADDRSTRLEN] = {};
                inet_ntop(AF_INET, &first.sin_addr, host, sizeof host);
                options.host = QString::fromLatin1(host);
                options.port = ntohs(first.sin_port);
                options.members = qMax(2, intOption(parser, "members", options.members));
                options.rounds = qMax(1, intOption(parser, "rounds", options.rounds));
                options.target = palomar.target;
                record(runFanout(options));
            } else {
                std::fprintf(stderr, "palomar-bench: unknown workload %s\n", qPrintable(workload));
                return 2;
            }
        }
    }

    QJsonObject server;
    if (!palomar.processes.empty()) {
        server.insert(QStringLiteral("cpu_s"), palomar.target.serverCpuSeconds());
        qint64 peak = 0;
        for (const qint64 pid : std::as_const(palomar.target.serverPids))
            peak += peakRssKb(pid);
        server.insert(QStringLiteral("peak_rss_kb"), peak);
        server.insert(QStringLiteral("durability"), parser.value(QStringLiteral("durability")));
        server.insert(QStringLiteral("db"), parser.isSet(QStringLiteral("db"))
                                                ? QStringLiteral("postgresql")
                                                : QStringLiteral("sqlite"));
        server.insert(QStringLiteral("instances"), int(palomar.processes.size()));
    }
    if (const auto &database = palomar.target.database; database && database->isValid()) {
        // What "db_cpu_us_per_msg" counted.
        QJsonArray postmasters;
        for (const qint64 pid : database->postmasters())
            postmasters.append(pid);
        server.insert(QStringLiteral("db_cpu_of"),
                      database->isExact()
                          ? QStringLiteral("the postmaster of the --db port and its children")
                          : QStringLiteral("every postmaster of the machine and its children"));
        server.insert(QStringLiteral("db_postmasters"), postmasters);
    }
    for (const char *name : {"server-cpu", "bench-cpu"}) {
        if (parser.isSet(QString::fromLatin1(name)))
            server.insert(QString::fromLatin1(name).replace(QLatin1Char('-'), QLatin1Char('_')),
                          parser.value(QString::fromLatin1(name)));
    }
    if (xmpp && !xmpp->serverPids.isEmpty()) {
        server.insert(QStringLiteral("xmpp_cpu_s"), xmpp->serverCpuSeconds());
        server.insert(QStringLiteral("xmpp_peak_rss_kb"), peakRssKb(xmpp->serverPids.first()));
    }
    for (auto &process : palomar.processes) {
        process->stop();
        if (failed) // the server's side of the story
            std::fprintf(stderr, "palomar-bench: the end of the server's log:\n%s\n",
                         qPrintable(process->logTail()));
    }
    report.print(server);
    return failed ? 1 : 0;
}
