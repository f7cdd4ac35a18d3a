#include "metricsserver.h"

#include <QHttpServer>
#include <QHttpServerResponse>

namespace Palomar::Server {

MetricsServer::MetricsServer(std::function<QByteArray()> collect, QObject *parent)
    : QObject(parent), m_collect(std::move(collect))
{}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    m_http = std::make_unique<QHttpServer>();
    m_http->route(QStringLiteral("/metrics"), [this] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                                   m_collect());
    });
    m_http->route(QStringLiteral("/healthz"), [] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("ok\n"));
    });
    m_port = m_http->listen(address, port);
    if (m_port == 0) {
        *error =
            QStringLiteral("cannot listen on %1:%2 for metrics").arg(address.toString()).arg(port);
        return false;
    }
    return true;
}

} // namespace Palomar::Server
