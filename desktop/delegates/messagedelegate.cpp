#include "messagedelegate.h"

#include "bubblemetrics.h"
#include "messagelinks.h"
#include "models/messagemodel.h"
#include "ticks.h"
#include "util/avatar.h"
#include "util/searchmatch.h"
#include "util/timeformat.h"
#include "widgets/theme.h"

#include <QAbstractItemView>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QTextLayout>

#include <algorithm>

namespace Palomar::Desktop {

using namespace BubbleMetrics;

namespace {
QPainterPath bubblePath(const QRectF &r, qreal topLeft, qreal topRight, qreal bottomRight,
                        qreal bottomLeft)
{
    QPainterPath path;
    path.moveTo(r.left() + topLeft, r.top());
    path.lineTo(r.right() - topRight, r.top());
    path.arcTo(QRectF(r.right() - 2 * topRight, r.top(), 2 * topRight, 2 * topRight), 90, -90);
    path.lineTo(r.right(), r.bottom() - bottomRight);
    path.arcTo(QRectF(r.right() - 2 * bottomRight, r.bottom() - 2 * bottomRight, 2 * bottomRight,
                      2 * bottomRight),
               0, -90);
    path.lineTo(r.left() + bottomLeft, r.bottom());
    path.arcTo(QRectF(r.left(), r.bottom() - 2 * bottomLeft, 2 * bottomLeft, 2 * bottomLeft), 270,
               -90);
    path.lineTo(r.left(), r.top() + topLeft);
    path.arcTo(QRectF(r.left(), r.top(), 2 * topLeft, 2 * topLeft), 180, -90);
    path.closeSubpath();
    return path;
}
} // namespace

MessageDelegate::MessageDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

int MessageDelegate::viewWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 600;
}

QFont MessageDelegate::senderFont(const QFont &base) const
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.9);
    font.setWeight(QFont::DemiBold);
    return font;
}

