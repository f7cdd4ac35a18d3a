#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Palomar::Desktop {

class AppController;

// "New group": a name and the friends to add, picked from a checkable
// list. Create asks the controller; the dialog closes once the server has
// made the group and shows the error otherwise.
class NewGroupDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewGroupDialog(AppController *controller, QWidget *parent = nullptr);

    QLineEdit *nameField() const { return m_name; }
    QListWidget *memberList() const { return m_members; }
    QPushButton *createButton() const { return m_create; }
    QStringList checkedMembers() const;
    qint64 createdGroup() const { return m_created; }

private:
    void submit();
    void refreshButton();
    static QString describeError(const QString &error);

    AppController *m_controller;
    QLineEdit *m_name;
    QListWidget *m_members;
    QLabel *m_count;
    QLabel *m_error;
    QPushButton *m_create;
    bool m_waiting = false;
    qint64 m_created = 0;
};

} // namespace Palomar::Desktop
