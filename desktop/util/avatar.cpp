#include "avatar.h"

#include <QCryptographicHash>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRectF>

#include <array>

namespace Palomar::Desktop::Avatar {

QColor colorFor(const QString &name)
{
    static const std::array<QColor, 8> palette{
        QColor(0xE1, 0x72, 0x76), // rose
        QColor(0xF0, 0x9A, 0x4A), // apricot
        QColor(0x9B, 0x83, 0xE0), // violet
        QColor(0x5C, 0xAF, 0x6C), // green
        QColor(0x4E, 0xA4, 0xD9), // sky
        QColor(0xD6, 0x6E, 0xB5), // magenta
        QColor(0x3F, 0xA8, 0xA0), // teal
        QColor(0x7C, 0x8C, 0xE6), // periwinkle
    };
    const QByteArray digest =
        QCryptographicHash::hash(name.toLower().toUtf8(), QCryptographicHash::Md5);
    return palette[quint8(digest.at(0)) % palette.size()];
}

QString initialsFor(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("?");
    const QStringList words = trimmed.split(u' ', Qt::SkipEmptyParts);
    if (words.size() >= 2)
        return (words.at(0).left(1) + words.at(1).left(1)).toUpper();
    QString letters;
    for (const QChar c : trimmed) {
        if (c.isLetterOrNumber())
            letters += c;
        if (letters.size() == 2)
            break;
    }
    if (letters.isEmpty())
        return trimmed.left(1);
    return letters.left(1).toUpper() + letters.mid(1).toLower();
}

static void paintInitials(QPainter *painter, const QRectF &rect, const QString &name,
                          const QString &label)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = colorFor(name);
    QLinearGradient gradient(rect.topLeft(), rect.bottomLeft());
    gradient.setColorAt(0, base.lighter(112));
    gradient.setColorAt(1, base);
    painter->setPen(Qt::NoPen);
    painter->setBrush(gradient);
    painter->drawEllipse(rect);
    QFont font = painter->font();
    font.setPixelSize(qMax(8, int(rect.height() * 0.38)));
    font.setWeight(QFont::DemiBold);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, initialsFor(label));
    painter->restore();
}

void paint(QPainter *painter, const QRectF &rect, const QString &name)
{
    paintInitials(painter, rect, name, name);
}

QImage squareCrop(const QImage &image)
{
    const int side = qMin(image.width(), image.height());
    return image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
}

void paintPerson(QPainter *painter, const QRectF &rect, const QString &name, const QImage &picture,
                 const QString &label)
{
    if (picture.isNull()) {
        paintInitials(painter, rect, name, label.isEmpty() ? name : label);
        return;
    }
    painter->save();
    painter->setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(rect);
    painter->setClipPath(circle);
    painter->drawImage(rect, squareCrop(picture));
    painter->restore();
}

void paintGroup(QPainter *painter, const QRectF &rect, const QString &name)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = colorFor(name);
    QLinearGradient gradient(rect.topLeft(), rect.bottomLeft());
    gradient.setColorAt(0, base.lighter(112));
    gradient.setColorAt(1, base);
    painter->setPen(Qt::NoPen);
    painter->setBrush(gradient);
    painter->drawEllipse(rect);
    // Two figures, the one behind a little smaller and fainter.
    const qreal s = rect.width();
    const auto figure = [&](qreal cx, qreal scale, const QColor &color) {
        painter->setBrush(color);
        const qreal head = s * 0.17 * scale;
        painter->drawEllipse(QPointF(cx, rect.top() + s * 0.38), head, head);
        const QRectF body(cx - s * 0.27 * scale, rect.top() + s * (0.38 + 0.2 * scale),
                          s * 0.54 * scale, s * 0.5 * scale);
        painter->drawChord(body, 0, 180 * 16);
    };
    figure(rect.left() + s * 0.62, 0.85, QColor(255, 255, 255, 150));
    figure(rect.left() + s * 0.42, 1.0, Qt::white);
    painter->restore();
}

QColor nameColorFor(const QString &name)
{
    return colorFor(name).darker(125);
}

} // namespace Palomar::Desktop::Avatar
