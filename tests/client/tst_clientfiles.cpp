// File transfer through ClientSession against a real palomar-server: byte-
// exact round trips (random, compressible, empty, to a group), progress,
// too_large before any byte, resume of uploads and downloads across a cut
// connection or a server that answers `unavailable`, continuing a .part,
// checksum mismatch, cancel.
#include "client/clientsession.h"
#include "client/filetransfer.h"
#include "clienttest.h"
#include "support/serverprocess.h"
#include "support/tcpproxy.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Palomar::Client;
using namespace ClientTest;
using Palomar::Testing::ServerProcess;
using Palomar::Testing::TcpProxy;

namespace {

constexpr qint64 kMaxFile = 16 * 1024 * 1024; // the test server's max_file
constexpr int kTransferWait = 60000;

QByteArray randomBytes(qint64 size)
{
    QList<quint32> words(size / 4 + 1);
    QRandomGenerator generator{quint32(size)};
    generator.fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), size);
}

QByteArray compressibleBytes(qint64 size)
{
    QByteArray bytes;
    for (int line = 0; bytes.size() < size; ++line)
        bytes += QByteArray("line ") + QByteArray::number(line) +
                 ": the quick brown fox jumps over the lazy dog\n";
    bytes.truncate(size);
    return bytes;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Everything a transfer reported, kept after the transfer is gone.
struct Record
{
    QList<qint64> progress;
    QList<FileTransfer::State> states;
    QString failedCode;
    int finishedCount = 0;
};

std::shared_ptr<Record> watch(FileTransfer *transfer)
{
    auto record = std::make_shared<Record>();
    QObject::connect(transfer, &FileTransfer::progress,
                     [record](qint64 done, qint64) { record->progress.append(done); });
    QObject::connect(transfer, &FileTransfer::stateChanged,
                     [record](FileTransfer::State state) { record->states.append(state); });
    QObject::connect(transfer, &FileTransfer::finished, [record] { ++record->finishedCount; });
    QObject::connect(transfer, &FileTransfer::failed,
                     [record](const QString &code, const QString &) { record->failedCode = code; });
    return record;
}

bool waitForEnd(FileTransfer *transfer, int timeoutMs = kTransferWait)
{
    return QTest::qWaitFor([transfer] { return !transfer->isActive(); }, timeoutMs);
}

// What happens half-way through a transfer: the relay cuts the connection, or
// answers the next two requests of `op` with `unavailable` as a server whose
// storage is down would (the connection stays).
enum class Interruption
{
    DroppedConnection,
    UnavailableServer,
};

void interrupt(TcpProxy &proxy, Interruption interruption, const QString &op)
{
    if (interruption == Interruption::DroppedConnection)
        proxy.dropConnections();
    else
        proxy.answerUnavailable({op}, 2);
}

// The transfer waited for the session and went on over the same relay.
void checkInterruption(const TcpProxy &proxy, Interruption interruption, const QString &op)
{
    if (interruption == Interruption::DroppedConnection) {
        QVERIFY(proxy.acceptedCount() >= 2);
    } else {
        QCOMPARE(proxy.unavailableAnswered(op), 2);
        QCOMPARE(proxy.acceptedCount(), 1);
    }
}

} // namespace

Q_DECLARE_METATYPE(Interruption)

class TestClientFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void randomFileRoundTrip();
    void compressibleFileTravelsCompressed();
    void emptyFileRoundTrip();
    void fileToGroup();
    void tooLargeFailsBeforeAnyByte();
    void missingFileFails();
    void uploadResumesAfterInterruption_data();
    void uploadResumesAfterInterruption();
    void abandonedUploadIsContinued();
    void downloadResumesAfterInterruption_data() { uploadResumesAfterInterruption_data(); }
    void downloadResumesAfterInterruption();
    void partFileIsContinued();
    void checksumMismatchIsDetected();
    void cancelDeletesPartFile();
    void strangerCannotDownload();

