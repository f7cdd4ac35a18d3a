#pragma once

#include <QStyledItemDelegate>

namespace Palomar::Desktop {

// Paints one chat of the chat list: a round initials avatar with a presence
// dot, the name, the time of the last message (with my ticks when it is
// mine), a one-line preview and a green unread badge. The selected chat is
// an accent-coloured row with white text.
class ChatListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Palomar::Desktop
