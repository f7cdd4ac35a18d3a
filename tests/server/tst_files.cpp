// File transfer over real sockets (PROTOCOL.md, Files): byte-exact round
// trips in plain, compressed and mixed chunks; the size limit; in-order
// chunks and resuming from `received`, also from a new login; checksum
// mismatches that drop the upload; who may download; neutralised names; group
// files; files across a restart; the expiry sweep of stale uploads.
#include "filetest.h"

using namespace Palomar::Testing;

namespace {

constexpr qint64 kChunk = 256 * 1024;
constexpr qint64 kMaxFile = 8 * 1024 * 1024;

// Random and repetitive stretches, so some file_get replies shrink with zlib
// and some do not; not a multiple of the chunk size.
QByteArray mixedContent(qsizetype size, quint32 seed)
{
    QByteArray data = randomBytes(size, seed);
    for (qsizetype at = 0; at + kChunk <= size; at += 3 * kChunk)
        data.replace(at, kChunk, QByteArray(kChunk, char('a' + at % 26)));
    return data;
}

QJsonObject fileOf(const QJsonObject &object)
{
    return object.value(QLatin1String("file")).toObject();
}

QList<QJsonObject> messagesIn(const QList<QJsonObject> &events)
{
    QList<QJsonObject> messages;
    for (const QJsonObject &event : events) {
        if (event.value(QLatin1String("kind")).toString() == QLatin1String("message"))
            messages.append(event);
    }
    return messages;
}

} // namespace

class FilesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helloAdvertisesTheLimits();
    void roundTrip_data();
    void roundTrip();
    void overTheLimitIsRefusedAtBegin();
    void badOffsetTellsWhereToResume();
    void resumesAfterANewLogin();
    void checksumMismatchDropsTheUpload();
    void incompleteFileEndDropsTheUpload();
    void strangersCannotDownload();
    void unfinishedFilesAreNotDownloadable();
    void namesAreNeutralised_data();
    void namesAreNeutralised();
    void badChunksAreRefused();
    void groupFileReachesEveryMember();
    void filesSurviveARestart();
    void staleUploadsExpire();

private:
    TestClient &client(const char *name);
    // Uploads `data` from `from` to `to` (or a group) completely; the file_end reply.
    QJsonObject sendFile(TestClient &from, const QString &to, qint64 group, const QByteArray &data,
                         const QString &name = str("data.bin"));

    std::unique_ptr<ServerProcess> m_server;
    std::map<QString, std::unique_ptr<TestClient>> m_clients;
    qint64 m_group = 0;
};

TestClient &FilesTest::client(const char *name)
{
    auto &slot = m_clients[str(name)];
    if (!slot) {
        slot = std::make_unique<TestClient>(m_server->port());
        if (!isOk(slot->login(str(name), kPassword, true)))
            qWarning("cannot log in %s", name);
        slot->sync();
        slot->sync();
    }
    return *slot;
}

QJsonObject FilesTest::sendFile(TestClient &from, const QString &to, qint64 group,
                                const QByteArray &data, const QString &name)
{
    const QJsonObject begun = beginFile(from, to, group, name, data);
    if (!isOk(begun))
        return begun;
    const qint64 id = integerIn(begun, "file_id");
    const QJsonObject failed = sendChunks(from, id, data, kChunk, ChunkMode::Mixed);
    if (!failed.isEmpty())
        return failed;
    return from.request(str("file_end"), {{str("file_id"), id}});
}

void FilesTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{str("--rate"), str("0"), str("--max-file-size"), QString::number(kMaxFile)});
    QVERIFY(m_server->start());
    TestClient setup(m_server->port());
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe"})
        QVERIFY(isOk(setup.registerUser(str(name), kPassword)));
    for (const char *name : {"Marge", "Bart", "Lisa"})
        QVERIFY(befriend(m_server->port(), str("Homer"), str(name)));
    const QJsonObject created = client("Homer").request(
        str("group_create"),
        {{str("name"), str("Simpsons")}, {str("members"), QJsonArray{str("Marge"), str("Bart")}}});
    QVERIFY(isOk(created));
    m_group = integerIn(created, "group");
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa", "Moe"})
        client(name).sync();
}

