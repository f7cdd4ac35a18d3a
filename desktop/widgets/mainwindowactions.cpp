// MainWindow: the message menu's conversation actions (Reply, Edit, Delete
// for everyone, Forward) between the chat page and the controller; offered
// only for the features the server names. Delete for everyone asks first;
// Forward asks where to.
#include "mainwindow.h"

#include "app/appcontroller.h"
#include "chatpage.h"
#include "chatview.h"
#include "confirmdialog.h"
#include "delegates/messagedelegate.h"
#include "forwarddialog.h"
#include "models/chatlistmodel.h"
#include "protocol/features.h"

#include "client/clientsession.h"

#include <QPushButton>

namespace Palomar::Desktop {

void MainWindow::connectActions()
{
    ChatView *view = m_chatPage->view();
    const auto takeFeatures = [this, view] {
        QSet<QString> offered;
        for (const QString &feature : {Protocol::Feature::Reply, Protocol::Feature::Edit,
                                       Protocol::Feature::Delete, Protocol::Feature::Forward}) {
            if (m_controller->canUse(feature))
                offered.insert(feature);
        }
        view->setOfferedFeatures(offered);
    };
    connect(m_controller->session(), &Client::ClientSession::connected, this, takeFeatures);
    connect(m_controller, &AppController::accountOpened, this, takeFeatures);
    takeFeatures();

    connect(view, &ChatView::replyRequested, m_chatPage, &ChatPage::startReply);
    connect(view, &ChatView::editRequested, m_chatPage, &ChatPage::startEdit);
    connect(view, &ChatView::deleteForEveryoneRequested, this,
            &MainWindow::confirmDeleteForEveryone);
    connect(view, &ChatView::forwardRequested, this, &MainWindow::showForwardDialog);
    connect(view->messageDelegate(), &MessageDelegate::quoteClicked, m_chatPage,
            &ChatPage::revealMessage);
    connect(m_chatPage, &ChatPage::replySendRequested, m_controller, &AppController::sendReply);
    connect(m_chatPage, &ChatPage::editSaveRequested, m_controller, &AppController::editMessage);
    connect(m_controller, &AppController::messageActionFailed, m_chatPage, &ChatPage::showNotice);
}

void MainWindow::confirmDeleteForEveryone(qint64 localId)
{
    auto *dialog = new ConfirmDialog(
        tr("Delete for everyone"),
        tr("Delete this message for everyone in the chat? It is replaced by \"This message was "
           "deleted\" for all of you."),
        tr("Delete for everyone"), DialogButtons::Kind::Danger, this);
    dialog->setObjectName(QStringLiteral("confirmDeleteForEveryone"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, localId] { m_controller->deleteForEveryone(localId); });
    dialog->open();
}

ForwardDialog *MainWindow::showForwardDialog(qint64 localId)
{
    auto *dialog = new ForwardDialog(m_controller->chatList(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, localId] {
        m_controller->forwardMessage(localId, dialog->chosenChats());
    });
    dialog->open();
    return dialog;
}

} // namespace Palomar::Desktop
