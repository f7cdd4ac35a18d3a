#include "pictureviewer.h"

#include "app/appcontroller.h"
#include "models/messagemodel.h"
#include "picturecanvas.h"
#include "theme.h"
#include "util/filenames.h"
#include "util/timeformat.h"

#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Palomar::Desktop {

PictureViewer::PictureViewer(AppController *controller, QWidget *window)
    : QWidget(window, Qt::Window), m_controller(controller), m_model(controller->messages()),
      m_canvas(new PictureCanvas(this))
{
    setObjectName(QStringLiteral("pictureViewer"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    setFocusPolicy(Qt::StrongFocus);
    // The viewer's colours follow the theme, also when it is switched while open.
    Theme::bindPalette(this, QPalette::Window, Theme::Color::ViewerBackdrop);
    Theme::bindPalette(this, QPalette::Button, Theme::Color::ViewerBackdrop);
    Theme::bindPalette(this, QPalette::WindowText, Theme::Color::ViewerText);
    Theme::bindPalette(this, QPalette::ButtonText, Theme::Color::ViewerText);
    // The application's style sheet would keep its own text colour otherwise.
    Theme::bindStyleSheet(
        this, QStringLiteral("#pictureViewer QLabel, #pictureViewer QToolButton {"
                             " color: {viewerText}; }"
                             "#pictureViewer QToolButton { border: none; border-radius: 6px;"
                             " padding: 4px 8px; background: transparent; }"
                             "#pictureViewer QToolButton:hover { background: {fieldHover}; }"
                             "#pictureViewer QToolButton:disabled { color: {textSecondary}; }"));
    setAutoFillBackground(true);

    m_sender = new QLabel(this);
    QFont senderFont = m_sender->font();
    senderFont.setWeight(QFont::DemiBold);
    m_sender->setFont(senderFont);
    m_time = new QLabel(this);
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("picturePosition"));
    m_zoom = new QLabel(this);
    m_zoom->setObjectName(QStringLiteral("pictureZoom"));
    m_zoom->setMinimumWidth(m_zoom->fontMetrics().horizontalAdvance(QStringLiteral("1600 %")));
    m_zoom->setAlignment(Qt::AlignCenter);

    auto *who = new QVBoxLayout;
    who->setSpacing(0);
    who->addWidget(m_sender);
    who->addWidget(m_time);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(16, 8, 8, 8);
    bar->setSpacing(4);
    bar->addLayout(who);
    bar->addSpacing(16);
    bar->addWidget(m_position);
    bar->addStretch();
    QToolButton *zoomOut =
        button(QStringLiteral("−"), QStringLiteral("zoomOut"), tr("Zoom out (-)"));
    connect(zoomOut, &QToolButton::clicked, m_canvas, &PictureCanvas::zoomOut);
    bar->addWidget(zoomOut);
    bar->addWidget(m_zoom);
    QToolButton *zoomIn = button(QStringLiteral("+"), QStringLiteral("zoomIn"), tr("Zoom in (+)"));
    connect(zoomIn, &QToolButton::clicked, m_canvas, &PictureCanvas::zoomIn);
    bar->addWidget(zoomIn);
    QToolButton *actual =
        button(QStringLiteral("1:1"), QStringLiteral("actualSize"), tr("Actual size (1)"));
    connect(actual, &QToolButton::clicked, m_canvas, &PictureCanvas::showActualSize);
    bar->addWidget(actual);
    QToolButton *fit = button(tr("Fit"), QStringLiteral("fitToWindow"), tr("Fit to window (0)"));
    connect(fit, &QToolButton::clicked, m_canvas, &PictureCanvas::fitToWindow);
    bar->addWidget(fit);
    bar->addSpacing(12);
    QToolButton *save =
        button(tr("Save as…"), QStringLiteral("savePicture"), tr("Save a copy (Ctrl+S)"));
    connect(save, &QToolButton::clicked, this, [this] { emit saveAsRequested(m_localId); });
    bar->addWidget(save);
    QToolButton *close =
        button(QStringLiteral("✕"), QStringLiteral("closeViewer"), tr("Close (Esc)"));
    connect(close, &QToolButton::clicked, this, &QWidget::close);
    bar->addWidget(close);

    m_previous = button(QStringLiteral("‹"), QStringLiteral("previousPicture"),
                        tr("Previous picture (Left)"));
    m_next = button(QStringLiteral("›"), QStringLiteral("nextPicture"), tr("Next picture (Right)"));
    for (QToolButton *side : {m_previous, m_next}) {
        QFont font = side->font();
        font.setPointSizeF(font.pointSizeF() * 2.4);
        side->setFont(font);
        side->setFixedWidth(56);
        side->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    }
    connect(m_previous, &QToolButton::clicked, this, &PictureViewer::showPrevious);
    connect(m_next, &QToolButton::clicked, this, &PictureViewer::showNext);
    auto *middle = new QHBoxLayout;
    middle->setContentsMargins(0, 0, 0, 0);
    middle->setSpacing(0);
    middle->addWidget(m_previous);
    middle->addWidget(m_canvas, 1);
    middle->addWidget(m_next);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 8);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addLayout(middle, 1);

    connect(m_canvas, &PictureCanvas::scaleChanged, this,
            [this](double scale) { m_zoom->setText(tr("%1 %").arg(std::lround(scale * 100))); });
    // Another chat opened underneath: these are not its pictures.
    connect(m_model, &QAbstractItemModel::modelReset, this, &QWidget::close);
    // Pictures arriving or finishing their download change what is one step away.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PictureViewer::refreshControls);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PictureViewer::refreshControls);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PictureViewer::refreshControls);
}

