#include "chatlistdelegate.h"

#include "cache/cachetypes.h"
#include "models/chatlistmodel.h"
#include "ticks.h"
#include "util/avatar.h"
#include "util/timeformat.h"
#include "widgets/theme.h"

#include <QImage>
#include <QPainter>

namespace Palomar::Desktop {

namespace {
constexpr int kRowHeight = 68;
constexpr int kAvatar = 48;
constexpr int kMargin = 12;

// Larger text (Settings) makes taller rows; smaller keeps the avatar's room.
qreal rowScale(const QFont &font)
{
    return qMax(1.0, font.pointSizeF() / Theme::kBasePointSize);
}
} // namespace

QSize ChatListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width(), int(kRowHeight * rowScale(option.font)));
}

void ChatListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    if (selected)
        painter->fillRect(r, Theme::accent());
    else if (hovered)
        painter->fillRect(r, Theme::surfaceHover());
    else
        painter->fillRect(r, Theme::surface());

    const QString peer = index.data(ChatListModel::DisplayTitleRole).toString();
    const bool isGroup = index.data(ChatListModel::GroupRole).toLongLong() != 0;
    const QRectF avatar(r.left() + kMargin, r.top() + (r.height() - kAvatar) / 2.0, kAvatar,
                        kAvatar);
    if (isGroup)
        Avatar::paintGroup(painter, avatar, peer);
    else
        Avatar::paintPerson(painter, avatar, index.data(ChatListModel::PeerRole).toString(),
                            index.data(ChatListModel::PictureRole).value<QImage>(), peer);
    if (index.data(ChatListModel::OnlineRole).toBool()) {
        const QRectF dot(avatar.right() - 13, avatar.bottom() - 13, 14, 14);
        painter->setPen(QPen(selected ? Theme::accent() : Theme::surface(), 2.5));
        painter->setBrush(Theme::online());
        painter->drawEllipse(dot);
    }

    const QColor primary = selected ? Theme::onAccent() : Theme::textPrimary();
    const QColor secondary = selected ? Theme::onAccentSecondary() : Theme::textSecondary();
    const int textLeft = int(avatar.right()) + 12;
    const int textRight = r.right() - kMargin;
    const qreal scale = rowScale(option.font);
    const int firstLine = r.top() + int(12 * scale);
    const int secondLine = r.top() + int(36 * scale);

    // First line: name ........ [ticks] time
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    const QFontMetrics smallMetrics(small);
    const qint64 lastActivity = index.data(ChatListModel::LastActivityRole).toLongLong();
    const QString stamp = TimeFormat::chatListStamp(lastActivity);
    int nameRight = textRight;
    if (!stamp.isEmpty()) {
        const int stampWidth = smallMetrics.horizontalAdvance(stamp);
        const QRect stampRect(textRight - stampWidth, firstLine, stampWidth, 20);
        painter->setFont(small);
        painter->setPen(secondary);
        painter->drawText(stampRect, Qt::AlignRight | Qt::AlignVCenter, stamp);
        nameRight = stampRect.left() - 8;
        if (index.data(ChatListModel::LastOutgoingRole).toBool()) {
            const auto status = DeliveryStatus(index.data(ChatListModel::LastStatusRole).toInt());
            const QRectF tickRect(stampRect.left() - Ticks::kWidth - 4, firstLine, Ticks::kWidth,
                                  20);
            if (!selected) {
                Ticks::paint(painter, tickRect, status);
            } else {
                // On the accent row every glyph is white; the shape still tells the state.
                QImage glyph(int(Ticks::kWidth) * 2, 40, QImage::Format_ARGB32_Premultiplied);
                glyph.setDevicePixelRatio(2);
                glyph.fill(Qt::transparent);
                QPainter glyphPainter(&glyph);
                Ticks::paint(&glyphPainter, QRectF(0, 0, Ticks::kWidth, 20), status);
                glyphPainter.setCompositionMode(QPainter::CompositionMode_SourceIn);
                glyphPainter.fillRect(glyph.rect(), Theme::onAccent());
                glyphPainter.end();
                painter->drawImage(tickRect.topLeft(), glyph);
            }
            nameRight = int(tickRect.left()) - 6;
        }
    }
    QFont nameFont = option.font;
    nameFont.setPointSizeF(option.font.pointSizeF() * 1.05);
    nameFont.setWeight(QFont::DemiBold);
    painter->setFont(nameFont);
    painter->setPen(primary);
    const QFontMetrics nameMetrics(nameFont);
    painter->drawText(QRect(textLeft, firstLine, nameRight - textLeft, 20),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(peer, Qt::ElideRight, nameRight - textLeft));

    // Second line: preview .......... (badge)
    int previewRight = textRight;
    const int unread = index.data(ChatListModel::UnreadRole).toInt();
    // "Mark as unread" with nothing unread: a badge without a number.
    if (unread > 0 || index.data(ChatListModel::MarkedUnreadRole).toBool()) {
        QFont badgeFont = small;
        badgeFont.setWeight(QFont::Bold);
        const QFontMetrics badgeMetrics(badgeFont);
        const QString count = unread > 999 ? QStringLiteral("999+")
                              : unread > 0 ? QString::number(unread)
                                           : QString();
        const int diameter = 20;
        const int badgeWidth = qMax(diameter, badgeMetrics.horizontalAdvance(count) + 12);
        const QRectF badge(textRight - badgeWidth, secondLine, badgeWidth, diameter);
        const bool muted = index.data(ChatListModel::MutedRole).toBool();
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? Theme::onAccent()
                          : muted  ? Theme::textSecondary()
                                   : Theme::badge());
        painter->drawRoundedRect(badge, diameter / 2.0, diameter / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(selected ? Theme::accent() : Theme::onBadge());
        painter->drawText(badge, Qt::AlignCenter, count);
        previewRight = int(badge.left()) - 8;
    } else if (index.data(ChatListModel::PinOrderRole).toInt() > 0) {
        // Pinned, nothing unread: a small pin where the badge would be.
        const QPointF head(textRight - 7, secondLine + 7);
        painter->setPen(QPen(secondary, 1.6, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(head, head + QPointF(-5, 9));
        painter->setPen(Qt::NoPen);
        painter->setBrush(secondary);
        painter->drawEllipse(head, 4, 4);
        previewRight = textRight - 22;
    }
    QString preview = index.data(ChatListModel::PreviewRole).toString();
    QFont previewFont = option.font;
    const QString draft = index.data(ChatListModel::DraftRole).toString();
    int previewLeft = textLeft;
    const QString typing = index.data(ChatListModel::TypingRole).toString();
    QColor previewColour = secondary;
    if (!typing.isEmpty()) {
        // Someone types there: that, in the accent colour, instead of the last message.
        preview = typing;
        previewColour = selected ? QColor(Qt::white) : Theme::accent();
    } else if (!draft.isEmpty()) {
        // Typed but not sent: "Draft:" in red, then the text, instead of the last message.
        const QString label = tr("Draft:");
        painter->setFont(previewFont);
        painter->setPen(selected ? QColor(Qt::white) : Theme::danger());
        painter->drawText(QRect(textLeft, secondLine, previewRight - textLeft, 20),
                          Qt::AlignLeft | Qt::AlignVCenter, label);
        previewLeft = textLeft + QFontMetrics(previewFont).horizontalAdvance(label + u' ');
        preview = draft;
    } else if (preview.isEmpty()) {
        preview = tr("No messages yet");
        previewFont.setItalic(true);
    } else if (index.data(ChatListModel::LastOutgoingRole).toBool()) {
        preview = tr("You: %1").arg(preview);
    } else if (isGroup && !index.data(ChatListModel::LastSenderRole).toString().isEmpty()) {
        preview =
            tr("%1: %2").arg(index.data(ChatListModel::LastSenderNameRole).toString(), preview);
    }
    painter->setFont(previewFont);
    painter->setPen(previewColour);
    const QFontMetrics previewMetrics(previewFont);
    painter->drawText(
        QRect(previewLeft, secondLine, previewRight - previewLeft, 20),
        Qt::AlignLeft | Qt::AlignVCenter,
        previewMetrics.elidedText(preview, Qt::ElideRight, qMax(0, previewRight - previewLeft)));
    painter->restore();
}

} // namespace Palomar::Desktop
