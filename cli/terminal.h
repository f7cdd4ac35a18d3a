#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <termios.h>

class QSocketNotifier;

namespace Palomar::Cli {

// The interactive console: reads stdin through a QSocketNotifier and prints
// lines. On a terminal it owns the line being typed (raw mode, its own echo
// and editing), so a line printed while the user types clears the input
// line, prints, and redraws the prompt with the half-typed text. On a pipe
// it just reads lines and prints lines. Restores the terminal on stop().
class Terminal : public QObject
{
    Q_OBJECT
public:
    enum class Stream
    {
        Output,
        Error
    };

    explicit Terminal(QObject *parent = nullptr);
    ~Terminal() override;

    bool isInteractive() const { return m_interactive; }
    void start();
    void stop();

    void setPrompt(const QString &prompt);
    const QString &prompt() const { return m_prompt; }
    // Prints one line (or several, separated by '\n') without mangling the input.
    void printLine(const QString &text, Stream stream = Stream::Output);

signals:
    void lineEntered(const QString &line);
    void endOfInput();

private:
    void onReadable();
    void handleTerminalBytes(const QByteArray &bytes);
    void handlePipeBytes(const QByteArray &bytes);
    void submit(const QByteArray &line);
    void redraw();
    void write(int fd, const QByteArray &bytes);

    QSocketNotifier *m_notifier = nullptr;
    bool m_interactive = false;
    bool m_running = false;
    bool m_rawMode = false;
    struct termios m_savedTermios = {};
    QString m_prompt;
    QByteArray m_line; // being typed (terminal) or partial (pipe), UTF-8
    int m_escape = 0;  // 0 none, 1 after ESC, 2 inside a CSI/SS3 sequence
};

} // namespace Palomar::Cli
