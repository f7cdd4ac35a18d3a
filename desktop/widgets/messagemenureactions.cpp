// MessageMenu's quick reactions (extension `reactions`): a row of emoji at
// the top of the menu of a sent, not deleted message, and "More…" for the
// emoji picker. Choosing my current reaction again takes it back (the
// controller decides; the menu only says what was chosen).
#include "messagemenu.h"

#include "chatview.h"
#include "models/messagemodel.h"
#include "reactionbar.h"

#include <QWidgetAction>

namespace Palomar::Desktop {

void MessageMenu::addReactionItems()
{
    const qint64 msgId = m_index.data(MessageModel::MsgIdRole).toLongLong();
    if (msgId <= 0 || !m_view->reactionsEnabled() ||
        m_index.data(MessageModel::DeletedRole).toBool() ||
        !m_index.data(MessageModel::SystemTextRole).toString().isEmpty())
        return;
    auto *bar = new ReactionBar(m_index.data(MessageModel::MyReactionRole).toString(), this);
    auto *action = new QWidgetAction(this);
    action->setObjectName(QStringLiteral("reactAction"));
    action->setDefaultWidget(bar);
    addAction(action);
    ChatView *view = m_view;
    connect(bar, &ReactionBar::chosen, this, [this, view, msgId](const QString &emoji) {
        close();
        emit view->reactionToggled(msgId, emoji);
    });
    connect(bar, &ReactionBar::moreRequested, this, [this, view, msgId] {
        close();
        view->showReactionPicker(msgId);
    });
    addSeparator();
}

} // namespace Palomar::Desktop
