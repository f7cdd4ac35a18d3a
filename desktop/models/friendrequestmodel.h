#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace Palomar::Desktop {

// Pending friend requests: incoming ones (waiting for my answer) first,
// then outgoing ones (waiting for theirs). Holds data only.
class FriendRequestModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Direction
    {
        Incoming,
        Outgoing,
    };
    enum Role
    {
        UserRole = Qt::UserRole + 1, // QString
        IncomingRole,                // bool
    };

    explicit FriendRequestModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    void setRequests(const QStringList &incoming, const QStringList &outgoing);
    void add(const QString &user, Direction direction);
    void remove(const QString &user);
    int incomingCount() const;

private:
    struct Entry
    {
        QString user;
        Direction direction;
    };
    QList<Entry> m_entries;
};

} // namespace Palomar::Desktop
