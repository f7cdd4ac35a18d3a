// The chat list's context menu: mute, pin, mark as unread, delete here,
// unfriend; and the question before a message's Delete for me. The state
// lives in the cache (AppController); this only asks.
#include "mainwindow.h"

#include "app/appcontroller.h"
#include "chatpage.h"
#include "chatview.h"
#include "models/chatlistmodel.h"

#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>

namespace Palomar::Desktop {

namespace {

// A question with a button that names what happens; `onYes` runs when it is pressed.
void confirm(QWidget *parent, const QString &name, const QString &title, const QString &text,
             const QString &yes, const std::function<void()> &onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(name);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yesButton = box->addButton(yes, QMessageBox::DestructiveRole);
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    QObject::connect(box, &QMessageBox::buttonClicked, parent,
                     [yesButton, onYes](QAbstractButton *button) {
                         if (button == yesButton)
                             onYes();
                     });
    box->open();
}

} // namespace

void MainWindow::setUpChatMenu()
{
    m_chatList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_chatList, &QListView::customContextMenuRequested, this, &MainWindow::showChatMenuAt);
    connect(m_controller, &AppController::chatActionFailed, this,
            [this](const QString &, const QString &message) { showNotice(message); });
    // The message menu's Delete for me asks here first.
    connect(m_chatPage->view(), &ChatView::deleteForMeRequested, this,
            &MainWindow::confirmDeleteForMe);
}

QMenu *MainWindow::chatMenu(const QModelIndex &index)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("chatMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (!index.isValid())
        return menu;
    const QString peer = index.data(ChatListModel::PeerRole).toString();
    const QString title = index.data(ChatListModel::TitleRole).toString();
    const bool isGroup = index.data(ChatListModel::GroupRole).toLongLong() != 0;
    const bool muted = index.data(ChatListModel::MutedRole).toBool();
    const bool pinned = index.data(ChatListModel::PinOrderRole).toInt() > 0;

    QAction *pin =
        menu->addAction(pinned ? tr("Unpin") : tr("Pin to top"), this,
                        [this, peer, pinned] { m_controller->setChatPinned(peer, !pinned); });
    pin->setObjectName(QStringLiteral("pinAction"));
    QAction *mute = menu->addAction(muted ? tr("Unmute") : tr("Mute"), this, [this, peer, muted] {
        m_controller->setChatMuted(peer, !muted);
    });
    mute->setObjectName(QStringLiteral("muteAction"));
    const bool unread = index.data(ChatListModel::UnreadRole).toInt() > 0 ||
                        index.data(ChatListModel::MarkedUnreadRole).toBool();
    QAction *markUnread = menu->addAction(tr("Mark as unread"), this,
                                          [this, peer] { m_controller->markChatUnread(peer); });
    markUnread->setObjectName(QStringLiteral("markUnreadAction"));
    markUnread->setEnabled(!unread);
    menu->addSeparator();
    QAction *remove = menu->addAction(tr("Delete chat…"), this,
                                      [this, peer, title] { confirmDeleteChat(peer, title); });
    remove->setObjectName(QStringLiteral("deleteChatAction"));
    if (!isGroup) {
        QAction *unfriend =
            menu->addAction(tr("Unfriend…"), this, [this, peer] { confirmUnfriend(peer); });
        unfriend->setObjectName(QStringLiteral("unfriendAction"));
        if (m_controller->canBlock()) {
            QAction *block =
                menu->addAction(tr("Block…"), this, [this, peer] { confirmBlock(peer); });
            block->setObjectName(QStringLiteral("blockAction"));
        }
    }
    return menu;
}

void MainWindow::showChatMenuAt(const QPoint &position)
{
    const QModelIndex index = m_chatList->indexAt(position);
    if (!index.isValid())
        return;
    chatMenu(index)->popup(m_chatList->viewport()->mapToGlobal(position));
}

void MainWindow::confirmDeleteChat(const QString &peer, const QString &title)
{
    confirm(this, QStringLiteral("confirmDeleteChat"), tr("Delete chat"),
            tr("Delete the history of your chat with %1 from this computer? It stays on the "
               "server and with the others, and the chat comes back when someone writes in it.")
                .arg(title),
            tr("Delete"), [this, peer] {
                closeChatIfOpen(peer);
                m_controller->deleteChatHistory(peer);
            });
}

void MainWindow::confirmDeleteForMe(qint64 localId)
{
    confirm(this, QStringLiteral("confirmDeleteForMe"), tr("Delete for me"),
            tr("Delete this message from this computer? The others in the chat keep it."),
            tr("Delete"), [this, localId] { m_controller->deleteMessageForMe(localId); });
}

void MainWindow::confirmUnfriend(const QString &user)
{
    confirm(this, QStringLiteral("confirmUnfriend"), tr("Unfriend"),
            tr("Remove %1 from your friends? Neither of you will be able to write to the other "
               "until one sends a friend request again.")
                .arg(user),
            tr("Unfriend"), [this, user] {
                closeChatIfOpen(user);
                m_controller->unfriend(user);
            });
}

void MainWindow::confirmBlock(const QString &user)
{
    confirm(this, QStringLiteral("confirmBlock"), tr("Block"),
            tr("Block %1? They will no longer be your friend, their messages and friend "
               "requests will be refused, and they will not see when you are online. In groups "
               "you share, their new messages are hidden from you.")
                .arg(user),
            tr("Block"), [this, user] {
                closeChatIfOpen(user);
                m_controller->block(user);
            });
}

void MainWindow::closeChatIfOpen(const QString &peer)
{
    // Otherwise the list would open its neighbour when the row goes.
    if (m_chatList->currentIndex()
            .data(ChatListModel::PeerRole)
            .toString()
            .compare(peer, Qt::CaseInsensitive) != 0)
        return;
    m_chatList->selectionModel()->clear();
    m_stack->setCurrentWidget(m_emptyPage);
    updateNarrow();
}

} // namespace Palomar::Desktop