QFont MessageDelegate::metaFont(const QFont &base) const
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.8);
    return font;
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    Layout result;
    const int width = viewWidth(option);
    const QPoint topLeft = option.rect.topLeft();
    qreal y = topLeft.y();

    result.separatorText = index.data(MessageModel::DaySeparatorRole).toString();
    if (!result.separatorText.isEmpty()) {
        result.separator = QRectF(topLeft.x(), y, width, kSeparatorHeight);
        y += kSeparatorHeight;
    }
    if (index.data(MessageModel::UnreadDividerRole).toBool()) {
        result.unreadDivider = QRectF(topLeft.x(), y + 6, width, kUnreadDividerHeight - 12);
        y += kUnreadDividerHeight;
    }
    result.systemText = index.data(MessageModel::SystemTextRole).toString();
    if (!result.systemText.isEmpty()) {
        // A group system line: one centred, muted line, no bubble.
        const qreal lineHeight = QFontMetricsF(metaFont(option.font)).height() + 8;
        y += kGroupGap;
        result.systemLine = QRectF(topLeft.x() + kPadH, y, width - 2 * kPadH, lineHeight);
        y += lineHeight;
        if (index.row() == index.model()->rowCount() - 1)
            y += kGroupGap;
        result.height = int(std::ceil(y - topLeft.y()));
        return result;
    }
    result.first = index.data(MessageModel::FirstInGroupRole).toBool();
    result.outgoing = index.data(MessageModel::OutgoingRole).toBool();
    result.status = DeliveryStatus(index.data(MessageModel::StatusRole).toInt());
    result.time = TimeFormat::clock(index.data(MessageModel::TimestampRole).toLongLong());
    if (index.data(MessageModel::EditedRole).toBool())
        result.time = tr("edited %1").arg(result.time);
    result.deleted = index.data(MessageModel::DeletedRole).toBool();
    y += result.first && result.separatorText.isEmpty() ? kGroupGap : kInnerGap;

    const qreal maxBubble = qMax(120.0, width * kMaxWidthShare);
    const qreal maxText = maxBubble - 2 * kPadH;
    const bool showSender = index.data(MessageModel::ShowSenderRole).toBool();
    if (showSender) {
        result.sender = index.data(MessageModel::SenderNameRole).toString();
        result.senderHeight = QFontMetricsF(senderFont(option.font)).height() + 1;
    }
    layoutForwarded(option, index, &result);

    if (index.data(MessageModel::IsFileRole).toBool()) {
        layoutFile(option, index, &result, topLeft.x(), y, width, maxBubble);
        y += result.bubble.height() + layoutReactions(option, index, &result, maxBubble);
        if (index.row() == index.model()->rowCount() - 1)
            y += kGroupGap;
        result.height = int(std::ceil(y - topLeft.y()));
        return result;
    }

    // QTextLayout breaks lines only at U+2028, not at '\n'.
    QString body = result.deleted ? tr("This message was deleted")
                                  : index.data(MessageModel::TextRole).toString();
    body.replace(u'\n', QChar::LineSeparator);
    QFont bodyFont = option.font;
    bodyFont.setItalic(result.deleted);
    result.text = m_texts.find(body, bodyFont, maxText);
    qreal textHeight = 0;
    qreal widest = 0;
    qreal lastWidth = 0;
    for (int i = 0; i < result.text->lineCount(); ++i) {
        const QTextLine line = result.text->lineAt(i);
        textHeight += line.height();
        widest = qMax(widest, line.naturalTextWidth());
        lastWidth = line.naturalTextWidth();
    }

    widest = qMax(widest, qMin(maxText, result.headerWidth));
    const qreal quoteHeight = measureQuote(option, index, &result, maxText);
    widest = qMax(widest, result.quoteWidth);
    const QFontMetricsF small(metaFont(option.font));
    qreal reasonHeight = 0;
    if (result.status == DeliveryStatus::Failed) {
        result.reason = index.data(MessageModel::FailureRole).toString();
        if (!result.reason.isEmpty()) {
            reasonHeight = small.height() + 2;
            widest = qMax(widest, qMin(maxText, small.horizontalAdvance(result.reason)));
        }
    }
    qreal metaWidth = small.horizontalAdvance(result.time);
    qreal retryWidth = 0;
    if (result.status == DeliveryStatus::Failed)
        retryWidth = small.horizontalAdvance(tr("Retry")) + 6;
    metaWidth += retryWidth;
    if (result.outgoing)
        metaWidth += 4 + Ticks::kWidth;
    const qreal metaHeight = small.height();

    qreal contentWidth = 0;
    qreal contentHeight = 0;
    if (lastWidth + kMetaGap + metaWidth <= maxText) {
        contentWidth = qMax(widest, lastWidth + kMetaGap + metaWidth);
        contentHeight = textHeight;
    } else {
        contentWidth = qMax(widest, metaWidth);
        contentHeight = textHeight + metaHeight;
    }
    const qreal bubbleWidth = std::ceil(contentWidth) + 2 * kPadH;
    const qreal bubbleHeight =
        std::ceil(contentHeight + result.senderHeight + quoteHeight + reasonHeight) + 2 * kPadV;
    const qreal x = result.outgoing ? topLeft.x() + width - kSideMargin - bubbleWidth
                                    : topLeft.x() + kSideMargin;
    result.bubble = QRectF(x, y, bubbleWidth, bubbleHeight);
    result.senderOrigin = QPointF(x + kPadH, y + kPadV);
    if (quoteHeight > 0)
        result.quote = QRectF(x + kPadH, y + kPadV + result.senderHeight, bubbleWidth - 2 * kPadH,
                              quoteHeight - kQuoteGap);
    const qreal below = y + kPadV + result.senderHeight + quoteHeight;
    result.reasonRect = QRectF(x + kPadH, below, bubbleWidth - 2 * kPadH, reasonHeight);
    result.textOrigin = QPointF(x + kPadH, below + reasonHeight);
    result.textRect = QRectF(result.textOrigin, QSizeF(bubbleWidth - 2 * kPadH, textHeight));
    result.meta = QRectF(result.bubble.right() - kPadH - metaWidth,
                         result.bubble.bottom() - kPadV - metaHeight + 1, metaWidth, metaHeight);
    if (retryWidth > 0) {
        const qreal retryLeft = result.meta.left() + small.horizontalAdvance(result.time) + 6;
        result.retry = QRectF(retryLeft - 3, result.meta.top() - 3,
                              result.meta.right() - retryLeft + 6, metaHeight + 6);
    }
    y += bubbleHeight + layoutReactions(option, index, &result, maxBubble);
    if (index.row() == index.model()->rowCount() - 1)
        y += kGroupGap;
    result.height = int(std::ceil(y - topLeft.y()));
    return result;
}

// A band across the chat above the first message that was unread when it was opened.
void MessageDelegate::paintUnreadDivider(QPainter *painter, const QStyleOptionViewItem &option,
                                         const QRectF &rect) const
{
    QColor band = Theme::bubbleTheirs();
    band.setAlpha(200);
    painter->setPen(Qt::NoPen);
    painter->setBrush(band);
    painter->drawRect(rect);
    QFont font = option.font;
    font.setPointSizeF(option.font.pointSizeF() * 0.9);
    font.setWeight(QFont::DemiBold);
    painter->setFont(font);
    painter->setPen(Theme::accent());
    painter->drawText(rect, Qt::AlignCenter, tr("New messages"));
}

RowHeightCache::Key MessageDelegate::heightKey(const QStyleOptionViewItem &option,
                                               const QModelIndex &index, int width) const
{
    RowHeightCache::Key key;
    key.localId = index.data(MessageModel::LocalIdRole).toLongLong();
    key.layout = size_t(index.data(MessageModel::LayoutKeyRole).toULongLong());
    key.width = width;
    key.fontHash = m_heights.fontHash(option.font);
    return key;
}

