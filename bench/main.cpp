// palomar-bench: load generator and reports. Workloads so far: fanout (one
// message to a group, every member on a long poll). Prints a table for people
// and one JSON line for machines.
#include "benchutil.h"
#include "fanout.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cstdio>

using namespace Palomar::Bench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palomar-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Palomar load generator."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("server"), QStringLiteral("Server to load (default: start one)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("server-binary"),
         QStringLiteral("palomar-server to start when --server is not given."),
         QStringLiteral("PATH")},
        {QStringLiteral("workload"), QStringLiteral("fanout (default)."), QStringLiteral("NAME")},
        {QStringLiteral("members"), QStringLiteral("Group size for fanout (default 256)."),
         QStringLiteral("N")},
        {QStringLiteral("rounds"), QStringLiteral("Repetitions (default 5)."), QStringLiteral("N")},
    });
    parser.process(app);

    FanoutOptions options;
    options.members = parser.value(QStringLiteral("members")).toInt() > 1
                          ? parser.value(QStringLiteral("members")).toInt()
                          : 256;
    options.rounds = parser.value(QStringLiteral("rounds")).toInt() > 0
                         ? parser.value(QStringLiteral("rounds")).toInt()
                         : 5;
    QProcess server;
    QTemporaryDir data;
    if (parser.isSet(QStringLiteral("server"))) {
        const QStringList parts = parser.value(QStringLiteral("server")).split(QLatin1Char(':'));
        options.host = parts.value(0);
        options.port = quint16(parts.value(1, QStringLiteral("7878")).toUInt());
    } else {
        const QString binary = parser.isSet(QStringLiteral("server-binary"))
                                   ? parser.value(QStringLiteral("server-binary"))
                                   : QCoreApplication::applicationDirPath() +
                                         QStringLiteral("/../server/palomar-server");
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(binary,
                     {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data"),
                      data.path(), QStringLiteral("--rate"), QStringLiteral("0")});
        QByteArray output;
        static const QRegularExpression listening(QStringLiteral("listening on [^ ]+:(\\d+)"));
        while (server.waitForReadyRead(10000)) {
            output += server.readAll();
            const auto match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                options.port = quint16(match.captured(1).toUInt());
                break;
            }
        }
        if (options.port == 7878) {
            std::fprintf(stderr, "palomar-bench: could not start %s\n", qPrintable(binary));
            return 1;
        }
    }

    QJsonObject result = runFanout(options);
    if (server.state() == QProcess::Running) {
        result.insert(QStringLiteral("server_cpu_s"), cpuSeconds(server.processId()));
        result.insert(QStringLiteral("server_peak_rss_kb"), peakRssKb(server.processId()));
        server.terminate();
        server.waitForFinished(10000);
    }
    if (result.contains(QStringLiteral("error"))) {
        std::fprintf(stderr, "palomar-bench: %s\n",
                     qPrintable(result.value(QStringLiteral("error")).toString()));
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return 1;
    }
    std::printf("workload   members  rounds  all members have it (ms): median   min     max\n");
    std::printf("fanout     %7d  %6d  %32.1f  %6.1f  %6.1f\n", options.members, options.rounds,
                result.value(QStringLiteral("all_members_ms_median")).toDouble(),
                result.value(QStringLiteral("all_members_ms_min")).toDouble(),
                result.value(QStringLiteral("all_members_ms_max")).toDouble());
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
