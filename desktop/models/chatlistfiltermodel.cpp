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

bool ChatListFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_search.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(ChatListModel::TitleRole)
               .toString()
               .contains(m_search, Qt::CaseInsensitive) ||
           index.data(ChatListModel::PreviewRole)
               .toString()
               .contains(m_search, Qt::CaseInsensitive);
}

bool ChatListFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const qint64 a = left.data(ChatListModel::LastActivityRole).toLongLong();
    const qint64 b = right.data(ChatListModel::LastActivityRole).toLongLong();
    if (a != b)
        return a < b;
    // Sorted descending: reverse the name order so ties read A to Z.
    return left.data(ChatListModel::TitleRole)
               .toString()
               .compare(right.data(ChatListModel::TitleRole).toString(), Qt::CaseInsensitive) > 0;
}

} // namespace Palomar::Desktop
