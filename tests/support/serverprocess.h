#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Palomar::Testing {

// Runs a real palomar-server as a child process on 127.0.0.1 and an
// ephemeral port, with its own temporary data folder. restart() brings it
// back on the same port and data, so clients can reconnect and resume.
class ServerProcess
{
public:
    explicit ServerProcess(QStringList extraArguments = {});
    ~ServerProcess();

    bool start();     // waits until the server listens; false on failure
    void kill();      // SIGKILL, no clean-up
    bool terminate(); // SIGTERM; true when it exited with code 0
    bool restart();   // start again on the same port and data folder
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString dataPath() const { return m_data.path(); }
    QString address() const; // "127.0.0.1:PORT"
    QByteArray output() const { return m_output; }
    static QString binaryPath();

private:
    QStringList m_extra;
    QTemporaryDir m_data;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_output;
};

} // namespace Palomar::Testing
