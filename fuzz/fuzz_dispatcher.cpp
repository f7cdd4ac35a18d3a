// libFuzzer target: the whole request path behind the socket. The input is a
// script of requests, one per line, each optionally prefixed "@N " (N = 0-3)
// to pick which of four connections sends it. Each line is framed and decoded
// exactly as Connection does, then handed to a Dispatcher whose store
// executor runs on a SQLite store in a temporary folder (one per process,
// emptied between inputs, so a crash reproduces from its input alone). Every
// answer is awaited; a parked long poll looks at its inbox at once.
#include "fuzzcontext.h"

#include "core/dispatcher.h"
#include "core/handlerset.h"
#include "core/passwords.h"
#include "core/pollregistry.h"
#include "core/serverconfig.h"
#include "protocol/frame.h"
#include "store/directory.h"
#include "store/store.h"
#include "store/storeexecutor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtEndian>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Palomar;
using namespace Palomar::Server;

namespace {

constexpr int kConnections = 4;
constexpr int kDeferredTimeoutMs = 10000;

QString tempRoot()
{
    // A RAM-backed folder when there is one: the store syncs on every commit.
    return QDir(QStringLiteral("/dev/shm")).exists()
               ? QStringLiteral("/dev/shm/palomar-fuzz-XXXXXX")
               : QDir::tempPath() + QStringLiteral("/palomar-fuzz-XXXXXX");
}

struct Harness
{
    QTemporaryDir folder{tempRoot()};
    ServerConfig config;
    PollRegistry polls;
    Directory directory;
    QThreadPool hashPool;
    std::unique_ptr<StoreExecutor> executor;
    Fuzz::FuzzSink sink;
    std::unique_ptr<Dispatcher> dispatcher;
    QSqlDatabase reset;
    QStringList tables;
};

constexpr qint64 kInstance = 1;

// One connection as the driver plays it.
struct Connection
{
    quint64 id = 0;
    SessionState session;
    std::optional<ParkedPoll> parked;
};

Harness *harness = nullptr;

[[noreturn]] void fail(const QString &why)
{
    fprintf(stderr, "fuzz_dispatcher: %s\n", qPrintable(why));
    abort();
}

void setUp()
{
    harness = new Harness;
    if (!harness->folder.isValid())
        fail(QStringLiteral("cannot create a temporary folder"));
    ServerConfig &config = harness->config;
    config.store.backend = StoreConfig::Backend::Sqlite;
    config.store.durability = StoreConfig::Durability::Normal;
    config.store.sqlitePath = harness->folder.filePath(QStringLiteral("fuzz.db"));
    config.hashOpsLimit = 1; // the cheapest Argon2id libsodium allows
    config.hashMemLimit = 8192;
    config.limits.maxText = 256; // reachable limits
    config.limits.syncLimit = 5;
    harness->hashPool.setMaxThreadCount(1);
    try {
        Store store(config.store, QStringLiteral("fuzz-setup"));
        store.open();
        store.migrate();
        store.putInstance(kInstance, QDateTime::currentMSecsSinceEpoch());
    } catch (const StoreError &error) {
        fail(QString::fromUtf8(error.what()));
    }
    StoreExecutor::Options options;
    options.store = config.store;
    options.connections = 1;
    options.makeState = [](StoreContext &context) -> std::unique_ptr<StoreThreadState> {
        return std::make_unique<HandlerSet>(
            context, HandlerSet::Shared{harness->polls, harness->config, harness->hashPool,
                                        *harness->executor, kInstance});
    };
    harness->executor = std::make_unique<StoreExecutor>(std::move(options), harness->directory);
    QString error;
    if (!harness->executor->start(&error))
        fail(error);
    harness->dispatcher =
        std::make_unique<Dispatcher>(harness->config, *harness->executor, harness->sink);
    harness->reset = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reset"));
    harness->reset.setDatabaseName(config.store.sqlitePath);
    if (!harness->reset.open())
        fail(QStringLiteral("cannot open the reset connection"));
    QSqlQuery query(harness->reset);
    query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                              "IN ('schema_version', 'sqlite_sequence', 'instances')"));
    while (query.next())
        harness->tables.append(query.value(0).toString());
    // Hash the decoy once now rather than inside the first input.
    (void)Passwords::decoyHash({config.hashOpsLimit, config.hashMemLimit});
}

