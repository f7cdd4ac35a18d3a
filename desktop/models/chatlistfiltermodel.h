#pragma once

#include <QSortFilterProxyModel>

namespace Palomar::Desktop {

// The chat list as shown: most recent activity first (then by name), and
// only the chats whose name or last message contains the search text.
class ChatListFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ChatListFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
};

} // namespace Palomar::Desktop
