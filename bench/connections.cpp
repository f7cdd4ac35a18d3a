#include "connections.h"

#include "benchutil.h"
#include "palomarclient.h"
#include "phasemeter.h"

#include <functional>
#include <utility>

namespace Palomar::Bench {

namespace {

constexpr int kSetupClients = 16;
constexpr int kTimeoutMs = 600000;
// Descriptors the bench keeps for itself (log files, setup, the loop).
constexpr int kReservedDescriptors = 300;

QJsonObject failure(const QString &error)
{
    return {{QStringLiteral("workload"), QStringLiteral("connections")},
            {QStringLiteral("error"), error}};
}

using Clients = std::vector<std::unique_ptr<PalomarClient>>;

// Opens a client per user, each from a loopback source of its own, and
// watches for failures.
Clients makeClients(NetLoop &loop, const Target &target, int count, int sourceOffset,
                    const QString &phase, QString *firstFailure)
{
    Clients clients;
    clients.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const sockaddr_in source = loopbackSource(i + sourceOffset);
        clients.push_back(std::make_unique<PalomarClient>(
            loop, target.servers.at(i % target.servers.size()), &source));
        clients.back()->onFailure = [firstFailure, phase, i](const QString &why) {
            if (firstFailure->isEmpty())
                *firstFailure = QStringLiteral("%1, connection %2: %3").arg(phase).arg(i).arg(why);
        };
        clients.back()->setPollWait(50); // parked polls keep idle clients from timing out
    }
    return clients;
}

} // namespace

