#include "forwarddialog.h"

#include "confirmdialog.h"
#include "models/chatlistmodel.h"
#include "wholerowcheckdelegate.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
constexpr int kKeyRole = Qt::UserRole + 1;
}

ForwardDialog::ForwardDialog(const QAbstractItemModel *chats, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("forwardDialog"));
    setWindowTitle(tr("Forward"));
    setMinimumSize(360, 420);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("formField"));
    m_search->setAccessibleName(QStringLiteral("forwardSearch"));
    m_search->setPlaceholderText(tr("Search chats"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(QStringLiteral("forwardChats"));
    m_list->setSpacing(4);
    for (int row = 0; row < chats->rowCount(); ++row) {
        const QModelIndex index = chats->index(row, 0);
        const bool group = index.data(ChatListModel::GroupRole).toLongLong() != 0;
        if ((group && !index.data(ChatListModel::MemberRole).toBool()) ||
            index.data(ChatListModel::HiddenRole).toBool())
            continue;
        auto *item = new QListWidgetItem(index.data(ChatListModel::TitleRole).toString(), m_list);
        item->setData(kKeyRole, index.data(ChatListModel::PeerRole).toString());
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    // A click anywhere on the row ticks it, not only on the box.
    m_list->setItemDelegate(new WholeRowCheckDelegate(m_list));
    connect(m_list, &QListWidget::itemChanged, this, &ForwardDialog::updateButton);
    connect(m_search, &QLineEdit::textChanged, this, &ForwardDialog::applyFilter);

    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_forward = DialogButtons::make(tr("Forward"), DialogButtons::Kind::Primary, this);
    m_forward->setDefault(true);
    m_forward->setEnabled(false);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_forward, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(DialogButtons::title(tr("Forward to…"), this));
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(DialogButtons::row({cancel, m_forward}));
    m_search->setFocus();
}

QStringList ForwardDialog::chosenChats() const
{
    QStringList keys;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            keys.append(m_list->item(row)->data(kKeyRole).toString());
    }
    return keys;
}

bool ForwardDialog::setChosen(const QString &key, bool chosen)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(kKeyRole).toString().compare(key, Qt::CaseInsensitive) == 0) {
            item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

void ForwardDialog::applyFilter()
{
    const QString term = m_search->text().trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        // Ticked chats stay in sight, so nothing chosen is hidden away.
        item->setHidden(!term.isEmpty() && item->checkState() != Qt::Checked &&
                        !item->text().contains(term, Qt::CaseInsensitive));
    }
}

void ForwardDialog::updateButton()
{
    m_forward->setEnabled(!chosenChats().isEmpty());
}

} // namespace Palomar::Desktop