void MessageDelegate::setHighlight(const QString &term, qint64 currentLocalId)
{
    m_highlight = term;
    m_highlightCurrent = currentLocalId;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = viewWidth(option);
    // A file's bubble changes with its transfer and thumbnail: measured each time.
    if (index.data(MessageModel::IsFileRole).toBool())
        return QSize(width, layout(option, index).height);
    const RowHeightCache::Key key = heightKey(option, index, width);
    int height = m_heights.find(key);
    if (height < 0) {
        height = layout(option, index).height;
        m_heights.insert(key, height);
    }
    return QSize(width, height);
}

QRectF MessageDelegate::bubbleRect(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    return layout(option, index).bubble;
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    if (!l.separatorText.isEmpty()) {
        QFont font = option.font;
        font.setPointSizeF(option.font.pointSizeF() * 0.85);
        font.setWeight(QFont::DemiBold);
        const QFontMetricsF metrics(font);
        const qreal pillWidth = metrics.horizontalAdvance(l.separatorText) + 24;
        const QRectF pill(l.separator.center().x() - pillWidth / 2, l.separator.center().y() - 11,
                          pillWidth, 22);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::pill());
        painter->drawRoundedRect(pill, 11, 11);
        painter->setFont(font);
        painter->setPen(Theme::onAccent());
        painter->drawText(pill, Qt::AlignCenter, l.separatorText);
    }

    if (!l.unreadDivider.isEmpty())
        paintUnreadDivider(painter, option, l.unreadDivider);
    if (!l.systemText.isEmpty()) {
        const QFont font = metaFont(option.font);
        painter->setFont(font);
        painter->setPen(Theme::textSecondary());
        painter->drawText(
            l.systemLine, Qt::AlignCenter,
            QFontMetricsF(font).elidedText(l.systemText, Qt::ElideRight, l.systemLine.width()));
        painter->restore();
        return;
    }

    // The sender's side has tight corners, except at the top of a run, so
    // a run reads as one block and each bubble points at its sender.
    const qreal outer = l.first ? kRadius : kTightRadius;
    const qreal tail = kTightRadius;
    const QPainterPath path = l.outgoing ? bubblePath(l.bubble, kRadius, outer, tail, kRadius)
                                         : bubblePath(l.bubble, outer, kRadius, kRadius, tail);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 18));
    painter->drawPath(path.translated(0, 1));
    painter->setBrush(l.outgoing ? Theme::bubbleMine() : Theme::bubbleTheirs());
    painter->drawPath(path);
    paintFlash(painter, index, path);
    // The message the keyboard is on (its menu key opens this one's menu).
    if (m_focusRing && option.state.testFlag(QStyle::State_HasFocus)) {
        painter->setPen(QPen(Theme::accent(), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
    }

    if (!l.sender.isEmpty()) {
        const QFont font = senderFont(option.font);
        const QFontMetricsF metrics(font);
        painter->setFont(font);
        painter->setPen(Avatar::nameColorFor(l.sender));
        painter->drawText(
            QRectF(l.senderOrigin, QSizeF(l.bubble.width() - 2 * kPadH, l.senderHeight)),
            Qt::AlignLeft | Qt::AlignTop,
            metrics.elidedText(l.sender, Qt::ElideRight, l.bubble.width() - 2 * kPadH));
    }
    paintForwardedAndQuote(painter, option, l);
    if (l.file) {
        paintFile(painter, option, index, l);
    } else {
        if (!l.reason.isEmpty()) {
            const QFont small = metaFont(option.font);
            painter->setFont(small);
            painter->setPen(Theme::danger());
            painter->drawText(
                l.reasonRect, Qt::AlignLeft | Qt::AlignTop,
                QFontMetricsF(small).elidedText(l.reason, Qt::ElideRight, l.reasonRect.width()));
        }
        if (l.deleted) {
            painter->setPen(Theme::textSecondary());
            l.text->draw(painter, l.textOrigin);
        } else {
            painter->setPen(Theme::textPrimary());
            l.text->draw(painter, l.textOrigin, textFormats(option, index, l.text->text()));
        }
        paintMeta(painter, option, l);
    }
    paintReactions(painter, option, l);
    painter->restore();
}

QList<QTextLayout::FormatRange> MessageDelegate::textFormats(const QStyleOptionViewItem &option,
                                                             const QModelIndex &index,
                                                             const QString &text) const
{
    QList<QTextLayout::FormatRange> formats;
    for (const MessageLinks::Link &link : MessageLinks::find(text)) {
        QTextLayout::FormatRange range{link.start, link.length, {}};
        range.format.setForeground(Theme::link());
        range.format.setFontUnderline(true);
        formats.append(range);
    }
    const qint64 localId = index.data(MessageModel::LocalIdRole).toLongLong();
    if (!m_highlight.isEmpty()) {
        QColor mark = option.palette.color(QPalette::Highlight);
        mark.setAlpha(localId == m_highlightCurrent ? 150 : 60);
        for (const SearchMatch::Range &found : SearchMatch::ranges(text, m_highlight)) {
            QTextLayout::FormatRange range{found.start, found.length, {}};
            range.format.setBackground(mark);
            formats.append(range);
        }
    }
    if (localId != 0 && localId == m_selectionLocalId && m_selectionEnd > m_selectionStart) {
        QTextLayout::FormatRange range{m_selectionStart, m_selectionEnd - m_selectionStart, {}};
        range.format.setBackground(Theme::accent());
        range.format.setForeground(Theme::onAccent());
        formats.append(range);
    }
    return formats;
}

void MessageDelegate::setSelection(qint64 localId, int start, int end)
{
    m_selectionLocalId = localId;
    m_selectionStart = qMin(start, end);
    m_selectionEnd = qMax(start, end);
}

int MessageDelegate::textPositionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                    const QPointF &point, bool clamp,
                                    QTextLine::CursorPosition mode) const
{
    if (index.data(MessageModel::IsFileRole).toBool())
        return -1;
    const Layout l = layout(option, index);
    if (!clamp && !l.textRect.contains(point))
        return -1;
    if (!l.text)
        return 0; // a system line: no text to select
    const QTextLayout &text = *l.text;
    const QPointF local = point - l.textOrigin;
    if (text.lineCount() == 0 || local.y() < 0)
        return 0;
    for (int i = 0; i < text.lineCount(); ++i) {
        const QTextLine line = text.lineAt(i);
        if (local.y() < line.y() + line.height())
            return line.xToCursor(local.x(), mode);
    }
    return int(text.text().size());
}