void FilesTest::helloAdvertisesTheLimits()
{
    const QJsonObject hello = client("Moe").request(str("hello"), {{str("version"), 1}});
    const QJsonObject limits = hello.value(QLatin1String("limits")).toObject();
    QCOMPARE(integerIn(limits, "max_file"), kMaxFile);
    QCOMPARE(integerIn(limits, "chunk"), kChunk);
}

void FilesTest::roundTrip_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("plain") << int(ChunkMode::Plain);
    QTest::newRow("compressed") << int(ChunkMode::Compressed);
    QTest::newRow("mixed") << int(ChunkMode::Mixed);
}

void FilesTest::roundTrip()
{
    QFETCH(int, mode);
    TestClient &homer = client("Homer");
    TestClient &marge = client("Marge");
    const QByteArray data = mixedContent(3 * 1024 * 1024 + 12345, quint32(mode) + 1);
    const QJsonObject begun =
        beginFile(homer, str("Marge"), 0, str("holiday.bin"), data, str("application/x-test"));
    QVERIFY(isOk(begun));
    QCOMPARE(integerIn(begun, "chunk"), kChunk);
    QCOMPARE(integerIn(begun, "received"), 0);
    const qint64 id = integerIn(begun, "file_id");
    QVERIFY(id > 0);
    const QJsonObject failed = sendChunks(homer, id, data, kChunk, ChunkMode(mode));
    QVERIFY2(failed.isEmpty(), qPrintable(errorOf(failed)));
    const QJsonObject ended = homer.request(str("file_end"), {{str("file_id"), id}});
    QVERIFY2(isOk(ended), qPrintable(errorOf(ended)));
    const qint64 messageId = integerIn(ended, "msg_id");
    QVERIFY(messageId > 0);
    QVERIFY(integerIn(ended, "ts") > 0);
    const QJsonObject expected{{str("file_id"), id},
                               {str("name"), str("holiday.bin")},
                               {str("size"), qint64(data.size())},
                               {str("sha256"), sha256Of(data)},
                               {str("mime"), str("application/x-test")}};
    QCOMPARE(fileOf(ended), expected);
    // A repeated file_end answers the same and delivers nothing more.
    QCOMPARE(integerIn(homer.request(str("file_end"), {{str("file_id"), id}}), "msg_id"),
             messageId);

    const QList<QJsonObject> messages = messagesIn(marge.sync());
    QCOMPARE(messages.size(), 1);
    QCOMPARE(integerIn(messages.first(), "msg_id"), messageId);
    QCOMPARE(messages.first().value(QLatin1String("from")).toString(), str("Homer"));
    QCOMPARE(fileOf(messages.first()), expected);
    const QJsonArray history =
        marge.request(str("history"), {{str("peer"), str("Homer")}, {str("limit"), 1}})
            .value(QLatin1String("messages"))
            .toArray();
    QCOMPARE(fileOf(history.first().toObject()), expected);

    for (TestClient *reader : {&marge, &homer}) {
        const Download download = downloadFile(*reader, id, kChunk);
        QVERIFY2(download.error.isEmpty(), qPrintable(download.error));
        QCOMPARE(download.data.size(), data.size());
        QVERIFY(download.data == data);
        QVERIFY(download.compressedReplies > 0); // the repetitive stretches
        QVERIFY(download.plainReplies > 0);      // the random ones
    }
    // Reads need not follow the chunks: odd offsets and lengths work too.
    const QJsonObject odd = marge.request(
        str("file_get"),
        {{str("file_id"), id}, {str("offset"), kChunk - 7}, {str("length"), qint64(1001)}});
    QVERIFY(isOk(odd));
    QByteArray piece =
        QByteArray::fromBase64(odd.value(QLatin1String("data")).toString().toLatin1());
    if (odd.value(QLatin1String("z")).toBool())
        piece = *Palomar::Protocol::zlibDecompress(piece, 1001);
    QVERIFY(piece == data.mid(kChunk - 7, 1001));
    QCOMPARE(odd.value(QLatin1String("eof")).toBool(), false);
}

