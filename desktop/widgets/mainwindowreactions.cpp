// MainWindow: reactions and typing. A chosen reaction (menu, picker, chip)
// goes to the controller; the menu offers reactions when the server speaks
// them; typing in the compose box sends typing notices; and the chat header
// says who is typing in the open chat until it expires.
#include "mainwindow.h"

#include "app/appcontroller.h"
#include "app/typingtracker.h"
#include "cache/cachetypes.h"
#include "chatpage.h"
#include "chatview.h"
#include "client/clientsession.h"
#include "composeedit.h"
#include "models/messagemodel.h"

namespace Palomar::Desktop {

void MainWindow::connectReactions()
{
    ChatView *view = m_chatPage->view();
    connect(view, &ChatView::reactionToggled, m_controller, &AppController::toggleReaction);
    const auto takeFeatures = [this, view] { view->setReactionsEnabled(m_controller->canReact()); };
    connect(m_controller->session(), &Client::ClientSession::connected, this, takeFeatures);
    connect(m_controller, &AppController::accountOpened, this, takeFeatures);
    takeFeatures();

    ComposeEdit *compose = m_chatPage->composeEdit();
    connect(compose, &QPlainTextEdit::textChanged, this, [this, compose] {
        // The user's typing: m_draftPeer is empty while a chat's draft is put in.
        m_controller->userTyping(m_draftPeer, compose->toPlainText());
    });
    connect(m_controller->typing(), &TypingTracker::changed, this, [this](const QString &chat) {
        if (chat.compare(m_controller->currentChat(), Qt::CaseInsensitive) == 0)
            refreshTyping();
    });
    // Another chat opened (the view's model starts over).
    connect(m_controller->messages(), &QAbstractItemModel::modelReset, this,
            &MainWindow::refreshTyping);
}

void MainWindow::refreshTyping()
{
    m_chatPage->setTyping(m_controller->typingText(m_controller->currentChat()));
}

} // namespace Palomar::Desktop
