// The Store's files: uploads, in-order chunks, reading ranges across chunks,
// who may download, finishing as a message, the expiry sweep and the
// cascades that delete a file's bytes with its uploader, recipient or group,
// on every enabled backend (see storetest.h).
#include "storetest.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Palomar::Server;
using namespace StoreTest;

namespace {

QByteArray bytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (char &byte : data)
        byte = char(generator.bounded(256));
    return data;
}

const QString kNoText = QStringLiteral(""); // a file message has empty text
const QString kSha =
    QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

} // namespace

class TestStoreFiles : public StoreTestCase
{
    Q_OBJECT

private slots:
    void createAndRead();
    void chunksOnlyInOrderAndWithinTheSize();
    void binaryBytesSurvive();
    void chunksCovering_data();
    void chunksCovering();
    void attachFinishesOnce();
    void directReaders();
    void groupReaders();
    void unfinishedUploadIsFoundAgain();
    void staleUploadsAreSwept();
    void deletingTheUploaderDeletesTheBytes();
    void deletingTheRecipientOrGroupDeletesTheFile();
    void filesInChat();

private:
    FileRecord upload(qint64 uploader, std::optional<qint64> recipient, std::optional<qint64> group,
                      qint64 size, qint64 ts = 1000);
    qint64 storeWhole(qint64 fileId, const QByteArray &data, qint64 chunk);
};

FileRecord TestStoreFiles::upload(qint64 uploader, std::optional<qint64> recipient,
                                  std::optional<qint64> group, qint64 size, qint64 ts)
{
    FileRecord file;
    file.uploaderId = uploader;
    file.recipientId = recipient;
    file.groupId = group;
    file.name = QStringLiteral("report.pdf");
    file.size = size;
    file.sha256 = kSha;
    file.mime = QStringLiteral("application/pdf");
    file.id = m_store->createFile(file, ts);
    return file;
}

// Stores `data` as chunks of `chunk` bytes; returns how many were refused.
qint64 TestStoreFiles::storeWhole(qint64 fileId, const QByteArray &data, qint64 chunk)
{
    qint64 refused = 0;
    for (qint64 offset = 0; offset < data.size(); offset += chunk) {
        if (!m_store->appendFileChunk(fileId, offset, data.mid(offset, chunk), 2000))
            ++refused;
    }
    return refused;
}

void TestStoreFiles::createAndRead()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const FileRecord created = upload(a, b, std::nullopt, 12345);
    QVERIFY(created.id > 0);
    const std::optional<FileRecord> file = m_store->fileById(created.id);
    QVERIFY(file);
    QCOMPARE(file->uploaderId, a);
    QCOMPARE(file->recipientId, std::optional<qint64>(b));
    QCOMPARE(file->groupId, std::nullopt);
    QCOMPARE(file->name, QStringLiteral("report.pdf"));
    QCOMPARE(file->size, 12345);
    QCOMPARE(file->sha256, kSha);
    QCOMPARE(file->mime, QStringLiteral("application/pdf"));
    QCOMPARE(file->received, 0);
    QVERIFY(!file->isFinished());
    QVERIFY(!m_store->fileById(created.id + 1));
    QVERIFY(upload(a, b, std::nullopt, 1).id > created.id);
}

