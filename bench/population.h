#pragma once

#include "chatclient.h"
#include "databasecpu.h"
#include "netloop.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Palomar::Bench {

// What a workload is pointed at: the protocol and the server addresses
// (users are spread over them round robin).
struct Target
{
    enum class Protocol
    {
        Palomar,
        Xmpp
    };
    Protocol protocol = Protocol::Palomar;
    QString label = QStringLiteral("palomar");
    QList<sockaddr_in> servers;
    QByteArray xmppDomain = "localhost";
    // Processes of the servers, when known (the bench started them, or
    // --server-pid): their CPU time and memory go into the results.
    QList<qint64> serverPids;
    double serverCpuSeconds() const; // summed over serverPids
    qint64 serverRssKb() const;      // current resident memory, summed
    // The servers' --metrics endpoints (empty: not known), for the store's
    // statements and commits per message (bench/phasemeter.h).
    QStringList metricsUrls;
    // The PostgreSQL server behind them, when the bench knows it.
    std::optional<DatabaseCpu> database;
};

// A run's users: names, passwords and one client each. The setup steps
// (connect, register, log in, befriend in a ring) run on the loop with every
// user in parallel, and stop at the first failure.
class Population
{
public:
    Population(NetLoop &loop, const Target &target, int users, const QByteArray &prefix);

    int size() const { return int(m_clients.size()); }
    ChatClient &client(int index) { return *m_clients[size_t(index)]; }
    const QByteArray &name(int index) const { return m_names[size_t(index)]; }
    static QByteArray password() { return "bench password"; }
    const Target &target() const { return m_target; }

    // Each true, or false with the first error in `error`.
    bool connectAll(QString *error);
    bool registerAll(QString *error);
    bool loginAll(QString *error);
    // User i befriends i±1 … i±friends/2 (mod users): `friends` neighbours.
    bool befriendRing(int friends, QString *error);
    // The neighbours of `index` in the ring, nearest first, alternating sides.
    QList<int> neighbours(int index, int friends) const;
    // Runs `step(i, done)` for every user at once; true when all succeed.
    bool forAll(const std::function<void(int, ChatClient::Done)> &step, const QString &what,
                int timeoutMs, QString *error);
    // The first failure any client reported (empty while none).
    const QString &failure() const { return m_failure; }

private:
    NetLoop &m_loop;
    Target m_target;
    std::vector<std::unique_ptr<ChatClient>> m_clients;
    std::vector<QByteArray> m_names; // made once: a send names its recipient
    QString m_failure;
};

// Makes one client for `target`; `index` picks the server and the source
// address.
std::unique_ptr<ChatClient> makeClient(NetLoop &loop, const Target &target, int index);
// A loopback source address for connection `index` (127.0.0.2 … 127.0.0.9),
// so that tens of thousands of connections do not run out of ephemeral ports.
sockaddr_in loopbackSource(int index);
// A name prefix unique to this run, so runs against one database never meet.
QByteArray runPrefix(const char *workload);

} // namespace Palomar::Bench
