#pragma once

#include <QMouseEvent>
#include <QStyledItemDelegate>

namespace Palomar::Desktop {

// A click anywhere on a checkable row toggles it, once: the box itself, the
// avatar, the name or the empty space after it. Space still works (the
// base class handles keys).
class WholeRowCheckDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        const Qt::ItemFlags flags = index.flags();
        if (!(flags & Qt::ItemIsUserCheckable) || !(flags & Qt::ItemIsEnabled))
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        switch (event->type()) {
        case QEvent::MouseButtonRelease: {
            const auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->button() != Qt::LeftButton ||
                !option.rect.contains(mouse->position().toPoint()))
                return false;
            const auto state = Qt::CheckState(index.data(Qt::CheckStateRole).toInt());
            return model->setData(index, state == Qt::Checked ? Qt::Unchecked : Qt::Checked,
                                  Qt::CheckStateRole);
        }
        case QEvent::MouseButtonDblClick:
            // The second press of a double click toggles through its release.
            return true;
        default:
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        }
    }
};

} // namespace Palomar::Desktop
