#include "online.h"

#include "framedstream.h"
#include "phasemeter.h"
#include "pingprobe.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace Palomar::Bench {

namespace {

constexpr int kRunTimeoutMs = 600000;

QJsonObject failure(const char *workload, const Target &target, const QString &error)
{
    return {{QStringLiteral("workload"), QString::fromLatin1(workload)},
            {QStringLiteral("target"), target.label},
            {QStringLiteral("error"), error}};
}

// A message body: "<sender> <k> <send time ns>", k counting the sender's
// messages to this recipient from 0. Formatted into `buffer` (64 bytes).
QByteArrayView body(int sender, int k, qint64 sentNs, char *buffer)
{
    int at = formatNumber(sender, buffer);
    buffer[at++] = ' ';
    at += formatNumber(k, buffer + at);
    buffer[at++] = ' ';
    at += formatNumber(sentNs, buffer + at);
    return QByteArrayView(buffer, at);
}

bool parseBody(QByteArrayView text, int *sender, int *k, qint64 *sentNs)
{
    const char *at = text.data();
    const char *const end = at + text.size();
    const auto field = [&](auto *value, bool last) {
        const auto [rest, error] = std::from_chars(at, end, *value);
        if (error != std::errc() || rest == at ||
            (last ? rest != end : rest == end || *rest != ' '))
            return false;
        at = rest + (last ? 0 : 1);
        return true;
    };
    return field(sender, false) && field(k, false) && field(sentNs, true);
}

QJsonObject latencyJson(std::vector<qint64> &latencies)
{
    std::sort(latencies.begin(), latencies.end());
    return {{QStringLiteral("p50"), percentileMs(latencies, 0.5)},
            {QStringLiteral("p90"), percentileMs(latencies, 0.9)},
            {QStringLiteral("p99"), percentileMs(latencies, 0.99)},
            {QStringLiteral("p999"), percentileMs(latencies, 0.999)},
            {QStringLiteral("max"), percentileMs(latencies, 1.0)}};
}

} // namespace

double percentileMs(const std::vector<qint64> &sortedNs, double fraction)
{
    if (sortedNs.empty())
        return 0;
    const size_t at = std::min(sortedNs.size() - 1, size_t(fraction * double(sortedNs.size())));
    return double(sortedNs[at]) / 1e6;
}

