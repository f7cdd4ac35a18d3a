#pragma once

namespace Palomar::Client {

// Delays between reconnection attempts: exponential with jitter, so a server
// restart is not met by every client at the same instant. Pure arithmetic.
class Backoff
{
public:
    explicit Backoff(int initialMs = 500, int maximumMs = 30000, double jitter = 0.2);

    // The delay before the next attempt; each call doubles the base up to the maximum.
    int nextDelay();
    // The same, but never less than `floorMs` (a server's `retry_after`,
    // honoured up to the maximum): the jitter then goes on top of the floor,
    // so clients told the same wait do not all come back at the same instant.
    int nextDelay(int floorMs);
    void reset() { m_attempts = 0; }
    int attempts() const { return m_attempts; }
    int initial() const { return m_initial; }
    int maximum() const { return m_maximum; }

private:
    int m_initial;
    int m_maximum;
    double m_jitter;
    int m_attempts = 0;
};

} // namespace Palomar::Client
