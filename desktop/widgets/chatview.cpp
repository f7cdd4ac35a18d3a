#include "chatview.h"

#include "delegates/messagedelegate.h"
#include "models/messagemodel.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QIdentityProxyModel>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

#include <utility>

namespace Palomar::Desktop {

namespace {
// Passes everything through but hides canFetchMore() from QAbstractItemView,
// whose automatic fetch runs when the *last* row is visible.
class NoAutoFetchProxy : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override {}
};

constexpr int kFetchThreshold = 120; // px from the top
} // namespace

ChatView::ChatView(QWidget *parent) : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setObjectName(QStringLiteral("chatView"));
    setItemDelegate(m_delegate);
    setSelectionMode(QAbstractItemView::NoSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setFocusPolicy(Qt::NoFocus);
    setMouseTracking(true);
    verticalScrollBar()->setSingleStep(24);
    Theme::bindPalette(viewport(), QPalette::Base, Theme::Color::ChatBackground);
    viewport()->setAutoFillBackground(true);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ChatView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_stickToBottom)
            scrollToBottom();
    });
    connect(m_delegate, &MessageDelegate::retryRequested, this, &ChatView::retryRequested);
    connect(m_delegate, &MessageDelegate::fileOpenRequested, this, &ChatView::fileOpenRequested);
    connect(m_delegate, &MessageDelegate::transferCancelRequested, this,
            &ChatView::transferCancelRequested);
    connect(m_delegate, &MessageDelegate::fileRetryRequested, this, &ChatView::fileRetryRequested);
}

void ChatView::setMessageModel(MessageModel *model)
{
    m_model = model;
    auto *proxy = new NoAutoFetchProxy(this);
    proxy->setSourceModel(model);
    setModel(proxy);
    connect(proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int) {
                if (first == 0 && !m_fetching && !m_stickToBottom)
                    m_keepFromBottom =
                        verticalScrollBar()->maximum() - verticalScrollBar()->value();
            });
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &ChatView::onRowsInserted);
    // A thumbnail changes the height of its row: lay the rows out again.
    connect(proxy, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.contains(MessageModel::ThumbnailRole) || roles.isEmpty())
                    scheduleDelayedItemsLayout();
            });
    connect(proxy, &QAbstractItemModel::modelAboutToBeReset, this, &ChatView::rememberPlace);
    connect(proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_stickToBottom = true;
        m_restoring = true;
        ++m_openings;
        if (m_model->peer().isEmpty())
            m_places.clear(); // the account was closed
        QTimer::singleShot(0, this, [this] {
            restorePlace();
            fetchOlderIfNeeded();
        });
    });
}

bool ChatView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void ChatView::scrollToNewest()
{
    m_stickToBottom = true;
    scrollToBottom();
    emit scrolledToBottom();
}

void ChatView::rememberPlace()
{
    if (!m_model || m_model->peer().isEmpty() || m_restoring)
        return;
    Place place;
    const QModelIndex top = indexAt(QPoint(viewport()->width() / 2, 0));
    if (!isAtBottom() && top.isValid()) {
        place.topLocalId = top.data(MessageModel::LocalIdRole).toLongLong();
        place.above = -visualRect(top).top();
    }
    m_places.insert(m_model->peer().toLower(), place);
}

void ChatView::restorePlace()
{
    placeOpenedChat();
    m_restoring = false;
}

void ChatView::placeOpenedChat()
{
    if (!m_model)
        return;
    doItemsLayout();
    int row = m_model->unreadDividerRow();
    int below = std::min(48, viewport()->height() / 4);
    const Place place = m_places.value(m_model->peer().toLower());
    if (row < 0 && place.topLocalId > 0) {
        // Where the chat was left, from the cache's older pages if need be.
        row = m_model->rowOfLocalId(place.topLocalId);
        while (row < 0 && m_model->canFetchMore({})) {
            const int before = m_model->rowCount();
            m_model->fetchMore({});
            if (m_model->rowCount() == before)
                break; // only the server has more: not worth waiting for
            row = m_model->rowOfLocalId(place.topLocalId);
        }
        below = -place.above;
        doItemsLayout();
    }
    if (row < 0) {
        scrollToNewest();
        return;
    }
    placeRow(row, below);
}

void ChatView::placeRow(int row, int below)
{
    m_stickToBottom = false;
    QScrollBar *bar = verticalScrollBar();
    bar->setValue(bar->value() + visualRect(model()->index(row, 0)).top() - below);
    m_stickToBottom = isAtBottom();
    if (m_stickToBottom)
        emit scrolledToBottom();
}

void ChatView::onRowsInserted(const QModelIndex &, int first, int last)
{
    const int total = model()->rowCount();
    if (last == total - 1 && m_stickToBottom) {
        // New messages at the end: follow them once the rows are laid out.
        QTimer::singleShot(0, this, [this, opening = m_openings] {
            if (m_restoring || opening != m_openings)
                return;
            scrollToBottom();
            emit scrolledToBottom();
        });
    }
    if (first == 0 && m_keepFromBottom >= 0) {
        // Older history arrived above what is being read: stay on it.
        const int keep = std::exchange(m_keepFromBottom, -1);
        doItemsLayout();
        verticalScrollBar()->setValue(verticalScrollBar()->maximum() - keep);
    }
}

