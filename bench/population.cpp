#include "population.h"

#include "benchutil.h"
#include "palomarclient.h"
#include "xmppclient.h"

#include <QDateTime>

#include <arpa/inet.h>

namespace Palomar::Bench {

namespace {

constexpr int kSetupTimeoutMs = 600000;

} // namespace

double Target::serverCpuSeconds() const
{
    double total = 0;
    for (const qint64 pid : serverPids)
        total += cpuSeconds(pid);
    return total;
}

qint64 Target::serverRssKb() const
{
    qint64 total = 0;
    for (const qint64 pid : serverPids)
        total += rssKb(pid);
    return total;
}

sockaddr_in loopbackSource(int index)
{
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr = htonl((127u << 24) | quint32(2 + index % 8));
    return source;
}

QByteArray runPrefix(const char *workload)
{
    return QByteArray(workload) +
           QByteArray::number(QDateTime::currentMSecsSinceEpoch() % 10000000) + '_';
}

std::unique_ptr<ChatClient> makeClient(NetLoop &loop, const Target &target, int index)
{
    const sockaddr_in &server = target.servers.at(index % target.servers.size());
    const bool loopback = (ntohl(server.sin_addr.s_addr) >> 24) == 127;
    const sockaddr_in source = loopbackSource(index);
    if (target.protocol == Target::Protocol::Xmpp)
        return std::make_unique<XmppClient>(loop, server, target.xmppDomain,
                                            loopback ? &source : nullptr);
    return std::make_unique<PalomarClient>(loop, server, loopback ? &source : nullptr);
}

Population::Population(NetLoop &loop, const Target &target, int users, const QByteArray &prefix)
    : m_loop(loop), m_target(target)
{
    m_clients.reserve(size_t(users));
    m_names.reserve(size_t(users));
    for (int i = 0; i < users; ++i) {
        m_names.push_back(prefix + QByteArray::number(i));
        m_clients.push_back(makeClient(loop, target, i));
        m_clients.back()->onFailure = [this, i](const QString &why) {
            if (m_failure.isEmpty())
                m_failure = QStringLiteral("user %1: %2").arg(i).arg(why);
        };
    }
}

bool Population::forAll(const std::function<void(int, ChatClient::Done)> &step, const QString &what,
                        int timeoutMs, QString *error)
{
    int pending = size();
    QString first;
    for (int i = 0; i < size(); ++i) {
        step(i, [&pending, &first, what, i](bool ok, const QString &why) {
            --pending;
            if (!ok && first.isEmpty())
                first = QStringLiteral("%1 (user %2): %3").arg(what).arg(i).arg(why);
        });
    }
    const bool finished = m_loop.runUntil(
        [&] { return pending == 0 || !first.isEmpty() || !m_failure.isEmpty(); }, timeoutMs);
    if (!first.isEmpty() || !m_failure.isEmpty()) {
        *error = !first.isEmpty() ? first : m_failure;
        return false;
    }
    if (!finished) {
        *error = QStringLiteral("%1: %2 of %3 unanswered after %4 s")
                     .arg(what)
                     .arg(pending)
                     .arg(size())
                     .arg(timeoutMs / 1000);
        return false;
    }
    return true;
}

bool Population::connectAll(QString *error)
{
    for (auto &client : m_clients)
        client->open();
    const bool connected = m_loop.runUntil(
        [this] {
            if (!m_failure.isEmpty())
                return true;
            for (const auto &client : m_clients) {
                if (!client->isReady())
                    return false;
            }
            return true;
        },
        kSetupTimeoutMs);
    if (!m_failure.isEmpty() || !connected) {
        *error = m_failure.isEmpty() ? QStringLiteral("connect: timeout") : m_failure;
        return false;
    }
    return true;
}

bool Population::registerAll(QString *error)
{
    return forAll(
        [this](int i, ChatClient::Done done) {
            client(i).registerUser(name(i), password(), std::move(done));
        },
        QStringLiteral("register"), kSetupTimeoutMs, error);
}

bool Population::loginAll(QString *error)
{
    return forAll(
        [this](int i, ChatClient::Done done) {
            client(i).login(name(i), password(), std::move(done));
        },
        QStringLiteral("login"), kSetupTimeoutMs, error);
}

QList<int> Population::neighbours(int index, int friends) const
{
    QList<int> result;
    const int users = size();
    for (int distance = 1; result.size() < friends && distance < users; ++distance) {
        for (const int side : {1, -1}) {
            const int other = ((index + side * distance) % users + users) % users;
            if (result.size() < friends && other != index && !result.contains(other))
                result.append(other);
        }
    }
    return result;
}

bool Population::befriendRing(int friends, QString *error)
{
    // Requests go forward (i asks i+1 … i+friends/2, unless that one already
    // asks i), responses come back.
    const int half = (friends + 1) / 2;
    const auto raw = [this, half](int i) {
        QList<int> targets;
        for (int d = 1; d <= half && d < size(); ++d) {
            const int other = (i + d) % size();
            if (other != i && !targets.contains(other))
                targets.append(other);
        }
        return targets;
    };
    std::vector<QList<int>> asks(static_cast<size_t>(size()));
    std::vector<QList<int>> askedBy(static_cast<size_t>(size()));
    for (int i = 0; i < size(); ++i) {
        for (const int other : raw(i)) {
            if (other < i && raw(other).contains(i))
                continue;
            asks[size_t(i)].append(other);
            askedBy[size_t(other)].append(i);
        }
    }
    const auto stepEach = [&](bool respond) {
        return forAll(
            [&, respond](int i, ChatClient::Done done) {
                const QList<int> &peers = respond ? askedBy[size_t(i)] : asks[size_t(i)];
                if (peers.isEmpty()) {
                    done(true, QString());
                    return;
                }
                auto remaining = std::make_shared<int>(int(peers.size()));
                auto failed = std::make_shared<bool>(false);
                for (const int peer : peers) {
                    auto finished = [remaining, failed, done](bool ok, const QString &why) {
                        if (*failed)
                            return;
                        if (!ok) {
                            *failed = true;
                            done(false, why);
                        } else if (--*remaining == 0) {
                            done(true, QString());
                        }
                    };
                    if (respond)
                        client(i).acceptFriend(name(peer), finished);
                    else
                        client(i).befriend(name(peer), finished);
                }
            },
            respond ? QStringLiteral("friend_respond") : QStringLiteral("friend_request"),
            kSetupTimeoutMs, error);
    };
    return stepEach(false) && stepEach(true);
}

} // namespace Palomar::Bench
