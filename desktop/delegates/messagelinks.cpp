#include "messagelinks.h"

#include <QRegularExpression>

namespace Palomar::Desktop::MessageLinks {

namespace {
int trimmedLength(QStringView match)
{
    qsizetype length = match.size();
    while (length > 0) {
        const QChar last = match.at(length - 1);
        if (QStringLiteral(".,;:!?'\"").contains(last)) {
            --length;
            continue;
        }
        const QChar open = last == u')'   ? u'('
                           : last == u']' ? u'['
                           : last == u'}' ? u'{'
                                          : QChar();
        if (!open.isNull() && match.first(length).count(open) < match.first(length).count(last)) {
            --length;
            continue;
        }
        break;
    }
    return int(length);
}
} // namespace

QList<Link> find(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"((?<![\w@.])(?:https?://|www\.)[^\s<>"]+)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QList<Link> links;
    if (!text.contains(u'.'))
        return links; // every address has a dot: most messages stop here
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const int length = trimmedLength(match.capturedView());
        const QString address = text.mid(match.capturedStart(), length);
        const QUrl url = QUrl::fromUserInput(address);
        if (url.isValid() && !url.host().isEmpty() && url.host().contains(u'.'))
            links.append({int(match.capturedStart()), length, url});
    }
    return links;
}

const Link *at(const QList<Link> &links, int position)
{
    for (const Link &link : links) {
        if (position >= link.start && position < link.start + link.length)
            return &link;
    }
    return nullptr;
}

} // namespace Palomar::Desktop::MessageLinks
