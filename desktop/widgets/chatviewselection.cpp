// ChatView's selectable text, links and message menu: a drag over a
// message's text selects part of it, hit-tested on the delegate's own
// QTextLayout and painted by the delegate (no widget is laid over the
// bubbles, so scrolling and painting cost what they did); Ctrl+C copies it; a
// click on a web address opens it; the context menu (mouse, Menu key,
// Shift+F10) is a MessageMenu.
#include "chatview.h"

#include "delegates/messagedelegate.h"
#include "delegates/messagelinks.h"
#include "messagemenu.h"
#include "models/messagemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTextBoundaryFinder>

#include <memory>

namespace Palomar::Desktop {

QStyleOptionViewItem ChatView::itemOption(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

int ChatView::textPositionAt(const QModelIndex &index, const QPoint &point, bool clamp) const
{
    if (!index.isValid())
        return -1;
    return m_delegate->textPositionAt(itemOption(index), index, point, clamp);
}

QUrl ChatView::linkAt(const QPoint &point) const
{
    const QModelIndex index = indexAt(point);
    if (!index.isValid())
        return {};
    const int position = m_delegate->textPositionAt(itemOption(index), index, point, false,
                                                    QTextLine::CursorOnCharacter);
    if (position < 0)
        return {};
    const QList<MessageLinks::Link> links =
        MessageLinks::find(index.data(MessageModel::TextRole).toString());
    const MessageLinks::Link *link = MessageLinks::at(links, position);
    return link ? link->url : QUrl();
}

void ChatView::selectText(qint64 localId, int start, int end)
{
    m_selectionId = localId;
    m_selectionAnchor = start;
    m_selectionCursor = end;
    showSelection();
}

void ChatView::clearTextSelection()
{
    if (m_selectionId == 0)
        return;
    m_selectionId = 0;
    m_selectionAnchor = m_selectionCursor = 0;
    showSelection();
}

QString ChatView::selectedText(qint64 localId) const
{
    if (!m_model || m_selectionId == 0 || (localId != 0 && localId != m_selectionId))
        return {};
    const int row = m_model->rowOfLocalId(m_selectionId);
    if (row < 0)
        return {};
    const QString text = m_model->messageAt(row).text;
    const int start = qBound(0, qMin(m_selectionAnchor, m_selectionCursor), int(text.size()));
    const int end = qBound(0, qMax(m_selectionAnchor, m_selectionCursor), int(text.size()));
    return text.mid(start, end - start);
}

void ChatView::showSelection()
{
    m_delegate->setSelection(m_selectionId, m_selectionAnchor, m_selectionCursor);
    viewport()->update();
}

QMenu *ChatView::messageMenu(int row, const QPoint &point)
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    // A group system line is nobody's message: nothing to copy, reply to or delete.
    if (!index.isValid() || !index.data(MessageModel::SystemTextRole).toString().isEmpty())
        return nullptr;
    return new MessageMenu(this, index, point.isNull() ? QUrl() : linkAt(point));
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    QModelIndex index;
    QPoint at = event->pos();
    if (event->reason() == QContextMenuEvent::Keyboard) {
        // The Menu key or Shift+F10: the message the keyboard is on, else the newest in view.
        index = currentIndex();
        if (!index.isValid() || !viewport()->rect().intersects(visualRect(index)))
            index = indexAt(QPoint(viewport()->width() / 2, viewport()->height() - 2));
        if (!index.isValid())
            return;
        at = bubbleRect(index.row()).center();
        at.setY(qBound(0, at.y(), viewport()->height() - 1));
    } else {
        index = indexAt(at);
    }
    if (!index.isValid())
        return;
    setCurrentIndex(index);
    const std::unique_ptr<QMenu> menu(messageMenu(index.row(), at));
    if (menu)
        menu->exec(viewport()->mapToGlobal(at));
}

void ChatView::mousePressEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    const QModelIndex index = indexAt(point);
    m_delegate->setFocusRing(false);
    if (event->button() == Qt::LeftButton) {
        m_pressPoint = point;
        m_pressedLink.clear();
        const int position = textPositionAt(index, point, false);
        m_selecting = position >= 0;
        if (m_selecting) {
            const QUrl link = linkAt(point);
            m_pressedLink = link.toString();
            selectText(index.data(MessageModel::LocalIdRole).toLongLong(), position, position);
        } else {
            clearTextSelection();
        }
    }
    QListView::mousePressEvent(event);
    if (index.isValid())
        setCurrentIndex(index);
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    if (m_selecting && event->buttons().testFlag(Qt::LeftButton)) {
        if ((point - m_pressPoint).manhattanLength() >= QApplication::startDragDistance())
            m_pressedLink.clear(); // a drag, not a click on the link
        const int row = m_model ? m_model->rowOfLocalId(m_selectionId) : -1;
        const int position = textPositionAt(model()->index(row, 0), point, true);
        if (position >= 0 && position != m_selectionCursor) {
            m_selectionCursor = position;
            showSelection();
        }
        return; // no item-view drag behaviour underneath
    }
    const QModelIndex index = indexAt(point);
    if (!linkAt(point).isEmpty() ||
        (index.isValid() && m_delegate->isClickable(itemOption(index), index, point)))
        viewport()->setCursor(Qt::PointingHandCursor);
    else if (textPositionAt(index, point, false) >= 0)
        viewport()->setCursor(Qt::IBeamCursor);
    else
        viewport()->unsetCursor();
    QListView::mouseMoveEvent(event);
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    const bool wasSelecting = m_selecting && event->button() == Qt::LeftButton;
    m_selecting = false;
    QListView::mouseReleaseEvent(event);
    if (!wasSelecting)
        return;
    if (!m_pressedLink.isEmpty()) {
        const QUrl link(m_pressedLink);
        m_pressedLink.clear();
        clearTextSelection();
        QDesktopServices::openUrl(link);
        return;
    }
    if (m_selectionAnchor == m_selectionCursor)
        clearTextSelection(); // a click: nothing selected
    else if (QApplication::clipboard()->supportsSelection())
        QApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void ChatView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // A double click selects the word under the pointer.
    const QPoint point = event->position().toPoint();
    const QModelIndex index = indexAt(point);
    const int position = textPositionAt(index, point, false);
    if (event->button() != Qt::LeftButton || position < 0) {
        QListView::mouseDoubleClickEvent(event);
        return;
    }
    const QString text = index.data(MessageModel::TextRole).toString();
    QTextBoundaryFinder words(QTextBoundaryFinder::Word, text);
    words.setPosition(position);
    const int start =
        words.isAtBoundary() && words.boundaryReasons().testFlag(QTextBoundaryFinder::StartOfItem)
            ? position
            : int(words.toPreviousBoundary());
    words.setPosition(position);
    const int end = int(words.toNextBoundary());
    if (start >= 0 && end > start)
        selectText(index.data(MessageModel::LocalIdRole).toLongLong(), start, end);
    m_selecting = false;
}

void ChatView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy) && !selectedText().isEmpty()) {
        QApplication::clipboard()->setText(selectedText());
        return;
    }
    if (event->matches(QKeySequence::SelectAll) && currentIndex().isValid() &&
        !currentIndex().data(MessageModel::IsFileRole).toBool()) {
        selectText(currentIndex().data(MessageModel::LocalIdRole).toLongLong(), 0,
                   int(currentIndex().data(MessageModel::TextRole).toString().size()));
        return;
    }
    if (event->key() == Qt::Key_Escape && m_selectionId != 0) {
        clearTextSelection();
        return;
    }
    // Typing while the history has the focus goes to the compose box, as in
    // Telegram Desktop: a click to select text must not swallow what follows.
    const Qt::KeyboardModifiers commands = Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
    const QString typed = event->text();
    if (!(event->modifiers() & commands) && !typed.isEmpty() && typed.at(0).isPrint()) {
        emit typedText(typed);
        return;
    }
    // Up/Down, Page Up/Down, Home/End: the current message shows an outline.
    m_delegate->setFocusRing(true);
    viewport()->update();
    QListView::keyPressEvent(event);
}

} // namespace Palomar::Desktop
