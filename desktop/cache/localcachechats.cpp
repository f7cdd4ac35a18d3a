// The chat-state half of LocalCache: what this computer remembers about a
// chat beyond its messages (muted, pinned, marked unread, history deleted
// here). None of it is at the server.
#include "localcache.h"

namespace Palomar::Desktop {

ChatState LocalCache::chatState(const QString &peer)
{
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT muted, pin_order, marked_unread, cleared_upto FROM chat_state WHERE peer = ?"));
    query.addBindValue(peer);
    ChatState state;
    if (!exec(query) || !query.next())
        return state;
    state.muted = query.value(0).toBool();
    state.pinOrder = query.value(1).toInt();
    state.markedUnread = query.value(2).toBool();
    state.clearedUpTo = query.value(3).toLongLong();
    query.finish();
    return state;
}

void LocalCache::writeChatState(const QString &peer, const ChatState &state)
{
    beginWrite();
    QSqlQuery &query = prepared(QStringLiteral(
        "INSERT INTO chat_state (peer, muted, pin_order, marked_unread, cleared_upto) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (peer) DO UPDATE SET muted = excluded.muted, "
        "pin_order = excluded.pin_order, marked_unread = excluded.marked_unread, "
        "cleared_upto = excluded.cleared_upto"));
    query.addBindValue(peer);
    query.addBindValue(state.muted ? 1 : 0);
    query.addBindValue(state.pinOrder);
    query.addBindValue(state.markedUnread ? 1 : 0);
    query.addBindValue(state.clearedUpTo);
    exec(query);
}

void LocalCache::setMuted(const QString &peer, bool muted)
{
    ChatState state = chatState(peer);
    state.muted = muted;
    writeChatState(peer, state);
}

void LocalCache::setPinned(const QString &peer, bool pinned)
{
    ChatState state = chatState(peer);
    if (pinned == (state.pinOrder > 0))
        return;
    state.pinOrder = 0;
    if (pinned) {
        QSqlQuery &last = prepared(QStringLiteral("SELECT MAX(pin_order) FROM chat_state"));
        if (exec(last) && last.next())
            state.pinOrder = last.value(0).toInt() + 1;
        last.finish();
        state.pinOrder = qMax(state.pinOrder, 1);
    }
    writeChatState(peer, state);
}

void LocalCache::setMarkedUnread(const QString &peer, bool marked)
{
    ChatState state = chatState(peer);
    if (state.markedUnread == marked)
        return;
    state.markedUnread = marked;
    writeChatState(peer, state);
}

void LocalCache::clearHistory(const QString &peer)
{
    // Server ids only grow, whatever the chat: the newest one known here
    // marks "everything written up to now", including history never fetched.
    ChatState state = chatState(peer);
    QSqlQuery &newest = prepared(QStringLiteral("SELECT MAX(msg_id) FROM messages"));
    if (exec(newest) && newest.next())
        state.clearedUpTo = qMax(state.clearedUpTo, newest.value(0).toLongLong());
    newest.finish();
    state.clearedUpTo = qMax<qint64>(state.clearedUpTo, 1);
    state.markedUnread = false;
    writeChatState(peer, state);
    QSqlQuery &remove =
        prepared(QStringLiteral("DELETE FROM messages WHERE peer = ? AND status <> ?"));
    remove.addBindValue(peer);
    remove.addBindValue(int(DeliveryStatus::Pending));
    exec(remove);
}

std::optional<CachedMessage> LocalCache::hideMessage(qint64 localId)
{
    const std::optional<CachedMessage> message = messageByLocalId(localId);
    if (!message)
        return std::nullopt;
    beginWrite();
    if (message->msgId > 0) {
        QSqlQuery &hide =
            prepared(QStringLiteral("INSERT OR IGNORE INTO hidden_messages (msg_id) VALUES (?)"));
        hide.addBindValue(message->msgId);
        exec(hide);
    }
    removeMessage(localId);
    return message;
}

bool LocalCache::isHidden(qint64 msgId)
{
    QSqlQuery &query =
        prepared(QStringLiteral("SELECT 1 FROM hidden_messages WHERE msg_id = ? LIMIT 1"));
    query.addBindValue(msgId);
    const bool hidden = exec(query) && query.next();
    query.finish();
    return hidden;
}

void LocalCache::applyChatState(QList<ChatSummary> *chats)
{
    QHash<QString, ChatState> states;
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT peer, muted, pin_order, marked_unread, cleared_upto FROM chat_state"));
    if (exec(query)) {
        while (query.next())
            states.insert(query.value(0).toString().toLower(),
                          {query.value(1).toBool(), query.value(2).toInt(), query.value(3).toBool(),
                           query.value(4).toLongLong()});
    }
    for (ChatSummary &chat : *chats) {
        const ChatState state = states.value(chat.peer.toLower());
        chat.muted = state.muted;
        chat.pinOrder = state.pinOrder;
        chat.markedUnread = state.markedUnread;
        chat.cleared = state.clearedUpTo > 0;
    }
}

} // namespace Palomar::Desktop
