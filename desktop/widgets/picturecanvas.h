#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

namespace Palomar::Desktop {

// The picture of the picture viewer: fitted to the widget (never blown up
// past its own size) until zoomed, then shown at a scale of its own and
// panned by dragging or by the wheel. Ctrl+wheel zooms about the pointer,
// a double click goes between fit and 1:1. It knows nothing of messages.
class PictureCanvas : public QWidget
{
    Q_OBJECT
public:
    static constexpr double kMinScale = 0.05;
    static constexpr double kMaxScale = 16.0;
    static constexpr double kStep = 1.25;

    explicit PictureCanvas(QWidget *parent = nullptr);

    // A null image shows `failure` instead. Goes back to fit.
    void setImage(const QImage &image, const QString &failure = QString());
    QImage image() const { return m_image; }
    bool isFit() const { return m_fit; }
    // Screen pixels per picture pixel, as shown now.
    double scale() const;
    // Where the picture is drawn, in widget coordinates.
    QRectF pictureRect() const;
    // The picture is larger than the widget: dragging moves it.
    bool canPan() const;

    void zoomIn() { zoomBy(kStep, rect().center()); }
    void zoomOut() { zoomBy(1 / kStep, rect().center()); }
    // Multiplies the scale by `factor`, keeping the picture point under `anchor` there.
    void zoomBy(double factor, const QPointF &anchor);
    void showActualSize();
    void fitToWindow();
    // Moves the picture by `delta` screen pixels, as far as it goes.
    void pan(const QPointF &delta);

signals:
    void scaleChanged(double scale);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    double fitScale() const;
    void setScale(double scale);
    void clampOffset();
    void updateCursor();

    QImage m_image;
    QString m_failure;
    bool m_fit = true;
    double m_scale = 1.0;
    QPointF m_offset; // of the picture's centre from the widget's, in screen pixels
    QPointF m_dragFrom;
    bool m_dragging = false;
};

} // namespace Palomar::Desktop