private:
    // Homer and Marge are friends; `port` routes Homer (or Marge) through a proxy.
    void makeUsers(quint16 homerPort = 0, quint16 margePort = 0);
    QString writeFile(const QString &name, const QByteArray &bytes);
    // Homer sends `bytes` to Marge; returns the file as Marge's message shows it.
    FileInfo upload(const QByteArray &bytes, const QString &name = QStringLiteral("data.bin"));
    // Marge downloads `file` and checks the bytes.
    void download(const FileInfo &file, const QByteArray &expected);

    ServerProcess m_server{{QStringLiteral("--max-file-size"), QString::number(kMaxFile)}};
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<ClientSession> m_homer, m_marge;
    QList<Message> m_margeInbox;
};

void TestClientFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), m_server.output().constData());
}

void TestClientFiles::init()
{
    m_margeInbox.clear();
}

void TestClientFiles::cleanup()
{
    for (auto *session : {&m_homer, &m_marge}) {
        if (*session && (*session)->isLoggedIn())
            await((*session)->logout());
        session->reset();
    }
}

void TestClientFiles::makeUsers(quint16 homerPort, quint16 margePort)
{
    ++m_counter;
    m_homer = loggedInUser(homerPort ? homerPort : m_server.port(),
                           QStringLiteral("Homer%1").arg(m_counter));
    m_marge = loggedInUser(margePort ? margePort : m_server.port(),
                           QStringLiteral("Marge%1").arg(m_counter));
    QVERIFY(m_homer && m_marge);
    CHECKED(befriend(m_homer.get(), m_marge.get()));
    connect(m_marge.get(), &ClientSession::messageReceived, this,
            [this](const Message &message) { m_margeInbox.append(message); });
}

QString TestClientFiles::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

FileInfo TestClientFiles::upload(const QByteArray &bytes, const QString &name)
{
    const QString path = writeFile(name, bytes);
    FileTransfer *transfer = m_homer->sendFile(m_marge->user(), path);
    const auto record = watch(transfer);
    [&] {
        QCOMPARE(transfer->direction(), FileTransfer::Direction::Upload);
        QCOMPARE(transfer->bytesTotal(), qint64(bytes.size()));
        QVERIFY(waitForEnd(transfer));
        QVERIFY2(transfer->state() == FileTransfer::State::Finished,
                 qPrintable(transfer->errorCode() + QLatin1String(": ") + transfer->errorString()));
        QCOMPARE(record->finishedCount, 1);
        QVERIFY(transfer->messageId() > 0);
        QCOMPARE(transfer->file().sha256, sha256(bytes));
        // Progress never goes back and ends at the total.
        if (!bytes.isEmpty()) {
            QVERIFY(!record->progress.isEmpty());
            QCOMPARE(record->progress.last(), qint64(bytes.size()));
        }
        for (qsizetype i = 1; i < record->progress.size(); ++i)
            QVERIFY(record->progress.at(i) >= record->progress.at(i - 1));
        QTRY_VERIFY_WITH_TIMEOUT(!m_margeInbox.isEmpty(), kWait);
    }();
    const qint64 msgId = transfer->messageId();
    delete transfer;
    if (QTest::currentTestFailed())
        return {};
    const Message message = m_margeInbox.takeLast();
    const FileInfo file = FileInfo::fromJson(message.file);
    [&] {
        QCOMPARE(message.msgId, msgId);
        QVERIFY(file.isValid());
        QCOMPARE(file.name, name);
        QCOMPARE(file.size, qint64(bytes.size()));
        QCOMPARE(file.sha256, sha256(bytes));
    }();
    return file;
}

void TestClientFiles::download(const FileInfo &file, const QByteArray &expected)
{
    const QString target = m_dir.filePath(QStringLiteral("received-%1").arg(file.fileId));
    FileTransfer *transfer = m_marge->downloadFile(file, target);
    const auto record = watch(transfer);
    QCOMPARE(transfer->direction(), FileTransfer::Direction::Download);
    QCOMPARE(transfer->localPath(), target);
    QVERIFY(waitForEnd(transfer));
    QVERIFY2(transfer->state() == FileTransfer::State::Finished,
             qPrintable(transfer->errorCode() + QLatin1String(": ") + transfer->errorString()));
    QCOMPARE(record->finishedCount, 1);
    QVERIFY(readAll(target) == expected);
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    if (!expected.isEmpty())
        QCOMPARE(record->progress.last(), qint64(expected.size()));
    for (qsizetype i = 1; i < record->progress.size(); ++i)
        QVERIFY(record->progress.at(i) >= record->progress.at(i - 1));
    delete transfer;
}