QJsonObject runOnline(NetLoop &loop, const Target &target, const OnlineOptions &options)
{
    const int users = options.users;
    if (users < 2 || options.friends < 1 || options.friends >= users || options.window < 1)
        return failure("online", target, QStringLiteral("need users > friends >= 1, window >= 1"));
    Population population(loop, target, users, runPrefix("on"));
    QString error;
    if (!population.connectAll(&error) || !population.registerAll(&error) ||
        !population.loginAll(&error) || !population.befriendRing(options.friends, &error))
        return failure("online", target, error);

    struct Sender
    {
        QList<int> peers;
        std::vector<int> sentTo;
        int next = 0;
        int sent = 0;
        int inFlight = 0;
    };
    std::vector<Sender> senders(static_cast<size_t>(users));
    // (sender << 32 | recipient) → the next k expected.
    std::unordered_map<qint64, int> expected;
    for (int i = 0; i < users; ++i) {
        senders[size_t(i)].peers = population.neighbours(i, options.friends);
        senders[size_t(i)].sentTo.assign(size_t(senders[size_t(i)].peers.size()), 0);
        for (const int peer : std::as_const(senders[size_t(i)].peers))
            expected[(qint64(i) << 32) | peer] = 0;
    }
    const qint64 total = qint64(users) * options.messages;
    qint64 delivered = 0;
    std::vector<qint64> latencies;
    latencies.reserve(size_t(total));
    QString verifyError;

    const auto sendOne = [&](int i) {
        Sender &sender = senders[size_t(i)];
        const int slot = sender.next++ % int(sender.peers.size());
        const int peer = sender.peers[slot];
        const int k = sender.sentTo[size_t(slot)]++;
        ++sender.sent;
        ++sender.inFlight;
        char buffer[64];
        population.client(i).send(population.name(peer), body(i, k, monotonicNs(), buffer));
    };
    const bool paced = options.rate > 0;
    const auto pump = [&](int i) {
        Sender &sender = senders[size_t(i)];
        while (sender.sent < options.messages && sender.inFlight < options.window)
            sendOne(i);
    };

    for (int r = 0; r < users; ++r) {
        population.client(r).onMessage = [&, r](QByteArrayView text) {
            const qint64 now = monotonicNs();
            int s = 0, k = 0;
            qint64 sentNs = 0;
            if (!parseBody(text, &s, &k, &sentNs) || s < 0 || s >= users) {
                if (verifyError.isEmpty())
                    verifyError = QStringLiteral("user %1 got a message not from the bench: %2")
                                      .arg(r)
                                      .arg(QString::fromUtf8(text.toByteArray()));
                return;
            }
            const auto found = expected.find((qint64(s) << 32) | r);
            if (found == expected.end() || found->second != k) {
                if (verifyError.isEmpty())
                    verifyError = QStringLiteral("user %1 got message %2 from user %3, expected %4 "
                                                 "(lost, doubled or reordered)")
                                      .arg(r)
                                      .arg(k)
                                      .arg(s)
                                      .arg(found == expected.end() ? -1 : found->second);
                return;
            }
            ++found->second;
            latencies.push_back(now - sentNs);
            ++delivered;
            --senders[size_t(s)].inFlight;
            if (!paced)
                pump(s);
        };
        population.client(r).startReceiving();
    }
    std::unique_ptr<PingProbe> probe;
    if (options.probe) {
        probe = std::make_unique<PingProbe>(target, users);
        if (!probe->prepare(&error))
            return failure("online", target, error);
    }
    // Let the friend events and first polls settle before the clock starts.
    loop.runFor(1000);
    if (!population.failure().isEmpty())
        return failure("online", target, population.failure());

    PhaseMeter meter(target);
    meter.start();
    const qint64 start = monotonicNs();
    if (probe)
        probe->start();
    if (paced) {
        qint64 issued = 0;
        int cursor = 0;
        loop.setTicker(
            [&] {
                const qint64 due =
                    std::min(total, qint64(double(monotonicNs() - start) / 1e9 * options.rate));
                int skipped = 0;
                while (issued < due && skipped < users) {
                    Sender &sender = senders[size_t(cursor)];
                    if (sender.sent < options.messages && sender.inFlight < options.window) {
                        sendOne(cursor);
                        ++issued;
                        skipped = 0;
                    } else {
                        ++skipped;
                    }
                    cursor = (cursor + 1) % users;
                }
            },
            200);
    } else {
        for (int i = 0; i < users; ++i)
            pump(i);
    }
    const bool finished = loop.runUntil(
        [&] {
            return delivered == total || !verifyError.isEmpty() ||
                   !population.failure().isEmpty() || (probe && !probe->failure().isEmpty());
        },
        kRunTimeoutMs);
    const qint64 end = monotonicNs();
    if (probe)
        probe->stop();
    meter.finish();
    loop.setTicker({}, 0);
    if (probe && !probe->failure().isEmpty())
        return failure("online", target, probe->failure());
    if (!verifyError.isEmpty())
        return failure("online", target, verifyError);
    if (!population.failure().isEmpty())
        return failure("online", target, population.failure());
    if (!finished)
        return failure("online", target,
                       QStringLiteral("%1 of %2 messages delivered after %3 s")
                           .arg(delivered)
                           .arg(total)
                           .arg(kRunTimeoutMs / 1000));
    // Every send answered ok (Palomar: durable), nothing more arriving.
    if (!population.forAll(
            [&](int i, ChatClient::Done done) {
                population.client(i).confirmSent(std::move(done));
            },
            QStringLiteral("confirm sends"), 60000, &error))
        return failure("online", target, error);
    loop.runFor(200);
    if (!verifyError.isEmpty() || delivered != total)
        return failure("online", target,
                       verifyError.isEmpty() ? QStringLiteral("messages arrived twice")
                                             : verifyError);

    const double seconds = double(end - start) / 1e9;
    for (int i = 0; i < users; ++i)
        population.client(i).hangUp();
    QJsonObject result{{QStringLiteral("workload"), QStringLiteral("online")},
                       {QStringLiteral("target"), target.label},
                       {QStringLiteral("users"), users},
                       {QStringLiteral("friends"), options.friends},
                       {QStringLiteral("messages_per_user"), options.messages},
                       {QStringLiteral("window"), options.window},
                       {QStringLiteral("offered_rate"), options.rate},
                       {QStringLiteral("delivered"), delivered},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("msgs_per_s"), double(delivered) / seconds},
                       {QStringLiteral("latency_ms"), latencyJson(latencies)},
                       {QStringLiteral("verified"), true}};
    meter.addTo(&result, double(delivered), QStringLiteral("msg"));
    if (probe)
        result.insert(QStringLiteral("ping_ms"), probe->result());
    return result;
}

