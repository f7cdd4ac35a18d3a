#include "textsplit.h"

#include <QTextBoundaryFinder>

namespace Palomar::Desktop::TextSplit {

namespace {
int utf8Bytes(char32_t codePoint)
{
    if (codePoint < 0x80)
        return 1;
    if (codePoint < 0x800)
        return 2;
    return codePoint < 0x10000 ? 3 : 4;
}

// The end of the longest part of `text` from `from` within `maxBytes`,
// never between the two halves of a surrogate pair.
qsizetype fittingEnd(const QString &text, qsizetype from, qsizetype maxBytes)
{
    qsizetype bytes = 0;
    qsizetype at = from;
    while (at < text.size()) {
        const QChar c = text.at(at);
        const bool pair =
            c.isHighSurrogate() && at + 1 < text.size() && text.at(at + 1).isLowSurrogate();
        const char32_t codePoint =
            pair ? QChar::surrogateToUcs4(c, text.at(at + 1)) : char32_t(c.unicode());
        bytes += utf8Bytes(codePoint);
        if (bytes > maxBytes)
            break;
        at += pair ? 2 : 1;
    }
    return at;
}

// The last boundary of `type` in (from + floor, end], or -1.
qsizetype lastBoundary(QTextBoundaryFinder::BoundaryType type, const QString &text, qsizetype floor,
                       qsizetype end)
{
    QTextBoundaryFinder finder(type, text);
    finder.setPosition(end);
    for (qsizetype at = finder.isAtBoundary() ? end : finder.toPreviousBoundary(); at > floor;
         at = finder.toPreviousBoundary()) {
        if (type == QTextBoundaryFinder::Grapheme)
            return at;
        // Between words: only where a space or a line break ends the left side.
        if (type == QTextBoundaryFinder::Word && !text.at(at - 1).isSpace())
            continue;
        return at;
    }
    return -1;
}

qsizetype lastLineBreak(const QString &text, const QString &mark, qsizetype floor, qsizetype end)
{
    const qsizetype at = text.lastIndexOf(mark, end - mark.size());
    return at >= 0 && at + mark.size() > floor ? at + mark.size() : -1;
}

// Where to cut the part starting at `from` that may go up to `end`.
qsizetype bestCut(const QString &text, qsizetype from, qsizetype end)
{
    if (end >= text.size())
        return text.size();
    const qsizetype half = from + (end - from) / 2;
    for (const QString &mark : {QStringLiteral("\n\n"), QStringLiteral("\n")}) {
        if (const qsizetype at = lastLineBreak(text, mark, half, end); at > 0)
            return at;
    }
    for (const auto type : {QTextBoundaryFinder::Sentence, QTextBoundaryFinder::Word}) {
        if (const qsizetype at = lastBoundary(type, text, half, end); at > 0)
            return at;
    }
    // One very long "word": between two characters as they are seen.
    const qsizetype at = lastBoundary(QTextBoundaryFinder::Grapheme, text, from, end);
    return at > from ? at : end;
}
} // namespace

qsizetype utf8Size(QStringView text)
{
    return text.toUtf8().size();
}

QStringList split(const QString &text, qsizetype maxBytes)
{
    QStringList parts;
    if (maxBytes <= 0)
        return parts;
    qsizetype from = 0;
    while (from < text.size()) {
        while (from < text.size() && text.at(from).isSpace())
            ++from;
        if (from >= text.size())
            break;
        qsizetype end = fittingEnd(text, from, maxBytes);
        if (end == from)
            end = from + 1; // a limit below one character: never loop
        const qsizetype cut = bestCut(text, from, end);
        const QString part = text.mid(from, cut - from).trimmed();
        if (!part.isEmpty())
            parts.append(part);
        from = cut;
    }
    return parts;
}

} // namespace Palomar::Desktop::TextSplit
