#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Palomar::Client {

Backoff::Backoff(int initialMs, int maximumMs, double jitter)
    : m_initial(std::max(1, initialMs)), m_maximum(std::max(m_initial, maximumMs)),
      m_jitter(std::clamp(jitter, 0.0, 1.0))
{}

int Backoff::nextDelay()
{
    double base = m_initial;
    for (int i = 0; i < m_attempts && base < m_maximum; ++i)
        base *= 2;
    base = std::min<double>(base, m_maximum);
    ++m_attempts;
    // Uniform in [base * (1 - jitter), base * (1 + jitter)], never above the maximum.
    const double factor =
        1.0 + m_jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    return std::clamp(int(base * factor), 1, m_maximum);
}

int Backoff::nextDelay(int floorMs)
{
    const int delay = nextDelay();
    const int floor = std::min(floorMs, m_maximum);
    if (delay >= floor)
        return delay;
    return int(floor * (1.0 + m_jitter * QRandomGenerator::global()->generateDouble()));
}

} // namespace Palomar::Client
