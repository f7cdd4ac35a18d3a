// The reactions half of LocalCache (cache step 8, extension `reactions`:
// docs/protocol.md §3.30): one emoji per person and message, in the
// `reactions` table by server id, filled from history and from live
// `reaction` events, and read back with every message row.
#include "localcache.h"

#include <algorithm>

namespace Palomar::Desktop {

namespace {
// How kSelectMessage's reaction_list column joins its pairs.
constexpr QChar kPairSeparator(0x1e);
constexpr QChar kFieldSeparator(0x1f);
} // namespace

QMap<QString, QStringList> LocalCache::parseReactionList(const QString &list)
{
    QMap<QString, QStringList> reactions;
    if (list.isEmpty())
        return reactions;
    for (const QString &pair : list.split(kPairSeparator, Qt::SkipEmptyParts)) {
        const qsizetype at = pair.indexOf(kFieldSeparator);
        if (at > 0)
            reactions[pair.left(at)].append(pair.mid(at + 1));
    }
    for (QStringList &users : reactions) {
        std::sort(users.begin(), users.end(), [](const QString &a, const QString &b) {
            return a.compare(b, Qt::CaseInsensitive) < 0;
        });
    }
    return reactions;
}

void LocalCache::storeReactions(qint64 msgId, const QMap<QString, QStringList> &reactions)
{
    if (msgId <= 0)
        return;
    beginWrite();
    QSqlQuery &clear = prepared(QStringLiteral("DELETE FROM reactions WHERE msg_id = ?"));
    clear.addBindValue(msgId);
    exec(clear);
    QSqlQuery &insert = prepared(
        QStringLiteral("INSERT OR REPLACE INTO reactions (msg_id, user, emoji) VALUES (?, ?, ?)"));
    for (auto it = reactions.constBegin(); it != reactions.constEnd(); ++it) {
        for (const QString &user : it.value()) {
            insert.addBindValue(msgId);
            insert.addBindValue(user);
            insert.addBindValue(it.key());
            exec(insert);
        }
    }
}

std::optional<CachedMessage> LocalCache::applyReaction(qint64 msgId, const QString &user,
                                                       const QString &emoji)
{
    if (msgId <= 0 || user.isEmpty())
        return std::nullopt;
    beginWrite();
    QSqlQuery &clear =
        prepared(QStringLiteral("DELETE FROM reactions WHERE msg_id = ? AND user = ?"));
    clear.addBindValue(msgId);
    clear.addBindValue(user);
    exec(clear);
    if (!emoji.isEmpty()) {
        QSqlQuery &insert = prepared(QStringLiteral(
            "INSERT OR REPLACE INTO reactions (msg_id, user, emoji) VALUES (?, ?, ?)"));
        insert.addBindValue(msgId);
        insert.addBindValue(user);
        insert.addBindValue(emoji);
        exec(insert);
    }
    return messageWhere(QStringLiteral("msg_id = ?"), msgId);
}

} // namespace Palomar::Desktop
