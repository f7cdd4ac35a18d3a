#pragma once

#include "cache/cachetypes.h"

#include <QStyledItemDelegate>

class QTextLayout;

namespace Palomar::Desktop {

// Paints one message of a MessageModel as a chat bubble: mine on the right
// in soft green, theirs on the left in white, at most ~70% of the view wide
// and as narrow as the text allows; runs of one sender sit close together
// with tighter inner corners; a day separator pill above the first message
// of each day; the time (and my ticks) small in the bubble's bottom corner,
// on the last text line when it fits. A failed message shows "Retry" and a
// red "!"; clicking them emits retryRequested(). Holds no data of its own.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

signals:
    void retryRequested(const QString &clientId);

private:
    struct Layout
    {
        int height = 0;
        QRectF separator; // empty when there is none
        QString separatorText;
        QRectF bubble;
        QString sender; // group messages: the name above the first bubble of a run
        qreal senderHeight = 0;
        QPointF senderOrigin;
        QPointF textOrigin;
        QRectF meta;  // time (+ retry) (+ ticks), bottom-right of the bubble
        QRectF retry; // the clickable part of a failed message
        bool first = false;
        bool outgoing = false;
        DeliveryStatus status = DeliveryStatus::Received;
        QString time;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index,
                  QTextLayout *text) const;
    static int viewWidth(const QStyleOptionViewItem &option);
    QFont metaFont(const QFont &base) const;
    QFont senderFont(const QFont &base) const;
};

} // namespace Palomar::Desktop