void FilesTest::overTheLimitIsRefusedAtBegin()
{
    TestClient &homer = client("Homer");
    const QJsonObject refused =
        homer.request(str("file_begin"), {{str("to"), str("Marge")},
                                          {str("name"), str("big.iso")},
                                          {str("size"), kMaxFile + 1},
                                          {str("sha256"), sha256Of(QByteArray())}});
    QCOMPARE(errorOf(refused), str("too_large"));
    QCOMPARE(integerIn(refused, "max_file"), kMaxFile);
    QVERIFY(isOk(homer.request(str("file_begin"), {{str("to"), str("Marge")},
                                                   {str("name"), str("just.iso")},
                                                   {str("size"), kMaxFile},
                                                   {str("sha256"), sha256Of("x")}})));
}

void FilesTest::badOffsetTellsWhereToResume()
{
    TestClient &homer = client("Homer");
    const QByteArray data = randomBytes(2 * kChunk + 500, 11);
    const qint64 id = integerIn(beginFile(homer, str("Bart"), 0, str("a.bin"), data), "file_id");
    QVERIFY(id > 0);
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Plain, 0, kChunk).isEmpty());
    for (const qint64 wrong : {qint64(0), qint64(kChunk - 1), qint64(kChunk + 1), 2 * kChunk}) {
        const QJsonObject refused = sendChunk(homer, id, wrong, data.mid(wrong, 100), false);
        QCOMPARE(errorOf(refused), str("bad_offset"));
        QCOMPARE(integerIn(refused, "received"), kChunk);
    }
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Plain, kChunk).isEmpty());
    QVERIFY(isOk(homer.request(str("file_end"), {{str("file_id"), id}})));
    QVERIFY(downloadFile(client("Bart"), id, kChunk).data == data);
}

void FilesTest::resumesAfterANewLogin()
{
    const QByteArray data = randomBytes(4 * kChunk + 77, 12);
    qint64 id = 0;
    {
        TestClient first(m_server->port());
        QVERIFY(isOk(first.login(str("Marge"), kPassword, true)));
        id = integerIn(beginFile(first, str("Homer"), 0, str("resume.bin"), data), "file_id");
        QVERIFY(id > 0);
        QVERIFY(sendChunks(first, id, data, kChunk, ChunkMode::Mixed, 0, 2 * kChunk).isEmpty());
        // The connection drops here, mid-upload.
    }
    m_clients.erase(str("Marge"));
    TestClient second(m_server->port());
    QVERIFY(isOk(second.login(str("Marge"), kPassword, true)));
    // The same file_begin finds the unfinished upload and says how far it got.
    const QJsonObject again = beginFile(second, str("Homer"), 0, str("resume.bin"), data);
    QCOMPARE(integerIn(again, "file_id"), id);
    QCOMPARE(integerIn(again, "received"), 2 * kChunk);
    // A client that only kept the id learns it from bad_offset.
    const QJsonObject refused = sendChunk(second, id, 0, data.left(kChunk), false);
    QCOMPARE(errorOf(refused), str("bad_offset"));
    QCOMPARE(integerIn(refused, "received"), 2 * kChunk);
    QVERIFY(sendChunks(second, id, data, kChunk, ChunkMode::Mixed, 2 * kChunk).isEmpty());
    QVERIFY(isOk(second.request(str("file_end"), {{str("file_id"), id}})));
    second.request(str("logout"));
    QVERIFY(downloadFile(client("Homer"), id, kChunk).data == data);
}

