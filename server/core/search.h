#pragma once

#include "context.h"
#include "historyextras.h"

#include <QHash>
#include <QStringList>

namespace Palomar::Server {

struct MessageRecord;

// search (extension): full-text search over the history the caller may
// see, in one chat or in all of them, newest first, paged by message id.
// The index is the store's (FTS5 on SQLite, a tsvector index on
// PostgreSQL), kept in step with the messages table by the database itself.
class SearchHandler
{
public:
    explicit SearchHandler(Services services) : m_services(services) {}

    HandlerResult search(const Protocol::Request &request, CallContext &context);

    // The words of a user's query: runs of letters, digits and combining
    // marks; everything else (spaces, punctuation, symbols, query syntax of
    // any kind) only separates them.
    static QStringList words(const QString &query);

private:
    // The results' HistoryExtras (file, changes, reactions), loaded once
    // per chat, and which chat each result is in.
    struct Extras
    {
        QHash<qint64, QString> chats; // msg_id -> chat
        QHash<QString, HistoryExtras> byChat;
    };
    Extras extrasOf(const QList<MessageRecord> &records, qint64 me);
    // One result as a history item, with the chat it is in (`peer` or `group`).
    QJsonObject item(const MessageRecord &record, qint64 me, const Extras &extras);

    Services m_services;
};

} // namespace Palomar::Server
