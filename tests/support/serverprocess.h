#pragma once

#include <QProcess>
#include <QSslCertificate>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace Palomar::Testing {

// Runs a real palomar-server as a child process on 127.0.0.1 and an
// ephemeral port, with its own temporary data folder. restart() brings it
// back on the same port and data, so clients can reconnect and resume.
//
// With PALOMAR_TEST_BACKEND=postgresql (and PALOMAR_TEST_PG_URL naming an
// administrator connection), the server runs on a fresh PostgreSQL database
// of its own, dropped afterwards; `sameDatabaseAs` makes a second instance
// share the first one's database (scale-out tests).
class ServerProcess
{
public:
    explicit ServerProcess(QStringList extraArguments = {},
                           const ServerProcess *sameDatabaseAs = nullptr);
    ~ServerProcess();

    // Before start(), for tests of the command line, the log and the files
    // the server makes: start() passes only the extra arguments (no --host,
    // --port, --data: the test gives them, or a --config that does).
    void omitDefaultArguments() { m_defaultArguments = false; }
    // Standard output to a file of its own (standardOutput()), not the log.
    void keepStandardOutputApart() { m_stdoutApart = true; }
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }
    void setWorkingDirectory(const QString &path) { m_workingDirectory = path; }

    bool start();     // waits until the server listens; false on failure
    void kill();      // SIGKILL, no clean-up
    bool terminate(); // SIGTERM; true when it exited with code 0
    bool restart();   // start again on the same port and data folder
    bool isRunning() const;
    bool sendSignal(int signalNumber); // e.g. SIGHUP; false when it is not running

    quint16 port() const { return m_port; }
    QString dataPath() const { return m_data.path(); }
    QString address() const;           // "127.0.0.1:PORT"
    QByteArray output() const;         // everything it printed, across restarts
    QByteArray standardOutput() const; // with keepStandardOutputApart()
    // The file its standard error (and output) goes to, appended to.
    QString logPath() const;
    static QString binaryPath();
    static bool usesPostgresql();
    QString databaseUrl() const { return m_databaseUrl; } // empty on SQLite

private:
    QStringList m_extra;
    bool m_defaultArguments = true;
    bool m_stdoutApart = false;
    std::optional<QProcessEnvironment> m_environment; // else this process's at start()
    QString m_workingDirectory;
    QTemporaryDir m_data;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_databaseUrl;
    QString m_databaseName; // created (and dropped) by this instance
};

// A self-signed certificate and key for localhost / 127.0.0.1, made by
// scripts/make-cert.sh in a temporary folder, for a ServerProcess that
// serves TLS: ServerProcess(certificate.serverArguments()).
class TestCertificate
{
public:
    TestCertificate(); // check isValid()
    bool isValid() const { return !m_certificate.isNull(); }
    QString certificatePath() const;
    QString keyPath() const;
    QSslCertificate certificate() const { return m_certificate; }
    QByteArray fingerprint() const; // SHA-256
    // --tls-cert and --tls-key, plus --tls-handshake-timeout when > 0.
    QStringList serverArguments(int handshakeTimeoutSeconds = 0) const;

private:
    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
};

} // namespace Palomar::Testing