void ChatView::onScrolled(int value)
{
    if (m_restoring)
        return; // the chat is being opened: restorePlace() decides
    m_stickToBottom = isAtBottom();
    if (m_stickToBottom)
        emit scrolledToBottom();
    if (value < kFetchThreshold)
        QTimer::singleShot(0, this, &ChatView::fetchOlderIfNeeded);
}

void ChatView::fetchOlderIfNeeded()
{
    if (!m_model || m_fetching || !m_model->canFetchMore({}))
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool filled = bar->maximum() > 0;
    if (filled && bar->value() >= kFetchThreshold)
        return;
    m_fetching = true;
    const int fromBottom = bar->maximum() - bar->value();
    const int before = m_model->rowCount();
    m_model->fetchMore({});
    if (m_model->rowCount() != before) {
        // Lay the new rows out now and keep the same message under the eye.
        doItemsLayout();
        if (!m_stickToBottom)
            bar->setValue(bar->maximum() - fromBottom);
    }
    m_fetching = false;
    // Still short of a screenful (or still at the top): keep paging.
    if (m_model->rowCount() != before)
        QTimer::singleShot(0, this, &ChatView::fetchOlderIfNeeded);
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    // While a chat is being opened, restorePlace() decides (it runs later).
    const bool bottom = m_stickToBottom && !m_restoring;
    QListView::resizeEvent(event);
    if (bottom)
        QTimer::singleShot(0, this, [this, opening = m_openings] {
            if (opening == m_openings) // not meant for a chat opened since
                scrollToBottom();
        });
}

QRect ChatView::bubbleRect(int row) const
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    if (!index.isValid())
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return m_delegate->bubbleRect(option, index).toAlignedRect();
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    const bool overFile = index.isValid() && index.data(MessageModel::IsFileRole).toBool() &&
                          bubbleRect(index.row()).contains(event->position().toPoint());
    if (overFile)
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
    QListView::mouseMoveEvent(event);
}

void ChatView::addFileActions(QMenu *menu, const QModelIndex &index)
{
    const qint64 localId = index.data(MessageModel::LocalIdRole).toLongLong();
    const auto transfer =
        TransferProgress::State(index.data(MessageModel::TransferStateRole).toInt());
    const bool moving = transfer == TransferProgress::State::Running ||
                        transfer == TransferProgress::State::Waiting;
    const bool local = index.data(MessageModel::FileLocalRole).toBool();
    if (moving) {
        menu->addAction(tr("Cancel"), this,
                        [this, localId] { emit transferCancelRequested(localId); });
        return;
    }
    menu->addAction(local ? tr("Open") : tr("Download and open"), this,
                    [this, localId] { emit fileOpenRequested(localId); });
    // Nothing to save from my upload whose source is gone and has no id yet.
    const bool fetchable = index.data(MessageModel::MsgIdRole).toLongLong() > 0;
    QAction *save = menu->addAction(tr("Save as…"), this,
                                    [this, localId] { emit fileSaveAsRequested(localId); });
    save->setEnabled(local || fetchable);
    QAction *show = menu->addAction(tr("Show in folder"), this,
                                    [this, localId] { emit fileShowInFolderRequested(localId); });
    show->setEnabled(local);
}

void ChatView::addFailedActions(QMenu *menu, const QModelIndex &index)
{
    const bool file = index.data(MessageModel::IsFileRole).toBool();
    QString reason = index.data(MessageModel::FailureRole).toString();
    if (reason.isEmpty())
        reason = file ? index.data(MessageModel::TransferErrorRole).toString() : QString();
    if (reason.isEmpty())
        reason = tr("Not sent");
    QAction *why = menu->addAction(reason);
    why->setEnabled(false);
    menu->addSeparator();
    const QString clientId = index.data(MessageModel::ClientIdRole).toString();
    const qint64 localId = index.data(MessageModel::LocalIdRole).toLongLong();
    menu->addAction(tr("Retry"), this, [this, file, clientId, localId] {
        if (file)
            emit fileRetryRequested(localId);
        else
            emit retryRequested(clientId);
    });
    menu->addAction(tr("Delete"), this, [this, clientId] { emit deleteRequested(clientId); });
    const QString copied = file ? index.data(MessageModel::FileNameRole).toString()
                                : index.data(MessageModel::TextRole).toString();
    menu->addAction(tr("Copy"), this, [copied] { QApplication::clipboard()->setText(copied); });
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    QMenu menu(this);
    const QString text = index.data(MessageModel::TextRole).toString();
    const bool failed =
        DeliveryStatus(index.data(MessageModel::StatusRole).toInt()) == DeliveryStatus::Failed;
    if (failed && index.data(MessageModel::OutgoingRole).toBool())
        addFailedActions(&menu, index);
    else if (index.data(MessageModel::IsFileRole).toBool())
        addFileActions(&menu, index);
    else
        menu.addAction(tr("Copy text"), this, [text] { QApplication::clipboard()->setText(text); });
    // My own group messages: who has received and read them.
    const qint64 msgId = index.data(MessageModel::MsgIdRole).toLongLong();
    if (m_groupChat && msgId > 0 && index.data(MessageModel::OutgoingRole).toBool()) {
        menu.addAction(tr("Info"), this,
                       [this, msgId, text] { emit messageInfoRequested(msgId, text); });
    }
    menu.exec(event->globalPos());
}

} // namespace Palomar::Desktop
