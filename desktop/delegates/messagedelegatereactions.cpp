// The reactions half of MessageDelegate (extension `reactions`): a row of
// chips under the bubble, one per emoji with how many chose it, mine
// outlined in the theme's accent. A click on a chip toggles my reaction with
// that emoji (reactionToggled); hovering one says who chose it, which is how
// a group shows who reacted.
#include "messagedelegate.h"

#include "models/messagemodel.h"
#include "widgets/theme.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace Palomar::Desktop {

namespace {
constexpr qreal kChipGap = 4;
constexpr qreal kChipPadH = 8;
constexpr qreal kChipTop = 3;
} // namespace

size_t MessageDelegate::reactionsHash(const QModelIndex &index)
{
    if (index.data(MessageModel::DeletedRole).toBool())
        return 0;
    const QVariantMap reactions = index.data(MessageModel::ReactionsRole).toMap();
    if (reactions.isEmpty())
        return 0;
    size_t hash = qHash(index.data(MessageModel::MyReactionRole).toString()) + 1;
    for (auto it = reactions.constBegin(); it != reactions.constEnd(); ++it)
        hash = qHashMulti(hash, it.key(), it.value().toStringList().size());
    return hash;
}

qreal MessageDelegate::layoutReactions(const QStyleOptionViewItem &option, const QModelIndex &index,
                                       Layout *l, qreal maxBubble) const
{
    if (reactionsHash(index) == 0)
        return 0;
    const QVariantMap reactions = index.data(MessageModel::ReactionsRole).toMap();
    const QString mine = index.data(MessageModel::MyReactionRole).toString();
    for (auto it = reactions.constBegin(); it != reactions.constEnd(); ++it) {
        Chip chip;
        chip.emoji = it.key();
        chip.users = it.value().toStringList();
        chip.mine = chip.emoji == mine;
        chip.label = chip.emoji + u' ' + QString::number(chip.users.size());
        l->chips.append(chip);
    }
    // The most chosen first; ties in the emoji's order.
    std::stable_sort(l->chips.begin(), l->chips.end(),
                     [](const Chip &a, const Chip &b) { return a.users.size() > b.users.size(); });
    const QFontMetricsF metrics(option.font);
    const qreal height = std::ceil(metrics.height()) + 6;
    const qreal top = l->bubble.bottom() + kChipTop;
    // Rows of chips as wide as a bubble may be, from the bubble's outer side.
    QList<QList<int>> rows{{}};
    qreal rowWidth = 0;
    for (int i = 0; i < l->chips.size(); ++i) {
        const qreal width = std::ceil(metrics.horizontalAdvance(l->chips[i].label)) + 2 * kChipPadH;
        if (!rows.last().isEmpty() && rowWidth + kChipGap + width > maxBubble) {
            rows.append(QList<int>());
            rowWidth = 0;
        }
        rowWidth += (rows.last().isEmpty() ? 0 : kChipGap) + width;
        l->chips[i].rect = QRectF(0, top + (rows.size() - 1) * (height + kChipGap), width, height);
        rows.last().append(i);
    }
    // Mine end at the bubble's right edge, theirs start at its left edge.
    for (const QList<int> &row : std::as_const(rows)) {
        qreal x = l->outgoing ? l->bubble.right() : l->bubble.left();
        for (qsizetype k = 0; k < row.size(); ++k) {
            Chip &chip = l->chips[row.at(l->outgoing ? row.size() - 1 - k : k)];
            if (l->outgoing) {
                x -= chip.rect.width();
                chip.rect.moveLeft(x);
                x -= kChipGap;
            } else {
                chip.rect.moveLeft(x);
                x += chip.rect.width() + kChipGap;
            }
        }
    }
    return kChipTop + rows.size() * height + (rows.size() - 1) * kChipGap;
}

void MessageDelegate::paintReactions(QPainter *painter, const QStyleOptionViewItem &option,
                                     const Layout &l) const
{
    if (l.chips.isEmpty())
        return;
    painter->setFont(option.font);
    for (const Chip &chip : l.chips) {
        const qreal radius = chip.rect.height() / 2;
        QColor fill = chip.mine ? Theme::accent() : Theme::surface();
        if (chip.mine)
            fill.setAlpha(60);
        painter->setBrush(fill);
        painter->setPen(QPen(chip.mine ? Theme::accent() : Theme::divider(), 1));
        painter->drawRoundedRect(chip.rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
        painter->setPen(Theme::textPrimary());
        painter->drawText(chip.rect, Qt::AlignCenter, chip.label);
    }
}

bool MessageDelegate::reactionClicked(const QPointF &position, const QModelIndex &index,
                                      const Layout &l)
{
    for (const Chip &chip : l.chips) {
        if (chip.rect.contains(position)) {
            emit reactionToggled(index.data(MessageModel::MsgIdRole).toLongLong(), chip.emoji);
            return true;
        }
    }
    return false;
}

QRectF MessageDelegate::reactionChipRect(const QStyleOptionViewItem &option,
                                         const QModelIndex &index, const QString &emoji) const
{
    const Layout l = layout(option, index);
    for (const Chip &chip : l.chips) {
        if (chip.emoji == emoji)
            return chip.rect;
    }
    return {};
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && reactionsHash(index) != 0) {
        const Layout l = layout(option, index);
        for (const Chip &chip : l.chips) {
            if (chip.rect.contains(event->pos())) {
                QToolTip::showText(event->globalPos(), chip.users.join(QStringLiteral(", ")), view);
                return true;
            }
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace Palomar::Desktop