void TestClientFiles::randomFileRoundTrip()
{
    CHECKED(makeUsers());
    // Several MiB, not a multiple of the chunk.
    const QByteArray bytes = randomBytes(5 * 1024 * 1024 + 12345);
    QElapsedTimer clock;
    clock.start();
    const FileInfo file = upload(bytes);
    CHECKED(;);
    const qint64 uploadMs = clock.restart();
    CHECKED(download(file, bytes));
    qInfo("%lld bytes: upload %lld ms, download %lld ms", qint64(bytes.size()), uploadMs,
          clock.elapsed());
    // The uploader may download it too.
    FileTransfer *again = m_homer->downloadFile(file, m_dir.filePath(QStringLiteral("mine")));
    QVERIFY(waitForEnd(again));
    QCOMPARE(again->state(), FileTransfer::State::Finished);
    QVERIFY(readAll(m_dir.filePath(QStringLiteral("mine"))) == bytes);
}

void TestClientFiles::compressibleFileTravelsCompressed()
{
    TcpProxy homerProxy(m_server.port()), margeProxy(m_server.port());
    QVERIFY(homerProxy.listen() && margeProxy.listen());
    CHECKED(makeUsers(homerProxy.port(), margeProxy.port()));
    const QByteArray bytes = compressibleBytes(3 * 1024 * 1024 + 7);
    const qint64 sentBefore = homerProxy.bytesToServer();
    const FileInfo file = upload(bytes, QStringLiteral("notes.txt"));
    CHECKED(;);
    // Plain base64 would be 4 MiB; zlib makes text like this far smaller.
    const qint64 sent = homerProxy.bytesToServer() - sentBefore;
    QVERIFY2(sent < bytes.size() / 4, qPrintable(QString::number(sent)));
    qInfo("%lld bytes of text: %lld bytes on the wire up", qint64(bytes.size()), sent);
    QCOMPARE(file.mime, QStringLiteral("text/plain"));

    const qint64 receivedBefore = margeProxy.bytesToClient();
    CHECKED(download(file, bytes));
    const qint64 received = margeProxy.bytesToClient() - receivedBefore;
    QVERIFY2(received < bytes.size() / 4, qPrintable(QString::number(received)));
    qInfo("%lld bytes of text: %lld bytes on the wire down", qint64(bytes.size()), received);
}

void TestClientFiles::emptyFileRoundTrip()
{
    CHECKED(makeUsers());
    const FileInfo file = upload(QByteArray(), QStringLiteral("empty"));
    CHECKED(;);
    CHECKED(download(file, QByteArray()));
}

