// ChatPage: replying to a message and editing my own in the compose box.
// A bar above the box says which (ComposeActionBar); Enter sends the reply
// or saves the edit, Esc (MainWindow::escape) or the bar's × cancels. An
// edit borrows the box: what was typed before comes back when it ends.
#include "chatpage.h"

#include "chatview.h"
#include "composeactionbar.h"
#include "composeedit.h"
#include "models/messagemodel.h"
#include "protocol/features.h"
#include "util/filenames.h"
#include "util/textsplit.h"

#include <QKeyEvent>
#include <QTextCursor>

#include <optional>

namespace Palomar::Desktop {

namespace {
// What a bar shows of a message: its text, or for a file "Photo" / its name.
QString summaryOf(const CachedMessage &message)
{
    if (!message.isFile())
        return message.text;
    return FileNames::kindOf(message.file.mime, message.file.name) == FileNames::Kind::Image
               ? ChatPage::tr("Photo")
               : message.file.name;
}

// The shown message in cache row `localId`, if it is sent and not a tombstone.
std::optional<CachedMessage> sentMessage(const MessageModel *model, qint64 localId)
{
    const int row = model ? model->rowOfLocalId(localId) : -1;
    if (row < 0)
        return std::nullopt;
    const CachedMessage message = model->messageAt(row);
    if (message.msgId <= 0 || message.deleted)
        return std::nullopt;
    return message;
}
} // namespace

void ChatPage::setUpComposeActions()
{
    m_actionBar = new ComposeActionBar(this);
    connect(m_actionBar, &ComposeActionBar::closeRequested, this, [this] {
        cancelComposeAction();
        m_compose->setFocus();
    });
    m_compose->installEventFilter(this);
}

void ChatPage::startReply(qint64 localId)
{
    const MessageModel *model = m_view->messageModel();
    const auto found = sentMessage(model, localId);
    if (!found || !canSend())
        return;
    const CachedMessage &message = *found;
    if (isEditing())
        cancelComposeAction();
    m_replyMsgId = message.msgId;
    const QString who = message.outgoing           ? QString()
                        : message.sender.isEmpty() ? model->peer()
                                                   : message.sender;
    m_actionBar->showFor(who.isEmpty() ? tr("Reply to your message") : tr("Reply to %1").arg(who),
                         summaryOf(message));
    m_compose->setFocus();
}

void ChatPage::startEdit(qint64 localId)
{
    const auto found = sentMessage(m_view->messageModel(), localId);
    if (!found || !found->outgoing || found->isFile() || !canSend())
        return;
    const CachedMessage &message = *found;
    if (!isEditing())
        m_savedDraft = m_compose->toPlainText();
    m_replyMsgId = 0;
    // Set before the text, so the box's change is not taken for a new draft.
    m_editLocalId = localId;
    m_editOriginal = message.text;
    m_actionBar->showFor(tr("Editing"), message.text);
    m_compose->setPlainText(message.text);
    m_compose->moveCursor(QTextCursor::End);
    m_compose->setFocus();
}

bool ChatPage::editLastMessage()
{
    const MessageModel *model = m_view->messageModel();
    if (!model || !m_view->offers(Protocol::Feature::Edit))
        return false;
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const CachedMessage message = model->messageAt(row);
        if (message.outgoing && message.msgId > 0 && !message.deleted && !message.isFile() &&
            !message.isSystem()) {
            startEdit(message.localId);
            m_view->scrollTo(m_view->model()->index(row, 0)); // (the view's proxy)
            return true;
        }
    }
    return false;
}

bool ChatPage::cancelComposeAction()
{
    if (!m_actionBar->isVisible() && m_replyMsgId == 0 && m_editLocalId == 0)
        return false;
    m_actionBar->hide();
    m_replyMsgId = 0;
    if (m_editLocalId != 0) {
        m_compose->setPlainText(m_savedDraft);
        m_compose->moveCursor(QTextCursor::End);
        // Cleared after the text: the draft put back is the draft already kept.
        m_editLocalId = 0;
        m_editOriginal.clear();
        m_savedDraft.clear();
    }
    return true;
}

bool ChatPage::submitComposeAction(const QString &text)
{
    if (m_editLocalId != 0) {
        const qint64 localId = m_editLocalId;
        const bool changed = text != m_editOriginal.trimmed();
        cancelComposeAction();
        if (changed)
            emit editSaveRequested(localId, text);
        m_compose->setFocus();
        return true;
    }
    if (m_replyMsgId == 0 || TextSplit::utf8Size(text) > m_maxTextBytes)
        return false;
    const qint64 replyTo = m_replyMsgId;
    cancelComposeAction();
    m_compose->clear();
    emit replySendRequested(text, replyTo);
    m_view->scrollToNewest();
    m_compose->setFocus();
    return true;
}

bool ChatPage::handleComposeKey(const QKeyEvent *key)
{
    if (key->key() == Qt::Key_Up && key->modifiers() == Qt::ControlModifier &&
        m_compose->toPlainText().isEmpty() && !isEditing())
        return editLastMessage();
    return false;
}

} // namespace Palomar::Desktop
