// The file half of MessageDelegate: the card of a file message (a round
// button, the name, the size or the progress, the time and ticks) and the
// thumbnail of a picture, with what a click on each part means.
#include "messagedelegate.h"

#include "bubblemetrics.h"
#include "models/messagemodel.h"
#include "ticks.h"
#include "util/filenames.h"
#include "widgets/theme.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

namespace Palomar::Desktop {

using namespace BubbleMetrics;
using State = TransferProgress::State;

namespace {
constexpr qreal kCardMinWidth = 250; // a card is as wide as its name needs, within these
constexpr qreal kCardMaxWidth = 380;
constexpr qreal kCardPadV = 9;
constexpr qreal kButton = 44;    // the round button of a card
constexpr qreal kButtonGap = 11; // between it and the name
constexpr qreal kImageInset = 3; // bubble colour around a thumbnail
constexpr qreal kImageBox = 300; // the largest side of a thumbnail
constexpr qreal kImageMinSide = 72;
constexpr qreal kRing = 50; // the progress ring over a thumbnail
constexpr qreal kBarHeight = 3;

struct FileState
{
    State transfer = State::None;
    bool local = false;
    bool failed = false; // the transfer failed, or my upload did
    qreal fraction = 0;
};

FileState fileStateOf(const QModelIndex &index)
{
    FileState state;
    state.transfer = State(index.data(MessageModel::TransferStateRole).toInt());
    state.local = index.data(MessageModel::FileLocalRole).toBool();
    state.failed =
        state.transfer == State::Failed ||
        (state.transfer == State::None &&
         DeliveryStatus(index.data(MessageModel::StatusRole).toInt()) == DeliveryStatus::Failed);
    const qint64 total = index.data(MessageModel::TransferTotalRole).toLongLong();
    const qint64 done = index.data(MessageModel::TransferDoneRole).toLongLong();
    state.fraction = total > 0 ? qBound(0.0, double(done) / double(total), 1.0) : 0.0;
    return state;
}

bool isMoving(State state)
{
    return state == State::Running || state == State::Waiting;
}

QColor buttonColour(bool outgoing, bool failed)
{
    if (failed)
        return Theme::danger();
    return outgoing ? Theme::fileButtonMine() : Theme::accent();
}

void drawCross(QPainter *painter, QPointF centre, qreal half, const QColor &colour)
{
    painter->setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(centre + QPointF(-half, -half), centre + QPointF(half, half));
    painter->drawLine(centre + QPointF(-half, half), centre + QPointF(half, -half));
}

void drawDownArrow(QPainter *painter, QPointF centre, const QColor &colour)
{
    painter->setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawLine(centre + QPointF(0, -8), centre + QPointF(0, 7));
    QPainterPath head;
    head.moveTo(centre + QPointF(-6, 1.5));
    head.lineTo(centre + QPointF(0, 7.5));
    head.lineTo(centre + QPointF(6, 1.5));
    painter->drawPath(head);
}

void drawRetry(QPainter *painter, QPointF centre, const QColor &colour)
{
    const QRectF circle(centre.x() - 7.5, centre.y() - 7.5, 15, 15);
    painter->setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawArc(circle, 100 * 16, 290 * 16);
    QPainterPath head;
    const QPointF tip(circle.center().x() + 1.5, circle.top());
    head.moveTo(tip + QPointF(-4.5, -4));
    head.lineTo(tip + QPointF(0.5, 0));
    head.lineTo(tip + QPointF(-4.5, 4));
    painter->setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->drawPath(head);
}

// What the file is: a page with its extension, or a picture / play / note sign.
void drawKind(QPainter *painter, const QRectF &button, const QColor &fill, FileNames::Kind kind,
              const QString &name, const QFont &base)
{
    const QPointF c = button.center();
    painter->setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    switch (kind) {
    case FileNames::Kind::Image: {
        const QRectF frame(c.x() - 9, c.y() - 7, 18, 14);
        painter->drawRoundedRect(frame, 2.5, 2.5);
        QPainterPath hills;
        hills.moveTo(frame.left() + 2, frame.bottom() - 2);
        hills.lineTo(frame.left() + 7, frame.top() + 6);
        hills.lineTo(frame.left() + 11, frame.bottom() - 5);
        hills.lineTo(frame.left() + 13, frame.bottom() - 7);
        hills.lineTo(frame.right() - 2, frame.bottom() - 2);
        painter->drawPath(hills);
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(QPointF(frame.right() - 4.5, frame.top() + 4), 1.6, 1.6);
        return;
    }
    case FileNames::Kind::Video: {
        QPainterPath play;
        play.moveTo(c + QPointF(-5, -8));
        play.lineTo(c + QPointF(8, 0));
        play.lineTo(c + QPointF(-5, 8));
        play.closeSubpath();
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        painter->drawPath(play);
        return;
    }
    case FileNames::Kind::Audio: {
        painter->drawLine(c + QPointF(3, 5), c + QPointF(3, -9));
        painter->drawLine(c + QPointF(3, -9), c + QPointF(8, -6));
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(c + QPointF(-0.5, 5.5), 4, 3.2);
        return;
    }
    default:
        break;
    }
    // A page with a folded corner and the extension across it.
    const QRectF page(c.x() - 8, c.y() - 10.5, 16, 21);
    QPainterPath outline;
    outline.moveTo(page.left() + 1.5, page.top());
    outline.lineTo(page.right() - 5, page.top());
    outline.lineTo(page.right(), page.top() + 5);
    outline.lineTo(page.right(), page.bottom() - 1.5);
    outline.quadTo(page.right(), page.bottom(), page.right() - 1.5, page.bottom());
    outline.lineTo(page.left() + 1.5, page.bottom());
    outline.quadTo(page.left(), page.bottom(), page.left(), page.bottom() - 1.5);
    outline.lineTo(page.left(), page.top() + 1.5);
    outline.quadTo(page.left(), page.top(), page.left() + 1.5, page.top());
    painter->drawPath(outline);
    painter->drawLine(QPointF(page.right() - 5, page.top()),
                      QPointF(page.right() - 5, page.top() + 5));
    painter->drawLine(QPointF(page.right() - 5, page.top() + 5),
                      QPointF(page.right(), page.top() + 5));
    const QString label = FileNames::extensionLabel(name);
    if (label.isEmpty())
        return;
    QFont font = base;
    font.setPixelSize(label.size() > 3 ? 6 : 7);
    font.setWeight(QFont::Bold);
    painter->setFont(font);
    const qreal labelWidth = QFontMetricsF(font).horizontalAdvance(label) + 4;
    const QRectF band(c.x() - labelWidth / 2, c.y() + 0.5, labelWidth, 9);
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(band, 1.5, 1.5);
    painter->setPen(fill);
    painter->drawText(band, Qt::AlignCenter, label);
}

// The progress of a transfer round a button, with the × that cancels it.
void drawProgressRing(QPainter *painter, const QRectF &button, qreal fraction, bool waiting,
                      const QColor &ring)
{
    const QRectF track = button.adjusted(3.5, 3.5, -3.5, -3.5);
    painter->setBrush(Qt::NoBrush);
    QColor faint = ring;
    faint.setAlpha(70);
    painter->setPen(QPen(faint, 2.4));
    painter->drawEllipse(track);
    painter->setPen(QPen(ring, 2.4, waiting ? Qt::DotLine : Qt::SolidLine, Qt::RoundCap));
    const int span = -int(std::max(0.04, fraction) * 360 * 16);
    painter->drawArc(track, 90 * 16, span);
    drawCross(painter, button.center(), 5.5, ring);
}

QString detailText(const QModelIndex &index, const FileState &state, qint64 size)
{
    switch (state.transfer) {
    case State::Running:
        return MessageDelegate::tr("%1 of %2")
            .arg(FileNames::humanSize(index.data(MessageModel::TransferDoneRole).toLongLong()),
                 FileNames::humanSize(size));
    case State::Waiting:
        return MessageDelegate::tr("Waiting for network…");
    case State::Failed:
        return MessageDelegate::tr("%1 · Retry")
            .arg(index.data(MessageModel::TransferErrorRole).toString());
    case State::None:
        break;
    }
    if (state.failed)
        return MessageDelegate::tr("Not sent · Retry");
    return FileNames::humanSize(size);
}
} // namespace

void MessageDelegate::layoutFile(const QStyleOptionViewItem &option, const QModelIndex &index,
                                 Layout *l, qreal left, qreal top, qreal width,
                                 qreal maxBubble) const
{
    l->file = true;
    const QFontMetricsF small(metaFont(option.font));
    qreal metaWidth = small.horizontalAdvance(l->time);
    if (l->outgoing)
        metaWidth += 4 + Ticks::kWidth;
    const qreal metaHeight = small.height();
    // The sender's name and the "Forwarded" line (headerWidth covers both).
    const qreal senderWidth = l->headerWidth <= 0 ? 0 : l->headerWidth + 2 * kPadH;
    const FileState state = fileStateOf(index);

    const QImage thumbnail = index.data(MessageModel::ThumbnailRole).value<QImage>();
    if (!thumbnail.isNull()) {
        const qreal box = qMin(kImageBox, maxBubble - 2 * kImageInset);
        QSizeF size = QSizeF(thumbnail.size()).scaled(box, box, Qt::KeepAspectRatio);
        size = size.expandedTo(QSizeF(kImageMinSide, kImageMinSide)).boundedTo(QSizeF(box, box));
        const qreal bubbleWidth = std::ceil(qMax(size.width() + 2 * kImageInset, senderWidth));
        const qreal head = l->senderHeight <= 0 ? kImageInset : kPadV + l->senderHeight;
        const qreal bubbleHeight = std::ceil(head + size.height() + kImageInset);
        const qreal x = l->outgoing ? left + width - kSideMargin - bubbleWidth : left + kSideMargin;
        l->bubble = QRectF(x, top, bubbleWidth, bubbleHeight);
        l->senderOrigin = QPointF(x + kPadH, top + kPadV);
        l->image = QRectF(QPointF(x + (bubbleWidth - size.width()) / 2, top + head), size);
        l->meta = QRectF(l->image.right() - 8 - metaWidth, l->image.bottom() - 7 - metaHeight,
                         metaWidth, metaHeight);
        l->action = QRectF(l->image.center() - QPointF(kRing / 2, kRing / 2), QSizeF(kRing, kRing));
        return;
    }

    QFont nameFont = option.font;
    nameFont.setWeight(QFont::DemiBold);
    const QFontMetricsF nameMetrics(nameFont);
    const qreal wanted =
        nameMetrics.horizontalAdvance(index.data(MessageModel::FileNameRole).toString()) +
        2 * kPadH + kButton + kButtonGap + 2;
    const qreal bubbleWidth =
        std::ceil(qMin(maxBubble, qBound(kCardMinWidth, qMax(wanted, senderWidth), kCardMaxWidth)));
    const qreal bubbleHeight = std::ceil(2 * kCardPadV + l->senderHeight + kButton);
    const qreal x = l->outgoing ? left + width - kSideMargin - bubbleWidth : left + kSideMargin;
    l->bubble = QRectF(x, top, bubbleWidth, bubbleHeight);
    l->senderOrigin = QPointF(x + kPadH, top + kCardPadV - 2);
    const qreal rowTop = top + kCardPadV + l->senderHeight;
    l->action = QRectF(x + kPadH - 1, rowTop, kButton, kButton);
    const qreal column = l->action.right() + kButtonGap;
    const qreal columnWidth = l->bubble.right() - kPadH - column;
    const qreal nameHeight = nameMetrics.height();
    if (isMoving(state.transfer)) {
        // Name on top, the bar, then "1.2 MB of 4.2 MB" and the time.
        l->name = QRectF(column, rowTop + 1, columnWidth, nameHeight);
        l->bar = QRectF(column, rowTop + kButton / 2 + 1, columnWidth, kBarHeight);
        l->detail = QRectF(column, rowTop + kButton - metaHeight, columnWidth, metaHeight);
    } else {
        const qreal block = nameHeight + 3 + metaHeight;
        const qreal blockTop = rowTop + (kButton - block) / 2;
        l->name = QRectF(column, blockTop, columnWidth, nameHeight);
        l->detail = QRectF(column, blockTop + nameHeight + 3, columnWidth, metaHeight);
    }
    l->meta = QRectF(l->bubble.right() - kPadH - metaWidth, l->detail.top(), metaWidth, metaHeight);
    l->detail.setRight(l->meta.left() - kMetaGap);
}

void MessageDelegate::paintFile(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index, const Layout &l) const
{
    const FileState state = fileStateOf(index);
    const QString name = index.data(MessageModel::FileNameRole).toString();
    const qint64 size = index.data(MessageModel::TransferTotalRole).toLongLong();

    if (!l.image.isEmpty()) {
        const QImage thumbnail = index.data(MessageModel::ThumbnailRole).value<QImage>();
        QPainterPath clip;
        clip.addRoundedRect(l.image, kRadius - kImageInset, kRadius - kImageInset);
        painter->save();
        painter->setClipPath(clip);
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        // Fill the frame, cropping what does not fit (very tall or wide pictures).
        const QSizeF source = QSizeF(l.image.size()).scaled(thumbnail.size(), Qt::KeepAspectRatio);
        const QRectF crop(QPointF((thumbnail.width() - source.width()) / 2,
                                  (thumbnail.height() - source.height()) / 2),
                          source);
        painter->drawImage(l.image, thumbnail, crop);
        painter->restore();
        // The time on a light pill, readable on any picture.
        const QRectF pill = l.meta.adjusted(-6, -2, 6, 2);
        painter->setPen(Qt::NoPen);
        QColor pillColour = Theme::bubbleTheirs();
        pillColour.setAlpha(215);
        painter->setBrush(pillColour);
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        Layout meta = l;
        meta.outgoing = false; // grey time on the pill
        paintMeta(painter, option, meta);
        if (l.outgoing) {
            const QRectF tickRect(l.meta.right() - Ticks::kWidth, l.meta.top(), Ticks::kWidth,
                                  l.meta.height());
            Ticks::paint(painter, tickRect, l.status);
        }
        if (isMoving(state.transfer) || state.failed) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0, 0, 0, 120));
            painter->drawEllipse(l.action);
            if (state.failed)
                drawRetry(painter, l.action.center(), Qt::white);
            else
                drawProgressRing(painter, l.action, state.fraction,
                                 state.transfer == State::Waiting, Qt::white);
        }
        return;
    }

    // The round button: what the file is, or what a click will do.
    const QColor button = buttonColour(l.outgoing, state.failed);
    painter->setPen(Qt::NoPen);
    painter->setBrush(button);
    painter->drawEllipse(l.action);
    if (isMoving(state.transfer))
        drawProgressRing(painter, l.action, state.fraction, state.transfer == State::Waiting,
                         Qt::white);
    else if (state.failed)
        drawRetry(painter, l.action.center(), Qt::white);
    else if (!state.local && !l.outgoing)
        drawDownArrow(painter, l.action.center(), Qt::white);
    else
        drawKind(painter, l.action, button,
                 FileNames::Kind(index.data(MessageModel::FileKindRole).toInt()), name,
                 option.font);

    QFont nameFont = option.font;
    nameFont.setWeight(QFont::DemiBold);
    painter->setFont(nameFont);
    painter->setPen(Theme::textPrimary());
    painter->drawText(l.name, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(nameFont).elidedText(name, Qt::ElideMiddle, l.name.width()));

    if (!l.bar.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 28));
        painter->drawRoundedRect(l.bar, kBarHeight / 2, kBarHeight / 2);
        painter->setBrush(buttonColour(l.outgoing, false));
        QRectF done = l.bar;
        done.setWidth(qMax(kBarHeight, l.bar.width() * state.fraction));
        painter->drawRoundedRect(done, kBarHeight / 2, kBarHeight / 2);
    }

    const QFont small = metaFont(option.font);
    painter->setFont(small);
    painter->setPen(state.failed ? Theme::danger()
                    : l.outgoing ? Theme::metaMine()
                                 : Theme::textSecondary());
    painter->drawText(l.detail, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(small).elidedText(detailText(index, state, size),
                                                      Qt::ElideRight, l.detail.width()));
    paintMeta(painter, option, l);
}

bool MessageDelegate::fileClicked(const QPointF &position, const QModelIndex &index,
                                  const Layout &l)
{
    if (!l.bubble.contains(position))
        return false;
    const qint64 localId = index.data(MessageModel::LocalIdRole).toLongLong();
    const FileState state = fileStateOf(index);
    if (isMoving(state.transfer)) {
        if (l.action.contains(position))
            emit transferCancelRequested(localId);
        return true;
    }
    if (state.failed)
        emit fileRetryRequested(localId);
    else
        emit fileOpenRequested(localId);
    return true;
}

} // namespace Palomar::Desktop
