// MessageDelegate: replies and forwards. A reply shows the message it
// answers above its text (a bar and the sender's name in their colour, then
// the first line, "Photo", the file name, "Deleted message" or "Message not
// loaded"); a click on it asks to jump there (quoteClicked()). A forwarded
// message says so under the sender's name. A message jumped to is tinted
// for a moment (setFlash()).
#include "messagedelegate.h"

#include "bubblemetrics.h"
#include "models/messagemodel.h"
#include "util/avatar.h"
#include "widgets/theme.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Palomar::Desktop {

using namespace BubbleMetrics;

namespace {
QFont forwardedFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.85);
    font.setItalic(true);
    return font;
}
QFont quoteTextFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.9);
    return font;
}
} // namespace

void MessageDelegate::layoutForwarded(const QStyleOptionViewItem &option, const QModelIndex &index,
                                      Layout *l) const
{
    if (!l->sender.isEmpty())
        l->headerWidth = QFontMetricsF(senderFont(option.font)).horizontalAdvance(l->sender);
    if (!index.data(MessageModel::ForwardedRole).toBool())
        return;
    const QFontMetricsF metrics(forwardedFont(option.font));
    l->forwarded = true;
    l->forwardedTop = l->senderHeight;
    l->senderHeight += metrics.height() + 1;
    l->headerWidth = qMax(l->headerWidth, metrics.horizontalAdvance(tr("Forwarded")) + 1);
}

qreal MessageDelegate::measureQuote(const QStyleOptionViewItem &option, const QModelIndex &index,
                                    Layout *l, qreal maxText) const
{
    if (index.data(MessageModel::ReplyToRole).toLongLong() <= 0 ||
        index.data(MessageModel::DeletedRole).toBool())
        return 0;
    l->quoteOwn = index.data(MessageModel::QuoteOwnRole).toBool();
    l->quoteSender = l->quoteOwn ? tr("You") : index.data(MessageModel::QuoteSenderRole).toString();
    l->quoteText = index.data(MessageModel::QuoteTextRole).toString();
    const QFontMetricsF name(senderFont(option.font));
    const QFontMetricsF text(quoteTextFont(option.font));
    const qreal inner =
        qMax(name.horizontalAdvance(l->quoteSender), text.horizontalAdvance(l->quoteText));
    l->quoteWidth = qMin(maxText, std::ceil(inner) + kQuoteBar + 2 * kQuotePadH);
    const qreal nameHeight = l->quoteSender.isEmpty() ? 0 : name.height();
    return std::ceil(nameHeight + text.height() + 2 * kQuotePadV) + kQuoteGap;
}

void MessageDelegate::paintForwardedAndQuote(QPainter *painter, const QStyleOptionViewItem &option,
                                             const Layout &l) const
{
    if (l.forwarded) {
        const QFont font = forwardedFont(option.font);
        painter->setFont(font);
        painter->setPen(Theme::textSecondary());
        const QRectF line(l.senderOrigin.x(), l.senderOrigin.y() + l.forwardedTop,
                          l.bubble.width() - 2 * kPadH, QFontMetricsF(font).height());
        painter->drawText(
            line, Qt::AlignLeft | Qt::AlignTop,
            QFontMetricsF(font).elidedText(tr("Forwarded"), Qt::ElideRight, line.width()));
    }
    if (l.quote.isEmpty())
        return;
    const QColor nameColour = l.quoteOwn                ? Theme::accent()
                              : l.quoteSender.isEmpty() ? Theme::textSecondary()
                                                        : Avatar::nameColorFor(l.quoteSender);
    QColor tint = nameColour;
    tint.setAlpha(28);
    QPainterPath box;
    box.addRoundedRect(l.quote, 4, 4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tint);
    painter->drawPath(box);
    painter->save();
    painter->setClipPath(box);
    painter->setBrush(nameColour);
    painter->drawRect(QRectF(l.quote.topLeft(), QSizeF(kQuoteBar, l.quote.height())));
    painter->restore();
    const qreal left = l.quote.left() + kQuoteBar + kQuotePadH;
    const qreal width = l.quote.right() - kQuotePadH - left;
    qreal top = l.quote.top() + kQuotePadV;
    if (!l.quoteSender.isEmpty()) {
        const QFont font = senderFont(option.font);
        const QFontMetricsF metrics(font);
        painter->setFont(font);
        painter->setPen(nameColour);
        painter->drawText(QRectF(left, top, width, metrics.height()), Qt::AlignLeft | Qt::AlignTop,
                          metrics.elidedText(l.quoteSender, Qt::ElideRight, width));
        top += metrics.height();
    }
    const QFont font = quoteTextFont(option.font);
    const QFontMetricsF metrics(font);
    painter->setFont(font);
    painter->setPen(Theme::textSecondary());
    painter->drawText(QRectF(left, top, width, metrics.height()), Qt::AlignLeft | Qt::AlignTop,
                      metrics.elidedText(l.quoteText, Qt::ElideRight, width));
}

void MessageDelegate::paintFlash(QPainter *painter, const QModelIndex &index,
                                 const QPainterPath &bubble) const
{
    if (m_flashLocalId == 0 || index.data(MessageModel::LocalIdRole).toLongLong() != m_flashLocalId)
        return;
    QColor flash = Theme::accent();
    flash.setAlpha(70);
    painter->setPen(QPen(Theme::accent(), 2));
    painter->setBrush(flash);
    painter->drawPath(bubble);
}

} // namespace Palomar::Desktop