PictureViewer *PictureViewer::showPicture(QWidget *window, AppController *controller,
                                          qint64 localId)
{
    auto *viewer = window->findChild<PictureViewer *>(QString(), Qt::FindDirectChildrenOnly);
    if (!viewer) {
        viewer = new PictureViewer(controller, window);
        viewer->setGeometry(window->geometry());
    }
    viewer->showLocalId(localId);
    viewer->show();
    viewer->raise();
    viewer->activateWindow();
    viewer->setFocus();
    return viewer;
}

QToolButton *PictureViewer::button(const QString &text, const QString &name, const QString &tip)
{
    auto *button = new QToolButton(this);
    button->setText(text);
    button->setAccessibleName(name);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus);
    button->setCursor(Qt::PointingHandCursor);
    button->setMinimumSize(36, 36);
    return button;
}

bool PictureViewer::isViewable(int row) const
{
    const QModelIndex index = m_model->index(row);
    return index.data(MessageModel::IsFileRole).toBool() &&
           index.data(MessageModel::FileLocalRole).toBool() &&
           FileNames::isDecodableImage(index.data(MessageModel::FileMimeRole).toString(),
                                       index.data(MessageModel::FileNameRole).toString());
}

int PictureViewer::neighbour(int step) const
{
    const int from = m_model->rowOfLocalId(m_localId);
    if (from < 0)
        return -1;
    for (int row = from + step; row >= 0 && row < m_model->rowCount(); row += step) {
        if (isViewable(row))
            return row;
    }
    return -1;
}

void PictureViewer::step(int step)
{
    const int row = neighbour(step);
    if (row >= 0)
        showLocalId(m_model->index(row).data(MessageModel::LocalIdRole).toLongLong());
}

void PictureViewer::showLocalId(qint64 localId)
{
    const int row = m_model->rowOfLocalId(localId);
    if (row < 0)
        return;
    m_localId = localId;
    const QModelIndex index = m_model->index(row);
    const QString name = index.data(MessageModel::FileNameRole).toString();
    setWindowTitle(name);
    QImageReader reader(index.data(MessageModel::FilePathRole).toString());
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    m_canvas->setImage(image, tr("“%1” cannot be shown: %2").arg(name, reader.errorString()));

    QString sender = index.data(MessageModel::SenderRole).toString();
    if (index.data(MessageModel::OutgoingRole).toBool())
        sender = tr("You");
    else if (sender.isEmpty())
        sender = m_model->peer();
    m_sender->setText(sender);
    const qint64 ts = index.data(MessageModel::TimestampRole).toLongLong();
    m_time->setText(tr("%1, %2").arg(TimeFormat::daySeparator(TimeFormat::localDay(ts)),
                                     TimeFormat::clock(ts)));
    refreshControls();
}

QString PictureViewer::caption() const
{
    return m_sender->text() + u'\n' + m_time->text();
}

QString PictureViewer::position() const
{
    return m_position->text();
}

void PictureViewer::refreshControls()
{
    int count = 0;
    int at = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!isViewable(row))
            continue;
        ++count;
        if (m_model->index(row).data(MessageModel::LocalIdRole).toLongLong() == m_localId)
            at = count;
    }
    m_position->setText(count > 1 && at > 0 ? tr("%1 / %2").arg(at).arg(count) : QString());
    m_previous->setEnabled(hasPrevious());
    m_next->setEnabled(hasNext());
}

void PictureViewer::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        close();
        return;
    case Qt::Key_Left:
        showPrevious();
        return;
    case Qt::Key_Right:
        showNext();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_canvas->zoomIn();
        return;
    case Qt::Key_Minus:
        m_canvas->zoomOut();
        return;
    case Qt::Key_1:
        m_canvas->showActualSize();
        return;
    case Qt::Key_0:
        m_canvas->fitToWindow();
        return;
    case Qt::Key_S:
        if (event->modifiers() & Qt::ControlModifier) {
            emit saveAsRequested(m_localId);
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Palomar::Desktop
