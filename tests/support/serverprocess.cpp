#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace Palomar::Testing {

ServerProcess::ServerProcess(QStringList extraArguments) : m_extra(std::move(extraArguments)) {}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        kill();
}

QString ServerProcess::binaryPath()
{
    const QString overridden = qEnvironmentVariable("PALOMAR_SERVER_BINARY");
    return overridden.isEmpty() ? QStringLiteral(PALOMAR_SERVER_BINARY) : overridden;
}

QString ServerProcess::address() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool ServerProcess::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments{QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                          QStringLiteral("--port"), QString::number(m_port),
                          QStringLiteral("--data"), m_data.path()};
    arguments += m_extra;
    m_process->start(binaryPath(), arguments);
    if (!m_process->waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on [^ ]+:(\\d+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        m_output += m_process->readAll();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    m_output += m_process->readAll();
    qWarning("palomar-server did not start: %s", m_output.constData());
    return false;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
    m_output += m_process->readAll();
}

bool ServerProcess::terminate()
{
    if (!m_process)
        return false;
    m_process->terminate();
    const bool finished = m_process->waitForFinished(20000);
    m_output += m_process->readAll();
    return finished && m_process->exitStatus() == QProcess::NormalExit &&
           m_process->exitCode() == 0;
}

bool ServerProcess::restart()
{
    if (isRunning())
        kill();
    return start();
}

} // namespace Palomar::Testing
