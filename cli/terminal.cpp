#include "terminal.h"

#include "localstate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Palomar::Cli {

namespace {
constexpr int kHistoryKept = 1000;

// readline is one per process, and so is the terminal that drives it.
Terminal *g_terminal = nullptr;
QStringList g_matches; // of the completion under way

QByteArray historyFile()
{
    return QFile::encodeName(Terminal::historyPath());
}

// Makes sure the history file exists, readable by its owner only.
bool prepareHistoryFile()
{
    return LocalState::ensurePrivateFile(Terminal::historyPath());
}

extern "C" char *nextMatch(const char *, int state)
{
    static qsizetype index = 0;
    if (state == 0)
        index = 0;
    if (index >= g_matches.size())
        return nullptr;
    return strdup(g_matches.at(index++).toUtf8().constData());
}
} // namespace

// The C entry points readline calls back.
struct ReadlineGlue
{
    static void onLine(char *line)
    {
        if (g_terminal)
            g_terminal->onEditedLine(line);
        else
            std::free(line);
    }

    static char **onComplete(const char *text, int start, int)
    {
        rl_attempted_completion_over = 1; // never file names
        g_matches.clear();
        if (g_terminal)
            g_matches = g_terminal->complete(QString::fromUtf8(rl_line_buffer, start),
                                             QString::fromUtf8(text));
        if (g_matches.isEmpty())
            return nullptr;
        return rl_completion_matches(text, nextMatch);
    }
};

Terminal::Terminal(QObject *parent) : QObject(parent)
{
    m_interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

Terminal::~Terminal()
{
    stop();
}

QString Terminal::historyPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/history");
}

void Terminal::start()
{
    if (m_running)
        return;
    if (m_inHandler) {
        // readline is still inside the handler that stopped it: once it returns.
        m_startPending = true;
        return;
    }
    m_running = true;
    if (m_interactive && !g_terminal) {
        g_terminal = this;
        rl_readline_name = "palomar-cli";
        rl_instream = stdin;
        rl_outstream = stdout;
        // Signals come through the SignalWatcher (Ctrl-C clears the line first).
        rl_catch_signals = 0;
        rl_catch_sigwinch = 0;
        rl_attempted_completion_function = ReadlineGlue::onComplete;
        rl_variable_bind("completion-ignore-case", "on");
        using_history();
        stifle_history(kHistoryKept);
        if (prepareHistoryFile())
            read_history(historyFile().constData());
        m_promptBytes = m_prompt.toUtf8();
        rl_callback_handler_install(m_promptBytes.constData(), ReadlineGlue::onLine);
        m_editing = true;
    }
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Terminal::onReadable);
}

void Terminal::stop()
{
    m_startPending = false;
    if (!m_running)
        return;
    m_running = false;
    // Perhaps from inside the notifier's own activated(): deleted later.
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    if (m_editing) {
        m_editing = false;
        if (!m_inHandler) {
            rl_clear_visible_line();
            std::fflush(stdout);
        }
        rl_callback_handler_remove();
        history_truncate_file(historyFile().constData(), kHistoryKept);
        g_terminal = nullptr;
    }
}

void Terminal::setPrompt(const QString &prompt)
{
    m_prompt = prompt;
    if (!m_editing)
        return;
    m_promptBytes = prompt.toUtf8();
    if (m_inHandler) {
        rl_set_prompt(m_promptBytes.constData()); // shown once the handler returns
        return;
    }
    rl_clear_visible_line();
    rl_set_prompt(m_promptBytes.constData());
    rl_on_new_line();
    rl_redisplay();
}

void Terminal::addToHistory(const QString &line)
{
    if (!m_editing || line.trimmed().isEmpty())
        return;
    const QByteArray bytes = line.toUtf8();
    const HIST_ENTRY *last =
        history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
    if (last && std::strcmp(last->line, bytes.constData()) == 0)
        return; // Up need not walk through repeats
    add_history(bytes.constData());
    if (prepareHistoryFile())
        append_history(1, historyFile().constData());
}

