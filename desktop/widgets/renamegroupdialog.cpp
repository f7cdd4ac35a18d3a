#include "renamegroupdialog.h"

#include "confirmdialog.h"
#include "protocol/limits.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

RenameGroupDialog::RenameGroupDialog(const QString &current, QWidget *parent)
    : QDialog(parent), m_current(current)
{
    setWindowTitle(tr("Rename group"));
    setMinimumWidth(360);
    m_name = new QLineEdit(current, this);
    m_name->setObjectName(QStringLiteral("formField"));
    m_name->setAccessibleName(QStringLiteral("newGroupName"));
    m_name->setPlaceholderText(tr("Group name"));
    m_name->setMaxLength(Protocol::kMaxGroupNameLength);
    m_name->selectAll();
    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_save = DialogButtons::make(tr("Save"), DialogButtons::Kind::Primary, this);
    m_save->setDefault(true);
    m_save->setEnabled(false);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        const QString name = newName();
        m_save->setEnabled(!name.isEmpty() && name != m_current);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(DialogButtons::title(tr("Rename group"), this));
    layout->addWidget(m_name);
    layout->addSpacing(4);
    layout->addLayout(DialogButtons::row({cancel, m_save}));
}

QString RenameGroupDialog::newName() const
{
    return m_name->text().trimmed();
}

} // namespace Palomar::Desktop