void TestClientFiles::fileToGroup()
{
    CHECKED(makeUsers());
    const Answer created = await(m_homer->groupCreate(QStringLiteral("Family"), {m_marge->user()}));
    QVERIFY2(created.ok, qPrintable(created.error));
    const qint64 group = qint64(created.reply.value(QLatin1String("group")).toDouble());
    const QByteArray bytes = randomBytes(300 * 1000);
    FileTransfer *transfer =
        m_homer->sendFileToGroup(group, writeFile(QStringLiteral("photo.jpg"), bytes));
    QVERIFY(waitForEnd(transfer));
    QVERIFY2(transfer->state() == FileTransfer::State::Finished, qPrintable(transfer->errorCode()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_margeInbox.isEmpty(), kWait);
    const Message message = m_margeInbox.takeLast();
    QCOMPARE(message.group, group);
    const FileInfo file = FileInfo::fromJson(message.file);
    QCOMPARE(file.fileId, transfer->file().fileId);
    QCOMPARE(file.mime, QStringLiteral("image/jpeg"));
    CHECKED(download(file, bytes));
}

void TestClientFiles::tooLargeFailsBeforeAnyByte()
{
    TcpProxy proxy(m_server.port());
    QVERIFY(proxy.listen());
    CHECKED(makeUsers(proxy.port()));
    QCOMPARE(m_homer->limits().maxFile, kMaxFile);
    const QString path = m_dir.filePath(QStringLiteral("huge"));
    {
        QFile huge(path);
        QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(kMaxFile + 1)); // sparse
    }
    const qint64 before = proxy.bytesToServer();
    FileTransfer *transfer = m_homer->sendFile(m_marge->user(), path);
    QCOMPARE(transfer->state(), FileTransfer::State::Failed);
    QCOMPARE(transfer->errorCode(), FileError::TooLarge);
    QSignalSpy failed(transfer, &FileTransfer::failed);
    QVERIFY(failed.wait(kWait));
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("too_large"));
    // A ping behind it: whatever the transfer had sent would be through by now.
    const Answer ping = await(m_homer->ping());
    QVERIFY(ping.ok);
    QVERIFY2(proxy.bytesToServer() - before < 100,
             qPrintable(QString::number(proxy.bytesToServer() - before)));
    delete transfer;

    // The server refuses it as well, should a client not look.
    const Answer begun = await(m_homer->request(QStringLiteral("file_begin"),
                                                {{QStringLiteral("to"), m_marge->user()},
                                                 {QStringLiteral("name"), QStringLiteral("huge")},
                                                 {QStringLiteral("size"), kMaxFile + 1},
                                                 {QStringLiteral("sha256"), sha256("x")}}));
    QCOMPARE(begun.error, QStringLiteral("too_large"));
}

void TestClientFiles::missingFileFails()
{
    CHECKED(makeUsers());
    FileTransfer *transfer =
        m_homer->sendFile(m_marge->user(), m_dir.filePath(QStringLiteral("not-there")));
    QSignalSpy failed(transfer, &FileTransfer::failed);
    QVERIFY(failed.wait(kWait));
    QCOMPARE(transfer->state(), FileTransfer::State::Failed);
    QCOMPARE(transfer->errorCode(), FileError::ReadFailed);
    QVERIFY(transfer->errorString().contains(QLatin1String("not-there")));
    delete transfer;

    // A user who is no friend: the server's answer comes through.
    const QString stranger = QStringLiteral("Stranger%1").arg(m_counter);
    auto session = loggedInUser(m_server.port(), stranger);
    QVERIFY(session);
    transfer = m_homer->sendFile(stranger, writeFile(QStringLiteral("small"), "hello"));
    QVERIFY(waitForEnd(transfer));
    QCOMPARE(transfer->errorCode(), QStringLiteral("not_friends"));
    delete transfer;
}

void TestClientFiles::uploadResumesAfterInterruption_data()
{
    QTest::addColumn<Interruption>("interruption");
    QTest::newRow("dropped connection") << Interruption::DroppedConnection;
    QTest::newRow("server unavailable") << Interruption::UnavailableServer;
}

void TestClientFiles::uploadResumesAfterInterruption()
{
    QFETCH(Interruption, interruption);
    TcpProxy proxy(m_server.port());
    QVERIFY(proxy.listen());
    CHECKED(makeUsers(proxy.port()));
    const qint64 size = 8 * 1024 * 1024 + 999;
    const QByteArray bytes = randomBytes(size);
    FileTransfer *transfer =
        m_homer->sendFile(m_marge->user(), writeFile(QStringLiteral("big.bin"), bytes));
    const auto record = watch(transfer);
    bool cut = false;
    connect(transfer, &FileTransfer::progress, this, [&](qint64 done, qint64) {
        if (!cut && done >= size / 2) {
            cut = true;
            interrupt(proxy, interruption, QStringLiteral("file_chunk"));
        }
    });
    QVERIFY(waitForEnd(transfer));
    QVERIFY2(transfer->state() == FileTransfer::State::Finished, qPrintable(transfer->errorCode()));
    QVERIFY(cut);
    QVERIFY(record->states.contains(FileTransfer::State::Waiting));
    QCOMPARE(record->states.last(), FileTransfer::State::Finished);
    CHECKED(checkInterruption(proxy, interruption, QStringLiteral("file_chunk")));
    // It went on from where the server stood: only the chunks under way at the cut
    // (and one probe) went twice, not the first half.
    const qint64 chunk = m_homer->limits().chunk;
    const qint64 bound = (size + 6 * chunk) * 4 / 3 + 64 * 1024;
    QVERIFY2(proxy.bytesToServer() < bound,
             qPrintable(QStringLiteral("%1 bytes sent").arg(proxy.bytesToServer())));
    qInfo("%lld bytes, cut at half: %lld bytes sent in all", size, proxy.bytesToServer());

    QTRY_VERIFY_WITH_TIMEOUT(!m_margeInbox.isEmpty(), kWait);
    const FileInfo file = FileInfo::fromJson(m_margeInbox.takeLast().file);
    QCOMPARE(file.fileId, transfer->file().fileId);
    delete transfer;
    CHECKED(download(file, bytes));
}

