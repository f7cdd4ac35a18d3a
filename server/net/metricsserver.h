#pragma once

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;

namespace Palomar::Server {

// The operator's HTTP endpoint (--metrics ADDR:PORT, loopback unless told
// otherwise): /metrics in Prometheus' text format and /healthz. Lives on the
// main thread; every figure comes from `collect`, which reads counters and
// never waits for the database.
class MetricsServer : public QObject
{
public:
    explicit MetricsServer(std::function<QByteArray()> collect, QObject *parent = nullptr);
    ~MetricsServer() override;

    // False (with `error`) when the address cannot be listened on.
    bool start(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const { return m_port; }

private:
    std::function<QByteArray()> m_collect;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
};

} // namespace Palomar::Server
