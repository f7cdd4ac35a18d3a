#include "newgroupdialog.h"

#include "confirmdialog.h"
#include "wholerowcheckdelegate.h"

#include "app/appcontroller.h"
#include "protocol/limits.h"
#include "util/avatar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
QIcon avatarIcon(const QString &name)
{
    QPixmap pixmap(QSize(56, 56));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    Avatar::paint(&painter, QRectF(0, 0, 56, 56), name);
    painter.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}

} // namespace

NewGroupDialog::NewGroupDialog(AppController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller)
{
    setWindowTitle(tr("New group"));
    setMinimumSize(380, 460);
    auto *title = new QLabel(tr("New group"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("formField"));
    m_name->setAccessibleName(QStringLiteral("groupName"));
    m_name->setPlaceholderText(tr("Group name"));
    m_name->setMaxLength(Protocol::kMaxGroupNameLength);

    auto *pick = new QLabel(tr("Add friends"), this);
    QFont pickFont = pick->font();
    pickFont.setWeight(QFont::DemiBold);
    pick->setFont(pickFont);
    m_count = new QLabel(this);
    m_members = new QListWidget(this);
    m_members->setAccessibleName(QStringLiteral("groupMembers"));
    m_members->setIconSize(QSize(28, 28));
    m_members->setSpacing(1);
    const QStringList friends = controller->friendNames();
    for (const QString &user : friends) {
        auto *item = new QListWidgetItem(avatarIcon(user), user, m_members);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    if (friends.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No friends yet: add some first."), m_members);
        item->setFlags(Qt::NoItemFlags);
    }
    m_members->setItemDelegate(new WholeRowCheckDelegate(m_members));
    connect(m_members, &QListWidget::itemChanged, this, &NewGroupDialog::refreshButton);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_create = DialogButtons::make(tr("Create"), DialogButtons::Kind::Primary, this);
    m_create->setAccessibleName(QStringLiteral("createGroup"));
    m_create->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &NewGroupDialog::submit);
    connect(m_name, &QLineEdit::textChanged, this, &NewGroupDialog::refreshButton);
    connect(controller, &AppController::groupCreated, this, [this](qint64 group) {
        if (!m_waiting)
            return;
        m_waiting = false;
        m_created = group;
        accept();
    });
    connect(controller, &AppController::groupActionFailed, this,
            [this](const QString &error, const QString &) {
                if (!m_waiting)
                    return;
                m_waiting = false;
                m_error->setText(describeError(error));
                m_error->show();
                refreshButton();
            });

    auto *pickRow = new QHBoxLayout;
    pickRow->addWidget(pick, 1);
    pickRow->addWidget(m_count);
    QHBoxLayout *buttons = DialogButtons::row({cancel, m_create});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(m_name);
    layout->addSpacing(4);
    layout->addLayout(pickRow);
    layout->addWidget(m_members, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    refreshButton();
}

QStringList NewGroupDialog::checkedMembers() const
{
    QStringList users;
    for (int row = 0; row < m_members->count(); ++row) {
        const QListWidgetItem *item = m_members->item(row);
        if (item->checkState() == Qt::Checked)
            users.append(item->text());
    }
    return users;
}

void NewGroupDialog::refreshButton()
{
    const int count = int(checkedMembers().size());
    m_count->setText(count > 0 ? tr("%n selected", nullptr, count) : QString());
    // A group needs a name and someone in it besides me.
    m_create->setEnabled(!m_waiting && !m_name->text().trimmed().isEmpty() && count > 0);
    m_create->setText(m_waiting ? tr("Creating…") : tr("Create"));
}

QString NewGroupDialog::describeError(const QString &error)
{
    if (error == QLatin1String("not_friends"))
        return tr("You can only add your friends.");
    if (error == QLatin1String("no_such_user"))
        return tr("One of them no longer has an account.");
    if (error == QLatin1String("bad_request"))
        return tr("Group names have 1 to 64 characters.");
    if (error.startsWith(QLatin1String("conn")) || error == QLatin1String("not_connected") ||
        error == QLatin1String("timeout") || error == QLatin1String("auth_required"))
        return tr("You are offline. Try again once Palomar has reconnected.");
    return tr("The group could not be created (%1).").arg(error);
}

void NewGroupDialog::submit()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty() || checkedMembers().isEmpty() || m_waiting)
        return;
    m_error->hide();
    m_waiting = true;
    refreshButton();
    m_controller->createGroup(name, checkedMembers());
}

} // namespace Palomar::Desktop
