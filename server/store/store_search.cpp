// Store operations for full-text search (see sql/*/queries.sql and the
// migrations 012_search.sql: FTS5 on SQLite, a tsvector index on PostgreSQL).
#include "store.h"

namespace Palomar::Server {

QString Store::fullTextQuery(const QStringList &words) const
{
    // Every word is one quoted term (so nothing in it is query syntax), all
    // of them required, the last one also matching as a prefix.
    QStringList terms;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const bool last = i == words.size() - 1;
        QString word = words.at(i);
        if (isSqlite()) {
            word.replace(QLatin1Char('"'), QLatin1String("\"\""));
            terms.append(QLatin1Char('"') + word + QLatin1Char('"') +
                         (last ? QLatin1String("*") : QLatin1String()));
        } else {
            word.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
            word.replace(QLatin1Char('\''), QLatin1String("''"));
            terms.append(QLatin1Char('\'') + word + QLatin1Char('\'') +
                         (last ? QLatin1String(":*") : QLatin1String()));
        }
    }
    return terms.join(isSqlite() ? QLatin1String(" ") : QLatin1String(" & "));
}

QList<MessageRecord> Store::searchMessages(qint64 userId, const QStringList &words,
                                           const QString &chat, qint64 before, int limit)
{
    if (words.isEmpty())
        return {};
    return readMessages(run("search", {fullTextQuery(words), before, chat, chat, userId, userId,
                                       userId, userId, userId, limit}));
}

} // namespace Palomar::Server
