// ChatView's part in reactions: whether the open chat's server takes them,
// the emoji picker for a reaction beyond the quick ones, and where a chip is.
#include "chatview.h"

#include "delegates/messagedelegate.h"
#include "emojipicker.h"
#include "models/messagemodel.h"

namespace Palomar::Desktop {

void ChatView::showReactionPicker(qint64 msgId)
{
    auto *picker = new EmojiPicker(this);
    picker->setObjectName(QStringLiteral("reactionPicker"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &EmojiPicker::picked, this,
            [this, msgId](const QString &emoji) { emit reactionToggled(msgId, emoji); });
    // Under the message's bubble when it is in view, else at the view's top.
    QPoint at = viewport()->mapToGlobal(QPoint(0, 0));
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->index(row).data(MessageModel::MsgIdRole).toLongLong() == msgId) {
                const QRect bubble = bubbleRect(row);
                if (viewport()->rect().intersects(bubble))
                    at = viewport()->mapToGlobal(bubble.bottomLeft());
                break;
            }
        }
    }
    picker->adjustSize();
    picker->move(at);
    picker->show();
}

QRect ChatView::reactionChipRect(int row, const QString &emoji) const
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    if (!index.isValid())
        return {};
    return m_delegate->reactionChipRect(itemOption(index), index, emoji).toAlignedRect();
}

} // namespace Palomar::Desktop
