#include "pingprobe.h"

#include "online.h"

#include <algorithm>
#include <limits>

namespace Palomar::Bench {

namespace {

constexpr int kSetupTimeoutMs = 120000;

} // namespace

PingProbe::PingProbe(const Target &target, int index, int intervalMs)
    : m_target(target), m_index(index), m_intervalMs(intervalMs)
{}

PingProbe::~PingProbe()
{
    stop();
}

bool PingProbe::prepare(QString *error)
{
    m_thread = std::thread([this] { run(); });
    std::unique_lock lock(m_mutex);
    m_prepared.wait(lock, [this] { return m_ready; });
    *error = m_failure;
    return m_failure.isEmpty();
}

void PingProbe::start()
{
    m_recording = true;
}

void PingProbe::stop()
{
    m_recording = false;
    m_stopping = true;
    if (m_thread.joinable())
        m_thread.join();
}

QString PingProbe::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

void PingProbe::fail(const QString &why)
{
    std::lock_guard lock(m_mutex);
    if (m_failure.isEmpty())
        m_failure = QStringLiteral("the ping probe: %1").arg(why);
}

void PingProbe::run()
{
    NetLoop loop;
    const std::unique_ptr<ChatClient> client = makeClient(loop, m_target, m_index);
    bool failed = false;
    client->onFailure = [&](const QString &why) {
        failed = true;
        fail(why);
    };
    // One setup step on this thread's loop: true when it succeeded.
    const auto step = [&](const char *what, const auto &call) {
        bool finished = false;
        call([&](bool ok, const QString &why) {
            finished = true;
            if (!ok) {
                failed = true;
                fail(QString::fromLatin1(what) + QStringLiteral(": ") + why);
            }
        });
        if (!loop.runUntil([&] { return finished || failed; }, kSetupTimeoutMs) && !failed) {
            failed = true;
            fail(QString::fromLatin1(what) + QStringLiteral(": timeout"));
        }
        return !failed;
    };
    const QByteArray name = runPrefix("ping") + "probe";
    const QByteArray password = Population::password();
    client->open();
    if (!loop.runUntil([&] { return client->isReady() || failed; }, kSetupTimeoutMs) && !failed) {
        failed = true;
        fail(QStringLiteral("connect: timeout"));
    }
    const bool ready = !failed && step("register", [&](ChatClient::Done done) {
        client->registerUser(name, password, done);
    }) && step("login", [&](ChatClient::Done done) { client->login(name, password, done); });
    {
        std::lock_guard lock(m_mutex);
        m_ready = true;
    }
    m_prepared.notify_all();
    if (!ready)
        return;

    // One ping at a time, the next 10 ms after this one was sent (at once
    // when it came back late).
    std::function<void()> pingOnce = [&] {
        const qint64 sent = monotonicNs();
        client->ping([&, sent](bool ok, const QString &why) {
            const qint64 now = monotonicNs();
            if (!ok)
                fail(QStringLiteral("ping: ") + why);
            if (m_recording)
                m_roundTrips.push_back(now - sent);
            const qint64 dueNs = sent + qint64(m_intervalMs) * 1000000;
            loop.after(int(std::max<qint64>(0, (dueNs - now) / 1000000)), pingOnce);
        });
    };
    m_roundTrips.reserve(1 << 16);
    pingOnce();
    loop.runUntil([this] { return m_stopping.load(); }, std::numeric_limits<int>::max());
    client->hangUp();
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
