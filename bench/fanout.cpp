#include "fanout.h"

#include "benchutil.h"
#include "phasemeter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>

#include <memory>

namespace Palomar::Bench {

using Client::ClientSession;
using Client::Reply;

namespace {

QJsonObject failure(const QString &what, const QString &error)
{
    return {{QStringLiteral("workload"), QStringLiteral("fanout")},
            {QStringLiteral("error"), QStringLiteral("%1: %2").arg(what, error)}};
}

} // namespace

QJsonObject runFanout(const FanoutOptions &options)
{
    const QString prefix =
        QStringLiteral("fan%1_").arg(QDateTime::currentMSecsSinceEpoch() % 1000000);
    std::vector<std::unique_ptr<ClientSession>> sessions;
    QStringList names;
    QString error;
    for (int i = 0; i < options.members; ++i) {
        auto session = std::make_unique<ClientSession>();
        session->setClientName(QStringLiteral("palomar-bench"));
        session->setAutoReconnect(false);
        session->setRequestTimeout(600000); // hundreds of Argon2id hashes queue up at setup
        session->setSyncMode(Client::SyncMode::Manual);
        session->connectToServer(options.host, options.port);
        names.append(prefix + QString::number(i));
        sessions.push_back(std::move(session));
    }
    if (!awaitCondition(
            [&sessions] {
                return std::all_of(sessions.cbegin(), sessions.cend(), [](const auto &s) {
                    return s->state() == ClientSession::State::Connected;
                });
            },
            60000))
        return failure(QStringLiteral("connect"), QStringLiteral("not every session connected"));

    QList<Reply *> replies;
    for (int i = 0; i < options.members; ++i)
        replies.append(sessions[i]->registerUser(names.at(i), options.password));
    if (!awaitAll(replies, 300000, &error))
        return failure(QStringLiteral("register"), error);
    replies.clear();
    for (int i = 0; i < options.members; ++i)
        replies.append(sessions[i]->login(names.at(i), options.password));
    if (!awaitAll(replies, 300000, &error))
        return failure(QStringLiteral("login"), error);

    // The admin (member 0) befriends everyone: the admin adds only friends.
    ClientSession &admin = *sessions[0];
    replies.clear();
    for (int i = 1; i < options.members; ++i)
        replies.append(admin.friendRequest(names.at(i)));
    if (!awaitAll(replies, 120000, &error))
        return failure(QStringLiteral("friend_request"), error);
    replies.clear();
    for (int i = 1; i < options.members; ++i)
        replies.append(
            sessions[i]->friendRespond(names.at(0), ClientSession::FriendResponse::Accept));
    if (!awaitAll(replies, 120000, &error))
        return failure(QStringLiteral("friend_respond"), error);
    Reply *create =
        admin.request(QStringLiteral("group_create"),
                      {{QStringLiteral("name"), QStringLiteral("bench")},
                       {QStringLiteral("members"), QJsonArray::fromStringList(names.mid(1))}});
    if (!await(create, 60000, &error))
        return failure(QStringLiteral("group_create"), error);
    const qint64 group = create->value(QLatin1String("group")).toInteger();

    // Count each member's copies of each round's message.
    QHash<QString, int> copies;
    int received = 0;
    for (int i = 1; i < options.members; ++i) {
        QObject::connect(sessions[i].get(), &ClientSession::messageReceived, sessions[i].get(),
                         [&copies, &received, group](const Client::Message &message) {
                             if (message.group != group)
                                 return;
                             ++copies[message.text];
                             ++received;
                         });
    }
    // Everyone on a long poll, with the friend and group events drained.
    for (auto &session : sessions)
        session->setSyncMode(Client::SyncMode::LongPoll);
    QTimer::singleShot(0, [] {});
    awaitCondition([] { return false; }, 1000);

    QList<double> times;
    const int recipients = options.members - 1;
    PhaseMeter meter(options.target);
    meter.start();
    for (int round = 0; round < options.rounds; ++round) {
        const QString text = QStringLiteral("round %1").arg(round);
        const int before = received;
        QElapsedTimer timer;
        timer.start();
        QString sendError;
        Reply *sent = admin.request(QStringLiteral("send"), {{QStringLiteral("group"), group},
                                                             {QStringLiteral("text"), text}});
        // A Reply deletes itself once finished: keep what we need from it.
        QObject::connect(sent, &Reply::finished, sent, [sent, &sendError] {
            if (!sent->isOk())
                sendError = sent->error();
        });
        if (!awaitCondition([&] { return received - before >= recipients; }, 60000))
            return failure(QStringLiteral("fan-out"),
                           QStringLiteral("%1 of %2 members got round %3")
                               .arg(received - before)
                               .arg(recipients)
                               .arg(round));
        times.append(double(timer.nsecsElapsed()) / 1e6);
        if (!sendError.isEmpty())
            return failure(QStringLiteral("send"), sendError);
        awaitCondition([] { return false; }, 2000); // let the members' acknowledgements settle
    }
    meter.finish();
    for (auto it = copies.cbegin(); it != copies.cend(); ++it) {
        if (it.value() != recipients)
            return failure(QStringLiteral("verify"),
                           QStringLiteral("%1 arrived %2 times for %3 members")
                               .arg(it.key())
                               .arg(it.value())
                               .arg(recipients));
    }
    for (auto &session : sessions)
        session->logout();
    awaitCondition([] { return false; }, 500);

    const Statistics stats = statistics(times);
    QJsonArray all;
    for (const double time : std::as_const(times))
        all.append(time);
    QJsonObject result{{QStringLiteral("workload"), QStringLiteral("fanout")},
                       {QStringLiteral("target"), options.target.label},
                       {QStringLiteral("members"), options.members},
                       {QStringLiteral("rounds"), options.rounds},
                       {QStringLiteral("all_members_ms_median"), stats.median},
                       {QStringLiteral("all_members_ms_min"), stats.minimum},
                       {QStringLiteral("all_members_ms_max"), stats.maximum},
                       {QStringLiteral("all_members_ms"), all},
                       {QStringLiteral("verified"), true}};
    meter.addTo(&result, double(options.rounds) * recipients, QStringLiteral("copy"));
    return result;
}

} // namespace Palomar::Bench
