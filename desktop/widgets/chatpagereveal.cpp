// ChatPage::revealMessage(): open the chat at one message. Older pages come
// in from the cache, then from the server, until the message is loaded; it
// is scrolled to the middle of the view and its bubble tinted for a moment.
// A reply's quote uses it; so may anything that opens a chat at a message
// (a search result).
#include "chatpage.h"

#include "chatview.h"
#include "delegates/messagedelegate.h"
#include "models/messagemodel.h"

#include <QTimer>

#include <utility>

namespace Palomar::Desktop {

namespace {
constexpr int kFlashMs = 1600;
} // namespace

void ChatPage::revealMessage(qint64 msgId)
{
    MessageModel *model = m_view->messageModel();
    if (!model || msgId <= 0)
        return;
    if (!m_flashTimer) {
        m_flashTimer = new QTimer(this);
        m_flashTimer->setSingleShot(true);
        m_flashTimer->setInterval(kFlashMs);
        connect(m_flashTimer, &QTimer::timeout, this, [this] {
            m_view->messageDelegate()->setFlash(0);
            m_view->viewport()->update();
        });
        // Server pages arrive later: carry on from there.
        connect(model, &MessageModel::olderHistoryLoaded, this, [this](bool ok) {
            if (m_revealMsgId == 0)
                return;
            if (ok) {
                continueReveal();
                return;
            }
            const qint64 missing = std::exchange(m_revealMsgId, 0);
            showNotice(tr("The message could not be loaded: no connection to the server"));
            emit messageNotFound(missing);
        });
        // Another chat opened: the search is over.
        connect(model, &QAbstractItemModel::modelReset, this, [this] { m_revealMsgId = 0; });
    }
    m_revealMsgId = msgId;
    // A chat opened a moment ago finds its old place first; the jump comes after.
    if (m_view->isOpening()) {
        QTimer::singleShot(0, this, [this, msgId] {
            if (m_revealMsgId == msgId)
                revealMessage(msgId);
        });
        return;
    }
    continueReveal();
}

void ChatPage::continueReveal()
{
    MessageModel *model = m_view->messageModel();
    while (m_revealMsgId > 0) {
        const int row = model->rowOfMsgId(m_revealMsgId);
        if (row >= 0) {
            finishReveal(row);
            return;
        }
        // Loaded rows reach further back than the message: it is not in this chat.
        qint64 oldest = 0;
        for (int i = 0; i < model->rowCount() && oldest == 0; ++i)
            oldest = model->messageAt(i).msgId;
        const bool passed = oldest > 0 && oldest < m_revealMsgId;
        if (passed || !model->canFetchMore({})) {
            if (model->isLoadingOlder() && !passed)
                return; // the server's page is on its way
            const qint64 missing = std::exchange(m_revealMsgId, 0);
            showNotice(tr("That message is not in this chat any more"));
            emit messageNotFound(missing);
            return;
        }
        model->fetchMore({});
        if (model->isLoadingOlder())
            return; // olderHistoryLoaded() carries on
    }
}

void ChatPage::finishReveal(int row)
{
    const qint64 msgId = std::exchange(m_revealMsgId, 0);
    // The view shows the model through a proxy of the same rows.
    const QPersistentModelIndex index = m_view->model()->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    // Once the rows above are laid out again, the place is checked once more.
    QTimer::singleShot(0, m_view, [view = m_view, index] {
        if (index.isValid())
            view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    });
    m_view->messageDelegate()->setFlash(index.data(MessageModel::LocalIdRole).toLongLong());
    m_view->viewport()->update();
    m_flashTimer->start();
    m_lastRevealed = msgId;
    emit messageRevealed(msgId);
}

} // namespace Palomar::Desktop