bool Terminal::clearLine()
{
    if (!m_editing || rl_end == 0)
        return false;
    // As shells do: the dropped line stays in view, marked ^C, under a fresh prompt.
    rl_callback_sigcleanup();
    rl_point = rl_end;
    rl_redisplay();
    std::fflush(stdout);
    write(STDOUT_FILENO, QByteArrayLiteral("^C\r\n"));
    rl_free_line_state();
    rl_replace_line("", 1);
    rl_on_new_line();
    rl_redisplay();
    return true;
}

void Terminal::printLine(const QString &text, Stream stream)
{
    m_statusShown = false;
    QByteArray bytes = text.toUtf8();
    bytes.append('\n');
    if (m_editing && !m_inHandler) {
        // One stream on a terminal, so the redraw lands after the text.
        rl_clear_visible_line();
        std::fflush(stdout);
        write(STDOUT_FILENO, bytes);
        rl_on_new_line();
        rl_redisplay();
        return;
    }
    if (m_interactive && m_running)
        stream = Stream::Output;
    write(stream == Stream::Error ? STDERR_FILENO : STDOUT_FILENO, bytes);
}

void Terminal::printStatus(const QString &text)
{
    const bool replace = m_statusShown && m_editing && !m_inHandler;
    if (replace) {
        rl_clear_visible_line();
        std::fflush(stdout);
        write(STDOUT_FILENO, QByteArrayLiteral("\033[A\r\033[K") + text.toUtf8() + '\n');
        rl_on_new_line();
        rl_redisplay();
    } else {
        printLine(text);
    }
    m_statusShown = true;
}

void Terminal::resize()
{
    if (m_editing)
        rl_resize_terminal();
}

int Terminal::screenRows() const
{
    struct winsize size = {};
    if (m_interactive && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0)
        return size.ws_row;
    return 22;
}

void Terminal::write(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += n;
    }
}

void Terminal::onReadable()
{
    if (m_editing) {
        QPointer<Terminal> guard(this);
        rl_callback_read_char();
        if (guard && std::exchange(m_startPending, false))
            start();
        return;
    }
    char buffer[4096];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        m_notifier->setEnabled(false);
        if (!m_line.isEmpty())
            emit lineEntered(QString::fromUtf8(std::exchange(m_line, {})));
        if (m_running)
            emit endOfInput();
        return;
    }
    handlePipeBytes(QByteArray(buffer, n));
}

void Terminal::handlePipeBytes(const QByteArray &bytes)
{
    m_line.append(bytes);
    qsizetype newline;
    while (m_running && (newline = m_line.indexOf('\n')) >= 0) {
        QByteArray line = m_line.left(newline);
        m_line.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        emit lineEntered(QString::fromUtf8(line));
    }
}

void Terminal::onEditedLine(char *rawLine)
{
    QPointer<Terminal> guard(this);
    m_statusShown = false;
    if (!rawLine) { // Ctrl-D on an empty line
        write(STDOUT_FILENO, QByteArrayLiteral("\n"));
        emit endOfInput();
        return;
    }
    const QString line = QString::fromUtf8(rawLine);
    std::free(rawLine);
    eraseEnteredLine(line);
    m_inHandler = true;
    emit lineEntered(line);
    if (guard)
        m_inHandler = false;
}

void Terminal::eraseEnteredLine(const QString &line)
{
    // readline leaves the entered line on screen and the cursor below it;
    // what it means (the message sent, the command) is printed instead.
    int rows = 0, columns = 0;
    rl_get_screen_size(&rows, &columns);
    const qsizetype width = m_prompt.size() + line.size();
    const qsizetype used = columns > 0 ? width / columns + 1 : 1;
    std::fflush(stdout);
    write(STDOUT_FILENO, QStringLiteral("\033[%1A\r\033[J").arg(used).toUtf8());
}

QStringList Terminal::complete(const QString &lineBefore, const QString &word) const
{
    if (!m_completer)
        return {};
    QStringList matches;
    const QStringList candidates = m_completer(lineBefore);
    for (const QString &candidate : candidates) {
        if (candidate.startsWith(word, Qt::CaseInsensitive) && !matches.contains(candidate))
            matches.append(candidate);
    }
    return matches;
}

} // namespace Palomar::Cli