// Empties every table, so each input starts from the same fresh database
// (and the caches, which must not remember it).
void resetDatabase()
{
    QSqlQuery query(harness->reset);
    query.exec(QStringLiteral("PRAGMA foreign_keys=OFF"));
    query.exec(QStringLiteral("BEGIN"));
    for (const QString &table : std::as_const(harness->tables))
        query.exec(QStringLiteral("DELETE FROM %1").arg(table));
    query.exec(QStringLiteral("DELETE FROM sqlite_sequence"));
    if (!query.exec(QStringLiteral("COMMIT")))
        fail(QStringLiteral("cannot empty the database"));
    harness->directory.clear();
    harness->polls.forgetAll();
}

void checkReply(const QJsonObject &reply)
{
    if (!reply.contains(QLatin1String("ok")))
        fail(QStringLiteral("a reply without ok"));
    if (!reply.value(QLatin1String("ok")).toBool() &&
        reply.value(QLatin1String("error")).toString().isEmpty())
        fail(QStringLiteral("an error reply without an error code"));
}

// Waits for the store's answer to `connection`'s request.
Completion await(Connection &connection, const QString &what)
{
    const QDeadlineTimer deadline(kDeferredTimeoutMs);
    while (!deadline.hasExpired()) {
        if (std::optional<Completion> completion = harness->sink.take(connection.id))
            return *completion;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    fail(QStringLiteral("%1 never completed").arg(what));
}

// A parked poll looks at its inbox, as a wake-up makes it (and is dropped
// when there is nothing).
void lookParked(Connection &connection)
{
    if (!connection.parked)
        return;
    const ParkedPoll poll = *connection.parked;
    connection.parked.reset();
    harness->dispatcher->look(poll, connection.id, connection.session, QStringLiteral("127.0.0.1"));
    const Completion completion = await(connection, QStringLiteral("a parked poll's look"));
    if (completion.adoptSession)
        fail(QStringLiteral("a look that adopts its session"));
    if (completion.result.kind() == HandlerResult::Kind::Reply)
        checkReply(completion.result.toFrame(poll.id));
}

void runLine(Connection &connection, QByteArrayView line)
{
    // Framed and decoded as Connection::readFrames does.
    QByteArray frame(Protocol::kFrameHeaderSize, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(line.size()), frame.data());
    frame.append(line);
    const Protocol::DecodedFrame decoded =
        Protocol::decodeFrame(frame, harness->config.limits.maxFrame);
    if (decoded.status != Protocol::DecodedFrame::Status::Frame)
        return;
    Protocol::Request request;
    QString problem;
    if (!Protocol::parseEnvelope(decoded.object, &request, &problem))
        return;
    if (request.op == QLatin1String("sync"))
        connection.parked.reset(); // a new sync answers the parked one first
    const HandlerResult result = harness->dispatcher->dispatch(
        request, connection.id, connection.session, QStringLiteral("127.0.0.1"));
    if (result.kind() != HandlerResult::Kind::Deferred) {
        checkReply(result.toFrame(request.id));
        return;
    }
    const Completion completion = await(connection, request.op);
    if (!completion.adoptSession)
        fail(QStringLiteral("a request's answer that does not adopt its session"));
    connection.session = completion.session;
    if (completion.result.kind() == HandlerResult::Kind::Parked) {
        connection.parked = completion.result.poll();
        lookParked(connection);
    } else {
        checkReply(completion.result.toFrame(request.id));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("palomar.*=false"));
    if (!Passwords::initialize())
        fail(QStringLiteral("libsodium did not start"));
    setUp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::array<Connection, kConnections> connections;
    for (size_t i = 0; i < connections.size(); ++i)
        connections[i].id = i + 1;
    QByteArrayView script(reinterpret_cast<const char *>(data), qsizetype(size));
    while (!script.isEmpty()) {
        qsizetype end = script.indexOf('\n');
        if (end < 0)
            end = script.size();
        QByteArrayView line = script.first(end);
        script = script.sliced(qMin(end + 1, script.size()));
        int which = 0;
        if (line.size() >= 3 && line[0] == '@' && line[1] >= '0' && line[1] < '0' + kConnections &&
            line[2] == ' ') {
            which = line[1] - '0';
            line = line.sliced(3);
        }
        if (!line.isEmpty())
            runLine(connections[size_t(which)], line);
    }
    for (Connection &connection : connections)
        harness->dispatcher->disconnected(connection.session, QStringLiteral("127.0.0.1"));
    // The disconnections are write jobs: a write after them (a sync that
    // acknowledges) is answered once they are done.
    Connection probe{kConnections + 1, {}, {}};
    harness->dispatcher->dispatch(
        Protocol::Request{QJsonValue(0), QStringLiteral("sync"), {{QStringLiteral("after"), 1}}},
        probe.id, probe.session, QStringLiteral("127.0.0.1"));
    (void)await(probe, QStringLiteral("the last request"));
    resetDatabase();
    return 0;
}
