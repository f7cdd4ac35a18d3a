#include "searchmatch.h"

#include <algorithm>

namespace Palomar::Desktop::SearchMatch {

namespace {
QChar foldChar(QChar c)
{
    if (c.isSurrogate())
        return c;
    if (c.decompositionTag() == QChar::Canonical) {
        const QString parts = c.decomposition();
        if (!parts.isEmpty() && !parts.at(0).isSurrogate())
            c = parts.at(0);
    }
    const QChar folded = c.toCaseFolded();
    return folded.isSurrogate() ? c : folded;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}
} // namespace

QString fold(const QString &text)
{
    QString folded(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i)
        folded[i] = foldChar(text.at(i));
    return folded;
}

QStringList words(const QString &query)
{
    const QString folded = fold(query);
    QStringList result;
    QString word;
    for (const QChar c : folded) {
        if (isWordChar(c) && !c.isMark()) {
            word.append(c);
        } else if (!c.isMark() && !word.isEmpty()) {
            result.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        result.append(word);
    result.removeDuplicates();
    return result;
}

QList<Range> ranges(const QString &text, const QString &query)
{
    QList<Range> found;
    const QStringList wanted = words(query);
    if (wanted.isEmpty())
        return found;
    const QString folded = fold(text);
    for (const QString &word : wanted) {
        for (qsizetype at = folded.indexOf(word); at >= 0;
             at = folded.indexOf(word, at + word.size()))
            found.append({int(at), int(word.size())});
    }
    std::sort(found.begin(), found.end(),
              [](const Range &a, const Range &b) { return a.start < b.start; });
    return found;
}

bool hasAllWords(const QString &text, const QString &query)
{
    const QStringList wanted = words(query);
    if (wanted.isEmpty())
        return false;
    const QString folded = fold(text);
    return std::all_of(wanted.cbegin(), wanted.cend(),
                       [&](const QString &word) { return folded.contains(word); });
}

} // namespace Palomar::Desktop::SearchMatch
