#include "servermetrics.h"

#include <QTcpSocket>
#include <QUrl>

namespace Palomar::Bench {

namespace {

constexpr int kTimeoutMs = 10000;

QByteArray decodeChunked(const QByteArray &chunked, bool *ok)
{
    QByteArray body;
    qsizetype at = 0;
    *ok = false;
    for (;;) {
        const qsizetype lineEnd = chunked.indexOf("\r\n", at);
        if (lineEnd < 0)
            return body;
        bool sizeOk = false;
        const qsizetype size =
            chunked.mid(at, lineEnd - at).split(';').first().trimmed().toLongLong(&sizeOk, 16);
        if (!sizeOk || size < 0 || lineEnd + 2 + size > chunked.size())
            return body;
        if (size == 0) {
            *ok = true;
            return body;
        }
        body.append(chunked.mid(lineEnd + 2, size));
        at = lineEnd + 2 + size + 2;
    }
}

} // namespace

QHash<QByteArray, double> parseMetricsText(const QByteArray &text)
{
    QHash<QByteArray, double> samples;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#'))
            continue;
        // `name{labels} value [timestamp]`: the value follows the last
        // space outside the labels.
        const qsizetype labelsEnd = trimmed.lastIndexOf('}');
        const qsizetype space = trimmed.indexOf(' ', labelsEnd < 0 ? 0 : labelsEnd);
        if (space <= 0)
            continue;
        bool ok = false;
        const double value = trimmed.mid(space + 1).trimmed().split(' ').first().toDouble(&ok);
        if (ok)
            samples.insert(trimmed.left(space), value);
    }
    return samples;
}

HttpResponse httpResponseBody(const QByteArray &response, bool atEnd, QByteArray *body,
                              QString *error)
{
    const auto incomplete = [&] {
        if (!atEnd)
            return HttpResponse::Incomplete;
        *error = QStringLiteral("the connection closed before the end of the response");
        return HttpResponse::Failed;
    };
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return incomplete();
    const QList<QByteArray> lines = response.left(headerEnd).split('\n');
    const QList<QByteArray> status = lines.first().trimmed().split(' ');
    if (status.size() < 2 || !status.first().startsWith("HTTP/1.") || status.at(1) != "200") {
        *error = QStringLiteral("HTTP status: %1").arg(QString::fromUtf8(lines.first().trimmed()));
        return HttpResponse::Failed;
    }
    bool chunked = false;
    qsizetype length = -1;
    for (const QByteArray &line : lines.mid(1)) {
        const QByteArray lower = line.trimmed().toLower();
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked"))
            chunked = true;
        else if (lower.startsWith("content-length:"))
            length = lower.mid(15).trimmed().toLongLong();
    }
    *body = response.mid(headerEnd + 4);
    if (chunked) {
        bool ok = false;
        *body = decodeChunked(*body, &ok);
        return ok ? HttpResponse::Complete : incomplete();
    }
    if (length >= 0) {
        if (body->size() < length)
            return incomplete();
        body->truncate(length);
        return HttpResponse::Complete;
    }
    return atEnd ? HttpResponse::Complete : HttpResponse::Incomplete;
}

bool scrapeMetrics(const QString &url, QHash<QByteArray, double> *samples, QString *error)
{
    const QUrl parsed(url);
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("http") || parsed.port() <= 0) {
        *error = QStringLiteral("not an http://HOST:PORT/PATH URL: %1").arg(url);
        return false;
    }
    QTcpSocket socket;
    socket.connectToHost(parsed.host(), quint16(parsed.port()));
    if (!socket.waitForConnected(kTimeoutMs)) {
        *error = QStringLiteral("%1: %2").arg(url, socket.errorString());
        return false;
    }
    const QByteArray path = parsed.path(QUrl::FullyEncoded).toUtf8();
    socket.write("GET " + (path.isEmpty() ? QByteArray("/") : path) + " HTTP/1.1\r\nHost: " +
                 parsed.authority().toUtf8() + "\r\nConnection: close\r\n\r\n");
    QByteArray response;
    QByteArray body;
    for (;;) {
        const bool atEnd = !socket.waitForReadyRead(kTimeoutMs);
        response += socket.readAll();
        const HttpResponse result = httpResponseBody(response, atEnd, &body, error);
        if (result == HttpResponse::Complete) {
            *samples = parseMetricsText(body);
            return true;
        }
        if (result == HttpResponse::Failed) {
            *error = url + QStringLiteral(": ") + *error;
            return false;
        }
    }
}

bool scrapeMetricsSum(const QStringList &urls, QHash<QByteArray, double> *samples, QString *error)
{
    samples->clear();
    for (const QString &url : urls) {
        QHash<QByteArray, double> one;
        if (!scrapeMetrics(url, &one, error))
            return false;
        for (auto it = one.cbegin(); it != one.cend(); ++it)
            (*samples)[it.key()] += it.value();
    }
    return true;
}

} // namespace Palomar::Bench