void FilesTest::checksumMismatchDropsTheUpload()
{
    TestClient &homer = client("Homer");
    const QByteArray data = randomBytes(kChunk + 10, 13);
    QByteArray other = data;
    other[5] = char(other.at(5) ^ 1);
    const QJsonObject begun = beginFile(homer, str("Marge"), 0, str("bad.bin"), data);
    const qint64 id = integerIn(begun, "file_id");
    QVERIFY(sendChunks(homer, id, other, kChunk, ChunkMode::Plain).isEmpty());
    auto store = openServerStore(*m_server, str("probe-mismatch"));
    QVERIFY(store);
    QCOMPARE(store->fileChunkTotals(id), (std::pair<qint64, qint64>(2, data.size())));
    QCOMPARE(errorOf(homer.request(str("file_end"), {{str("file_id"), id}})),
             str("checksum_mismatch"));
    QVERIFY(!store->fileById(id));
    QCOMPARE(store->fileChunkTotals(id), (std::pair<qint64, qint64>(0, 0)));
    QCOMPARE(errorOf(homer.request(str("file_end"), {{str("file_id"), id}})), str("no_such_file"));
    QCOMPARE(errorOf(sendChunk(homer, id, 0, "x", false)), str("no_such_file"));
    Download download = downloadFile(client("Marge"), id, kChunk);
    QCOMPARE(download.error, str("no_such_file"));
    QVERIFY(messagesIn(client("Marge").sync()).isEmpty()); // nothing was delivered
}

void FilesTest::incompleteFileEndDropsTheUpload()
{
    TestClient &homer = client("Homer");
    const QByteArray data = randomBytes(kChunk + 10, 14);
    const qint64 id =
        integerIn(beginFile(homer, str("Marge"), 0, str("half.bin"), data), "file_id");
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Plain, 0, kChunk).isEmpty());
    const QJsonObject refused = homer.request(str("file_end"), {{str("file_id"), id}});
    QCOMPARE(errorOf(refused), str("checksum_mismatch"));
    QCOMPARE(errorOf(sendChunk(homer, id, kChunk, data.mid(kChunk), false)), str("no_such_file"));
    QVERIFY(messagesIn(client("Marge").sync()).isEmpty());
}

void FilesTest::strangersCannotDownload()
{
    TestClient &homer = client("Homer");
    TestClient &moe = client("Moe");
    const QByteArray data = randomBytes(1000, 15);
    const QJsonObject ended = sendFile(homer, str("Marge"), 0, data);
    QVERIFY(isOk(ended));
    const qint64 id = integerIn(fileOf(ended), "file_id");
    const auto getFirst = [&](TestClient &who, qint64 fileId) {
        return errorOf(who.request(
            str("file_get"), {{str("file_id"), fileId}, {str("offset"), 0}, {str("length"), 10}}));
    };
    // The same answer as for a file that does not exist.
    QCOMPARE(getFirst(moe, id), str("no_such_file"));
    QCOMPARE(getFirst(moe, id + 100000), str("no_such_file"));
    QCOMPARE(getFirst(client("Bart"), id), str("no_such_file")); // Homer's friend, not addressed
    QCOMPARE(errorOf(moe.request(str("file_end"), {{str("file_id"), id}})), str("no_such_file"));
    QCOMPARE(errorOf(sendChunk(moe, id, 0, "x", false)), str("no_such_file"));
    // Strangers cannot send files, exactly as they cannot send text.
    const QJsonObject refused = beginFile(moe, str("Homer"), 0, str("x"), data);
    QCOMPARE(errorOf(refused), errorOf(moe.request(str("send"), {{str("to"), str("Homer")},
                                                                 {str("text"), str("hi")}})));
    QCOMPARE(errorOf(refused), str("not_friends"));
    QCOMPARE(errorOf(beginFile(moe, str("Nobody"), 0, str("x"), data)), str("no_such_user"));
    QCOMPARE(errorOf(beginFile(homer, str("Homer"), 0, str("x"), data)), str("not_friends"));
    // Group files: not for non-members, nor for members who joined later.
    QCOMPARE(errorOf(beginFile(moe, QString(), m_group, str("x"), data)), str("not_member"));
    QCOMPARE(errorOf(beginFile(moe, QString(), 999999, str("x"), data)), str("no_such_group"));
    const QJsonObject groupFile = sendFile(homer, QString(), m_group, data);
    QVERIFY(isOk(groupFile));
    const qint64 groupId = integerIn(fileOf(groupFile), "file_id");
    QCOMPARE(getFirst(moe, groupId), str("no_such_file"));
    QCOMPARE(getFirst(client("Lisa"), groupId), str("no_such_file"));
    QVERIFY(isOk(
        homer.request(str("group_add"), {{str("group"), m_group}, {str("user"), str("Lisa")}})));
    QCOMPARE(getFirst(client("Lisa"), groupId), str("no_such_file"));
    QVERIFY(isOk(client("Bart").request(
        str("file_get"), {{str("file_id"), groupId}, {str("offset"), 0}, {str("length"), 10}})));
    QVERIFY(isOk(
        homer.request(str("group_remove"), {{str("group"), m_group}, {str("user"), str("Lisa")}})));
    for (const char *name : {"Homer", "Marge", "Bart", "Lisa"})
        client(name).sync();
}

