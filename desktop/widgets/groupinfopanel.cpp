#include "groupinfopanel.h"

#include "confirmdialog.h"
#include "models/people.h"
#include "renamegroupdialog.h"
#include "theme.h"
#include "util/avatar.h"

#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {

class GroupAvatar : public QWidget
{
public:
    explicit GroupAvatar(int size, QWidget *parent) : QWidget(parent) { setFixedSize(size, size); }
    void setName(const QString &name)
    {
        m_name = name;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        Avatar::paintGroup(&painter, QRectF(rect()), m_name);
    }

private:
    QString m_name;
};

class PersonAvatar : public QWidget
{
public:
    PersonAvatar(const QString &name, const QString &label, const QImage &picture, int size,
                 QWidget *parent)
        : QWidget(parent), m_name(name), m_label(label), m_picture(picture)
    {
        setFixedSize(size, size);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        Avatar::paintPerson(&painter, QRectF(rect()), m_name, m_picture, m_label);
    }

private:
    QString m_name;
    QString m_label;
    QImage m_picture;
};

QLabel *secondaryLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    Theme::bindPalette(label, QPalette::WindowText, Theme::Color::TextSecondary);
    return label;
}

} // namespace

GroupInfoPanel::GroupInfoPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("groupInfoPanel"));
    setAttribute(Qt::WA_StyledBackground);
    Theme::bindStyleSheet(
        this,
        QStringLiteral(
            "#groupInfoPanel { background: {surface}; border-left: 1px solid {divider}; }"
            "#groupInfoPanel QListWidget { border: none; background: {surface}; }"
            "#groupInfoHeader { border-bottom: 1px solid {divider}; }"
            "QLabel#adminBadge { color: {badge}; border: 1px solid {badge}; border-radius: 8px;"
            " padding: 0px 6px; font-size: 8pt; }"
            "QPushButton#leaveGroup { color: {danger}; border: none; text-align: left;"
            " padding: 10px 16px; font-weight: 600; background: transparent; }"
            "QPushButton#leaveGroup:hover { background: {dangerBackground}; }"
            "QPushButton#addMember { color: {accent}; border: none; text-align: left;"
            " padding: 8px 16px; font-weight: 600; background: transparent; }"
            "QPushButton#addMember:hover { background: {surfaceHover}; }"
            "QPushButton#addMember:disabled { color: {textSecondary}; }"));
    setFixedWidth(300);

    auto *title = new QLabel(tr("Group info"), this);
    QFont titleFont = title->font();
    titleFont.setWeight(QFont::DemiBold);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    title->setFont(titleFont);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("\u2715"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close"));
    close->setAccessibleName(QStringLiteral("closeGroupInfo"));
    connect(close, &QToolButton::clicked, this, &GroupInfoPanel::closeRequested);
    // As tall as the chat header beside it, with the same line under it.
    auto *topBar = new QWidget(this);
    topBar->setObjectName(QStringLiteral("groupInfoHeader"));
    topBar->setAttribute(Qt::WA_StyledBackground);
    topBar->setFixedHeight(60);
    auto *top = new QHBoxLayout(topBar);
    top->setContentsMargins(16, 0, 10, 0);
    top->addWidget(title, 1);
    top->addWidget(close);

    auto *avatar = new GroupAvatar(88, this);
    m_avatar = avatar;
    m_name = new QLabel(this);
    m_name->setAlignment(Qt::AlignCenter);
    m_name->setWordWrap(true);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    nameFont.setWeight(QFont::DemiBold);
    m_name->setFont(nameFont);
    m_subtitle = secondaryLabel(QString(), this);
    m_subtitle->setAlignment(Qt::AlignCenter);
    m_rename = new QToolButton(this);
    m_rename->setText(tr("Rename"));
    m_rename->setAccessibleName(QStringLiteral("renameGroup"));
    m_rename->setAutoRaise(true);
    m_rename->setCursor(Qt::PointingHandCursor);
    Theme::bindStyleSheet(m_rename, QStringLiteral("color: {accent};"));
    connect(m_rename, &QToolButton::clicked, this, &GroupInfoPanel::askNewName);

    auto *membersTitle = secondaryLabel(tr("Members"), this);
    QFont sectionFont = membersTitle->font();
    sectionFont.setWeight(QFont::DemiBold);
    membersTitle->setFont(sectionFont);
    membersTitle->setContentsMargins(16, 12, 16, 2);
    m_add = new QPushButton(tr("+  Add member"), this);
    m_add->setObjectName(QStringLiteral("addMember"));
    m_add->setAccessibleName(QStringLiteral("addMember"));
    m_add->setCursor(Qt::PointingHandCursor);
    connect(m_add, &QPushButton::clicked, this, &GroupInfoPanel::chooseFriendToAdd);
    // Said under the disabled button rather than in a tooltip nobody finds.
    m_addHint = secondaryLabel(tr("All your friends are already in this group."), this);
    m_addHint->setAccessibleName(QStringLiteral("addMemberHint"));
    m_addHint->setWordWrap(true);
    m_addHint->setContentsMargins(16, 0, 16, 6);
    m_addHint->hide();
    m_members = new QListWidget(this);
    m_members->setAccessibleName(QStringLiteral("memberList"));
    m_members->setSelectionMode(QAbstractItemView::NoSelection);
    m_members->setFocusPolicy(Qt::NoFocus);
    m_notMember = secondaryLabel(tr("You are no longer a member of this group."), this);
    m_notMember->setWordWrap(true);
    m_notMember->setContentsMargins(16, 8, 16, 8);
    m_notMember->hide();
    m_leave = new QPushButton(tr("Leave group"), this);
    m_leave->setObjectName(QStringLiteral("leaveGroup"));
    m_leave->setAccessibleName(QStringLiteral("leaveGroup"));
    m_leave->setCursor(Qt::PointingHandCursor);
    connect(m_leave, &QPushButton::clicked, this, &GroupInfoPanel::leaveRequested);

    auto *layout = new QVBoxLayout(this);
    // The left margin keeps the children off the divider (the border), so
    // it runs the panel's full height.
    layout->setContentsMargins(1, 0, 0, 8);
    layout->setSpacing(0);
    layout->addWidget(topBar);
    layout->addSpacing(16);
    layout->addWidget(avatar, 0, Qt::AlignHCenter);
    layout->addSpacing(10);
    layout->addWidget(m_name);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_rename, 0, Qt::AlignHCenter);
    layout->addSpacing(6);
    layout->addWidget(membersTitle);
    layout->addWidget(m_add);
    layout->addWidget(m_addHint);
    layout->addWidget(m_members, 1);
    layout->addWidget(m_notMember);
    layout->addWidget(m_leave);
}

