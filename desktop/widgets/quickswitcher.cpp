#include "quickswitcher.h"

#include "delegates/chatlistdelegate.h"
#include "models/chatlistfiltermodel.h"
#include "models/chatlistmodel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Palomar::Desktop {

QuickSwitcher::QuickSwitcher(QAbstractItemModel *chats, QWidget *parent)
    : QFrame(parent, Qt::Popup), m_filter(new ChatListFilterModel(this))
{
    setObjectName(QStringLiteral("quickSwitcher"));
    setFrameShape(QFrame::StyledPanel);
    m_filter->setSourceModel(chats);
    m_filter->setTitlesOnly(true);
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("switcherField"));
    m_field->setPlaceholderText(tr("Go to chat…"));
    m_field->installEventFilter(this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("switcherList"));
    m_list->setModel(m_filter);
    m_list->setItemDelegate(new ChatListDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_field);
    layout->addWidget(m_list, 1);
    resize(420, 380);

    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        m_list->setCurrentIndex(m_filter->index(0, 0));
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        m_list->setCurrentIndex(index);
        choose();
    });
}

void QuickSwitcher::popUp(QWidget *window)
{
    m_field->clear();
    m_filter->setSearchText(QString());
    m_list->setCurrentIndex(m_filter->index(0, 0));
    const int width = qMin(420, window->width() - 24);
    resize(width, qMin(380, window->height() - 40));
    move(window->mapToGlobal(QPoint((window->width() - width) / 2, 40)));
    show();
    activateWindow();
    m_field->setFocus(Qt::PopupFocusReason);
}

void QuickSwitcher::choose()
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return;
    const QString peer = index.data(ChatListModel::PeerRole).toString();
    hide();
    emit chosen(peer);
}

void QuickSwitcher::moveBy(int step)
{
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return;
    const int row = qBound(0, m_list->currentIndex().row() + step, rows - 1);
    m_list->setCurrentIndex(m_filter->index(row, 0));
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        switch (static_cast<QKeyEvent *>(event)->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        case Qt::Key_Up:
            moveBy(-1);
            return true;
        case Qt::Key_Down:
            moveBy(1);
            return true;
        case Qt::Key_PageUp:
            moveBy(-5);
            return true;
        case Qt::Key_PageDown:
            moveBy(5);
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace Palomar::Desktop
