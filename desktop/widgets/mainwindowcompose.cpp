// MainWindow: the compose box and the controller: drafts per chat (kept in
// the cache, so across restarts), the server's text limit, deleting a failed
// message, the preview before files go, and a pasted picture.
#include "mainwindow.h"

#include "app/appcontroller.h"
#include "chatpage.h"
#include "client/clientsession.h"
#include "composeedit.h"
#include "models/chatlistmodel.h"

#include <QTextCursor>

namespace Palomar::Desktop {

void MainWindow::connectCompose()
{
    ComposeEdit *compose = m_chatPage->composeEdit();
    // Every change is the draft of the chat it is typed in (the cache
    // batches the writes); sending clears it.
    // (While an edit borrows the box, the draft is what was there before.)
    connect(compose, &QPlainTextEdit::textChanged, this, [this, compose] {
        if (!m_chatPage->isEditing())
            m_controller->setDraft(m_draftPeer, compose->toPlainText());
    });
    // Another account, or none: the box starts empty and belongs to no chat.
    connect(m_controller->chatList(), &QAbstractItemModel::modelReset, this, [this, compose] {
        m_draftPeer.clear();
        compose->clear();
    });
    const auto takeLimit = [this] { m_chatPage->setMaxTextBytes(m_controller->maxTextBytes()); };
    connect(m_controller->session(), &Client::ClientSession::connected, this, takeLimit);
    connect(m_controller, &AppController::accountOpened, this, takeLimit);
    takeLimit();

    connect(m_chatPage, &ChatPage::deleteRequested, m_controller,
            &AppController::deleteUnsentMessage);
    connect(m_chatPage, &ChatPage::textAsFileRequested, m_controller,
            &AppController::sendTextAsFile);
    connect(m_chatPage, &ChatPage::filesPreviewAccepted, m_controller,
            &AppController::sendFilesWithCaption);
    connect(m_chatPage, &ChatPage::imagePasted, this, [this](const QImage &image) {
        const QString path = m_controller->savePastedImage(image);
        if (!path.isEmpty())
            m_chatPage->previewFiles({path});
    });
}

void MainWindow::swapDraft(const QString &peer)
{
    if (peer.compare(m_draftPeer, Qt::CaseInsensitive) == 0)
        return;
    ComposeEdit *compose = m_chatPage->composeEdit();
    // A reply or an edit belongs to the chat it began in.
    m_chatPage->cancelComposeAction();
    m_controller->setDraft(m_draftPeer, compose->toPlainText());
    // Nothing is written while the other chat's draft is put in the box.
    m_draftPeer.clear();
    compose->setPlainText(m_controller->draft(peer));
    compose->moveCursor(QTextCursor::End);
    m_draftPeer = peer;
}

} // namespace Palomar::Desktop
