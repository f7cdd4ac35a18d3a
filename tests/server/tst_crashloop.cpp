// Crash safety under load: several clients pipeline sends (with client_ids)
// to their friends while the server is killed with SIGKILL at random moments
// and restarted on the same data. Clients reconnect and resend what was not
// acknowledged, with the same client_id. At the end every acknowledged message
// must have been delivered exactly once, in each chat in send order, and the
// SQLite file must pass its integrity check.
#include "servertest.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>

#include <vector>

using namespace Palomar::Testing;

namespace {

constexpr int kSenders = 3;
constexpr int kReceivers = 2;
constexpr int kWindow = 8; // sends in flight per sender
constexpr int kKills = 22;

QString senderName(int i)
{
    return QStringLiteral("sender%1").arg(i);
}

QString receiverName(int i)
{
    return QStringLiteral("receiver%1").arg(i);
}

// Message n of a sender goes to receiver n % kReceivers; the text carries n.
struct Sender
{
    QString name;
    std::unique_ptr<TestClient> client;
    int next = 0;                // the next sequence number never sent yet
    QList<QPair<int, int>> sent; // (request id, n) in flight on this connection
    QList<int> unacknowledged;   // n sent but not answered, in order
    QHash<int, qint64> msgIds;   // n -> msg_id, once acknowledged
    int idChanged = 0;           // a resend answered with another msg_id
};

struct Receiver
{
    int index = 0;
    QString name;
    std::unique_ptr<TestClient> client;
    qint64 cursor = 0;
    QSet<qint64> seenSeqs;
    // (sender, n, msg_id) per message event, in seq order, each seq once.
    QList<std::tuple<QString, int, qint64>> delivered;
};

QJsonObject sendRequest(int n, const QString &to, const QString &sender)
{
    return {{str("to"), to},
            {str("text"), QStringLiteral("%1 #%2").arg(sender).arg(n)},
            {str("client_id"), QStringLiteral("%1-%2").arg(sender).arg(n)}};
}

void post(Sender &sender, int n)
{
    const int id =
        sender.client->post(str("send"), sendRequest(n, receiverName(n % kReceivers), sender.name));
    sender.sent.append({id, n});
}

// Keeps kWindow sends in flight and takes the replies that have arrived.
void pump(Sender &sender, int waitMs)
{
    while (sender.sent.size() < kWindow) {
        sender.unacknowledged.append(sender.next);
        post(sender, sender.next++);
    }
    while (!sender.sent.isEmpty()) {
        const QJsonObject reply = sender.client->reply(sender.sent.first().first, waitMs);
        if (reply.isEmpty())
            return;
        const int n = sender.sent.takeFirst().second;
        if (!isOk(reply))
            return; // an error (the server going down): resent after reconnecting
        const qint64 msgId = reply.value(QLatin1String("msg_id")).toInteger();
        if (sender.msgIds.contains(n) && sender.msgIds.value(n) != msgId)
            ++sender.idChanged;
        sender.msgIds.insert(n, msgId);
        sender.unacknowledged.removeOne(n);
        waitMs = 0;
    }
}

bool collect(Receiver &receiver)
{
    while (true) {
        const QJsonObject reply =
            receiver.client->request(str("sync"), {{str("after"), receiver.cursor}}, 5000);
        if (!isOk(reply))
            return false;
        for (const QJsonValue &value : reply.value(QLatin1String("events")).toArray()) {
            const QJsonObject event = value.toObject();
            const qint64 seq = event.value(QLatin1String("seq")).toInteger();
            if (receiver.seenSeqs.contains(seq))
                continue;
            receiver.seenSeqs.insert(seq);
            if (event.value(QLatin1String("kind")).toString() != QLatin1String("message"))
                continue;
            const QString text = event.value(QLatin1String("text")).toString();
            receiver.delivered.append({event.value(QLatin1String("from")).toString(),
                                       text.section(u'#', 1).toInt(),
                                       event.value(QLatin1String("msg_id")).toInteger()});
        }
        receiver.cursor = reply.value(QLatin1String("cursor")).toInteger(receiver.cursor);
        if (!reply.value(QLatin1String("more")).toBool())
            return true;
    }
}

} // namespace

class CrashLoopTest : public QObject
{
    Q_OBJECT

private slots:
    void killedUnderLoadLosesNothing();

private:
    bool connectAll(quint16 port);

    std::vector<Sender> m_senders;
    std::vector<Receiver> m_receivers;
};

bool CrashLoopTest::connectAll(quint16 port)
{
    for (Sender &sender : m_senders) {
        sender.client = std::make_unique<TestClient>(port);
        if (!isOk(sender.client->login(sender.name, kPassword, true)))
            return false;
        sender.sent.clear();
        // Resend what was never acknowledged, in the original order.
        for (const int n : std::as_const(sender.unacknowledged))
            post(sender, n);
    }
    for (Receiver &receiver : m_receivers) {
        receiver.client = std::make_unique<TestClient>(port);
        if (!isOk(receiver.client->login(receiver.name, kPassword, true)))
            return false;
    }
    return true;
}

