// libFuzzer target: the whole request path behind the socket. The input is a
// script of requests, one per line, each optionally prefixed "@N " (N = 0-3)
// to pick which of four connections sends it. Each line is framed and decoded
// exactly as Connection does, then handed to a Dispatcher over a SQLite store
// in a temporary folder (one per process, emptied between inputs, so a crash
// reproduces from its input alone). Deferred requests (password hashing) are
// awaited; parked long polls are collected at once.
#include "fuzzcontext.h"

#include "core/dispatcher.h"
#include "core/passwords.h"
#include "core/pollregistry.h"
#include "core/serverconfig.h"
#include "protocol/frame.h"
#include "store/store.h"

#include <QCoreApplication>
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
    QThreadPool hashPool;
    std::unique_ptr<Store> store;
    std::unique_ptr<Dispatcher> dispatcher;
    QSqlDatabase reset;
    QStringList tables;
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
        harness->store = std::make_unique<Store>(config.store, QStringLiteral("fuzz"));
        harness->store->open();
        harness->store->migrate();
    } catch (const StoreError &error) {
        fail(QString::fromUtf8(error.what()));
    }
    harness->dispatcher = std::make_unique<Dispatcher>(
        Services{*harness->store, harness->polls, harness->config, harness->hashPool});
    harness->reset = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reset"));
    harness->reset.setDatabaseName(config.store.sqlitePath);
    if (!harness->reset.open())
        fail(QStringLiteral("cannot open the reset connection"));
    QSqlQuery query(harness->reset);
    query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                              "IN ('schema_version', 'sqlite_sequence')"));
    while (query.next())
        harness->tables.append(query.value(0).toString());
    // Hash the decoy once now rather than inside the first input.
    (void)Passwords::decoyHash({config.hashOpsLimit, config.hashMemLimit});
}

// Empties every table, so each input starts from the same fresh database.
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
}

void checkReply(const QJsonObject &reply)
{
    if (!reply.contains(QLatin1String("ok")))
        fail(QStringLiteral("a reply without ok"));
    if (!reply.value(QLatin1String("ok")).toBool() &&
        reply.value(QLatin1String("error")).toString().isEmpty())
        fail(QStringLiteral("an error reply without an error code"));
}

void collectParked(Fuzz::FuzzContext &context)
{
    if (const auto parked = context.takeParked()) {
        checkReply(
            harness->dispatcher->collectParked(parked->id, parked->after, parked->limit, context));
    }
}

void runLine(Fuzz::FuzzContext &context, QByteArrayView line)
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
        collectParked(context); // a new sync answers the parked one first
    context.expectCompletion();
    const HandlerResult result = harness->dispatcher->dispatch(request, context);
    switch (result.kind()) {
    case HandlerResult::Kind::Reply:
        context.complete(result);
        checkReply(result.toFrame(request.id));
        break;
    case HandlerResult::Kind::Parked:
        context.complete(HandlerResult::ok());
        collectParked(context);
        break;
    case HandlerResult::Kind::Deferred: {
        const QDeadlineTimer deadline(kDeferredTimeoutMs);
        while (!context.completed() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (!context.completed())
            fail(QStringLiteral("a deferred %1 never completed").arg(request.op));
        collectParked(context); // a batched sync that parked
        break;
    }
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
    std::array<Fuzz::FuzzContext, kConnections> contexts;
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
            runLine(contexts[size_t(which)], line);
    }
    for (Fuzz::FuzzContext &context : contexts)
        harness->dispatcher->disconnected(context);
    resetDatabase();
    return 0;
}
