#include "logoutdialog.h"
#include "confirmdialog.h"

#include "theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

LogoutDialog::LogoutDialog(const QString &user, const QString &server, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Log out"));
    setObjectName(QStringLiteral("logoutDialog"));
    auto *title = new QLabel(tr("Log out of %1?").arg(user), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    auto *text =
        new QLabel(tr("You will need your password to log in to %1 again.").arg(server), this);
    text->setWordWrap(true);
    m_removeData = new QCheckBox(tr("Also remove this account's data from this computer"), this);
    m_removeData->setAccessibleName(QStringLiteral("removeLocalData"));
    auto *note = new QLabel(tr("That is the messages, pictures and drafts kept here for it. Your "
                               "messages stay on the server; files you saved in your downloads "
                               "folder are not touched."),
                            this);
    note->setWordWrap(true);
    QPalette grey = note->palette();
    grey.setColor(QPalette::WindowText, Theme::textSecondary());
    note->setPalette(grey);

    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    auto *logOut = DialogButtons::make(tr("Log out"), DialogButtons::Kind::Primary, this);
    logOut->setAccessibleName(QStringLiteral("confirmLogout"));
    logOut->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(logOut, &QPushButton::clicked, this, &QDialog::accept);

    QHBoxLayout *buttons = DialogButtons::row({cancel, logOut});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addWidget(m_removeData);
    layout->addWidget(note);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    setMinimumWidth(420);
}

bool LogoutDialog::removeLocalData() const
{
    return m_removeData->isChecked();
}

} // namespace Palomar::Desktop