void FilesTest::unfinishedFilesAreNotDownloadable()
{
    TestClient &homer = client("Homer");
    const QByteArray data = randomBytes(100, 16);
    const qint64 id = integerIn(beginFile(homer, str("Marge"), 0, str("u.bin"), data), "file_id");
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Plain).isEmpty());
    QCOMPARE(downloadFile(homer, id, kChunk).error, str("no_such_file"));
    QCOMPARE(downloadFile(client("Marge"), id, kChunk).error, str("no_such_file"));
    QVERIFY(isOk(homer.request(str("file_end"), {{str("file_id"), id}})));
    QVERIFY(downloadFile(client("Marge"), id, kChunk).data == data);
}

void FilesTest::namesAreNeutralised_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("stored");
    QTest::newRow("unix traversal") << str("../../etc/passwd") << str("passwd");
    QTest::newRow("windows traversal") << str("..\\..\\boot.ini") << str("boot.ini");
    QTest::newRow("windows path") << str("C:\\Users\\me\\photo.jpg") << str("photo.jpg");
    QTest::newRow("mixed") << str("a/b\\c/d.txt") << str("d.txt");
    QTest::newRow("dot dot") << str("..") << str("file");
    QTest::newRow("dot") << str("x/.") << str("file");
    QTest::newRow("folder") << str("dir/") << str("file");
    QTest::newRow("empty") << QString() << str("file");
    QTest::newRow("control") << str("a\nb\tc.txt") << str("a_b_c.txt");
    QTest::newRow("unicode") << str("fotos/año nuevo 🎉.png") << str("año nuevo 🎉.png");
}

void FilesTest::namesAreNeutralised()
{
    QFETCH(QString, name);
    QFETCH(QString, stored);
    TestClient &homer = client("Homer");
    client("Marge").sync(); // earlier tests' messages
    const QJsonObject ended = sendFile(homer, str("Marge"), 0, QByteArray(), name);
    QVERIFY2(isOk(ended), qPrintable(errorOf(ended)));
    QCOMPARE(fileOf(ended).value(QLatin1String("name")).toString(), stored);
    QCOMPARE(integerIn(fileOf(ended), "size"), 0);
    const QList<QJsonObject> messages = messagesIn(client("Marge").sync());
    QCOMPARE(messages.size(), 1);
    QCOMPARE(fileOf(messages.first()).value(QLatin1String("name")).toString(), stored);
    const Download empty = downloadFile(client("Marge"), integerIn(fileOf(ended), "file_id"), 10);
    QVERIFY(empty.error.isEmpty());
    QVERIFY(empty.data.isEmpty());
}

