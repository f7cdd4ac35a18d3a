#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace Palomar::Desktop::MessageLinks {

// A web address in a message's text: where it is (in QString positions)
// and what opens when it is clicked.
struct Link
{
    int start = 0;
    int length = 0;
    QUrl url;
};

// The http://, https:// and www. addresses of `text`, in order. Punctuation
// that ends a sentence ("see www.example.org.") is not part of the address,
// nor is a closing bracket that was not opened inside it.
QList<Link> find(const QString &text);

// The link at text position `position`, if any.
const Link *at(const QList<Link> &links, int position);

} // namespace Palomar::Desktop::MessageLinks