QJsonObject runOfflineDrain(NetLoop &loop, const Target &target, int messages)
{
    const bool xmpp = target.protocol == Target::Protocol::Xmpp;
    Population population(loop, target, 2, runPrefix("off"));
    ChatClient &sender = population.client(0);
    ChatClient &recipient = population.client(1);
    QString error;
    if (!population.connectAll(&error) || !population.registerAll(&error))
        return failure("offline", target, error);
    bool ok = true;
    const auto step = [&](ChatClient &client, const auto &call, const QString &what) {
        bool finished = false;
        call(client, [&](bool success, const QString &why) {
            finished = true;
            if (!success && ok) {
                ok = false;
                error = what + QStringLiteral(": ") + why;
            }
        });
        if (!loop.runUntil([&] { return finished || !population.failure().isEmpty(); },
                           kRunTimeoutMs) &&
            ok) {
            ok = false;
            error = what + QStringLiteral(": timeout");
        }
        if (!population.failure().isEmpty() && ok) {
            ok = false;
            error = population.failure();
        }
        return ok;
    };
    const QByteArray password = Population::password();
    const QByteArray recipientName = population.name(1);
    if (!xmpp) {
        // Palomar sends only to friends: befriend, then log the recipient out.
        if (!population.loginAll(&error) || !population.befriendRing(1, &error))
            return failure("offline", target, error);
        recipient.startReceiving();
        if (!step(
                recipient, [](ChatClient &c, auto done) { c.acknowledgeReceived(done); },
                QStringLiteral("drain friend events")) ||
            !step(
                recipient, [](ChatClient &c, auto done) { c.logout(done); },
                QStringLiteral("logout")))
            return failure("offline", target, error);
    } else {
        recipient.hangUp(); // registered only: it has never been online
        if (!step(
                sender,
                [&](ChatClient &c, auto done) { c.login(population.name(0), password, done); },
                QStringLiteral("login")))
            return failure("offline", target, error);
    }
    // Storing: from the first send until the server has confirmed the last.
    const qint64 storeStart = monotonicNs();
    for (int k = 0; k < messages; ++k) {
        char buffer[64];
        sender.send(recipientName, body(0, k, monotonicNs(), buffer));
    }
    if (!step(
            sender, [](ChatClient &c, auto done) { c.confirmSent(done); }, QStringLiteral("send")))
        return failure("offline", target, error);
    const qint64 stored = monotonicNs();

    // The recipient comes back: connect, log in, receive, acknowledge.
    std::unique_ptr<ChatClient> back = makeClient(loop, target, 1);
    back->onFailure = [&](const QString &why) {
        if (ok) {
            ok = false;
            error = why;
        }
    };
    int next = 0;
    back->onMessage = [&](QByteArrayView text) {
        int s = 0, k = 0;
        qint64 sentNs = 0;
        if ((!parseBody(text, &s, &k, &sentNs) || s != 0 || k != next) && ok) {
            ok = false;
            error = QStringLiteral("message %1 arrived when %2 was expected").arg(k).arg(next);
        }
        ++next;
    };
    PhaseMeter meter(target);
    meter.start();
    const qint64 start = monotonicNs();
    back->open();
    if (!loop.runUntil([&] { return back->isReady() || !ok; }, 60000) || !ok)
        return failure("offline", target, ok ? QStringLiteral("reconnect: timeout") : error);
    if (!step(
            *back, [&](ChatClient &c, auto done) { c.login(recipientName, password, done); },
            QStringLiteral("login")))
        return failure("offline", target, error);
    const qint64 loggedIn = monotonicNs();
    back->startReceiving();
    if (!loop.runUntil([&] { return next >= messages || !ok; }, kRunTimeoutMs) || !ok)
        return failure("offline", target,
                       ok ? QStringLiteral("%1 of %2 received").arg(next).arg(messages) : error);
    const qint64 received = monotonicNs();
    if (!step(
            *back, [](ChatClient &c, auto done) { c.acknowledgeReceived(done); },
            QStringLiteral("acknowledge")))
        return failure("offline", target, error);
    const qint64 end = monotonicNs();
    meter.finish();
    loop.runFor(200);
    if (next != messages)
        return failure("offline", target,
                       QStringLiteral("%1 messages arrived, %2 sent").arg(next).arg(messages));
    back->hangUp();
    sender.hangUp();
    QJsonObject result{{QStringLiteral("workload"), QStringLiteral("offline")},
                       {QStringLiteral("target"), target.label},
                       {QStringLiteral("messages"), messages},
                       {QStringLiteral("store_ms"), double(stored - storeStart) / 1e6},
                       {QStringLiteral("drain_ms"), double(end - start) / 1e6},
                       {QStringLiteral("login_ms"), double(loggedIn - start) / 1e6},
                       {QStringLiteral("receive_ms"), double(received - loggedIn) / 1e6},
                       {QStringLiteral("verified"), true}};
    meter.addTo(&result, messages, QStringLiteral("msg"));
    return result;
}

} // namespace Palomar::Bench
