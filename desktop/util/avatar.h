#pragma once

#include <QColor>
#include <QString>

class QImage;
class QPainter;
class QRectF;

namespace Palomar::Desktop::Avatar {

// A stable colour per username from a small palette of calm tones that all
// carry white text, so one contact looks the same everywhere.
QColor colorFor(const QString &name);
// One or two letters: "Bob Keller" -> "BK", "carol" -> "Ca", "dave_o" -> "Da".
QString initialsFor(const QString &name);
// A round avatar with the initials, filling `rect`.
void paint(QPainter *painter, const QRectF &rect, const QString &name);
// A person's round avatar: their picture cropped to a circle when there is
// one, otherwise the initials of `label` (their display name, or the
// username when empty) in the colour of `name`.
void paintPerson(QPainter *painter, const QRectF &rect, const QString &name, const QImage &picture,
                 const QString &label = QString());
// `image` cropped to its centred square.
QImage squareCrop(const QImage &image);
// A group's round avatar: its colour with two white figures.
void paintGroup(QPainter *painter, const QRectF &rect, const QString &name);
// The colour of a sender's name above their messages in a group: the
// avatar colour, dark enough to read on a white bubble.
QColor nameColorFor(const QString &name);

} // namespace Palomar::Desktop::Avatar
