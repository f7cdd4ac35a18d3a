#include "friendrequestmodel.h"

namespace Palomar::Desktop {

FriendRequestModel::FriendRequestModel(QObject *parent) : QAbstractListModel(parent) {}

int FriendRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant FriendRequestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case UserRole:
        return entry.user;
    case IncomingRole:
        return entry.direction == Direction::Incoming;
    default:
        return {};
    }
}

void FriendRequestModel::setRequests(const QStringList &incoming, const QStringList &outgoing)
{
    beginResetModel();
    m_entries.clear();
    for (const QString &user : incoming)
        m_entries.append({user, Direction::Incoming});
    for (const QString &user : outgoing)
        m_entries.append({user, Direction::Outgoing});
    endResetModel();
}

void FriendRequestModel::add(const QString &user, Direction direction)
{
    remove(user);
    // Incoming requests stay above outgoing ones.
    int row = int(m_entries.size());
    if (direction == Direction::Incoming)
        row = incomingCount();
    beginInsertRows({}, row, row);
    m_entries.insert(row, {user, direction});
    endInsertRows();
}

void FriendRequestModel::remove(const QString &user)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).user.compare(user, Qt::CaseInsensitive) == 0) {
            beginRemoveRows({}, row, row);
            m_entries.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

int FriendRequestModel::incomingCount() const
{
    int count = 0;
    for (const Entry &entry : m_entries)
        count += entry.direction == Direction::Incoming ? 1 : 0;
    return count;
}

} // namespace Palomar::Desktop
