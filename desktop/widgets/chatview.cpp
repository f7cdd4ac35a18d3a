#include "chatview.h"

#include "delegates/messagedelegate.h"
#include "models/messagemodel.h"
#include "theme.h"

#include <QIdentityProxyModel>
#include <QResizeEvent>
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

// Older history loads this close to the top (px), or one screen when that is more:
// before the reader gets there, so the scroll does not stop at the top.
constexpr int kFetchThreshold = 120;
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
    // A click gives it the keyboard: Ctrl+C, the Menu key, Up/Down.
    setFocusPolicy(Qt::ClickFocus);
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
    connect(m_delegate, &MessageDelegate::reactionToggled, this, &ChatView::reactionToggled);
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
    connect(proxy, &QAbstractItemModel::modelAboutToBeReset, this, &ChatView::clearTextSelection);
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
    if (value < fetchThreshold())
        QTimer::singleShot(0, this, &ChatView::fetchOlderIfNeeded);
}

int ChatView::fetchThreshold() const
{
    return std::max(kFetchThreshold, viewport()->height());
}

void ChatView::fetchOlderIfNeeded()
{
    if (!m_model || m_fetching || !m_model->canFetchMore({}))
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool filled = bar->maximum() > 0;
    if (filled && bar->value() >= fetchThreshold())
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
    // A top-to-bottom QListView lays its rows out again only when its height
    // changes; ours are as tall as their text wraps, so a new width (the
    // window, or the scroll bar coming or going) needs it too.
    if (event->size().width() != event->oldSize().width())
        scheduleDelayedItemsLayout();
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
    return m_delegate->bubbleRect(itemOption(index), index).toAlignedRect();
}

} // namespace Palomar::Desktop
