// The file half of LocalCache: file messages (the `file` object in file_*
// columns), my uploads before the server has them, and where the bytes of
// each file are on this computer.
#include "localcache.h"

#include "client/filetransfer.h"

namespace Palomar::Desktop {

namespace {
QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}
} // namespace

std::optional<CachedMessage> LocalCache::adoptPending(const Client::Message &message,
                                                      DeliveryStatus status)
{
    // A file is recognised by its id, or (the echo overtook file_begin's
    // answer) by its name and size; a text by its text.
    const Client::FileInfo file = Client::FileInfo::fromJson(message.file);
    const QString peer = message.isGroupMessage() ? groupChatKey(message.group) : message.to;
    QSqlQuery &adopt =
        file.isValid()
            ? prepared(QStringLiteral(
                  "SELECT id FROM messages WHERE peer = ? AND outgoing = 1 AND msg_id IS NULL "
                  "AND status IN (1, 2) AND (file_id = ? OR (file_id IS NULL AND "
                  "file_name = ? AND file_size = ?)) ORDER BY id LIMIT 1"))
            : prepared(QStringLiteral(
                  "SELECT id FROM messages WHERE peer = ? AND outgoing = 1 AND msg_id IS NULL "
                  "AND text = ? AND file_name IS NULL AND status IN (1, 2) ORDER BY id LIMIT 1"));
    adopt.addBindValue(peer);
    if (file.isValid()) {
        adopt.addBindValue(file.fileId);
        adopt.addBindValue(file.name);
        adopt.addBindValue(file.size);
    } else {
        adopt.addBindValue(message.text);
    }
    if (!exec(adopt) || !adopt.next())
        return std::nullopt;
    const qint64 localId = adopt.value(0).toLongLong();
    adopt.finish();
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE messages SET msg_id = ?, sort_key = ?, ts = ?, status = ?, "
        "file_id = COALESCE(?, file_id), file_sha256 = COALESCE(?, file_sha256) WHERE id = ?"));
    update.addBindValue(message.msgId);
    update.addBindValue(message.msgId);
    update.addBindValue(message.ts);
    update.addBindValue(int(status));
    update.addBindValue(file.isValid() ? QVariant(file.fileId) : QVariant());
    update.addBindValue(nullIfEmpty(file.sha256));
    update.addBindValue(localId);
    exec(update);
    return messageByLocalId(localId);
}

void LocalCache::bindFile(QSqlQuery &query, const Client::FileInfo &file)
{
    const bool valid = !file.name.isEmpty();
    query.addBindValue(file.fileId > 0 ? QVariant(file.fileId) : QVariant());
    query.addBindValue(valid ? QVariant(file.name) : QVariant());
    query.addBindValue(valid ? QVariant(file.size) : QVariant());
    query.addBindValue(nullIfEmpty(file.sha256));
    query.addBindValue(valid ? QVariant(file.mime) : QVariant());
}

std::optional<CachedMessage> LocalCache::messageByLocalId(qint64 localId)
{
    return messageWhere(QStringLiteral("id = ?"), localId);
}

std::optional<CachedMessage> LocalCache::messageByMsgId(qint64 msgId)
{
    return messageWhere(QStringLiteral("msg_id = ?"), msgId);
}

void LocalCache::removeMessage(qint64 localId)
{
    beginWrite();
    QSqlQuery &remove = prepared(QStringLiteral("DELETE FROM messages WHERE id = ?"));
    remove.addBindValue(localId);
    exec(remove);
}

CachedMessage LocalCache::addPendingFile(const QString &clientId, const QString &peer,
                                         const CachedFile &file, qint64 ts)
{
    beginWrite();
    QSqlQuery &insert = prepared(
        QStringLiteral("INSERT INTO messages (msg_id, client_id, peer, outgoing, text, ts, status, "
                       "file_id, file_name, file_size, file_sha256, file_mime, file_path) "
                       "VALUES (NULL, ?, ?, 1, '', ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(clientId);
    insert.addBindValue(peer);
    insert.addBindValue(ts);
    insert.addBindValue(int(DeliveryStatus::Pending));
    Client::FileInfo info;
    info.fileId = file.fileId;
    info.name = file.name;
    info.size = file.size;
    info.sha256 = file.sha256;
    info.mime = file.mime;
    bindFile(insert, info);
    insert.addBindValue(nullIfEmpty(file.localPath));
    if (!exec(insert))
        return {};
    const qint64 localId = insert.lastInsertId().toLongLong();
    QSqlQuery &key = prepared(QStringLiteral("UPDATE messages SET sort_key = ? WHERE id = ?"));
    key.addBindValue(kPendingSortBase + localId);
    key.addBindValue(localId);
    exec(key);
    return messageByLocalId(localId).value_or(CachedMessage{});
}

void LocalCache::setFileId(qint64 localId, qint64 fileId, const QString &sha256)
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE messages SET file_id = ?, file_sha256 = COALESCE(?, file_sha256) WHERE id = ?"));
    update.addBindValue(fileId);
    update.addBindValue(nullIfEmpty(sha256));
    update.addBindValue(localId);
    exec(update);
}

std::optional<CachedMessage> LocalCache::setFilePath(qint64 localId, const QString &path)
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral("UPDATE messages SET file_path = ? WHERE id = ?"));
    update.addBindValue(nullIfEmpty(path));
    update.addBindValue(localId);
    exec(update);
    return messageByLocalId(localId);
}

void LocalCache::failInterruptedUploads()
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE messages SET status = ? WHERE file_name IS NOT NULL AND msg_id IS NULL "
        "AND outgoing = 1 AND status = ?"));
    update.addBindValue(int(DeliveryStatus::Failed));
    update.addBindValue(int(DeliveryStatus::Pending));
    exec(update);
}

} // namespace Palomar::Desktop
