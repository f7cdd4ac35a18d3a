#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>
#include <sched.h>

namespace Palomar::Bench {

// A server the bench starts for one run: palomar-server (or the bench's own
// trivial server) on a free loopback port, its output in a log file in its
// data folder (a pipe nobody reads would stall a chatty server), optionally
// pinned to some CPUs, stopped with SIGTERM at the end.
class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();

    // The CPUs the server runs on (set before start; default: inherited).
    void setCpuAffinity(const cpu_set_t &cpus) { m_cpus = cpus; }
    // Starts `program` with `arguments` plus "--port 0 --data <folder>" and
    // waits for its "listening on HOST:PORT" line, and with "--metrics" in
    // `arguments` for its "metrics on URL" line too.
    bool start(const QString &program, QStringList arguments, QString *error);
    void stop();
    quint16 port() const { return m_port; }
    // The server's /metrics URL (empty without --metrics).
    QString metricsUrl() const { return m_metricsUrl; }
    qint64 pid() const { return m_process.processId(); }
    QString dataPath() const { return m_data.path(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    // The tail of the server's log, for error reports.
    QString logTail() const;
    // Whether `program --help` lists `option` (an older palomar-server, run
    // side by side with --server-binary, may lack --metrics).
    static bool offersOption(const QString &program, const QString &option);

private:
    QTemporaryDir m_data;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_metricsUrl;
    std::optional<cpu_set_t> m_cpus;
};

} // namespace Palomar::Bench