void CrashLoopTest::killedUnderLoadLosesNothing()
{
    ServerProcess server({str("--hash-cost"), str("minimum"), str("--rate"), str("0")});
    QVERIFY(server.start());
    {
        TestClient setup(server.port());
        for (int i = 0; i < kSenders; ++i)
            QVERIFY(isOk(setup.registerUser(senderName(i), kPassword)));
        for (int i = 0; i < kReceivers; ++i)
            QVERIFY(isOk(setup.registerUser(receiverName(i), kPassword)));
    }
    for (int s = 0; s < kSenders; ++s) {
        m_senders.push_back(Sender{senderName(s)});
        for (int r = 0; r < kReceivers; ++r)
            QVERIFY(befriend(server.port(), senderName(s), receiverName(r)));
    }
    for (int r = 0; r < kReceivers; ++r)
        m_receivers.push_back(Receiver{r, receiverName(r)});

    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo("random seed %u", seed);
    QElapsedTimer clock;
    clock.start();
    int kills = 0;
    while (kills < kKills) {
        QVERIFY(connectAll(server.port()));
        for (Receiver &receiver : m_receivers)
            QVERIFY(collect(receiver));
        // Load for a random while, then SIGKILL, wherever the server is.
        QDeadlineTimer load(random.bounded(30, 400));
        while (!load.hasExpired()) {
            for (Sender &sender : m_senders)
                pump(sender, 2);
        }
        server.kill();
        ++kills;
        QVERIFY2(server.start(), server.output().constData());
    }

    // Calm: everything still unacknowledged goes through, receivers read all.
    QVERIFY(connectAll(server.port()));
    for (Sender &sender : m_senders) {
        QDeadlineTimer deadline(20000);
        while (!sender.sent.isEmpty() && !deadline.hasExpired()) {
            const QJsonObject reply = sender.client->reply(sender.sent.first().first, 5000);
            QVERIFY(isOk(reply));
            const int n = sender.sent.takeFirst().second;
            const qint64 msgId = reply.value(QLatin1String("msg_id")).toInteger();
            if (sender.msgIds.contains(n) && sender.msgIds.value(n) != msgId)
                ++sender.idChanged;
            sender.msgIds.insert(n, msgId);
            sender.unacknowledged.removeOne(n);
        }
        QVERIFY(sender.unacknowledged.isEmpty());
    }
    for (Receiver &receiver : m_receivers)
        QVERIFY(collect(receiver));

    // Every acknowledged message delivered exactly once, in order per chat.
    int acknowledged = 0;
    int lost = 0;
    int duplicated = 0;
    int outOfOrder = 0;
    int idChanged = 0;
    for (const Sender &sender : std::as_const(m_senders)) {
        acknowledged += int(sender.msgIds.size());
        idChanged += sender.idChanged;
        for (const Receiver &receiver : std::as_const(m_receivers)) {
            QHash<int, int> times;
            int last = -1;
            qint64 lastId = 0;
            for (const auto &[from, n, msgId] : receiver.delivered) {
                if (from != sender.name)
                    continue;
                ++times[n];
                if (n <= last || msgId <= lastId)
                    ++outOfOrder;
                last = qMax(last, n);
                lastId = qMax(lastId, msgId);
                if (sender.msgIds.value(n) != msgId)
                    ++duplicated; // a message stored apart from the acknowledged one
            }
            for (auto it = sender.msgIds.cbegin(); it != sender.msgIds.cend(); ++it) {
                if (it.key() % kReceivers != receiver.index)
                    continue;
                const int count = times.value(it.key());
                if (count == 0)
                    ++lost;
                else if (count > 1)
                    duplicated += count - 1;
            }
        }
    }
    qInfo("%d kills in %.1f s: %d acknowledged, %d lost, %d duplicated, %d out of order, "
          "%d msg_id changes",
          kills, double(clock.elapsed()) / 1000.0, acknowledged, lost, duplicated, outOfOrder,
          idChanged);
    QCOMPARE(lost, 0);
    QCOMPARE(duplicated, 0);
    QCOMPARE(outOfOrder, 0);
    QCOMPARE(idChanged, 0);
    QVERIFY(acknowledged > kKills * kSenders); // the load was real

    if (!ServerProcess::usesPostgresql()) {
        QVERIFY(server.terminate());
        QCOMPARE(sqliteIntegrity(server.dataPath() + str("/palomar.db")), str("ok"));
    }
}

QTEST_GUILESS_MAIN(CrashLoopTest)
#include "tst_crashloop.moc"
