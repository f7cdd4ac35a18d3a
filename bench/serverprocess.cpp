#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>

namespace Palomar::Bench {

namespace {

QString logPath(const QTemporaryDir &data)
{
    return data.filePath(QStringLiteral("server.log"));
}

} // namespace

ServerProcess::ServerProcess() : m_data(QStringLiteral("/tmp/palomar-bench-XXXXXX")) {}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &program, QStringList arguments, QString *error)
{
    arguments << QStringLiteral("--port") << QStringLiteral("0") << QStringLiteral("--data")
              << m_data.path();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // A bench that dies (crash, timeout) takes its server with it.
    // Pinned in the child before exec: every thread it starts inherits it.
    m_process.setChildProcessModifier([cpus = m_cpus] {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (cpus)
            sched_setaffinity(0, sizeof *cpus, &*cpus);
    });
    m_process.setStandardOutputFile(logPath(m_data));
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on [^ ]+:(\\d+)"));
    static const QRegularExpression metrics(QStringLiteral("metrics on (http://[^ \\n]+)"));
    const bool wantsMetrics = arguments.contains(QStringLiteral("--metrics"));
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        QFile log(logPath(m_data));
        if (log.open(QIODevice::ReadOnly)) {
            const QString text = QString::fromUtf8(log.read(64 * 1024));
            const auto match = listening.match(text);
            const auto metricsMatch = metrics.match(text);
            if (match.hasMatch() && (!wantsMetrics || metricsMatch.hasMatch())) {
                m_port = quint16(match.captured(1).toUInt());
                m_metricsUrl = metricsMatch.captured(1);
                return true;
            }
        }
        QThread::msleep(20);
    }
    *error = QStringLiteral("%1 did not start listening: %2").arg(program, logTail());
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(30000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::offersOption(const QString &program, const QString &option)
{
    QProcess help;
    help.setProcessChannelMode(QProcess::MergedChannels);
    help.start(program, {QStringLiteral("--help")});
    if (!help.waitForFinished(10000)) {
        help.kill();
        help.waitForFinished(1000);
        return false;
    }
    return QString::fromUtf8(help.readAll()).contains(option);
}

QString ServerProcess::logTail() const
{
    QFile log(logPath(m_data));
    if (!log.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(log.readAll().right(2000));
}

} // namespace Palomar::Bench
