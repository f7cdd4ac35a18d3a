#pragma once

// A program run on a pseudo-terminal, as a person at a terminal runs it:
// the test types keystrokes and reads what the screen would show.
#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

class PtyProcess
{
public:
    PtyProcess() = default;
    PtyProcess(const PtyProcess &) = delete;
    PtyProcess &operator=(const PtyProcess &) = delete;
    ~PtyProcess()
    {
        if (isRunning()) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_master >= 0)
            ::close(m_master);
    }

    bool start(const QString &program, const QStringList &arguments,
               const QProcessEnvironment &environment)
    {
        // Everything the child needs is built before fork(): it only execs.
        std::vector<QByteArray> storage;
        storage.push_back(program.toLocal8Bit());
        for (const QString &argument : arguments)
            storage.push_back(argument.toLocal8Bit());
        const size_t argumentCount = storage.size();
        const QStringList variables = environment.toStringList();
        for (const QString &variable : variables)
            storage.push_back(variable.toLocal8Bit());
        std::vector<char *> argv, envp;
        for (size_t i = 0; i < storage.size(); ++i)
            (i < argumentCount ? argv : envp).push_back(storage[i].data());
        argv.push_back(nullptr);
        envp.push_back(nullptr);

        struct winsize size = {};
        size.ws_row = 24;
        size.ws_col = 100;
        m_pid = forkpty(&m_master, nullptr, nullptr, &size);
        if (m_pid < 0)
            return false;
        if (m_pid == 0) {
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        fcntl(m_master, F_SETFL, fcntl(m_master, F_GETFL) | O_NONBLOCK);
        return true;
    }

    void type(const QByteArray &keys) { (void)!::write(m_master, keys.constData(), keys.size()); }
    // All the program wrote so far (escape sequences included).
    const QByteArray &output()
    {
        readAvailable();
        return m_output;
    }
    // Where the output ends now: what comes later is looked for after it.
    qsizetype mark() { return output().size(); }
    bool waitFor(const QByteArray &text, qsizetype from = 0, int timeoutMs = 15000)
    {
        return QTest::qWaitFor([&] { return output().indexOf(text, from) >= 0; }, timeoutMs);
    }
    bool isRunning()
    {
        if (m_pid <= 0 || m_exited)
            return false;
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) != m_pid)
            return true;
        m_exited = true;
        m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return false;
    }
    // The exit code once it has ended (-1 if killed or still running after the wait).
    int waitForExit(int timeoutMs = 15000)
    {
        QTest::qWaitFor([&] { return !isRunning(); }, timeoutMs);
        readAvailable();
        return m_exited ? m_exitCode : -1;
    }

private:
    void readAvailable()
    {
        char buffer[4096];
        ssize_t n;
        while (m_master >= 0 && (n = ::read(m_master, buffer, sizeof buffer)) > 0)
            m_output.append(buffer, n);
    }

    pid_t m_pid = -1;
    int m_master = -1;
    bool m_exited = false;
    int m_exitCode = -1;
    QByteArray m_output;
};
