#pragma once

#include <QSortFilterProxyModel>

namespace Palomar::Desktop {

// The chat list as shown: pinned chats first (in the order they were
// pinned), then most recent activity first (then by name), and only the
// chats whose name (the display name or the username; unless titlesOnly,
// also the last message) contains the search text. A chat deleted here with
// nothing new since is left out until it is searched for or revealed.
class ChatListFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ChatListFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    // The quick switcher matches names only.
    void setTitlesOnly(bool titlesOnly);
    // Shows `peer` even while it is hidden (it was opened another way).
    void reveal(const QString &peer);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
    QString m_revealed;
    bool m_titlesOnly = false;
};

} // namespace Palomar::Desktop
