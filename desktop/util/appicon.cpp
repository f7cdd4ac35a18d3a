#include "appicon.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initResources()
{
    Q_INIT_RESOURCE(palomar);
}

namespace Palomar::Desktop::AppIcon {

namespace {
QPainterPath polygon(std::initializer_list<QPointF> points)
{
    QPainterPath path;
    bool first = true;
    for (const QPointF &point : points) {
        if (first)
            path.moveTo(point);
        else
            path.lineTo(point);
        first = false;
    }
    path.closeSubpath();
    return path;
}
} // namespace

QImage render(int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 256.0, size / 256.0);
    painter.setPen(Qt::NoPen);

    QLinearGradient tile(0, 8, 0, 248);
    tile.setColorAt(0, QColor(0x4F, 0xA6, 0xF5));
    tile.setColorAt(1, QColor(0x2A, 0x7B, 0xDA));
    painter.setBrush(tile);
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 56, 56);

    painter.setBrush(QColor(255, 255, 255, 51));
    painter.drawEllipse(QPointF(128, 124), 82, 68);
    painter.drawPath(polygon({{82, 172}, {66, 212}, {122, 186}}));

    painter.setBrush(Qt::white);
    painter.drawPath(polygon({{62, 126}, {192, 72}, {160, 180}, {126, 150}}));
    painter.setBrush(QColor(0xC4, 0xDD, 0xF8));
    painter.drawPath(polygon({{126, 150}, {192, 72}, {110, 138}}));
    painter.setBrush(QColor(0x9C, 0xC4, 0xEF));
    painter.drawPath(polygon({{110, 138}, {126, 150}, {114, 174}}));
    return image;
}

QIcon icon()
{
    initResources();
    QIcon icon;
    icon.addFile(QStringLiteral(":/icons/palomar.svg"));
    icon.addFile(QStringLiteral(":/icons/palomar.png"));
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(QPixmap::fromImage(render(size)));
    return icon;
}

} // namespace Palomar::Desktop::AppIcon
