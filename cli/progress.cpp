#include "progress.h"

#include "output.h"

namespace Palomar::Cli {

namespace {
constexpr qint64 kRedrawMs = 100;
} // namespace

ProgressMeter::ProgressMeter(std::FILE *stream, bool terminal, const QString &label)
    : m_stream(stream), m_terminal(terminal), m_label(label)
{
    m_clock.start();
}

QString ProgressMeter::line(qint64 done, qint64 total, double bytesPerSecond)
{
    const int percent = total > 0 ? int(done * 100 / total) : 100;
    QString text =
        QStringLiteral("%1%  %2 / %3").arg(percent, 3).arg(Output::size(done), Output::size(total));
    if (bytesPerSecond > 0)
        text += QStringLiteral("  %1 MB/s").arg(bytesPerSecond / 1e6, 0, 'f', 1);
    return QStringLiteral(" ") + text;
}

void ProgressMeter::update(qint64 done, qint64 total)
{
    const qint64 now = m_clock.elapsed();
    if (m_startDone < 0) {
        m_startDone = done;
        m_clock.restart();
    }
    const bool complete = done >= total;
    const double seconds = double(m_clock.elapsed()) / 1000;
    const double speed = seconds > 0.05 ? double(done - m_startDone) / seconds : 0;
    if (m_terminal) {
        if (!complete && m_lastDrawn >= 0 && now - m_lastDrawn < kRedrawMs)
            return;
        m_lastDrawn = now;
        write(QStringLiteral("\r") + line(done, total, speed) + QStringLiteral("\033[K"));
        m_lineOpen = true;
        return;
    }
    const int tenth = total > 0 ? int(done * 10 / total) : 10;
    if (tenth == m_lastTenth)
        return;
    m_lastTenth = tenth;
    write(m_label + QStringLiteral(":") + line(done, total, speed) + QStringLiteral("\n"));
}

void ProgressMeter::finish()
{
    if (m_lineOpen)
        write(QStringLiteral("\n"));
    m_lineOpen = false;
}

void ProgressMeter::write(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_stream);
    std::fflush(m_stream);
}

} // namespace Palomar::Cli
