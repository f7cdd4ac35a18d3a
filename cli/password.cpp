#include "password.h"

#include <QFile>

#include <csignal>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace Palomar::Cli {

namespace {

// The terminal state to put back if a signal ends the program mid-prompt.
int g_promptFd = -1;
struct termios g_savedTermios;

extern "C" void restoreTerminalAndExit(int signal)
{
    if (g_promptFd >= 0) {
        tcsetattr(g_promptFd, TCSAFLUSH, &g_savedTermios);
        const char newline = '\n';
        (void)!write(g_promptFd, &newline, 1);
    }
    _exit(128 + signal);
}

void writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n <= 0)
            return;
        done += n;
    }
}

} // namespace

bool promptOnTerminal(const QString &prompt, bool echo, QString *line)
{
    const int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct termios saved;
    const bool isTerminal = tcgetattr(fd, &saved) == 0;
    struct sigaction previousInt, previousTerm;
    if (isTerminal && !echo) {
        g_promptFd = fd;
        g_savedTermios = saved;
        struct sigaction action = {};
        action.sa_handler = restoreTerminalAndExit;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &previousInt);
        sigaction(SIGTERM, &action, &previousTerm);
        struct termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ICANON;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    writeAll(fd, prompt.toUtf8());

    QByteArray bytes;
    bool gotLine = false;
    char c = 0;
    while (true) {
        const ssize_t n = read(fd, &c, 1);
        if (n <= 0)
            break;
        if (c == '\n') {
            gotLine = true;
            break;
        }
        bytes.append(c);
    }
    if (isTerminal && !echo) {
        tcsetattr(fd, TCSAFLUSH, &saved);
        writeAll(fd, QByteArrayLiteral("\n"));
        sigaction(SIGINT, &previousInt, nullptr);
        sigaction(SIGTERM, &previousTerm, nullptr);
        g_promptFd = -1;
    }
    close(fd);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    *line = QString::fromUtf8(bytes);
    return gotLine || !bytes.isEmpty();
}

bool obtainPassword(const QString &passwordFile, const QProcessEnvironment &environment,
                    const QString &prompt, QString *password, QString *error)
{
    if (!passwordFile.isEmpty()) {
        QFile file(passwordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(passwordFile, file.errorString());
            return false;
        }
        QByteArray line = file.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        *password = QString::fromUtf8(line);
        return true;
    }
    if (environment.contains(QStringLiteral("PALOMAR_PASSWORD"))) {
        *password = environment.value(QStringLiteral("PALOMAR_PASSWORD"));
        return true;
    }
    if (promptOnTerminal(prompt, false, password))
        return true;
    *error = QStringLiteral("no password: use --password-file FILE or PALOMAR_PASSWORD, or run "
                            "on a terminal");
    return false;
}

} // namespace Palomar::Cli
