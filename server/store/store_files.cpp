// Store operations for files, one SQL statement each (see sql/queries.sql).
// Chunks go in and come out one at a time: no call reads a whole file.
#include "store.h"

namespace Palomar::Server {

namespace {

FileRecord readFile(const QSqlQuery &query)
{
    FileRecord file;
    file.id = query.value(0).toLongLong();
    file.uploaderId = query.value(1).toLongLong();
    file.recipientId = optionalInteger(query.value(2));
    file.groupId = optionalInteger(query.value(3));
    file.name = query.value(4).toString();
    file.size = query.value(5).toLongLong();
    file.sha256 = query.value(6).toString();
    file.mime = query.value(7).toString();
    file.received = query.value(8).toLongLong();
    file.messageId = optionalInteger(query.value(9));
    file.messageTs = optionalInteger(query.value(10));
    return file;
}

std::optional<FileRecord> readOneFile(QSqlQuery &query)
{
    std::optional<FileRecord> file;
    if (query.next())
        file = readFile(query);
    query.finish();
    return file;
}

} // namespace

qint64 Store::createFile(const FileRecord &file, qint64 ts)
{
    QSqlQuery &query = run("insert_file", {file.uploaderId, nullableInteger(file.recipientId),
                                           nullableInteger(file.groupId), file.name, file.size,
                                           file.sha256, file.mime, ts, ts});
    if (!query.next())
        throw StoreError(QStringLiteral("insert_file returned no id"));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

std::optional<FileRecord> Store::fileById(qint64 id)
{
    return readOneFile(run("file_by_id", {id}));
}

std::optional<FileRecord> Store::messageFile(qint64 messageId)
{
    return readOneFile(run("message_file", {messageId}));
}

std::optional<FileRecord> Store::unfinishedUpload(const FileRecord &like)
{
    return readOneFile(
        run("unfinished_upload", {like.uploaderId, like.sha256, like.size, like.name,
                                  like.recipientId.value_or(0), like.groupId.value_or(0)}));
}

std::optional<FileRecord> Store::fileForReader(qint64 id, qint64 userId)
{
    return readOneFile(run("file_for_reader", {id, userId, userId, userId}));
}

bool Store::appendFileChunk(qint64 fileId, qint64 offset, const QByteArray &data, qint64 ts)
{
    const qint64 length = data.size();
    // The conditional UPDATE first: its row lock orders concurrent writers of
    // one upload, and the loser finds `received` moved and stores nothing.
    if (!affects("advance_file", {length, ts, fileId, offset, length}))
        return false;
    run("insert_file_chunk", {fileId, offset, data}).finish();
    return true;
}

std::optional<QByteArray> Store::fileChunkAt(qint64 fileId, qint64 offset)
{
    QSqlQuery &query = run("file_chunk_at", {fileId, offset});
    std::optional<QByteArray> data;
    if (query.next())
        data = query.value(0).toByteArray();
    query.finish();
    return data;
}

QList<FileChunk> Store::fileChunksCovering(qint64 fileId, qint64 start, qint64 end)
{
    QSqlQuery &query = run("file_chunks_covering", {fileId, end, fileId, start});
    QList<FileChunk> chunks;
    while (query.next()) {
        FileChunk chunk{query.value(0).toLongLong(), query.value(1).toByteArray()};
        if (chunk.offset + chunk.data.size() > start)
            chunks.append(std::move(chunk));
    }
    query.finish();
    return chunks;
}

bool Store::attachFileMessage(qint64 fileId, qint64 messageId, qint64 ts)
{
    return affects("attach_file_message", {messageId, ts, fileId});
}

void Store::deleteFile(qint64 id)
{
    // file_chunks rows go with it (ON DELETE CASCADE).
    run("delete_file", {id}).finish();
}

int Store::deleteStaleUploads(qint64 cutoff)
{
    QSqlQuery &query = run("delete_stale_files", {cutoff});
    const int count = query.numRowsAffected();
    query.finish();
    return count;
}

QHash<qint64, FileRecord> Store::filesInChat(const QString &chat, qint64 low, qint64 high)
{
    QSqlQuery &query = run("files_in_chat", {chat, low, high});
    QHash<qint64, FileRecord> files;
    while (query.next()) {
        FileRecord file;
        file.messageId = query.value(0).toLongLong();
        file.id = query.value(1).toLongLong();
        file.name = query.value(2).toString();
        file.size = query.value(3).toLongLong();
        file.sha256 = query.value(4).toString();
        file.mime = query.value(5).toString();
        file.received = file.size;
        files.insert(*file.messageId, file);
    }
    query.finish();
    return files;
}

std::pair<qint64, qint64> Store::fileChunkTotals(qint64 fileId)
{
    QSqlQuery &query = run("count_file_chunks", {fileId});
    std::pair<qint64, qint64> totals{0, 0};
    if (query.next())
        totals = {query.value(0).toLongLong(), query.value(1).toLongLong()};
    query.finish();
    return totals;
}

} // namespace Palomar::Server
