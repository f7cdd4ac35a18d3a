#pragma once

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace Palomar::Cli {

// The progress of one file transfer, for people: on a terminal one line
// redrawn in place ("\r  42%  4.2 MiB / 10.0 MiB  12.3 MB/s"), elsewhere a
// plain line at each tenth, so a log does not fill up. Writes to the
// stream it is given (stderr: stdout stays for results and --json).
class ProgressMeter
{
public:
    ProgressMeter(std::FILE *stream, bool terminal, const QString &label);

    void update(qint64 done, qint64 total);
    // Ends the redrawn line (on a terminal) so what follows starts clean.
    void finish();

    // "  42%  4.2 MiB / 10.0 MiB  12.3 MB/s"
    static QString line(qint64 done, qint64 total, double bytesPerSecond);

private:
    void write(const QString &text);

    std::FILE *m_stream;
    bool m_terminal;
    QString m_label;
    QElapsedTimer m_clock;
    qint64 m_startDone = -1; // bytes already there when we started (a resumed transfer)
    qint64 m_lastDrawn = -1; // ms on m_clock
    int m_lastTenth = -1;
    bool m_lineOpen = false;
};

} // namespace Palomar::Cli
