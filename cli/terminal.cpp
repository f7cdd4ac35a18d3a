#include "terminal.h"

#include <QPointer>
#include <QSocketNotifier>

#include <cerrno>
#include <unistd.h>

namespace Palomar::Cli {

namespace {
const QByteArray kClearLine = QByteArrayLiteral("\r\033[K");

// Drops the last UTF-8 character (not just its last byte).
void chopCharacter(QByteArray *line)
{
    while (!line->isEmpty()) {
        const unsigned char last = static_cast<unsigned char>(line->back());
        line->chop(1);
        if ((last & 0xC0) != 0x80)
            return;
    }
}

void chopWord(QByteArray *line)
{
    while (!line->isEmpty() && line->back() == ' ')
        line->chop(1);
    while (!line->isEmpty() && line->back() != ' ')
        line->chop(1);
}
} // namespace

Terminal::Terminal(QObject *parent) : QObject(parent)
{
    m_interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

Terminal::~Terminal()
{
    stop();
}

void Terminal::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_interactive && tcgetattr(STDIN_FILENO, &m_savedTermios) == 0) {
        struct termios raw = m_savedTermios;
        // No line buffering and no kernel echo; keep ISIG so Ctrl-C is a SIGINT.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        m_rawMode = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Terminal::onReadable);
    redraw();
}

void Terminal::stop()
{
    if (!m_running)
        return;
    m_running = false;
    delete m_notifier;
    m_notifier = nullptr;
    if (m_interactive) {
        write(STDOUT_FILENO, kClearLine);
        if (m_rawMode)
            tcsetattr(STDIN_FILENO, TCSANOW, &m_savedTermios);
        m_rawMode = false;
    }
}

void Terminal::setPrompt(const QString &prompt)
{
    m_prompt = prompt;
    redraw();
}

void Terminal::printLine(const QString &text, Stream stream)
{
    QByteArray bytes = text.toUtf8();
    bytes.append('\n');
    if (m_interactive && m_running) {
        // One stream on a terminal, so the redraw lands after the text.
        write(STDOUT_FILENO, kClearLine + bytes);
        redraw();
        return;
    }
    write(stream == Stream::Error ? STDERR_FILENO : STDOUT_FILENO, bytes);
}

void Terminal::redraw()
{
    if (m_interactive && m_running)
        write(STDOUT_FILENO, kClearLine + m_prompt.toUtf8() + m_line);
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
    char buffer[4096];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        m_notifier->setEnabled(false);
        if (!m_interactive && !m_line.isEmpty())
            submit(std::exchange(m_line, {}));
        if (m_running)
            emit endOfInput();
        return;
    }
    const QByteArray bytes(buffer, n);
    if (m_rawMode)
        handleTerminalBytes(bytes);
    else
        handlePipeBytes(bytes);
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
        submit(line);
    }
}

void Terminal::handleTerminalBytes(const QByteArray &bytes)
{
    QPointer<Terminal> guard(this);
    for (const char c : bytes) {
        if (!guard || !m_running)
            return;
        const unsigned char byte = static_cast<unsigned char>(c);
        if (m_escape == 1) {
            m_escape = (c == '[' || c == 'O') ? 2 : 0;
            continue;
        }
        if (m_escape == 2) {
            if (byte >= 0x40 && byte <= 0x7E)
                m_escape = 0; // the final byte of an arrow key or the like: ignored
            continue;
        }
        switch (byte) {
        case '\r':
        case '\n': {
            const QByteArray line = std::exchange(m_line, {});
            write(STDOUT_FILENO, kClearLine);
            submit(line);
            if (guard)
                redraw();
            break;
        }
        case 0x7F: // backspace
        case 0x08:
            chopCharacter(&m_line);
            redraw();
            break;
        case 0x15: // Ctrl-U
            m_line.clear();
            redraw();
            break;
        case 0x17: // Ctrl-W
            chopWord(&m_line);
            redraw();
            break;
        case 0x0C: // Ctrl-L
            write(STDOUT_FILENO, QByteArrayLiteral("\033[H\033[2J"));
            redraw();
            break;
        case 0x04: // Ctrl-D: end of input on an empty line
            if (m_line.isEmpty()) {
                emit endOfInput();
                return;
            }
            break;
        case 0x1B:
            m_escape = 1;
            break;
        case '\t':
            m_line.append(' ');
            redraw();
            break;
        default:
            if (byte >= 0x20) {
                m_line.append(c);
                write(STDOUT_FILENO, QByteArray(1, c));
            }
            break;
        }
    }
}

void Terminal::submit(const QByteArray &line)
{
    emit lineEntered(QString::fromUtf8(line));
}

} // namespace Palomar::Cli