void GroupInfoPanel::setInfo(const Client::GroupInfo &info, const QString &me,
                             const QStringList &friends)
{
    m_info = info;
    m_admin = info.isAdmin(me);
    static_cast<GroupAvatar *>(m_avatar)->setName(info.name);
    m_name->setText(info.name);
    m_subtitle->setText(tr("Group · %n member(s)", nullptr, int(info.members.size())));
    m_candidates.clear();
    for (const QString &user : friends) {
        if (!info.members.contains(user, Qt::CaseInsensitive))
            m_candidates.append(user);
    }
    // Only the admin may change the group: the rest do not even see the controls.
    m_rename->setVisible(m_admin);
    m_rename->setEnabled(m_admin);
    m_add->setVisible(m_admin);
    m_add->setEnabled(m_admin && !m_candidates.isEmpty());
    m_addHint->setVisible(m_admin && m_candidates.isEmpty());
    m_me = me;
    fillMembers();
    m_members->show();
    m_notMember->hide();
    m_leave->setEnabled(true);
    m_leave->show();
}

void GroupInfoPanel::setPeople(People *people)
{
    m_people = people;
    connect(people, &People::changed, this, [this](const QString &user) {
        if (m_members->isVisible() && m_info.members.contains(user, Qt::CaseInsensitive))
            fillMembers();
    });
}

void GroupInfoPanel::fillMembers()
{
    m_members->clear();
    for (const QString &user : std::as_const(m_info.members)) {
        const bool isMe = user.compare(m_me, Qt::CaseInsensitive) == 0;
        addMemberRow(user, m_info.isAdmin(user), isMe, m_admin && !isMe);
    }
}

