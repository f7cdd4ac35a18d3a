#pragma once

#include <QDialog>

class QAbstractItemModel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Palomar::Desktop {

// Forward: which chats get a copy. The chats of the list (groups I am still
// in, contacts) with a tick each, narrowed by a search box; Forward is
// enabled once one is ticked.
class ForwardDialog : public QDialog
{
    Q_OBJECT
public:
    // `chats`: a ChatListModel (or a proxy of one).
    explicit ForwardDialog(const QAbstractItemModel *chats, QWidget *parent = nullptr);

    // The ticked chats' keys, in the list's order.
    QStringList chosenChats() const;
    // Ticks (or unticks) the chat `key`; false when it is not listed.
    bool setChosen(const QString &key, bool chosen);
    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QPushButton *forwardButton() const { return m_forward; }

private:
    void applyFilter();
    void updateButton();

    QLineEdit *m_search;
    QListWidget *m_list;
    QPushButton *m_forward;
};

} // namespace Palomar::Desktop
