#include "chatlistfiltermodel.h"

#include "chatlistmodel.h"

namespace Palomar::Desktop {

ChatListFilterModel::ChatListFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0, Qt::DescendingOrder);
}

void ChatListFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

void ChatListFilterModel::setTitlesOnly(bool titlesOnly)
{
    m_titlesOnly = titlesOnly;
    invalidateFilter();
}

void ChatListFilterModel::reveal(const QString &peer)
{
    if (peer.compare(m_revealed, Qt::CaseInsensitive) == 0)
        return;
    m_revealed = peer;
    invalidateFilter();
}

bool ChatListFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_search.isEmpty()) {
        return !index.data(ChatListModel::HiddenRole).toBool() ||
               index.data(ChatListModel::PeerRole)
                       .toString()
                       .compare(m_revealed, Qt::CaseInsensitive) == 0;
    }
    // A chat opened from a message found by the search shows too. A contact
    // is found by the name shown (a display name) and by the username.
    const auto has = [&index, this](int role) {
        return index.data(role).toString().contains(m_search, Qt::CaseInsensitive);
    };
    return index.data(ChatListModel::PeerRole)
                   .toString()
                   .compare(m_revealed, Qt::CaseInsensitive) == 0 ||
           has(ChatListModel::DisplayTitleRole) || has(ChatListModel::TitleRole) ||
           (!m_titlesOnly && has(ChatListModel::PreviewRole));
}

bool ChatListFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Sorted descending: a pinned chat is "greater" than any other, and an
    // earlier pin greater than a later one.
    const int pinA = left.data(ChatListModel::PinOrderRole).toInt();
    const int pinB = right.data(ChatListModel::PinOrderRole).toInt();
    if (pinA != pinB) {
        if (pinA == 0 || pinB == 0)
            return pinA == 0;
        return pinA > pinB;
    }
    const qint64 a = left.data(ChatListModel::LastActivityRole).toLongLong();
    const qint64 b = right.data(ChatListModel::LastActivityRole).toLongLong();
    if (a != b)
        return a < b;
    // Sorted descending: reverse the name order so ties read A to Z (as shown).
    return left.data(ChatListModel::DisplayTitleRole)
               .toString()
               .compare(right.data(ChatListModel::DisplayTitleRole).toString(),
                        Qt::CaseInsensitive) > 0;
}

} // namespace Palomar::Desktop
