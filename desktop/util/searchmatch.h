#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Where the words of a search show in a text, for highlighting them: the
// client-side mirror of how the server's `search` matches (docs/protocol.md
// §3.33): a query's words are its runs of letters, digits and marks, and case
// and accents are folded on both sides ("cafe" marks "Café").
namespace Palomar::Desktop::SearchMatch {

struct Range
{
    int start = 0;
    int length = 0;
};

// The words of `query`, folded.
QStringList words(const QString &query);
// `text` with case and accents folded, one UTF-16 unit for each of `text`'s,
// so positions in it are positions in `text`.
QString fold(const QString &text);
// Every place in `text` where a word of `query` occurs, in order of position.
QList<Range> ranges(const QString &text, const QString &query);
// True when `text` has every word of `query` (and `query` has one).
bool hasAllWords(const QString &text, const QString &query);

} // namespace Palomar::Desktop::SearchMatch
