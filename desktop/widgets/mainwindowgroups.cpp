// The group half of MainWindow: the New group dialog, the group info panel
// and the message info dialog, wired to the controller.
#include "mainwindow.h"

#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "cache/localcache.h"
#include "chatpage.h"
#include "confirmdialog.h"
#include "groupinfopanel.h"
#include "messageinfodialog.h"
#include "models/chatlistmodel.h"
#include "models/people.h"
#include "newgroupdialog.h"

#include <QPushButton>

namespace Palomar::Desktop {

void MainWindow::connectGroups()
{
    connect(m_chatPage, &ChatPage::groupInfoShown, this, &MainWindow::refreshGroupInfo);
    connect(m_chatPage, &ChatPage::messageInfoRequested, this, &MainWindow::showMessageInfo);
    connect(m_controller, &AppController::groupChanged, this, [this](qint64 group) {
        if (group == currentGroup())
            refreshGroupInfo(group);
    });
    connect(m_controller, &AppController::groupMembershipChanged, this, [this](qint64 group, bool) {
        if (group == currentGroup())
            refreshGroupInfo(group);
    });
    connect(m_controller, &AppController::groupActionFailed, this,
            [this](const QString &error, const QString &message) {
                showNotice(tr("Group: %1").arg(message.isEmpty() ? error : message));
            });

    GroupInfoPanel *panel = m_chatPage->groupInfoPanel();
    panel->setPeople(m_controller->people());
    connect(panel, &GroupInfoPanel::addRequested, this,
            [this, panel](const QString &user) { m_controller->addToGroup(panel->group(), user); });
    connect(panel, &GroupInfoPanel::removeRequested, this, [this, panel](const QString &user) {
        m_controller->removeFromGroup(panel->group(), user);
    });
    connect(panel, &GroupInfoPanel::renameRequested, this, [this, panel](const QString &name) {
        m_controller->renameGroup(panel->group(), name);
    });
    connect(panel, &GroupInfoPanel::leaveRequested, this, [this, panel] {
        const qint64 group = panel->group();
        auto *dialog = new ConfirmDialog(
            tr("Leave group"),
            tr("Leave this group? You will keep its messages but get no new ones."),
            tr("Leave group"), DialogButtons::Kind::Danger, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("confirmLeaveGroup"));
        connect(dialog, &QDialog::accepted, this,
                [this, group] { m_controller->leaveGroup(group); });
        dialog->open();
    });
}

qint64 MainWindow::currentGroup() const
{
    return groupIdOfChat(m_controller->currentChat());
}

NewGroupDialog *MainWindow::showNewGroupDialog()
{
    auto *dialog = new NewGroupDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const qint64 group = dialog->createdGroup();
        if (group > 0)
            openChat(groupChatKey(group));
    });
    dialog->open();
    return dialog;
}

void MainWindow::refreshGroupInfo(qint64 group)
{
    if (group == 0)
        return;
    GroupInfoPanel *panel = m_chatPage->groupInfoPanel();
    const QString title = m_controller->chatList()
                              ->index(m_controller->chatList()->rowOf(groupChatKey(group)))
                              .data(ChatListModel::TitleRole)
                              .toString();
    if (!m_controller->isGroupMember(group)) {
        m_chatPage->setCanSend(false);
        m_chatPage->setSubtitle(tr("You are no longer a member"));
        panel->setNotMember(group, title);
        return;
    }
    m_chatPage->setCanSend(true);
    m_controller->fetchGroupInfo(
        group, this, [this, group](bool ok, const Client::GroupInfo &info) {
            if (!ok || group != currentGroup())
                return;
            QStringList names;
            for (const QString &member : info.members)
                names.append(member.compare(m_controller->user(), Qt::CaseInsensitive) == 0
                                 ? tr("you")
                                 : m_controller->people()->displayName(member));
            m_chatPage->setGroup(group, info.name);
            m_chatPage->setSubtitle(tr("%n member(s): %1", nullptr, int(info.members.size()))
                                        .arg(names.join(QStringLiteral(", "))));
            m_chatPage->groupInfoPanel()->setInfo(info, m_controller->user(),
                                                  m_controller->friendNames());
        });
}

void MainWindow::showMessageInfo(qint64 msgId, const QString &text)
{
    auto *dialog = new MessageInfoDialog(text, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPeople(m_controller->people());
    dialog->setObjectName(QStringLiteral("messageInfoDialog"));
    // Who reacted, below who received it (known here: the cache keeps reactions).
    const auto cached =
        m_controller->cache() ? m_controller->cache()->messageByMsgId(msgId) : std::nullopt;
    const auto reactions = cached ? cached->reactions : QMap<QString, QStringList>();
    m_controller->fetchMessageInfo(
        msgId, dialog,
        [dialog, reactions](bool ok, const Client::MessageInfo &info, const QString &error) {
            if (ok)
                dialog->setInfo(info);
            else
                dialog->setError(error);
            dialog->setReactions(reactions);
        });
    dialog->open();
}

} // namespace Palomar::Desktop
