// Store operations for full-text search (see sql/*/queries.sql and the
// migrations 013_search.sql: FTS5 on SQLite, a tsvector index on PostgreSQL,
// and 016_search_plans.sql). How the SQLite plans were chosen and measured:
// docs/performance.md.
#include "store.h"

namespace Palomar::Server {

namespace {

// A prefix is spelled out as its terms when it stands for at most this many
// beyond the word itself; more, and FTS5's own prefix query is used.
constexpr int kMaxPrefixTerms = 32;
// The chat plan looks up at most about this many (message, term) pairs in
// the index before it hands the older part of the chat to the word plan.
constexpr int kChatPlanLookups = 2000;

bool isAscii(const QString &word)
{
    return std::all_of(word.cbegin(), word.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

// One FTS5 term: quoted, so that nothing in it is query syntax.
QString quoted(QString word)
{
    word.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + word + QLatin1Char('"');
}

} // namespace

QString Store::fullTextQuery(const QStringList &words) const
{
    // Every word is one quoted term, all of them required, the last one also
    // matching as a prefix.
    QStringList terms;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const bool last = i == words.size() - 1;
        QString word = words.at(i);
        if (isSqlite()) {
            terms.append(quoted(word) + (last ? QLatin1String("*") : QLatin1String()));
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
    QString query = fullTextQuery(words);
    int terms = int(words.size()); // index terms matched against each message
    bool spelledOut = false;       // no FTS5 prefix query left in `query`
    if (isSqlite() && isAscii(words.constLast())) {
        // FTS5 merges the doclists of every term of a prefix in full before
        // its first row (for a common word, most of the index), so a prefix
        // of few terms is spelled out instead, ("w" OR "wa" OR …), which
        // FTS5 reads lazily, newest first, up to the page's end. Only where
        // the tokenizer's folding is plain lower case (unicode61 on ASCII):
        // the index's terms are folded, the word must be too.
        const QString prefix = words.constLast().toLower();
        const QString end = prefix + QString::fromUcs4(U"\U0010FFFF");
        QStringList alternatives{quoted(prefix)};
        QString term = prefix;
        while (alternatives.size() <= kMaxPrefixTerms + 1) {
            QSqlQuery &next = run("search_next_term", {QString(term + QChar(1)), end});
            const bool found = next.next();
            term = found ? next.value(0).toString() : QString();
            next.finish();
            if (!found)
                break;
            alternatives.append(quoted(term));
        }
        if (alternatives.size() <= kMaxPrefixTerms + 1) {
            QStringList parts;
            for (qsizetype i = 0; i < words.size() - 1; ++i)
                parts.append(quoted(words.at(i)));
            parts.append(alternatives.size() == 1
                             ? alternatives.constFirst()
                             : QLatin1Char('(') + alternatives.join(QLatin1String(" OR ")) +
                                   QLatin1Char(')'));
            query = parts.join(QLatin1String(" AND ")); // FTS5: no implicit AND before (
            terms += int(alternatives.size()) - 1;
            spelledOut = true;
        }
    }
    QList<MessageRecord> found;
    if (spelledOut && !chat.isEmpty()) {
        // One chat: its newest messages first, each looked up in the index,
        // as long as that stays cheap (a small chat, a common word); the word
        // plan for the older part (a rare word in a long chat). Not with a
        // prefix query, which FTS5 would merge again for every message.
        const int window = std::max(limit, kChatPlanLookups / terms);
        QSqlQuery &end = run("search_chat_window_end", {chat, before, window});
        const bool any = end.next() && end.value(1).toInt() > 0;
        const qint64 oldest = any ? end.value(0).toLongLong() : 0;
        const bool older = any && end.value(1).toInt() == window;
        end.finish();
        if (!any)
            return {};
        found = readMessages(run("search_chat_window", {chat, before, oldest, query, userId, userId,
                                                        userId, userId, userId, limit}));
        if (found.size() == limit || !older)
            return found;
        before = oldest;
        limit -= int(found.size());
    }
    found += readMessages(
        run("search", {query, before, chat, chat, userId, userId, userId, userId, userId, limit}));
    return found;
}

} // namespace Palomar::Server
