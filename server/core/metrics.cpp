#include "metrics.h"

namespace Palomar::Server {

void MetricsText::family(const char *name, const char *help, const char *type, double value)
{
    m_text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n' +
              name + ' ' + QByteArray::number(value, 'g', 17) + '\n';
}

void MetricsText::counter(const char *name, const char *help, double value)
{
    family(name, help, "counter", value);
}

void MetricsText::gauge(const char *name, const char *help, double value)
{
    family(name, help, "gauge", value);
}

} // namespace Palomar::Server
