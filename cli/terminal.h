#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QSocketNotifier;

namespace Palomar::Cli {

// The interactive console: reads stdin through a QSocketNotifier and prints
// lines. On a terminal GNU readline owns the line being typed (editing, the
// history kept between runs, Tab completion) through its callback interface,
// so a line printed while the user types clears the input line, prints, and
// redraws the prompt with the half-typed text. On a pipe it just reads lines
// and prints lines. Restores the terminal on stop().
class Terminal : public QObject
{
    Q_OBJECT
public:
    enum class Stream
    {
        Output,
        Error
    };
    // The candidates for the word being completed, given the line before it;
    // the terminal keeps those that start with what was typed.
    using Completer = std::function<QStringList(const QString &lineBefore)>;

    explicit Terminal(QObject *parent = nullptr);
    ~Terminal() override;

    bool isInteractive() const { return m_interactive; }
    void start();
    void stop();

    void setPrompt(const QString &prompt);
    const QString &prompt() const { return m_prompt; }
    void setCompleter(Completer completer) { m_completer = std::move(completer); }
    // Keeps `line` in the history (Up recalls it, also in the next run).
    // Only what the caller adds is kept, so no password ever lands there.
    void addToHistory(const QString &line);
    // Ctrl-C: empties the line being typed; false when it was empty already.
    bool clearLine();
    // Prints one line (or several, separated by '\n') without mangling the input.
    void printLine(const QString &text, Stream stream = Stream::Output);
    // Like printLine, but a status line printed right after another one
    // replaces it on a terminal ("reconnecting…", then "back online").
    void printStatus(const QString &text);

    // After SIGWINCH: readline learns the new width.
    void resize();
    // The terminal's height; 22 (a screenful less a little) through a pipe.
    int screenRows() const;

    // Where the history is kept: palomar-cli/history in the user's data folder.
    static QString historyPath();

signals:
    void lineEntered(const QString &line);
    void endOfInput();

private:
    friend struct ReadlineGlue;
    void onReadable();
    void handlePipeBytes(const QByteArray &bytes);
    void onEditedLine(char *line);
    QStringList complete(const QString &lineBefore, const QString &word) const;
    void eraseEnteredLine(const QString &line);
    void write(int fd, const QByteArray &bytes);

    QSocketNotifier *m_notifier = nullptr;
    bool m_interactive = false;
    bool m_running = false;
    bool m_editing = false;      // readline's callback handler is installed
    bool m_inHandler = false;    // inside readline's line handler
    bool m_startPending = false; // start() asked for inside the handler
    bool m_statusShown = false;
    QString m_prompt;
    QByteArray m_promptBytes; // what readline shows; must outlive its use
    QByteArray m_line;        // partial line from a pipe, UTF-8
    Completer m_completer;
};

} // namespace Palomar::Cli
