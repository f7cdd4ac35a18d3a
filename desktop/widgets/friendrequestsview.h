#pragma once

#include <QWidget>

class QAbstractItemModel;
class QVBoxLayout;

namespace Palomar::Desktop {

// The "Friend requests" section above the chat list: one row per request
// of a FriendRequestModel, incoming ones with Accept / Decline buttons,
// outgoing ones marked as waiting. Rebuilt from the model when it changes
// (there are only ever a few); hidden when there are none.
class FriendRequestsView : public QWidget
{
    Q_OBJECT
public:
    explicit FriendRequestsView(QAbstractItemModel *model, QWidget *parent = nullptr);

signals:
    void acceptClicked(const QString &user);
    void declineClicked(const QString &user);

private:
    void rebuild();
    QWidget *makeRow(const QString &user, bool incoming);

    QAbstractItemModel *m_model;
    QVBoxLayout *m_rows;
};

} // namespace Palomar::Desktop
