#pragma once

#include "client/types.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;

namespace Palomar::Desktop {

class ConfirmDialog;

// The side panel of a group chat: the group's avatar and name, its members
// (the admin with a badge), and what I may do. The admin-only actions (add
// a friend, remove a member, rename) are hidden and disabled for everyone
// else; "Leave group" is for every member. Removing a member (a labelled
// button or the row's context menu) asks first, naming them. It shows what it is given and
// reports what the user asked for.
class People;

class GroupInfoPanel : public QWidget
{
    Q_OBJECT
public:
    explicit GroupInfoPanel(QWidget *parent = nullptr);

    // Friends I could add (the admin's candidates) come with the info.
    void setInfo(const Client::GroupInfo &info, const QString &me, const QStringList &friends);
    // Removed, or left: members and actions go.
    void setNotMember(qint64 group, const QString &name);
    // Where members' display names and pictures come from; may be unset.
    void setPeople(People *people);
    qint64 group() const { return m_info.group; }
    bool isAdmin() const { return m_admin; }

    QToolButton *renameButton() const { return m_rename; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *leaveButton() const { return m_leave; }
    QListWidget *memberList() const { return m_members; }
    QLabel *addHint() const { return m_addHint; }
    // Asks whether to remove `user`; removeRequested() follows a yes.
    ConfirmDialog *confirmRemove(const QString &user);

signals:
    void addRequested(const QString &user);
    void removeRequested(const QString &user);
    void renameRequested(const QString &name);
    void leaveRequested();
    void closeRequested();

private:
    void fillMembers();
    void addMemberRow(const QString &user, bool isAdmin, bool isMe, bool canRemove);
    void chooseFriendToAdd();
    void askNewName();

    People *m_people = nullptr;
    QString m_me;
    Client::GroupInfo m_info;
    QStringList m_candidates;
    bool m_admin = false;
    QWidget *m_avatar;
    QLabel *m_name;
    QLabel *m_subtitle;
    QToolButton *m_rename;
    QPushButton *m_add;
    QLabel *m_addHint;
    QListWidget *m_members;
    QLabel *m_notMember;
    QPushButton *m_leave;
};

} // namespace Palomar::Desktop
