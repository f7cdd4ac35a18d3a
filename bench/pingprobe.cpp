#include "pingprobe.h"

#include "online.h"

#include <algorithm>

namespace Palomar::Bench {

namespace {

constexpr int kSetupTimeoutMs = 120000;

} // namespace

PingProbe::PingProbe(NetLoop &loop, const Target &target, int index, int intervalMs)
    : m_loop(loop), m_client(makeClient(loop, target, index)), m_name(runPrefix("ping") + "probe"),
      m_intervalMs(intervalMs)
{
    m_client->onFailure = [this](const QString &why) {
        if (m_failure.isEmpty())
            m_failure = QStringLiteral("the ping probe: %1").arg(why);
    };
}

PingProbe::~PingProbe()
{
    *m_alive = false;
    m_client->hangUp();
}

bool PingProbe::prepare(QString *error)
{
    m_client->open();
    if (!m_loop.runUntil([this] { return m_client->isReady() || !m_failure.isEmpty(); },
                         kSetupTimeoutMs) ||
        !m_failure.isEmpty()) {
        *error =
            m_failure.isEmpty() ? QStringLiteral("the ping probe: connect: timeout") : m_failure;
        return false;
    }
    const auto step = [this, error](const char *what, const auto &call) {
        bool finished = false;
        call([&](bool ok, const QString &why) {
            finished = true;
            if (!ok && m_failure.isEmpty())
                m_failure =
                    QStringLiteral("the ping probe: %1: %2").arg(QString::fromLatin1(what), why);
        });
        if (!m_loop.runUntil([&] { return finished || !m_failure.isEmpty(); }, kSetupTimeoutMs) &&
            m_failure.isEmpty())
            m_failure =
                QStringLiteral("the ping probe: %1: timeout").arg(QString::fromLatin1(what));
        *error = m_failure;
        return m_failure.isEmpty();
    };
    const QByteArray password = Population::password();
    return step("register",
                [&](ChatClient::Done done) { m_client->registerUser(m_name, password, done); }) &&
           step("login", [&](ChatClient::Done done) { m_client->login(m_name, password, done); });
}

void PingProbe::start()
{
    m_running = true;
    m_roundTrips.clear();
    m_roundTrips.reserve(1 << 16);
    pingOnce();
}

void PingProbe::stop()
{
    m_running = false;
}

void PingProbe::pingOnce()
{
    if (!m_running)
        return;
    const qint64 sent = monotonicNs();
    m_client->ping([this, sent, alive = m_alive](bool ok, const QString &why) {
        if (!*alive)
            return;
        const qint64 now = monotonicNs();
        if (!ok && m_failure.isEmpty())
            m_failure = QStringLiteral("the ping probe: ping: %1").arg(why);
        if (!m_running)
            return;
        m_roundTrips.push_back(now - sent);
        // The next one 10 ms after this one was sent (at once when late).
        const qint64 dueNs = sent + qint64(m_intervalMs) * 1000000;
        m_loop.after(int(std::max<qint64>(0, (dueNs - now) / 1000000)), [this, alive] {
            if (*alive)
                pingOnce();
        });
    });
}

QJsonObject PingProbe::result() const
{
    std::vector<qint64> sorted = m_roundTrips;
    std::sort(sorted.begin(), sorted.end());
    return {{QStringLiteral("p50"), percentileMs(sorted, 0.5)},
            {QStringLiteral("p99"), percentileMs(sorted, 0.99)},
            {QStringLiteral("max"), percentileMs(sorted, 1.0)},
            {QStringLiteral("count"), qint64(sorted.size())}};
}

} // namespace Palomar::Bench