void MessageDelegate::paintMeta(QPainter *painter, const QStyleOptionViewItem &option,
                                const Layout &l) const
{
    const QFont small = metaFont(option.font);
    const QFontMetricsF smallMetrics(small);
    painter->setFont(small);
    painter->setPen(l.outgoing ? Theme::metaMine() : Theme::textSecondary());
    QRectF timeRect = l.meta;
    timeRect.setWidth(smallMetrics.horizontalAdvance(l.time) + 1);
    painter->drawText(timeRect, Qt::AlignLeft | Qt::AlignVCenter, l.time);
    if (l.status == DeliveryStatus::Failed && !l.file) {
        QFont retryFont = small;
        retryFont.setWeight(QFont::DemiBold);
        painter->setFont(retryFont);
        painter->setPen(Theme::danger());
        QRectF retryText(timeRect.right() + 6, l.meta.top(),
                         smallMetrics.horizontalAdvance(tr("Retry")) + 2, l.meta.height());
        painter->drawText(retryText, Qt::AlignLeft | Qt::AlignVCenter, tr("Retry"));
    }
    if (l.outgoing) {
        const QRectF tickRect(l.meta.right() - Ticks::kWidth, l.meta.top(), Ticks::kWidth,
                              l.meta.height());
        Ticks::paint(painter, tickRect, l.status);
    }
}

bool MessageDelegate::isClickable(const QStyleOptionViewItem &option, const QModelIndex &index,
                                  const QPointF &point) const
{
    const Layout l = layout(option, index);
    if (l.file && l.bubble.contains(point))
        return true;
    if (l.quote.contains(point) || l.retry.contains(point))
        return true;
    return std::any_of(l.chips.cbegin(), l.chips.cend(),
                       [&point](const Chip &chip) { return chip.rect.contains(point); });
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (event->type() != QEvent::MouseButtonRelease || mouse->button() != Qt::LeftButton)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const bool file = index.data(MessageModel::IsFileRole).toBool();
    const bool failed =
        DeliveryStatus(index.data(MessageModel::StatusRole).toInt()) == DeliveryStatus::Failed;
    const qint64 replyTo = index.data(MessageModel::ReplyToRole).toLongLong();
    const bool reactions = reactionsHash(index) != 0;
    // Only these rows have something to click.
    if (file || failed || replyTo > 0 || reactions) {
        const Layout l = layout(option, index);
        const QPointF at = mouse->position();
        if (!l.quote.isEmpty() && l.quote.contains(at)) {
            emit quoteClicked(replyTo);
            return true;
        }
        if (reactions && reactionClicked(at, index, l))
            return true;
        if (file && fileClicked(at, index, l))
            return true;
        if (!file && failed && l.retry.contains(at)) {
            emit retryRequested(index.data(MessageModel::ClientIdRole).toString());
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace Palomar::Desktop
