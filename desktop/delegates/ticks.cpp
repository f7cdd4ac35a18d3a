#include "ticks.h"

#include "widgets/theme.h"

#include <QPainter>
#include <QPainterPath>

namespace Palomar::Desktop::Ticks {

namespace {

void drawCheck(QPainter *painter, QPointF origin, const QColor &color, bool shortLeg)
{
    QPainterPath path;
    if (shortLeg)
        path.moveTo(origin + QPointF(2.6, 5.4));
    else
        path.moveTo(origin + QPointF(0.5, 5.6));
    path.lineTo(origin + QPointF(3.6, 8.6));
    path.lineTo(origin + QPointF(9.6, 1.4));
    QPen pen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);
}

} // namespace

void paint(QPainter *painter, const QRectF &rect, DeliveryStatus status)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPointF origin(rect.left(), rect.center().y() - kHeight / 2);
    switch (status) {
    case DeliveryStatus::Pending: {
        const QRectF face(origin.x() + 3, origin.y() + 0.5, 10, 10);
        painter->setPen(QPen(Theme::tick(), 1.2));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(face);
        const QPointF centre = face.center();
        painter->setPen(QPen(Theme::tick(), 1.2, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(centre, centre + QPointF(0, -3.2));
        painter->drawLine(centre, centre + QPointF(2.4, 0));
        break;
    }
    case DeliveryStatus::Sent:
        drawCheck(painter, origin + QPointF(4, 0.5), Theme::tick(), false);
        break;
    case DeliveryStatus::Delivered:
    case DeliveryStatus::Read: {
        const QColor color = status == DeliveryStatus::Read ? Theme::tickRead() : Theme::tick();
        drawCheck(painter, origin + QPointF(0.5, 0.5), color, false);
        drawCheck(painter, origin + QPointF(5.5, 0.5), color, true);
        break;
    }
    case DeliveryStatus::Failed: {
        const QRectF circle(origin.x() + 2.5, origin.y() - 0.5, 12, 12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::danger());
        painter->drawEllipse(circle);
        painter->setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
        const qreal x = circle.center().x();
        painter->drawLine(QPointF(x, circle.top() + 3), QPointF(x, circle.top() + 6.8));
        painter->drawPoint(QPointF(x, circle.top() + 9.2));
        break;
    }
    case DeliveryStatus::Received:
        break;
    }
    painter->restore();
}

} // namespace Palomar::Desktop::Ticks