void FilesTest::badChunksAreRefused()
{
    TestClient &homer = client("Homer");
    const QByteArray data = randomBytes(kChunk + 100, 17);
    const qint64 id = integerIn(beginFile(homer, str("Marge"), 0, str("c.bin"), data), "file_id");
    const auto chunkWith = [&](const QJsonObject &fields) {
        QJsonObject request{{str("file_id"), id}, {str("offset"), 0}};
        for (auto it = fields.begin(); it != fields.end(); ++it)
            request.insert(it.key(), it.value());
        return homer.request(str("file_chunk"), request);
    };
    QCOMPARE(errorOf(chunkWith({{str("data"), str("not base64!")}})), str("bad_request"));
    QCOMPARE(errorOf(chunkWith({{str("data"), 12}})), str("bad_request"));
    QCOMPARE(errorOf(chunkWith({{str("data"), QString()}})), str("bad_request"));
    QCOMPARE(errorOf(chunkWith({{str("data"), str("AAAA")}, {str("z"), true}})),
             str("bad_request"));
    const QByteArray tooLong = randomBytes(kChunk + 1, 18);
    QCOMPARE(errorOf(chunkWith({{str("data"), QString::fromLatin1(tooLong.toBase64())}})),
             str("bad_request"));
    // A zip bomb: a small stream that inflates past one chunk.
    const QByteArray bomb = Palomar::Protocol::zlibCompress(QByteArray(16 * kChunk, '\0'));
    QVERIFY(bomb.size() < kChunk / 8);
    QCOMPARE(
        errorOf(chunkWith({{str("data"), QString::fromLatin1(bomb.toBase64())}, {str("z"), true}})),
        str("bad_request"));
    // None of it was stored.
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Plain, 0, kChunk).isEmpty());
    // A chunk that would end past the declared size.
    const QJsonObject past = sendChunk(homer, id, kChunk, randomBytes(101, 19), false);
    QCOMPARE(errorOf(past), str("bad_request"));
    QCOMPARE(integerIn(past, "received"), kChunk);
    QVERIFY(sendChunks(homer, id, data, kChunk, ChunkMode::Plain, kChunk).isEmpty());
    QVERIFY(isOk(homer.request(str("file_end"), {{str("file_id"), id}})));
    // A finished file takes no more chunks; file_get lengths are bounded.
    QCOMPARE(errorOf(sendChunk(homer, id, data.size(), "x", false)), str("bad_request"));
    const auto get = [&](qint64 offset, qint64 length) {
        return errorOf(homer.request(
            str("file_get"),
            {{str("file_id"), id}, {str("offset"), offset}, {str("length"), length}}));
    };
    QCOMPARE(get(0, kChunk + 1), str("bad_request"));
    QCOMPARE(get(0, 0), str("bad_request"));
    QCOMPARE(get(data.size() + 1, 10), str("bad_request"));
    QCOMPARE(get(-1, 10), str("bad_request"));
    QVERIFY(get(data.size(), 10).isEmpty()); // at the end: empty data, eof
    // file_begin shapes.
    QJsonObject begin{{str("to"), str("Marge")},
                      {str("name"), str("x")},
                      {str("size"), 1},
                      {str("sha256"), str("abc")}};
    QCOMPARE(errorOf(homer.request(str("file_begin"), begin)), str("bad_request"));
    begin.insert(str("sha256"), sha256Of("x"));
    begin.insert(str("group"), m_group);
    QCOMPARE(errorOf(homer.request(str("file_begin"), begin)), str("bad_request")); // to and group
    begin.remove(str("group"));
    begin.insert(str("name"), QString(256, QLatin1Char('n')));
    QCOMPARE(errorOf(homer.request(str("file_begin"), begin)), str("bad_request"));
    begin.insert(str("name"), QString(255, QLatin1Char('n')));
    QVERIFY(isOk(homer.request(str("file_begin"), begin)));
    begin.insert(str("size"), -1);
    QCOMPARE(errorOf(homer.request(str("file_begin"), begin)), str("bad_request"));
    TestClient anonymous(m_server->port());
    begin.insert(str("size"), 1);
    QCOMPARE(errorOf(anonymous.request(str("file_begin"), begin)), str("auth_required"));
    QCOMPARE(errorOf(anonymous.request(
                 str("file_get"), {{str("file_id"), id}, {str("offset"), 0}, {str("length"), 1}})),
             str("auth_required"));
    client("Marge").sync();
}

