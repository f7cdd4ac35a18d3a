#pragma once

#include <QFrame>

class QAbstractItemModel;
class QLineEdit;
class QListView;

namespace Palomar::Desktop {

class ChatListFilterModel;

// Ctrl+K: a small popup over the main window. Typing filters the chats by
// name; Up/Down choose, Enter opens (chosen()), Esc or a click elsewhere
// closes it.
class QuickSwitcher : public QFrame
{
    Q_OBJECT
public:
    // `chats` is the ChatListModel.
    explicit QuickSwitcher(QAbstractItemModel *chats, QWidget *parent);

    // Shows it near the top of `window`, empty and focused.
    void popUp(QWidget *window);
    QLineEdit *field() const { return m_field; }
    QListView *list() const { return m_list; }

signals:
    void chosen(const QString &peer);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choose();
    void moveBy(int step);

    ChatListFilterModel *m_filter;
    QLineEdit *m_field;
    QListView *m_list;
};

} // namespace Palomar::Desktop
