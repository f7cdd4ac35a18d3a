#include "localcache.h"

namespace Palomar::Desktop {

QString LocalCache::draft(const QString &peer)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT text FROM drafts WHERE peer = ?"));
    query.addBindValue(peer);
    if (!exec(query) || !query.next())
        return QString();
    const QString text = query.value(0).toString();
    query.finish();
    return text;
}

void LocalCache::setDraft(const QString &peer, const QString &text)
{
    if (peer.isEmpty())
        return;
    beginWrite();
    if (text.trimmed().isEmpty()) {
        QSqlQuery &remove = prepared(QStringLiteral("DELETE FROM drafts WHERE peer = ?"));
        remove.addBindValue(peer);
        exec(remove);
        return;
    }
    QSqlQuery &insert =
        prepared(QStringLiteral("INSERT OR REPLACE INTO drafts (peer, text) VALUES (?, ?)"));
    insert.addBindValue(peer);
    insert.addBindValue(text);
    exec(insert);
}

QHash<QString, QString> LocalCache::drafts()
{
    QHash<QString, QString> result;
    QSqlQuery &query = prepared(QStringLiteral("SELECT peer, text FROM drafts"));
    if (exec(query)) {
        while (query.next())
            result.insert(query.value(0).toString().toLower(), query.value(1).toString());
    }
    return result;
}

void LocalCache::setFailure(const QString &clientId, const QString &reason)
{
    if (clientId.isEmpty())
        return;
    beginWrite();
    if (reason.isEmpty()) {
        QSqlQuery &remove = prepared(QStringLiteral("DELETE FROM failures WHERE client_id = ?"));
        remove.addBindValue(clientId);
        exec(remove);
        return;
    }
    QSqlQuery &insert = prepared(
        QStringLiteral("INSERT OR REPLACE INTO failures (client_id, reason) VALUES (?, ?)"));
    insert.addBindValue(clientId);
    insert.addBindValue(reason);
    exec(insert);
}

std::optional<CachedMessage> LocalCache::removeUnsent(const QString &clientId)
{
    const auto message = messageByClientId(clientId);
    if (!message || message->msgId > 0)
        return std::nullopt;
    removeMessage(message->localId);
    outboxRemove(clientId);
    setFailure(clientId, QString());
    return message;
}

} // namespace Palomar::Desktop
