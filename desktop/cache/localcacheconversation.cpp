// The conversation half of LocalCache: what the sender did to a message after
// sending it (docs/protocol.md, "Conversation features: the rules"): edits and
// deletions for everyone, as received.
#include "localcache.h"

namespace Palomar::Desktop {

std::optional<CachedMessage> LocalCache::applyEdit(qint64 msgId, const QString &text, qint64 edited)
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral("UPDATE messages SET text = ?, edited = ? WHERE "
                                                "msg_id = ? AND deleted = 0 AND edited < ?"));
    update.addBindValue(text);
    update.addBindValue(edited);
    update.addBindValue(msgId);
    update.addBindValue(edited);
    exec(update);
    if (update.numRowsAffected() <= 0)
        return std::nullopt;
    return messageWhere(QStringLiteral("msg_id = ?"), msgId);
}

std::optional<CachedMessage> LocalCache::applyDelete(qint64 msgId)
{
    beginWrite();
    // Nothing of it stays: not its text, not its file (bytes already saved
    // somewhere by the user are theirs).
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE messages SET text = '', deleted = 1, file_id = NULL, file_name = NULL, "
        "file_size = NULL, file_sha256 = NULL, file_mime = NULL, file_path = NULL "
        "WHERE msg_id = ? AND deleted = 0"));
    update.addBindValue(msgId);
    exec(update);
    if (update.numRowsAffected() <= 0)
        return std::nullopt;
    return messageWhere(QStringLiteral("msg_id = ?"), msgId);
}

} // namespace Palomar::Desktop
