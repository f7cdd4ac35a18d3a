// The main window's keyboard: Ctrl+K (quick switcher), Ctrl+F (find in the
// chat), Esc, Alt+Up/Down and Ctrl+Tab (next/previous chat), Page Up/Down in
// the history while typing, and the shortcuts help (Ctrl+/, F1).
#include "mainwindow.h"

#include "app/appcontroller.h"
#include "chatpage.h"
#include "chatview.h"
#include "composeedit.h"
#include "findbar.h"
#include "models/chatlistfiltermodel.h"
#include "models/chatlistmodel.h"
#include "quickswitcher.h"
#include "shortcutsdialog.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>

namespace Palomar::Desktop {

namespace {

// Text fields may take some of the window's keys for themselves (with the
// X11 key scheme Ctrl+K is "delete to the end of the line"): this makes sure
// the window's shortcuts win in the search field, the compose box and the
// find bar.
class ShortcutKeeper : public QObject
{
public:
    ShortcutKeeper(QList<QKeySequence> keys, QObject *parent)
        : QObject(parent), m_keys(std::move(keys))
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if (m_keys.contains(QKeySequence(key->keyCombination()))) {
                event->ignore();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QList<QKeySequence> m_keys;
};

} // namespace

void MainWindow::setUpKeyboard()
{
    QList<QKeySequence> owned;
    const auto bind = [this, &owned](const QList<QKeySequence> &keys, auto slot) {
        auto *shortcut = new QShortcut(this);
        shortcut->setKeys(keys);
        connect(shortcut, &QShortcut::activated, this, slot);
        owned += keys;
    };
    bind(Shortcuts::quickSwitcher(), [this] { showQuickSwitcher(); });
    bind(Shortcuts::find(), [this] {
        if (m_stack->currentWidget() == m_chatPage && m_stack->isVisible())
            m_chatPage->findBar()->open();
    });
    bind(Shortcuts::close(), &MainWindow::escape);
    bind(Shortcuts::nextChat(), [this] { selectAdjacentChat(1, false); });
    bind(Shortcuts::previousChat(), [this] { selectAdjacentChat(-1, false); });
    bind(Shortcuts::nextChatCycling(), [this] { selectAdjacentChat(1, true); });
    bind(Shortcuts::previousChatCycling(), [this] { selectAdjacentChat(-1, true); });
    bind(Shortcuts::help(), [this] { showShortcuts(); });

    auto *keeper = new ShortcutKeeper(owned, this);
    m_search->installEventFilter(keeper);
    m_chatPage->composeEdit()->installEventFilter(keeper);
    m_chatPage->findBar()->field()->installEventFilter(keeper);
    // Page Up/Down while typing scroll the history, not the message.
    m_chatPage->composeEdit()->installEventFilter(this);
}

bool MainWindow::scrollHistoryByKey(QObject *watched, QEvent *event)
{
    // (The window's filter sees events before the chat page exists.)
    if (event->type() != QEvent::KeyPress || !m_chatPage || watched != m_chatPage->composeEdit())
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->modifiers() != Qt::NoModifier ||
        (key->key() != Qt::Key_PageUp && key->key() != Qt::Key_PageDown))
        return false;
    m_chatPage->view()->verticalScrollBar()->triggerAction(
        key->key() == Qt::Key_PageUp ? QAbstractSlider::SliderPageStepSub
                                     : QAbstractSlider::SliderPageStepAdd);
    return true;
}

void MainWindow::escape()
{
    if (m_chatPage->findBar()->isVisible()) {
        m_chatPage->findBar()->dismiss();
        m_chatPage->composeEdit()->setFocus();
    } else if (m_chatPage->cancelComposeAction()) {
        m_chatPage->composeEdit()->setFocus();
    } else if (!m_search->text().isEmpty()) {
        m_search->clear();
    } else if (m_narrow && m_stack->isVisible()) {
        showChatList();
    }
}

QuickSwitcher *MainWindow::showQuickSwitcher()
{
    if (!m_switcher) {
        m_switcher = new QuickSwitcher(m_controller->chatList(), this);
        connect(m_switcher, &QuickSwitcher::chosen, this, [this](const QString &peer) {
            activateWindow();
            if (openChat(peer))
                m_chatPage->composeEdit()->setFocus();
        });
    }
    m_switcher->popUp(this);
    return m_switcher;
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    auto *dialog = findChild<ShortcutsDialog *>();
    if (!dialog) {
        dialog = new ShortcutsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

bool MainWindow::selectAdjacentChat(int step, bool wrap)
{
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return false;
    const QModelIndex current = m_chatList->currentIndex();
    int row = current.isValid() ? current.row() + step : (step > 0 ? 0 : rows - 1);
    if (row < 0 || row >= rows) {
        if (!wrap)
            return false;
        row = (row + rows) % rows;
    }
    m_chatList->setCurrentIndex(m_filter->index(row, 0));
    m_chatList->scrollTo(m_chatList->currentIndex());
    return true;
}

} // namespace Palomar::Desktop
