#include "picturecanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Palomar::Desktop {

PictureCanvas::PictureCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pictureCanvas"));
    setMouseTracking(true);
    setFocusPolicy(Qt::NoFocus);
    setMinimumSize(120, 120);
}

void PictureCanvas::setImage(const QImage &image, const QString &failure)
{
    m_image = image;
    m_failure = failure;
    fitToWindow();
}

double PictureCanvas::fitScale() const
{
    if (m_image.isNull() || width() <= 0 || height() <= 0)
        return 1.0;
    return std::min({1.0, double(width()) / m_image.width(), double(height()) / m_image.height()});
}

double PictureCanvas::scale() const
{
    return m_fit ? fitScale() : m_scale;
}

QRectF PictureCanvas::pictureRect() const
{
    if (m_image.isNull())
        return {};
    const QSizeF size = QSizeF(m_image.size()) * scale();
    const QPointF centre = QRectF(rect()).center() + (m_fit ? QPointF() : m_offset);
    return QRectF(centre.x() - size.width() / 2, centre.y() - size.height() / 2, size.width(),
                  size.height());
}

bool PictureCanvas::canPan() const
{
    const QRectF picture = pictureRect();
    return picture.width() > width() + 0.5 || picture.height() > height() + 0.5;
}

void PictureCanvas::setScale(double scale)
{
    m_scale = std::clamp(scale, kMinScale, kMaxScale);
    clampOffset();
    updateCursor();
    update();
    emit scaleChanged(this->scale());
}

void PictureCanvas::zoomBy(double factor, const QPointF &anchor)
{
    if (m_image.isNull())
        return;
    const double before = scale();
    const QPointF offset = m_fit ? QPointF() : m_offset;
    m_fit = false;
    const double after = std::clamp(before * factor, kMinScale, kMaxScale);
    // The picture point under the anchor stays under it.
    const QPointF fromCentre = anchor - QRectF(rect()).center();
    m_offset = fromCentre - (fromCentre - offset) * (after / before);
    setScale(after);
}

void PictureCanvas::showActualSize()
{
    m_fit = false;
    m_offset = {};
    setScale(1.0);
}

void PictureCanvas::fitToWindow()
{
    m_fit = true;
    m_offset = {};
    m_dragging = false;
    updateCursor();
    update();
    emit scaleChanged(scale());
}

void PictureCanvas::pan(const QPointF &delta)
{
    if (m_fit)
        return;
    m_offset += delta;
    clampOffset();
    update();
}

void PictureCanvas::clampOffset()
{
    if (m_image.isNull())
        return;
    const QSizeF size = QSizeF(m_image.size()) * m_scale;
    const double spareX = std::max(0.0, (size.width() - width()) / 2);
    const double spareY = std::max(0.0, (size.height() - height()) / 2);
    m_offset.setX(std::clamp(m_offset.x(), -spareX, spareX));
    m_offset.setY(std::clamp(m_offset.y(), -spareY, spareY));
}

void PictureCanvas::updateCursor()
{
    if (!canPan())
        unsetCursor();
    else
        setCursor(m_dragging ? Qt::ClosedHandCursor : Qt::OpenHandCursor);
}

void PictureCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_failure);
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, scale() < 2.0);
    painter.drawImage(pictureRect(), m_image);
}

void PictureCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    clampOffset();
    updateCursor();
    if (m_fit)
        emit scaleChanged(scale());
}

void PictureCanvas::wheelEvent(QWheelEvent *event)
{
    const QPoint steps = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (steps.y() != 0)
            zoomBy(std::pow(kStep, steps.y() / 120.0), event->position());
        event->accept();
        return;
    }
    if (!canPan()) {
        event->ignore();
        return;
    }
    pan(QPointF(steps) / 2);
    event->accept();
}

void PictureCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && canPan()) {
        m_dragging = true;
        m_dragFrom = event->position();
        updateCursor();
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void PictureCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        pan(event->position() - m_dragFrom);
        m_dragFrom = event->position();
        event->accept();
        return;
    }
    QWidget::mouseMoveEvent(event);
}

void PictureCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        updateCursor();
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void PictureCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
        return;
    if (m_fit && fitScale() < 1.0)
        zoomBy(1.0 / fitScale(), event->position());
    else
        fitToWindow();
}

} // namespace Palomar::Desktop