void FilesTest::groupFileReachesEveryMember()
{
    TestClient &homer = client("Homer");
    const QByteArray data = mixedContent(kChunk * 2 + 999, 20);
    const QJsonObject ended = sendFile(homer, QString(), m_group, data, str("team.bin"));
    QVERIFY2(isOk(ended), qPrintable(errorOf(ended)));
    const qint64 id = integerIn(fileOf(ended), "file_id");
    for (const char *name : {"Marge", "Bart"}) {
        const QList<QJsonObject> messages = messagesIn(client(name).sync());
        QCOMPARE(messages.size(), 1);
        QCOMPARE(integerIn(messages.first(), "group"), m_group);
        QCOMPARE(integerIn(messages.first(), "msg_id"), integerIn(ended, "msg_id"));
        QCOMPARE(fileOf(messages.first()), fileOf(ended));
        QVERIFY(downloadFile(client(name), id, kChunk).data == data);
        const QJsonArray history =
            client(name)
                .request(str("history"), {{str("group"), m_group}, {str("limit"), 1}})
                .value(QLatin1String("messages"))
                .toArray();
        QCOMPARE(fileOf(history.first().toObject()), fileOf(ended));
    }
    QCOMPARE(downloadFile(client("Lisa"), id, kChunk).error, str("no_such_file"));
    QVERIFY(messagesIn(client("Homer").sync()).isEmpty()); // not to the sender
}

void FilesTest::filesSurviveARestart()
{
    const QByteArray data = mixedContent(kChunk * 3 + 1, 21);
    const QJsonObject ended = sendFile(client("Homer"), str("Bart"), 0, data);
    QVERIFY(isOk(ended));
    const qint64 id = integerIn(fileOf(ended), "file_id");
    // An unfinished upload survives too, and resumes after the restart.
    const QByteArray partial = randomBytes(kChunk + 5, 22);
    const qint64 upload =
        integerIn(beginFile(client("Homer"), str("Bart"), 0, str("p.bin"), partial), "file_id");
    QVERIFY(sendChunks(client("Homer"), upload, partial, kChunk, ChunkMode::Plain, 0, kChunk)
                .isEmpty());
    m_clients.clear();
    m_server->kill();
    QVERIFY(m_server->restart());
    QVERIFY(downloadFile(client("Bart"), id, kChunk).data == data);
    QVERIFY(
        sendChunks(client("Homer"), upload, partial, kChunk, ChunkMode::Plain, kChunk).isEmpty());
    QVERIFY(isOk(client("Homer").request(str("file_end"), {{str("file_id"), upload}})));
    QVERIFY(downloadFile(client("Bart"), upload, kChunk).data == partial);
}

void FilesTest::staleUploadsExpire()
{
    ServerProcess server({str("--rate"), str("0"), str("--upload-expiry"), str("1")});
    QVERIFY(server.start());
    {
        TestClient setup(server.port());
        QVERIFY(isOk(setup.registerUser(str("Homer"), kPassword)));
        QVERIFY(isOk(setup.registerUser(str("Marge"), kPassword)));
    }
    QVERIFY(befriend(server.port(), str("Homer"), str("Marge")));
    TestClient homer(server.port());
    QVERIFY(isOk(homer.login(str("Homer"), kPassword)));
    const QByteArray data = randomBytes(kChunk + 1, 23);
    const QJsonObject done = beginFile(homer, str("Marge"), 0, str("done.bin"), data);
    const qint64 finished = integerIn(done, "file_id");
    QVERIFY(sendChunks(homer, finished, data, kChunk, ChunkMode::Plain).isEmpty());
    QVERIFY(isOk(homer.request(str("file_end"), {{str("file_id"), finished}})));
    const qint64 stale =
        integerIn(beginFile(homer, str("Marge"), 0, str("stale.bin"), data), "file_id");
    QVERIFY(sendChunks(homer, stale, data, kChunk, ChunkMode::Plain, 0, kChunk).isEmpty());
    auto store = openServerStore(server, str("probe-expiry"));
    QVERIFY(store);
    QCOMPARE(store->fileChunkTotals(stale).first, 1);
    // A wrong offset does not touch the upload: bad_offset until the sweep
    // has deleted it, then no_such_file.
    QTRY_COMPARE_WITH_TIMEOUT(errorOf(sendChunk(homer, stale, 0, "x", false)), str("no_such_file"),
                              15000);
    QCOMPARE(store->fileChunkTotals(stale), (std::pair<qint64, qint64>(0, 0)));
    QVERIFY(!store->fileById(stale));
    // Delivered files never expire.
    QVERIFY(downloadFile(homer, finished, kChunk).data == data);
}

QTEST_GUILESS_MAIN(FilesTest)
#include "tst_files.moc"