void TestClientFiles::abandonedUploadIsContinued()
{
    CHECKED(makeUsers());
    const qint64 size = 3 * 1024 * 1024 + 1;
    const QByteArray bytes = randomBytes(size);
    const QString path = writeFile(QStringLiteral("again.bin"), bytes);
    FileTransfer *first = m_homer->sendFile(m_marge->user(), path);
    qint64 reached = 0;
    connect(first, &FileTransfer::progress, this, [&](qint64 done, qint64) {
        if (done >= size / 2 && reached == 0) {
            reached = done;
            first->deleteLater(); // a program that quit half-way
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(reached > 0, kTransferWait);

    // The same file to the same chat: the server carries on with what it has.
    FileTransfer *second = m_homer->sendFile(m_marge->user(), path);
    const auto record = watch(second);
    QVERIFY(waitForEnd(second));
    QVERIFY2(second->state() == FileTransfer::State::Finished, qPrintable(second->errorCode()));
    QVERIFY(!record->progress.isEmpty());
    QVERIFY2(record->progress.first() >= reached,
             qPrintable(QStringLiteral("%1 < %2").arg(record->progress.first()).arg(reached)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_margeInbox.isEmpty(), kWait);
    const FileInfo file = FileInfo::fromJson(m_margeInbox.takeLast().file);
    QCOMPARE(file.fileId, second->file().fileId);
    delete second;
    CHECKED(download(file, bytes));
}

void TestClientFiles::downloadResumesAfterInterruption()
{
    QFETCH(Interruption, interruption);
    TcpProxy proxy(m_server.port());
    QVERIFY(proxy.listen());
    CHECKED(makeUsers(0, proxy.port()));
    const qint64 size = 8 * 1024 * 1024 + 4321;
    const QByteArray bytes = randomBytes(size);
    const FileInfo file = upload(bytes);
    CHECKED(;);

    const qint64 before = proxy.bytesToClient();
    const QString target = m_dir.filePath(QStringLiteral("resumed.bin"));
    FileTransfer *transfer = m_marge->downloadFile(file, target);
    const auto record = watch(transfer);
    bool cut = false;
    connect(transfer, &FileTransfer::progress, this, [&](qint64 done, qint64) {
        if (!cut && done >= size / 2) {
            cut = true;
            interrupt(proxy, interruption, QStringLiteral("file_get"));
        }
    });
    QVERIFY(waitForEnd(transfer));
    QVERIFY2(transfer->state() == FileTransfer::State::Finished, qPrintable(transfer->errorCode()));
    QVERIFY(cut);
    QVERIFY(record->states.contains(FileTransfer::State::Waiting));
    CHECKED(checkInterruption(proxy, interruption, QStringLiteral("file_get")));
    QVERIFY(readAll(target) == bytes);
    const qint64 chunk = m_marge->limits().chunk;
    const qint64 received = proxy.bytesToClient() - before;
    QVERIFY2(received < (size + 6 * chunk) * 4 / 3 + 64 * 1024,
             qPrintable(QStringLiteral("%1 bytes received").arg(received)));
    delete transfer;
}

void TestClientFiles::partFileIsContinued()
{
    CHECKED(makeUsers());
    const QByteArray bytes = randomBytes(2 * 1024 * 1024 + 3);
    const FileInfo file = upload(bytes);
    CHECKED(;);
    // What an earlier, interrupted download left behind.
    const qint64 kept = 700 * 1000;
    const QString target = m_dir.filePath(QStringLiteral("continued.bin"));
    writeFile(QStringLiteral("continued.bin.part"), bytes.left(kept));

    FileTransfer *transfer = m_marge->downloadFile(file, target);
    const auto record = watch(transfer);
    QVERIFY(waitForEnd(transfer));
    QVERIFY2(transfer->state() == FileTransfer::State::Finished, qPrintable(transfer->errorCode()));
    QVERIFY(!record->progress.isEmpty());
    QCOMPARE(record->progress.first(), kept);
    QVERIFY(readAll(target) == bytes);
    delete transfer;

    // A .part whose bytes are not the file's is caught by the checksum.
    QByteArray wrong = bytes.left(kept);
    wrong[12] = char(wrong[12] ^ 1);
    writeFile(QStringLiteral("continued.bin.part"), wrong);
    QFile::remove(target);
    transfer = m_marge->downloadFile(file, target);
    QVERIFY(waitForEnd(transfer));
    QCOMPARE(transfer->errorCode(), FileError::ChecksumMismatch);
    QVERIFY(!QFile::exists(target));
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    delete transfer;
}

void TestClientFiles::checksumMismatchIsDetected()
{
    CHECKED(makeUsers());
    const QByteArray bytes = randomBytes(600 * 1000);
    FileInfo file = upload(bytes);
    CHECKED(;);
    file.sha256 = sha256("something else");
    const QString target = m_dir.filePath(QStringLiteral("mismatch.bin"));
    FileTransfer *transfer = m_marge->downloadFile(file, target);
    const auto record = watch(transfer);
    QVERIFY(waitForEnd(transfer));
    QCOMPARE(transfer->state(), FileTransfer::State::Failed);
    QCOMPARE(record->failedCode, FileError::ChecksumMismatch);
    QCOMPARE(record->finishedCount, 0);
    QVERIFY(!QFile::exists(target));
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    delete transfer;
}

void TestClientFiles::cancelDeletesPartFile()
{
    CHECKED(makeUsers());
    const QByteArray bytes = randomBytes(4 * 1024 * 1024);
    const FileInfo file = upload(bytes);
    CHECKED(;);
    const QString target = m_dir.filePath(QStringLiteral("cancelled.bin"));
    FileTransfer *transfer = m_marge->downloadFile(file, target);
    const auto record = watch(transfer);
    bool partSeen = false;
    connect(transfer, &FileTransfer::progress, this, [&] {
        partSeen = partSeen || QFile::exists(target + QStringLiteral(".part"));
        transfer->cancel();
    });
    QVERIFY(waitForEnd(transfer));
    QVERIFY(partSeen);
    QCOMPARE(transfer->state(), FileTransfer::State::Cancelled);
    QVERIFY(transfer->bytesDone() < bytes.size());
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    QVERIFY(!QFile::exists(target));
    // Replies still under way change nothing.
    QVERIFY(await(m_marge->ping()).ok);
    QCOMPARE(record->finishedCount, 0);
    QVERIFY(record->failedCode.isEmpty());
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    delete transfer;
}

void TestClientFiles::strangerCannotDownload()
{
    CHECKED(makeUsers());
    const FileInfo file = upload("a secret");
    CHECKED(;);
    auto stranger = loggedInUser(m_server.port(), QStringLiteral("Snake%1").arg(m_counter));
    QVERIFY(stranger);
    FileTransfer *transfer = stranger->downloadFile(file, m_dir.filePath(QStringLiteral("stolen")));
    QVERIFY(waitForEnd(transfer));
    QCOMPARE(transfer->errorCode(), QStringLiteral("no_such_file"));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("stolen"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("stolen.part"))));
    delete transfer;
    await(stranger->logout());
}

QTEST_GUILESS_MAIN(TestClientFiles)
#include "tst_clientfiles.moc"
