#pragma once

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerResponder;

namespace Palomar::Server {

// The operator's HTTP endpoint (--metrics ADDR:PORT, loopback unless told
// otherwise): /metrics in Prometheus' text format, /healthz (the process
// answers) and /readyz (the database answers a round trip now). Lives on the
// main thread and never waits there: every figure comes from `collect`,
// which reads counters, and readiness from `probe`, which answers later
// through its verdict (on the main thread; at most once is used).
class MetricsServer : public QObject
{
public:
    using Verdict = std::function<void(bool ready, const QString &why)>;
    using Probe = std::function<void(Verdict verdict)>;

    MetricsServer(std::function<QByteArray()> collect, Probe probe, QObject *parent = nullptr);
    ~MetricsServer() override;

    // False (with `error`) when the address cannot be listened on.
    bool start(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const { return m_port; }

private:
    void answerReadiness(QHttpServerResponder &&responder);

    std::function<QByteArray()> m_collect;
    Probe m_probe;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
};

} // namespace Palomar::Server
