#pragma once

#include <QByteArray>
#include <QString>

namespace Palomar::Server {

// Prometheus' text exposition format, one family at a time.
class MetricsText
{
public:
    void counter(const char *name, const char *help, double value);
    void gauge(const char *name, const char *help, double value);
    QByteArray text() const { return m_text; }

private:
    void family(const char *name, const char *help, const char *type, double value);

    QByteArray m_text;
};

} // namespace Palomar::Server