void GroupInfoPanel::setNotMember(qint64 group, const QString &name)
{
    m_info = Client::GroupInfo{};
    m_info.group = group;
    m_info.name = name;
    m_admin = false;
    static_cast<GroupAvatar *>(m_avatar)->setName(name);
    m_name->setText(name);
    m_subtitle->setText(tr("Group"));
    m_rename->setEnabled(false);
    m_rename->hide();
    m_add->setEnabled(false);
    m_add->hide();
    m_addHint->hide();
    m_members->clear();
    m_members->hide();
    m_notMember->show();
    m_leave->setEnabled(false);
    m_leave->hide();
}

void GroupInfoPanel::addMemberRow(const QString &user, bool isAdmin, bool isMe, bool canRemove)
{
    auto *row = new QWidget(m_members);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(16, 6, 12, 6);
    layout->setSpacing(10);
    // A display name stands first, the username under it.
    const QString shown = m_people && m_people->hasDisplayName(user)
                              ? m_people->displayName(user)
                              : m_info.displayNames.value(user, user);
    const QImage picture = m_people ? m_people->picture(user) : QImage();
    layout->addWidget(new PersonAvatar(user, shown, picture, 34, row));
    auto *names = new QVBoxLayout;
    names->setSpacing(0);
    auto *name = new QLabel(isMe ? tr("%1 (you)").arg(shown) : shown, row);
    name->setAccessibleName(QStringLiteral("member:%1").arg(user));
    names->addWidget(name);
    if (shown != user) {
        auto *username = new QLabel(user, row);
        Theme::bindPalette(username, QPalette::WindowText, Theme::Color::TextSecondary);
        names->addWidget(username);
    }
    layout->addLayout(names, 1);
    if (isAdmin) {
        auto *badge = new QLabel(tr("admin"), row);
        badge->setObjectName(QStringLiteral("adminBadge"));
        badge->setAccessibleName(QStringLiteral("admin:%1").arg(user));
        badge->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        layout->addWidget(badge, 0, Qt::AlignVCenter);
    }
    if (canRemove) {
        // A labelled button, and the same action in the row's context menu.
        auto *remove = DialogButtons::make(tr("Remove"), DialogButtons::Kind::Secondary, row);
        remove->setAccessibleName(QStringLiteral("remove:%1").arg(user));
        remove->setToolTip(tr("Remove %1 from the group").arg(user));
        remove->setCursor(Qt::PointingHandCursor);
        connect(remove, &QPushButton::clicked, this, [this, user] { confirmRemove(user); });
        layout->addWidget(remove);
        row->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(row, &QWidget::customContextMenuRequested, this, [this, row, user](QPoint at) {
            QMenu menu(this);
            menu.addAction(tr("Remove from group"), this, [this, user] { confirmRemove(user); });
            menu.exec(row->mapToGlobal(at));
        });
    }
    auto *item = new QListWidgetItem(m_members);
    item->setSizeHint(QSize(0, 46));
    item->setData(Qt::UserRole, user);
    m_members->setItemWidget(item, row);
}

void GroupInfoPanel::chooseFriendToAdd()
{
    if (!m_admin || m_candidates.isEmpty())
        return;
    QMenu menu(this);
    for (const QString &user : std::as_const(m_candidates))
        menu.addAction(user, this, [this, user] { emit addRequested(user); });
    menu.exec(m_add->mapToGlobal(QPoint(16, m_add->height())));
}

ConfirmDialog *GroupInfoPanel::confirmRemove(const QString &user)
{
    if (!m_admin)
        return nullptr;
    auto *dialog =
        new ConfirmDialog(tr("Remove member"),
                          tr("Remove %1 from “%2”? They will no longer get the group's messages.")
                              .arg(user, m_info.name),
                          tr("Remove from group"), DialogButtons::Kind::Danger, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("confirmRemoveMember"));
    connect(dialog, &QDialog::accepted, this, [this, user] { emit removeRequested(user); });
    dialog->open();
    return dialog;
}

void GroupInfoPanel::askNewName()
{
    if (!m_admin)
        return;
    auto *dialog = new RenameGroupDialog(m_info.name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("renameGroupDialog"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->newName() != m_info.name)
            emit renameRequested(dialog->newName());
    });
    dialog->open();
}

} // namespace Palomar::Desktop
