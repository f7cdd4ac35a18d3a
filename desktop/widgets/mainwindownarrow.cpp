// Narrow windows: below kNarrowWidth the window shows one pane at a time,
// the chat list or the open chat (with a back button in its header).
#include "mainwindow.h"

#include "chatpage.h"

#include <QListView>
#include <QResizeEvent>
#include <QStackedWidget>

namespace Palomar::Desktop {

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    updateNarrow();
}

void MainWindow::showChatList()
{
    m_narrowShowsList = true;
    updateNarrow();
    m_chatList->setFocus();
}

void MainWindow::updateNarrow()
{
    const bool narrow = width() < kNarrowWidth;
    if (m_stack->currentWidget() != m_chatPage)
        m_narrowShowsList = true; // no chat open: nothing else to show
    m_narrow = narrow;
    const bool chatAlone = m_narrow && !m_narrowShowsList;
    m_sidePane->setVisible(!chatAlone);
    m_stack->setVisible(!m_narrow || chatAlone);
    m_chatPage->setBackVisible(m_narrow);
}

} // namespace Palomar::Desktop
