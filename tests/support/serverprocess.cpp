#include "serverprocess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

#include <csignal>

namespace Palomar::Testing {

namespace {

// Runs one statement on the administrator connection of PALOMAR_TEST_PG_URL.
bool administer(const QString &statement)
{
    const QUrl url(qEnvironmentVariable("PALOMAR_TEST_PG_URL"));
    const QString name = QStringLiteral("palomar-test-admin");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(statement);
            if (!ok)
                qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        } else {
            qWarning("cannot reach PostgreSQL: %s", qPrintable(db.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool ServerProcess::usesPostgresql()
{
    return qEnvironmentVariable("PALOMAR_TEST_BACKEND") == QLatin1String("postgresql");
}

ServerProcess::ServerProcess(QStringList extraArguments, const ServerProcess *sameDatabaseAs)
    : m_extra(std::move(extraArguments))
{
    if (sameDatabaseAs) {
        m_databaseUrl = sameDatabaseAs->m_databaseUrl;
    } else if (usesPostgresql()) {
        static int counter = 0;
        m_databaseName = QStringLiteral("palomar_test_%1_%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(++counter);
        if (administer(QStringLiteral("CREATE DATABASE %1").arg(m_databaseName))) {
            const QString admin = qEnvironmentVariable("PALOMAR_TEST_PG_URL");
            m_databaseUrl = admin.left(admin.lastIndexOf(QLatin1Char('/')) + 1) + m_databaseName;
        }
    }
    if (!m_databaseUrl.isEmpty())
        m_extra += {QStringLiteral("--db"), m_databaseUrl};
}

ServerProcess::~ServerProcess()
{
    // A clean shutdown, so that a sanitizer report at exit (a leak, an error
    // while the server winds down) fails the test that ran it.
    if (isRunning() && !terminate()) {
        const QByteArray message = "palomar-server did not shut down cleanly (exit code " +
                                   QByteArray::number(m_process->exitCode()) +
                                   "): " + output().right(4000);
        if (QTest::currentTestFunction())
            QTest::qFail(message.constData(), __FILE__, __LINE__);
        else
            qFatal("%s", message.constData()); // after the test functions: fail the run
        kill();
    }
    if (!m_databaseName.isEmpty())
        administer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_databaseName));
}

QString ServerProcess::binaryPath()
{
    const QString overridden = qEnvironmentVariable("PALOMAR_SERVER_BINARY");
    return overridden.isEmpty() ? QStringLiteral(PALOMAR_SERVER_BINARY) : overridden;
}

QString ServerProcess::logPath() const
{
    return m_data.filePath(QStringLiteral("server-output.log"));
}

QByteArray ServerProcess::output() const
{
    QFile file(logPath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray ServerProcess::standardOutput() const
{
    QFile file(m_data.filePath(QStringLiteral("server-stdout.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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
    if (usesPostgresql() && m_databaseUrl.isEmpty())
        return false; // the database could not be created (see the warning)
    m_process = std::make_unique<QProcess>();
    if (m_environment)
        m_process->setProcessEnvironment(*m_environment);
    if (!m_workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_workingDirectory);
    // The output goes to a file, not a pipe: a test that does not spin an
    // event loop would never drain a pipe, and the server would block on a
    // full one after a few hundred log lines.
    const QString log = logPath();
    const qint64 offset = QFileInfo(log).size();
    if (m_stdoutApart) {
        m_process->setStandardOutputFile(m_data.filePath(QStringLiteral("server-stdout.log")),
                                         QIODevice::Append);
        m_process->setStandardErrorFile(log, QIODevice::Append);
    } else {
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(log, QIODevice::Append);
    }
    QStringList arguments;
    if (m_defaultArguments) {
        arguments = QStringList{QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--port"), QString::number(m_port),
                                QStringLiteral("--data"), m_data.path()};
    }
    arguments += m_extra;
    m_process->start(binaryPath(), arguments);
    if (!m_process->waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on [^ ]+:(\\d+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        const QRegularExpressionMatch match =
            listening.match(QString::fromUtf8(output().mid(offset)));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process->waitForFinished(20)) // a short wait that ends early if it died
            break;
    }
    qWarning("palomar-server did not start: %s", output().mid(offset).constData());
    return false;
}

bool ServerProcess::sendSignal(int signalNumber)
{
    return isRunning() && ::kill(pid_t(m_process->processId()), signalNumber) == 0;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

bool ServerProcess::terminate()
{
    if (!m_process)
        return false;
    m_process->terminate();
    const bool finished = m_process->waitForFinished(20000);
    return finished && m_process->exitStatus() == QProcess::NormalExit &&
           m_process->exitCode() == 0;
}

TestCertificate::TestCertificate()
{
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    script.start(QStringLiteral(PALOMAR_MAKE_CERT_SCRIPT), {m_dir.path()});
    if (!script.waitForFinished(30000) || script.exitCode() != 0) {
        qWarning("make-cert.sh failed: %s", script.readAll().constData());
        return;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath());
    if (!certificates.isEmpty())
        m_certificate = certificates.first();
}

QString TestCertificate::certificatePath() const
{
    return m_dir.filePath(QStringLiteral("palomar.crt"));
}

QString TestCertificate::keyPath() const
{
    return m_dir.filePath(QStringLiteral("palomar.key"));
}

QByteArray TestCertificate::fingerprint() const
{
    return m_certificate.digest(QCryptographicHash::Sha256);
}

QStringList TestCertificate::serverArguments(int handshakeTimeoutSeconds) const
{
    QStringList arguments{QStringLiteral("--tls-cert"), certificatePath(),
                          QStringLiteral("--tls-key"), keyPath()};
    if (handshakeTimeoutSeconds > 0)
        arguments +=
            {QStringLiteral("--tls-handshake-timeout"), QString::number(handshakeTimeoutSeconds)};
    return arguments;
}

bool ServerProcess::restart()
{
    if (isRunning())
        kill();
    return start();
}

} // namespace Palomar::Testing
