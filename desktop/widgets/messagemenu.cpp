#include "messagemenu.h"

#include "chatview.h"
#include "delegates/messagelinks.h"
#include "models/messagemodel.h"
#include "protocol/features.h"

#include <QApplication>
#include <QClipboard>

namespace Palomar::Desktop {

MessageMenu::MessageMenu(ChatView *view, const QModelIndex &index, const QUrl &link)
    : QMenu(view), m_view(view), m_index(index)
{
    setObjectName(QStringLiteral("messageMenu"));
    const bool failed =
        DeliveryStatus(index.data(MessageModel::StatusRole).toInt()) == DeliveryStatus::Failed;
    if (failed && index.data(MessageModel::OutgoingRole).toBool()) {
        addFailedItems();
        return; // never sent: nothing else applies to it
    }
    addReactionItems();
    if (index.data(MessageModel::IsFileRole).toBool())
        addFileItems();
    else
        addTextItems(link);
    addAnswerItems();
    addInfoItems();
    addRemoveItems();
}

QAction *MessageMenu::addItem(const QString &name, const QString &text, std::function<void()> slot)
{
    QAction *action = addAction(text, this, std::move(slot));
    action->setObjectName(name);
    return action;
}

void MessageMenu::startSection()
{
    const QList<QAction *> all = actions();
    if (!all.isEmpty() && !all.last()->isSeparator())
        addSeparator();
}

void MessageMenu::addFailedItems()
{
    const bool file = m_index.data(MessageModel::IsFileRole).toBool();
    QString reason = m_index.data(MessageModel::FailureRole).toString();
    if (reason.isEmpty())
        reason = file ? m_index.data(MessageModel::TransferErrorRole).toString() : QString();
    if (reason.isEmpty())
        reason = tr("Not sent");
    QAction *why = addAction(reason);
    why->setObjectName(QStringLiteral("failureReason"));
    why->setEnabled(false);
    addSeparator();
    const QString clientId = m_index.data(MessageModel::ClientIdRole).toString();
    const qint64 localId = m_index.data(MessageModel::LocalIdRole).toLongLong();
    ChatView *view = m_view;
    addItem(QStringLiteral("retryAction"), tr("Retry"), [view, file, clientId, localId] {
        if (file)
            emit view->fileRetryRequested(localId);
        else
            emit view->retryRequested(clientId);
    });
    addItem(QStringLiteral("deleteUnsentAction"), tr("Delete"),
            [view, clientId] { emit view->deleteRequested(clientId); });
    const QString copied = file ? m_index.data(MessageModel::FileNameRole).toString()
                                : m_index.data(MessageModel::TextRole).toString();
    addItem(QStringLiteral("copyAction"), tr("Copy"),
            [copied] { QApplication::clipboard()->setText(copied); });
}

void MessageMenu::addFileItems()
{
    const qint64 localId = m_index.data(MessageModel::LocalIdRole).toLongLong();
    const auto transfer =
        TransferProgress::State(m_index.data(MessageModel::TransferStateRole).toInt());
    ChatView *view = m_view;
    if (transfer == TransferProgress::State::Running ||
        transfer == TransferProgress::State::Waiting) {
        addItem(QStringLiteral("cancelTransferAction"), tr("Cancel"),
                [view, localId] { emit view->transferCancelRequested(localId); });
        return;
    }
    const bool local = m_index.data(MessageModel::FileLocalRole).toBool();
    addItem(QStringLiteral("openFileAction"), local ? tr("Open") : tr("Download and open"),
            [view, localId] { emit view->fileOpenRequested(localId); });
    // Nothing to save from my upload whose source is gone and has no id yet.
    const bool fetchable = m_index.data(MessageModel::MsgIdRole).toLongLong() > 0;
    addItem(QStringLiteral("saveFileAction"), tr("Save as…"), [view, localId] {
        emit view->fileSaveAsRequested(localId);
    })->setEnabled(local || fetchable);
    addItem(QStringLiteral("showInFolderAction"), tr("Show in folder"), [view, localId] {
        emit view->fileShowInFolderRequested(localId);
    })->setEnabled(local);
}

void MessageMenu::addTextItems(const QUrl &link)
{
    const QString text = m_index.data(MessageModel::TextRole).toString();
    const qint64 localId = m_index.data(MessageModel::LocalIdRole).toLongLong();
    ChatView *view = m_view;
    const QString selected = m_view->selectedText(localId);
    if (!selected.isEmpty()) {
        addItem(QStringLiteral("copySelectionAction"), tr("Copy selected text"),
                [selected] { QApplication::clipboard()->setText(selected); });
    }
    addItem(QStringLiteral("copyTextAction"), tr("Copy text"),
            [text] { QApplication::clipboard()->setText(text); });
    QUrl address = link;
    if (address.isEmpty()) {
        const QList<MessageLinks::Link> links = MessageLinks::find(text);
        if (!links.isEmpty())
            address = links.first().url;
    }
    if (!address.isEmpty()) {
        addItem(QStringLiteral("copyLinkAction"), tr("Copy link"),
                [address] { QApplication::clipboard()->setText(address.toString()); });
    }
    if (!text.isEmpty()) {
        addItem(QStringLiteral("selectTextAction"), tr("Select text"),
                [view, localId, size = int(text.size())] { view->selectText(localId, 0, size); });
    }
}

void MessageMenu::addAnswerItems()
{
    // Sent, and not a tombstone: it can be answered and passed on.
    if (m_index.data(MessageModel::MsgIdRole).toLongLong() <= 0 ||
        m_index.data(MessageModel::DeletedRole).toBool())
        return;
    const bool reply = m_view->offers(Protocol::Feature::Reply);
    const bool forward = m_view->offers(Protocol::Feature::Forward);
    if (!reply && !forward)
        return;
    startSection();
    ChatView *view = m_view;
    const qint64 localId = m_index.data(MessageModel::LocalIdRole).toLongLong();
    if (reply)
        addItem(QStringLiteral("replyAction"), tr("Reply"),
                [view, localId] { emit view->replyRequested(localId); });
    if (forward)
        addItem(QStringLiteral("forwardAction"), tr("Forward…"),
                [view, localId] { emit view->forwardRequested(localId); });
}

void MessageMenu::addChangeItems()
{
    // Only my own; the server's edit window is not announced, so it says too_late itself.
    if (!m_index.data(MessageModel::OutgoingRole).toBool() ||
        m_index.data(MessageModel::DeletedRole).toBool())
        return;
    ChatView *view = m_view;
    const qint64 localId = m_index.data(MessageModel::LocalIdRole).toLongLong();
    if (!m_index.data(MessageModel::IsFileRole).toBool() && m_view->offers(Protocol::Feature::Edit))
        addItem(QStringLiteral("editAction"), tr("Edit"),
                [view, localId] { emit view->editRequested(localId); });
    if (m_view->offers(Protocol::Feature::Delete))
        addItem(QStringLiteral("deleteForEveryoneAction"), tr("Delete for everyone…"),
                [view, localId] { emit view->deleteForEveryoneRequested(localId); });
}

void MessageMenu::addInfoItems()
{
    // My own group messages: who has received and read them.
    const qint64 msgId = m_index.data(MessageModel::MsgIdRole).toLongLong();
    if (!m_view->isGroupChat() || msgId <= 0 || !m_index.data(MessageModel::OutgoingRole).toBool())
        return;
    startSection();
    ChatView *view = m_view;
    const QString text = m_index.data(MessageModel::IsFileRole).toBool()
                             ? m_index.data(MessageModel::FileNameRole).toString()
                             : m_index.data(MessageModel::TextRole).toString();
    addItem(QStringLiteral("infoAction"), tr("Info"),
            [view, msgId, text] { emit view->messageInfoRequested(msgId, text); });
}

void MessageMenu::addRemoveItems()
{
    // Still on its way to the server: it has nothing to delete yet.
    if (m_index.data(MessageModel::MsgIdRole).toLongLong() <= 0)
        return;
    startSection();
    addChangeItems();
    ChatView *view = m_view;
    const qint64 localId = m_index.data(MessageModel::LocalIdRole).toLongLong();
    addItem(QStringLiteral("deleteForMeAction"), tr("Delete for me…"),
            [view, localId] { emit view->deleteForMeRequested(localId); });
}

} // namespace Palomar::Desktop