QJsonObject runConnections(NetLoop &loop, const Target &target, int connections)
{
    if (target.protocol != Target::Protocol::Palomar)
        return failure(QStringLiteral("the connections workload speaks Palomar only"));
    const qint64 limit = raiseOpenFileLimit();
    const int count = connections > 0 ? connections : int(limit - kReservedDescriptors);
    if (count + kReservedDescriptors > limit)
        return failure(QStringLiteral("%1 connections need more descriptors than the limit of %2")
                           .arg(count)
                           .arg(limit));
    const QByteArray prefix = runPrefix("idle");
    const auto name = [&prefix](int i) -> QByteArray { return prefix + QByteArray::number(i); };
    QString firstFailure;

    // Register everyone over a few pipelined connections.
    Clients setup =
        makeClients(loop, target, kSetupClients, 0, QStringLiteral("register"), &firstFailure);
    int pending = count;
    for (auto &client : setup)
        client->open();
    for (int i = 0; i < count; ++i) {
        setup[size_t(i % kSetupClients)]->registerUser(
            name(i), Population::password(),
            [&pending, &firstFailure, i](bool ok, const QString &why) {
                --pending;
                if (!ok && firstFailure.isEmpty())
                    firstFailure = QStringLiteral("register %1: %2").arg(i).arg(why);
            });
    }
    if (!loop.runUntil([&] { return pending == 0 || !firstFailure.isEmpty(); }, kTimeoutMs) ||
        !firstFailure.isEmpty())
        return failure(firstFailure.isEmpty() ? QStringLiteral("register: timeout") : firstFailure);
    for (auto &client : setup)
        client->hangUp();
    setup.clear();
    loop.runFor(1000);
    const qint64 rssBefore = target.serverRssKb();
    const qint64 socketsBefore = tcpSocketMemoryKb();

    // Connect and log in every user on a connection of its own.
    const qint64 connectStart = monotonicNs();
    Clients clients =
        makeClients(loop, target, count, 0, QStringLiteral("connect and log in"), &firstFailure);
    for (auto &client : clients)
        client->open();
    const auto allConnected = [&] {
        if (!firstFailure.isEmpty())
            return true;
        for (const auto &client : clients) {
            if (!client->isConnected())
                return false;
        }
        return true;
    };
    if (!loop.runUntil(allConnected, kTimeoutMs) || !firstFailure.isEmpty())
        return failure(firstFailure.isEmpty() ? QStringLiteral("connect: timeout") : firstFailure);
    const qint64 connected = monotonicNs();
    PhaseMeter loginMeter(target);
    loginMeter.start();
    pending = count;
    for (int i = 0; i < count; ++i) {
        PalomarClient *client = clients[size_t(i)].get();
        client->login(name(i), Population::password(),
                      [&pending, &firstFailure, client, i](bool ok, const QString &why) {
                          --pending;
                          if (!ok && firstFailure.isEmpty())
                              firstFailure = QStringLiteral("login %1: %2").arg(i).arg(why);
                          if (ok)
                              client->startReceiving();
                      });
    }
    if (!loop.runUntil([&] { return pending == 0 || !firstFailure.isEmpty(); }, kTimeoutMs) ||
        !firstFailure.isEmpty())
        return failure(firstFailure.isEmpty() ? QStringLiteral("login: timeout") : firstFailure);
    const qint64 loggedIn = monotonicNs();
    loginMeter.finish();
    loop.runFor(3000); // every long poll parked, the server settled
    if (!firstFailure.isEmpty())
        return failure(firstFailure);
    const qint64 rssAfter = target.serverRssKb();
    const qint64 socketsAfter = tcpSocketMemoryKb();

    // The storm: every connection drops, every session resumes at once.
    std::vector<QByteArray> tokens;
    tokens.reserve(size_t(count));
    for (auto &client : clients) {
        tokens.push_back(client->token());
        client->hangUp();
    }
    clients.clear();
    // Like real clients, a connection refused or reset in the crowd tries
    // again after a short random back-off; the retries are counted.
    PhaseMeter stormMeter(target);
    stormMeter.start();
    const qint64 stormStart = monotonicNs();
    Clients again(static_cast<size_t>(count));
    pending = count;
    int retries = 0;
    std::function<void(int)> attempt = [&](int i) {
        const sockaddr_in source = loopbackSource(i + 4);
        again[size_t(i)] = std::make_unique<PalomarClient>(
            loop, target.servers.at(i % target.servers.size()), &source);
        PalomarClient *client = again[size_t(i)].get();
        client->setPollWait(50);
        client->onFailure = [&, i, retried = false](const QString &) mutable {
            if (std::exchange(retried, true))
                return;
            ++retries;
            loop.after(50 + (i * 7919) % 200, [&attempt, i] { attempt(i); });
        };
        client->open();
        client->resume(tokens[size_t(i)],
                       [&pending, &firstFailure, client, i](bool ok, const QString &why) {
                           if (!ok && firstFailure.isEmpty())
                               firstFailure = QStringLiteral("resume %1: %2").arg(i).arg(why);
                           if (!ok)
                               return;
                           --pending;
                           client->startReceiving();
                       });
    };
    for (int i = 0; i < count; ++i)
        attempt(i);
    if (!loop.runUntil([&] { return pending == 0 || !firstFailure.isEmpty(); }, kTimeoutMs) ||
        !firstFailure.isEmpty())
        return failure(firstFailure.isEmpty()
                           ? QStringLiteral("resume: %1 of %2 unanswered").arg(pending).arg(count)
                           : firstFailure);
    const qint64 stormEnd = monotonicNs();
    stormMeter.finish();
    loop.runFor(500);
    for (auto &client : again)
        client->hangUp();

    const qint64 serverKb = rssAfter - rssBefore;
    const qint64 socketKb = socketsAfter - socketsBefore;
    QJsonObject result{{QStringLiteral("workload"), QStringLiteral("connections")},
                       {QStringLiteral("target"), target.label},
                       {QStringLiteral("connections"), count},
                       {QStringLiteral("connect_s"), double(connected - connectStart) / 1e9},
                       {QStringLiteral("login_s"), double(loggedIn - connected) / 1e9},
                       {QStringLiteral("server_rss_growth_kb"), serverKb},
                       {QStringLiteral("tcp_socket_memory_growth_kb"), socketKb},
                       {QStringLiteral("kb_per_connection"), double(serverKb + socketKb) / count},
                       {QStringLiteral("storm_resume_s"), double(stormEnd - stormStart) / 1e9},
                       {QStringLiteral("storm_retries"), retries},
                       {QStringLiteral("verified"), true}};
    loginMeter.addTo(&result, count, QStringLiteral("connection"), QStringLiteral("login_"));
    stormMeter.addTo(&result, count, QStringLiteral("connection"), QStringLiteral("storm_"));
    return result;
}

} // namespace Palomar::Bench
