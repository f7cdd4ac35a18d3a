#include "metricsserver.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

namespace Palomar::Server {

namespace {
// The most /readyz waits for the database before it answers 503.
constexpr int kReadyTimeoutMs = 2000;
} // namespace

MetricsServer::MetricsServer(std::function<QByteArray()> collect, Probe probe, QObject *parent)
    : QObject(parent), m_collect(std::move(collect)), m_probe(std::move(probe))
{}

MetricsServer::~MetricsServer() = default;

void MetricsServer::answerReadiness(QHttpServerResponder &&responder)
{
    // Answered when the probe's verdict or the deadline comes, whichever
    // first; not at all when the client went away meanwhile.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket = pending->socket();
    const Verdict verdict = [pending, socket](bool ready, const QString &why) mutable {
        if (!pending)
            return;
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            pending->write(ready ? QByteArrayLiteral("ready\n") : why.toUtf8() + '\n',
                           QByteArrayLiteral("text/plain"),
                           ready ? QHttpServerResponder::StatusCode::Ok
                                 : QHttpServerResponder::StatusCode::ServiceUnavailable);
        pending.reset();
    };
    auto shared = std::make_shared<Verdict>(verdict);
    QTimer::singleShot(kReadyTimeoutMs, this, [shared] {
        (*shared)(false,
                  QStringLiteral("the database did not answer within %1 ms").arg(kReadyTimeoutMs));
    });
    m_probe([shared](bool ready, const QString &why) { (*shared)(ready, why); });
}

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
    m_http->route(QStringLiteral("/readyz"),
                  [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                      answerReadiness(std::move(responder));
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
