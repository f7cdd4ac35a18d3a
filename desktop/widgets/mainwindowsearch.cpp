// Search: Ctrl+F's find bar searching the server, and the "Messages" section
// the chat list's search box fills from every chat.
#include "app/appcontroller.h"
#include "chatpage.h"
#include "findbar.h"
#include "mainwindow.h"
#include "models/chatlistfiltermodel.h"
#include "models/chatlistmodel.h"
#include "models/searchresultmodel.h"
#include "searchresultsview.h"

#include <QBoxLayout>
#include <QLineEdit>
#include <QListView>

namespace Palomar::Desktop {

void MainWindow::connectSearch()
{
    Client::ClientSession *session = m_controller->session();
    m_chatPage->findBar()->setSession(session);
    connect(m_chatPage->findBar(), &FindBar::revealRequested, m_chatPage, &ChatPage::revealMessage);

    auto *model = new SearchResultModel(session, m_controller->chatList(), this);
    m_searchResults = new SearchResultsView(model, m_sidePane);
    if (auto *layout = qobject_cast<QBoxLayout *>(m_sidePane->layout()))
        layout->addWidget(m_searchResults, 2);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        const bool server = m_controller->session()->hasFeature(QStringLiteral("search"));
        m_searchResults->setQuery(server ? text : QString());
        fitChatListToSearch();
    });
    connect(m_searchResults, &SearchResultsView::messageActivated, this, &MainWindow::openMessage);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &MainWindow::fitChatListToSearch);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::fitChatListToSearch);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::fitChatListToSearch);
}

// While messages are listed below, the chats found take only their rows.
void MainWindow::fitChatListToSearch()
{
    if (!m_searchResults->isVisible()) {
        m_chatList->setMaximumHeight(QWIDGETSIZE_MAX);
        return;
    }
    const int rows = m_filter->rowCount();
    const int row = rows > 0 ? m_chatList->sizeHintForRow(0) : 0;
    const int most = m_sidePane->height() / 2;
    m_chatList->setMaximumHeight(qMin(most, rows * row + 2 * m_chatList->frameWidth()));
}

bool MainWindow::openMessage(const QString &chat, qint64 msgId)
{
    if (!m_controller->chatList()->contains(chat))
        return false;
    if (!selectChat(chat)) {
        m_filter->reveal(chat); // shown beside what the search found
        if (!selectChat(chat))
            return false;
    }
    m_chatPage->revealMessage(msgId);
    return true;
}

} // namespace Palomar::Desktop
