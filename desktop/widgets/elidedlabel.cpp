#include "elidedlabel.h"

#include <QPainter>
#include <QStyle>

namespace Palomar::Desktop {

QSize ElidedLabel::minimumSizeHint() const
{
    QSize size = QLabel::minimumSizeHint();
    const QMargins margins = contentsMargins();
    size.setWidth(qMin(size.width(), fontMetrics().horizontalAdvance(QStringLiteral("M…")) +
                                         margins.left() + margins.right()));
    return size;
}

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    style()->drawItemText(&painter, contentsRect(), int(alignment()), palette(), isEnabled(),
                          shownText(), foregroundRole());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    setToolTip(shownText() == text() ? QString() : text());
}

} // namespace Palomar::Desktop