void TestStoreFiles::chunksOnlyInOrderAndWithinTheSize()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 id = upload(a, b, std::nullopt, 10).id;
    QVERIFY(!m_store->appendFileChunk(id, 1, "x", 1)); // not from 0
    QVERIFY(m_store->appendFileChunk(id, 0, "abcd", 1));
    QVERIFY(!m_store->appendFileChunk(id, 0, "abcd", 1)); // again: offset is now 4
    QVERIFY(!m_store->appendFileChunk(id, 5, "e", 1));
    QVERIFY(!m_store->appendFileChunk(id, 4, "efghijk", 1)); // would end at 11 > 10
    QCOMPARE(m_store->fileById(id)->received, 4);
    QVERIFY(m_store->appendFileChunk(id, 4, "efghij", 1));
    QCOMPARE(m_store->fileById(id)->received, 10);
    QVERIFY(!m_store->appendFileChunk(id, 10, "k", 1)); // full
    QCOMPARE(m_store->fileChunkTotals(id), (std::pair<qint64, qint64>(2, 10)));
    QCOMPARE(*m_store->fileChunkAt(id, 0), QByteArray("abcd"));
    QCOMPARE(*m_store->fileChunkAt(id, 4), QByteArray("efghij"));
    QVERIFY(!m_store->fileChunkAt(id, 2));
    QVERIFY(!m_store->appendFileChunk(id + 1, 0, "x", 1)); // no such upload
}

void TestStoreFiles::binaryBytesSurvive()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    all += all; // NULs, high bytes, "\\x" and quote characters twice over
    const qint64 id = upload(a, std::nullopt, std::nullopt, all.size()).id;
    QVERIFY(m_store->appendFileChunk(id, 0, all, 1));
    QCOMPARE(*m_store->fileChunkAt(id, 0), all);
}

void TestStoreFiles::chunksCovering_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<QList<qint64>>("offsets");
    // Chunks at 0 (100 bytes), 100 (100), 200 (50).
    QTest::newRow("first chunk") << qint64(0) << qint64(100) << QList<qint64>{0};
    QTest::newRow("inside first") << qint64(10) << qint64(20) << QList<qint64>{0};
    QTest::newRow("straddles") << qint64(90) << qint64(110) << QList<qint64>{0, 100};
    QTest::newRow("exact second") << qint64(100) << qint64(200) << QList<qint64>{100};
    QTest::newRow("all") << qint64(0) << qint64(250) << QList<qint64>{0, 100, 200};
    QTest::newRow("tail") << qint64(249) << qint64(250) << QList<qint64>{200};
    QTest::newRow("past the end") << qint64(250) << qint64(300) << QList<qint64>{};
}

void TestStoreFiles::chunksCovering()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(QList<qint64>, offsets);
    const qint64 a = addUser(QStringLiteral("alice"));
    const QByteArray data = bytes(250, 7);
    const qint64 id = upload(a, std::nullopt, std::nullopt, data.size()).id;
    QVERIFY(m_store->appendFileChunk(id, 0, data.left(100), 1));
    QVERIFY(m_store->appendFileChunk(id, 100, data.mid(100, 100), 1));
    QVERIFY(m_store->appendFileChunk(id, 200, data.mid(200), 1));
    QList<qint64> found;
    for (const FileChunk &chunk : m_store->fileChunksCovering(id, start, end)) {
        found.append(chunk.offset);
        QCOMPARE(chunk.data, data.mid(chunk.offset, chunk.data.size()));
    }
    QCOMPARE(found, offsets);
}

void TestStoreFiles::attachFinishesOnce()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 id = upload(a, b, std::nullopt, 3).id;
    QVERIFY(m_store->appendFileChunk(id, 0, "abc", 1));
    const qint64 message = addMessage(a, b, kNoText, 777);
    QVERIFY(m_store->attachFileMessage(id, message, 5));
    QVERIFY(!m_store->attachFileMessage(id, message + 1, 6));
    const std::optional<FileRecord> file = m_store->fileById(id);
    QCOMPARE(file->messageId, std::optional<qint64>(message));
    QCOMPARE(file->messageTs, std::optional<qint64>(777));
    QVERIFY(!m_store->appendFileChunk(id, 3, "d", 1)); // a finished file takes nothing
}

void TestStoreFiles::directReaders()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    const qint64 id = upload(a, b, std::nullopt, 1).id;
    QVERIFY(m_store->appendFileChunk(id, 0, "z", 1));
    // Unfinished: nobody downloads it, not even the uploader.
    QVERIFY(!m_store->fileForReader(id, a));
    QVERIFY(!m_store->fileForReader(id, b));
    QVERIFY(m_store->attachFileMessage(id, addMessage(a, b, kNoText, 5), 5));
    QCOMPARE(m_store->fileForReader(id, a)->id, id);
    QCOMPARE(m_store->fileForReader(id, b)->id, id);
    QVERIFY(!m_store->fileForReader(id, c));
    QVERIFY(!m_store->fileForReader(id + 1, a));
}

