#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace Palomar::Bench {

// The counters of palomar-server's --metrics endpoint (Prometheus text),
// fetched with one blocking HTTP/1.1 GET: only ever called before and after
// a measured phase, never inside one.

// Every sample line `name value` (labels kept in the name) of the page at
// `url`; false with `error` when it cannot be fetched or is not HTTP 200.
bool scrapeMetrics(const QString &url, QHash<QByteArray, double> *samples, QString *error);
// The samples of several endpoints summed name by name (several instances);
// empty when `urls` is, false at the first that fails.
bool scrapeMetricsSum(const QStringList &urls, QHash<QByteArray, double> *samples, QString *error);
// The sample lines of a Prometheus text page (pure, for tests by table).
QHash<QByteArray, double> parseMetricsText(const QByteArray &text);
// The body of an HTTP/1.1 response (Content-Length, chunked, or up to the
// end of the connection when `atEnd`): Incomplete while more bytes are
// needed, Failed unless the status is 200.
enum class HttpResponse
{
    Complete,
    Incomplete,
    Failed
};
HttpResponse httpResponseBody(const QByteArray &response, bool atEnd, QByteArray *body,
                              QString *error);

} // namespace Palomar::Bench
