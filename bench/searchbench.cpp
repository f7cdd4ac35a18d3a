// palomar-search-bench: how fast `search` answers over a large history.
// Starts palomar-server once to create the schema and the users, stops it,
// fills the SQLite file directly (one transaction, the FTS5 triggers doing
// the indexing as they would for sends), starts the server again on it and
// times search requests of a few kinds over a real socket. Prints the
// median and p99 of each kind. See docs/performance.md.
#include "serverprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
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
    parser.process(app);
    const QString binary = parser.value(QStringLiteral("server-binary"));
    const int messages = parser.value(QStringLiteral("messages")).toInt();
    const int users = parser.value(QStringLiteral("users")).toInt();
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    if (binary.isEmpty() || messages < 1 || users < 2 || rounds < 1) {
        std::fprintf(stderr, "usage: palomar-search-bench --server-binary PATH [--messages N] "
                             "[--users N] [--rounds N]\n");
        return 2;
    }
    ServerProcess server;
    QString error;
    const QStringList arguments{QStringLiteral("--rate"), QStringLiteral("0")};
    if (!server.start(binary, arguments, &error)) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(error));
        return 1;
    }
    {
        Connection setup;
        if (!setup.open(server.port()))
            return 1;
        for (int i = 0; i < users; ++i) {
            const QJsonObject reply = setup.request(
                QStringLiteral("register"), {{QStringLiteral("user"), QStringLiteral("u%1").arg(i)},
                                             {QStringLiteral("password"), kPassword}});
            if (!reply.value(QStringLiteral("ok")).toBool()) {
                std::fprintf(stderr, "register failed\n");
                return 1;
            }
        }
    }
    server.stop();
    const Vocabulary words(5000);
    QElapsedTimer timer;
    timer.start();
    if (!fill(server.dataPath() + QStringLiteral("/palomar.db"), messages, users, words)) {
        std::fprintf(stderr, "cannot fill the database\n");
        return 1;
    }
    std::printf("filled %d messages over %d users in %.1f s\n", messages, users,
                timer.elapsed() / 1000.0);
    if (!server.start(binary, arguments, &error)) {
        std::fprintf(stderr, "cannot start the server again: %s\n", qPrintable(error));
        return 1;
    }
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
    };
    std::printf("%-34s %8s %8s %8s %6s\n", "search (u0, limit 20)", "median", "p99", "max",
                "found");
    bool within = true;
    for (const Kind &kind : kinds) {
        QList<double> times;
        int found = 0;
        client.request(QStringLiteral("search"), kind.fields); // warm the caches, untimed
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
            found = int(reply.value(QStringLiteral("messages")).toArray().size());
        }
        const double p99 = percentile(times, 0.99);
        within = within && p99 < 50;
        std::printf("%-34s %7.2fms %7.2fms %7.2fms %6d\n", kind.name, percentile(times, 0.5), p99,
                    *std::max_element(times.cbegin(), times.cend()), found);
    }
    std::printf(within ? "every p99 under 50 ms\n" : "some p99 at 50 ms or more\n");
    return 0;
}