void TestStoreFiles::groupReaders()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    const qint64 late = addUser(QStringLiteral("dave"));
    const qint64 stranger = addUser(QStringLiteral("eve"));
    const qint64 group = m_store->createGroup(QStringLiteral("crew"), a, 1);
    for (const qint64 member : {a, b, c})
        m_store->addMember(group, member, 1);
    const qint64 id = upload(a, std::nullopt, group, 1).id;
    QVERIFY(m_store->appendFileChunk(id, 0, "g", 1));
    const qint64 message =
        m_store
            ->insertMessage(Store::groupChat(group), a, std::nullopt, group, QString(), kNoText, 5)
            .value();
    m_store->insertGroupReceipt(message, b);
    m_store->insertGroupReceipt(message, c);
    QVERIFY(m_store->attachFileMessage(id, message, 5));
    m_store->addMember(group, late, 6); // joined after the message: never sent it

    QVERIFY(m_store->fileForReader(id, a)); // the uploader
    QVERIFY(m_store->fileForReader(id, b));
    QVERIFY(m_store->fileForReader(id, c));
    QVERIFY(!m_store->fileForReader(id, late));
    QVERIFY(!m_store->fileForReader(id, stranger));
    QVERIFY(m_store->removeMember(group, c)); // removed: no longer sees the group
    QVERIFY(!m_store->fileForReader(id, c));
    QVERIFY(m_store->removeMember(group, a)); // the uploader always may
    QVERIFY(m_store->fileForReader(id, a));
}

void TestStoreFiles::unfinishedUploadIsFoundAgain()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const FileRecord first = upload(a, b, std::nullopt, 4);
    QVERIFY(m_store->appendFileChunk(first.id, 0, "ab", 1));
    FileRecord like = first;
    like.id = 0;
    const std::optional<FileRecord> found = m_store->unfinishedUpload(like);
    QVERIFY(found);
    QCOMPARE(found->id, first.id);
    QCOMPARE(found->received, 2);

    FileRecord other = like;
    other.size = 5;
    QVERIFY(!m_store->unfinishedUpload(other));
    other = like;
    other.recipientId = std::nullopt;
    other.groupId = 1;
    QVERIFY(!m_store->unfinishedUpload(other));
    other = like;
    other.uploaderId = b;
    QVERIFY(!m_store->unfinishedUpload(other));

    QVERIFY(m_store->appendFileChunk(first.id, 2, "cd", 1));
    QVERIFY(m_store->attachFileMessage(first.id, addMessage(a, b, kNoText, 5), 5));
    QVERIFY(!m_store->unfinishedUpload(like)); // finished ones are not resumed
}

void TestStoreFiles::staleUploadsAreSwept()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 stale = upload(a, b, std::nullopt, 10, 100).id;
    QVERIFY(m_store->appendFileChunk(stale, 0, "abc", 200)); // last touched at 200
    const qint64 fresh = upload(a, b, std::nullopt, 10, 100).id;
    QVERIFY(m_store->appendFileChunk(fresh, 0, "abc", 900));
    const qint64 finished = upload(a, b, std::nullopt, 1, 100).id;
    QVERIFY(m_store->appendFileChunk(finished, 0, "x", 150));
    QVERIFY(m_store->attachFileMessage(finished, addMessage(a, b, kNoText, 160), 160));

    QCOMPARE(m_store->deleteStaleUploads(200), 0); // strictly older than the cutoff
    QCOMPARE(m_store->deleteStaleUploads(500), 1);
    QVERIFY(!m_store->fileById(stale));
    QCOMPARE(m_store->fileChunkTotals(stale), (std::pair<qint64, qint64>(0, 0)));
    QVERIFY(m_store->fileById(fresh));
    QVERIFY(m_store->fileById(finished)); // delivered files never expire
    QCOMPARE(m_store->deleteStaleUploads(5000), 1);
    QVERIFY(m_store->fileById(finished));
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM file_chunks")), 1);
}

