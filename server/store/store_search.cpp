// Store operations for full-text search (see sql/*/queries.sql and the
// migrations 013_search.sql: FTS5 on SQLite, a tsvector index on PostgreSQL,
// and 016_search_plans.sql). How the SQLite plans were chosen and measured:
// docs/performance.md.
#include "sqlitestatement.h"
#include "store.h"

namespace Palomar::Server {

namespace {

// A prefix is spelled out as its terms when it stands for at most this many
// beyond the word itself; more, and FTS5's own prefix query is used.
constexpr int kMaxPrefixTerms = 32;
// The chat plan looks up at most about this many (message, term) pairs in
// the index before it hands the older part of the chat to the word plan.
constexpr int kChatPlanLookups = 2000;
// The chat plan reads at most this many of a term's newest entries in the
// range of the messages it checks; messages below them are looked up one by
// one (a common word).
constexpr int kTermRows = 1000;

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
    QList<QByteArrayList> groups;  // spelled out: `query` is AND of ORs of these terms
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
            for (qsizetype i = 0; i < words.size() - 1; ++i) {
                parts.append(quoted(words.at(i)));
                groups.append(QByteArrayList{parts.constLast().toUtf8()});
            }
            groups.append(QByteArrayList{});
            for (const QString &alternative : std::as_const(alternatives))
                groups.last().append(alternative.toUtf8());
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
        // One chat: its newest messages first, matched against the index
        // term by term, as long as that stays cheap (a small chat, a common
        // word); the word plan for the older part (a rare word in a long
        // chat). Not with a prefix query, which FTS5 would merge again for
        // every term read.
        const int window = std::max(limit, kChatPlanLookups / terms);
        QList<qint64> ids; // the window, newest first
        QSqlQuery &newest = run("search_chat_window_ids", {chat, before, window});
        while (newest.next())
            ids.append(newest.value(0).toLongLong());
        newest.finish();
        // In growing batches, so that a common word stops near the page's end.
        qsizetype batch = 2 * qsizetype(limit);
        for (qsizetype start = 0; start < ids.size() && found.size() < limit; start += batch) {
            if (start > 0)
                batch *= 2;
            const QList<qint64> matches = matchingMessages(groups, ids.mid(start, batch));
            if (matches.isEmpty())
                continue;
            QByteArray list("[");
            for (const qint64 id : matches)
                list += QByteArray::number(id) + ',';
            list.back() = ']';
            found += readMessages(
                run("search_chat_window", {QString::fromLatin1(list), userId, userId, userId,
                                           userId, userId, limit - int(found.size())}));
        }
        if (found.size() == limit || ids.size() < window)
            return found;
        before = ids.constLast();
        limit -= int(found.size());
    }
    found += readMessages(
        run("search", {query, before, chat, chat, userId, userId, userId, userId, userId, limit}));
    return found;
}

QList<qint64> Store::matchingMessages(const QList<QByteArrayList> &groups, QList<qint64> candidates)
{
    // Every group must match, one of its terms is enough: a term is read
    // only for the candidates that neither failed an earlier group nor
    // matched an earlier term of its own.
    for (const QByteArrayList &group : groups) {
        QSet<qint64> matched;
        QList<qint64> rest = candidates;
        for (const QByteArray &term : group) {
            if (rest.isEmpty())
                break;
            rest = withoutTerm(term, rest, matched);
        }
        candidates.removeIf([&matched](qint64 id) { return !matched.contains(id); });
        if (candidates.isEmpty())
            break;
    }
    return candidates;
}

QList<qint64> Store::withoutTerm(const QByteArray &term, const QList<qint64> &candidates,
                                 QSet<qint64> &matched)
{
    // The term's entries in the candidates' range, newest first, read in one
    // statement (one seek into each segment of the index), up to kTermRows;
    // each candidate below the last entry read is looked up by itself (a
    // seek into every segment per candidate: a common word).
    SqliteStatement &rows = direct("search_term_rows");
    rows.bind(1, term);
    rows.bind(2, candidates.constFirst());
    rows.bind(3, candidates.constLast());
    rows.bind(4, kTermRows);
    QSet<qint64> listed;
    qint64 listedDownTo = candidates.constLast(); // every entry from here up is in `listed`
    while (rows.step()) {
        listed.insert(rows.integer(0));
        if (listed.size() == kTermRows)
            listedDownTo = rows.integer(0);
    }
    rows.reset();
    QList<qint64> rest;
    for (const qint64 id : candidates) {
        bool has = false;
        if (id >= listedDownTo) {
            has = listed.contains(id);
        } else {
            SqliteStatement &lookup = direct("search_term_has");
            lookup.bind(1, term);
            lookup.bind(2, id);
            has = lookup.step();
            lookup.reset();
        }
        if (has)
            matched.insert(id);
        else
            rest.append(id);
    }
    return rest;
}

} // namespace Palomar::Server
