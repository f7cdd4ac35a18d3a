#pragma once

#include <QStringList>

namespace Palomar::Desktop::TextSplit {

// How many bytes `text` takes in UTF-8, as the server counts max_text.
qsizetype utf8Size(QStringView text);

// `text` cut into parts of at most `maxBytes` UTF-8 bytes each, in order,
// at the best boundary found in the second half of each part: a paragraph
// break, a line break, the end of a sentence, a space between words; only a
// single "word" longer than a part is cut inside, and then between two
// characters (grapheme clusters), never inside a UTF-8 sequence. Space at a
// cut is dropped; nothing else is lost. Empty when `text` is blank.
QStringList split(const QString &text, qsizetype maxBytes);

} // namespace Palomar::Desktop::TextSplit