void TestStoreFiles::deletingTheUploaderDeletesTheBytes()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 unfinished = upload(a, b, std::nullopt, 10).id;
    QVERIFY(m_store->appendFileChunk(unfinished, 0, "abc", 1));
    const qint64 finished = upload(a, b, std::nullopt, 1).id;
    QVERIFY(m_store->appendFileChunk(finished, 0, "x", 1));
    QVERIFY(m_store->attachFileMessage(finished, addMessage(a, b, kNoText, 5), 5));
    const qint64 theirs = upload(b, a, std::nullopt, 1).id;
    QVERIFY(m_store->appendFileChunk(theirs, 0, "y", 1));
    {
        Store::Transaction transaction(*m_store);
        m_store->deleteUser(a);
        transaction.commit();
    }
    QVERIFY(!m_store->fileById(unfinished));
    QVERIFY(!m_store->fileById(finished));
    QVERIFY(!m_store->fileById(theirs)); // addressed to the deleted user
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM file_chunks")), 0);
    QCOMPARE(count(*m_store, QStringLiteral("SELECT COUNT(*) FROM files")), 0);
}

void TestStoreFiles::deletingTheRecipientOrGroupDeletesTheFile()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 group = m_store->createGroup(QStringLiteral("crew"), a, 1);
    m_store->addMember(group, a, 1);
    const qint64 id = upload(a, std::nullopt, group, 2).id;
    QVERIFY(m_store->appendFileChunk(id, 0, "ab", 1));
    m_store->deleteGroup(group);
    QVERIFY(!m_store->fileById(id));
    QCOMPARE(m_store->fileChunkTotals(id), (std::pair<qint64, qint64>(0, 0)));
}

void TestStoreFiles::filesInChat()
{
    const qint64 a = addUser(QStringLiteral("alice"));
    const qint64 b = addUser(QStringLiteral("bob"));
    const qint64 c = addUser(QStringLiteral("carol"));
    const qint64 text = addMessage(a, b, QStringLiteral("hi"), 1);
    QList<qint64> withFiles;
    for (int i = 0; i < 3; ++i) {
        const qint64 id = upload(a, b, std::nullopt, 1).id;
        QVERIFY(m_store->appendFileChunk(id, 0, "x", 1));
        const qint64 message = addMessage(a, b, kNoText, 2 + i);
        QVERIFY(m_store->attachFileMessage(id, message, 2));
        withFiles.append(message);
    }
    const qint64 elsewhere = upload(a, c, std::nullopt, 1).id;
    QVERIFY(m_store->appendFileChunk(elsewhere, 0, "x", 1));
    const qint64 otherChat = addMessage(a, c, kNoText, 9);
    QVERIFY(m_store->attachFileMessage(elsewhere, otherChat, 9));

    const QString chat = Store::directChat(a, b);
    QHash<qint64, FileRecord> files = m_store->filesInChat(chat, text, otherChat);
    QCOMPARE(files.size(), 3);
    for (const qint64 message : withFiles) {
        QVERIFY(files.contains(message));
        QCOMPARE(files.value(message).name, QStringLiteral("report.pdf"));
        QCOMPARE(files.value(message).size, 1);
    }
    QCOMPARE(m_store->filesInChat(chat, withFiles.at(1), withFiles.at(1)).size(), 1);
    QCOMPARE(m_store->filesInChat(chat, text, text).size(), 0);
    QCOMPARE(m_store->filesInChat(Store::directChat(a, c), 0, otherChat).size(), 1);
}

QTEST_GUILESS_MAIN(TestStoreFiles)
#include "tst_store_files.moc"
