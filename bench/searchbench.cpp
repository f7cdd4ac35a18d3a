// palomar-search-bench: how fast `search` answers over a large history.
// Starts palomar-server once to create the schema and the users, stops it,
// fills the SQLite file directly (one transaction, the FTS5 triggers doing
// the indexing as they would for sends), starts the server again on it and
// times search requests of a few kinds over a real socket. Prints the
// median and p99 of each kind. See docs/performance.md.
#include "serverprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstdio>

using Palomar::Bench::ServerProcess;

namespace {

const QString kPassword = QStringLiteral("correct horse");

// One blocking connection: a request, then its reply (events are skipped).
class Connection
{
public:
    bool open(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return m_socket.waitForConnected(10000);
    }
    QJsonObject request(const QString &op, QJsonObject fields = {})
    {
        fields.insert(QStringLiteral("op"), op);
        fields.insert(QStringLiteral("id"), ++m_id);
        const QByteArray json = QJsonDocument(fields).toJson(QJsonDocument::Compact);
        char header[4];
        qToBigEndian(quint32(json.size()), header);
        m_socket.write(header, 4);
        m_socket.write(json);
        for (;;) {
            const QJsonObject frame = next();
            if (frame.isEmpty() || frame.value(QStringLiteral("id")).toInt() == m_id)
                return frame;
        }
    }

private:
    QJsonObject next()
    {
        while (m_buffer.size() < 4 ||
               m_buffer.size() < 4 + qFromBigEndian<quint32>(m_buffer.constData())) {
            if (!m_socket.waitForReadyRead(30000))
                return {};
            m_buffer += m_socket.readAll();
        }
        const quint32 size = qFromBigEndian<quint32>(m_buffer.constData());
        const QJsonObject frame = QJsonDocument::fromJson(m_buffer.mid(4, size)).object();
        m_buffer.remove(0, 4 + size);
        return frame;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    int m_id = 0;
};

// A vocabulary of made-up words, drawn with Zipf's law (rank r with weight 1/r).
class Vocabulary
{
public:
    explicit Vocabulary(int size)
    {
        static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo",
                                          "be", "da", "fu", "go", "pi", "ze", "xo", "qu"};
        double total = 0;
        for (int rank = 1; rank <= size; ++rank) {
            QString word;
            for (int n = rank; n > 0 || word.size() < 4; n /= 16)
                word += QLatin1String(syllables[n % 16]);
            m_words.append(word);
            total += 1.0 / rank;
            m_cumulative.append(total);
        }
    }
    const QString &draw(QRandomGenerator &random) const
    {
        const double x = random.generateDouble() * m_cumulative.constLast();
        const auto it = std::lower_bound(m_cumulative.cbegin(), m_cumulative.cend(), x);
        return m_words.at(qMin(qsizetype(it - m_cumulative.cbegin()), m_words.size() - 1));
    }
    const QString &atRank(int rank) const { return m_words.at(rank - 1); }

private:
    QStringList m_words;
    QList<double> m_cumulative;
};

bool fill(const QString &path, int messages, int users, const Vocabulary &words)
{
    bool ok = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery query(db);
        // One transaction, no waiting for the disk: a bench's throwaway file.
        query.exec(QStringLiteral("PRAGMA synchronous=OFF"));
        db.transaction();
        query.prepare(QStringLiteral(
            "INSERT INTO messages (chat, sender_id, recipient_id, body, ts, delivered_ts, read_ts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)"));
        QRandomGenerator random(17);
        const qint64 start = 1'700'000'000'000;
        ok = true;
        for (int i = 0; i < messages && ok; ++i) {
            const qint64 from = 1 + random.bounded(users);
            qint64 to = 1 + random.bounded(users - 1);
            if (to >= from)
                ++to;
            QStringList body;
            const int length = 3 + random.bounded(12);
            for (int w = 0; w < length; ++w)
                body.append(words.draw(random));
            const qint64 ts = start + i * 1000LL;
            query.addBindValue(QStringLiteral("u%1-%2").arg(qMin(from, to)).arg(qMax(from, to)));
            query.addBindValue(from);
            query.addBindValue(to);
            query.addBindValue(body.join(QLatin1Char(' ')));
            query.addBindValue(ts);
            query.addBindValue(ts);
            query.addBindValue(ts);
            ok = query.exec();
            if (!ok)
                std::fprintf(stderr, "insert: %s\n", qPrintable(query.lastError().text()));
        }
        query.finish();
        ok = ok && db.commit();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
    return ok;
}

bool registerUsers(quint16 port, int users)
{
    Connection setup;
    if (!setup.open(port))
        return false;
    for (int i = 0; i < users; ++i) {
        const QJsonObject reply = setup.request(
            QStringLiteral("register"), {{QStringLiteral("user"), QStringLiteral("u%1").arg(i)},
                                         {QStringLiteral("password"), kPassword}});
        if (!reply.value(QStringLiteral("ok")).toBool()) {
            std::fprintf(stderr, "register failed\n");
            return false;
        }
    }
    return true;
}

// The CPU time the process's threads have run so far, in ms: the sum of the
// first fields of /proc/<pid>/task/*/schedstat, in nanoseconds (finer than
// /proc/<pid>/stat's clock ticks; the store's threads do the searching).
double cpuMs(qint64 pid)
{
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    qint64 nanoseconds = 0;
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(tasks.filePath(task + QStringLiteral("/schedstat")));
        if (file.open(QIODevice::ReadOnly))
            nanoseconds += file.readAll().split(' ').constFirst().toLongLong();
    }
    return nanoseconds / 1e6;
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.at(qMin(values.size() - 1, qsizetype(std::ceil(p * values.size())) - 1));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times `search` over a large SQLite history."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("server-binary"), QStringLiteral("palomar-server to run."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Messages stored (1000000)."),
                      QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("users"), QStringLiteral("Users they are spread over (200)."),
                      QStringLiteral("n"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("rounds"), QStringLiteral("Searches of each kind (200)."),
                      QStringLiteral("n"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("save-database"),
                      QStringLiteral("After filling, copy the SQLite file to this path."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("database"),
                      QStringLiteral("Start from this filled file (see --save-database) instead "
                                     "of filling one; the server migrates its copy if needed."),
                      QStringLiteral("path")});
    parser.process(app);
    const QString savePath = parser.value(QStringLiteral("save-database"));
    const QString loadPath = parser.value(QStringLiteral("database"));
    const QString binary = parser.value(QStringLiteral("server-binary"));
    const int messages = parser.value(QStringLiteral("messages")).toInt();
    const int users = parser.value(QStringLiteral("users")).toInt();
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    if (binary.isEmpty() || messages < 1 || users < 2 || rounds < 1) {
        std::fprintf(stderr, "usage: palomar-search-bench --server-binary PATH [--messages N] "
                             "[--users N] [--rounds N] [--save-database PATH | --database PATH]\n");
        return 2;
    }
    ServerProcess server;
    QString error;
    // The users' password hashes at libsodium's least cost: registering 200
    // at the interactive cost takes minutes on a busy machine.
    const QStringList arguments{QStringLiteral("--rate"), QStringLiteral("0"),
                                QStringLiteral("--hash-cost"), QStringLiteral("minimum")};
    const QString dbPath = server.dataPath() + QStringLiteral("/palomar.db");
    const Vocabulary words(5000);
    if (loadPath.isEmpty()) {
        if (!server.start(binary, arguments, &error)) {
            std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(error));
            return 1;
        }
        if (!registerUsers(server.port(), users))
            return 1;
        server.stop();
        QElapsedTimer timer;
        timer.start();
        if (!fill(dbPath, messages, users, words)) {
            std::fprintf(stderr, "cannot fill the database\n");
            return 1;
        }
        std::printf("filled %d messages over %d users in %.1f s\n", messages, users,
                    timer.elapsed() / 1000.0);
        if (!savePath.isEmpty() && ((QFile::exists(savePath) && !QFile::remove(savePath)) ||
                                    !QFile::copy(dbPath, savePath))) {
            std::fprintf(stderr, "cannot copy the database to %s\n", qPrintable(savePath));
            return 1;
        }
    } else if (!QFile::copy(loadPath, dbPath)) {
        std::fprintf(stderr, "cannot copy %s\n", qPrintable(loadPath));
        return 1;
    }
    QElapsedTimer startTimer;
    startTimer.start();
    if (!server.start(binary, arguments, &error)) {
        std::fprintf(stderr, "cannot start the server again: %s\n", qPrintable(error));
        return 1;
    }
    // With a file filled by an older server, this includes its migrations.
    std::printf("server started on the filled file in %.1f s\n", startTimer.elapsed() / 1000.0);
    Connection client;
    if (!client.open(server.port()) ||
        !client
             .request(QStringLiteral("login"), {{QStringLiteral("user"), QStringLiteral("u0")},
                                                {QStringLiteral("password"), kPassword}})
             .value(QStringLiteral("ok"))
             .toBool()) {
        std::fprintf(stderr, "cannot log in\n");
        return 1;
    }
    // u0 is user 1 in the file; its chat with u1 (user 2) is one of many.
    struct Kind
    {
        const char *name;
        QJsonObject fields;
        bool secondPage = false; // with `before` from the first page's next_before
    };
    const QList<Kind> kinds{
        {"common word, all chats", QJsonObject{{QStringLiteral("query"), words.atRank(1)}}},
        {"two words, all chats",
         QJsonObject{{QStringLiteral("query"),
                      QString(words.atRank(3) + QLatin1Char(' ') + words.atRank(20))}}},
        {"mid word (rank 100), all chats",
         QJsonObject{{QStringLiteral("query"), words.atRank(100)}}},
        {"rare word (rank 4000), all chats",
         QJsonObject{{QStringLiteral("query"), words.atRank(4000)}}},
        {"prefix (3 letters), all chats",
         QJsonObject{{QStringLiteral("query"), words.atRank(50).left(3)}}},
        {"word absent from u0's chats",
         QJsonObject{{QStringLiteral("query"), QStringLiteral("nowhere")}}},
        {"common word, one chat", QJsonObject{{QStringLiteral("query"), words.atRank(1)},
                                              {QStringLiteral("peer"), QStringLiteral("u1")}}},
        {"mid word, one chat", QJsonObject{{QStringLiteral("query"), words.atRank(100)},
                                           {QStringLiteral("peer"), QStringLiteral("u1")}}},
        {"common word, all chats, page 2", QJsonObject{{QStringLiteral("query"), words.atRank(1)}},
         true},
        {"mid word, all chats, page 2", QJsonObject{{QStringLiteral("query"), words.atRank(100)}},
         true},
        {"common word, one chat, page 2",
         QJsonObject{{QStringLiteral("query"), words.atRank(1)},
                     {QStringLiteral("peer"), QStringLiteral("u1")}},
         true},
    };
    // `cpu` is the server's CPU time per search (the mean over the rounds),
    // which a busy machine inflates less than the wall-clock times; `ids` a
    // digest of the msg_ids found, to compare the results of two servers.
    std::printf("%-34s %8s %8s %8s %8s %6s %8s\n", "search (u0, limit 20)", "median", "p99", "max",
                "cpu", "found", "ids");
    bool within = true;
    for (Kind kind : kinds) {
        QList<double> times;
        int found = 0;
        quint32 digest = 0;
        // Warms the caches, untimed; a second page starts where it ends.
        const QJsonObject first = client.request(QStringLiteral("search"), kind.fields);
        if (kind.secondPage)
            kind.fields.insert(QStringLiteral("before"),
                               first.value(QStringLiteral("next_before")));
        const double cpuBefore = cpuMs(server.pid());
        for (int round = 0; round < rounds; ++round) {
            QElapsedTimer one;
            one.start();
            const QJsonObject reply = client.request(QStringLiteral("search"), kind.fields);
            times.append(one.nsecsElapsed() / 1e6);
            if (!reply.value(QStringLiteral("ok")).toBool()) {
                std::fprintf(stderr, "search failed: %s\n",
                             QJsonDocument(reply).toJson(QJsonDocument::Compact).constData());
                return 1;
            }
            const QJsonArray page = reply.value(QStringLiteral("messages")).toArray();
            found = int(page.size());
            digest = 0;
            for (const QJsonValue &message : page)
                digest = digest * 31 + quint32(message[QStringLiteral("msg_id")].toInteger());
        }
        const double cpu = (cpuMs(server.pid()) - cpuBefore) / rounds;
        const double p99 = percentile(times, 0.99);
        within = within && p99 < 50;
        std::printf("%-34s %7.2fms %7.2fms %7.2fms %7.2fms %6d %08x\n", kind.name,
                    percentile(times, 0.5), p99, *std::max_element(times.cbegin(), times.cend()),
                    cpu, found, digest);
    }
    std::printf(within ? "every p99 under 50 ms\n" : "some p99 at 50 ms or more\n");
    return 0;
}
