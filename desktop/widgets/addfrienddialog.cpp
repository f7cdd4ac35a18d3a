#include "addfrienddialog.h"
#include "confirmdialog.h"

#include "app/appcontroller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

AddFriendDialog::AddFriendDialog(AppController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller)
{
    setWindowTitle(tr("Add a friend"));
    setMinimumWidth(380);
    auto *title = new QLabel(tr("Add a friend"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    auto *hint = new QLabel(tr("Enter their Palomar username. They will see your request "
                               "and can accept it."),
                            this);
    hint->setWordWrap(true);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("formField"));
    m_user->setPlaceholderText(tr("Username"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_send = DialogButtons::make(tr("Send request"), DialogButtons::Kind::Primary, this);
    m_send->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &AddFriendDialog::submit);
    connect(m_user, &QLineEdit::returnPressed, this, &AddFriendDialog::submit);
    connect(controller, &AppController::friendRequestFinished, this,
            [this](const QString &user, const QString &error, const QString &) {
                onFinished(user, error);
            });

    QHBoxLayout *buttons = DialogButtons::row({cancel, m_send});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addWidget(m_user);
    layout->addWidget(m_error);
    layout->addSpacing(4);
    layout->addLayout(buttons);
}

QString AddFriendDialog::describeError(const QString &error, const QString &user)
{
    if (error == QLatin1String("no_such_user"))
        return tr("There is no user called “%1”.").arg(user);
    if (error == QLatin1String("already_friends"))
        return tr("You and %1 are already friends.").arg(user);
    if (error == QLatin1String("request_pending"))
        return tr("You have already asked %1. Waiting for an answer.").arg(user);
    if (error == QLatin1String("bad_request") || error == QLatin1String("invalid_username"))
        return tr("That is not a valid username.");
    if (error.startsWith(QLatin1String("conn")) || error == QLatin1String("not_connected") ||
        error == QLatin1String("timeout") || error == QLatin1String("auth_required"))
        return tr("You are offline. Try again once Palomar has reconnected.");
    if (error == QLatin1String("rate_limited"))
        return tr("Too many requests. Wait a moment and try again.");
    return tr("The request could not be sent (%1).").arg(error);
}

void AddFriendDialog::submit()
{
    const QString user = m_user->text().trimmed();
    if (user.isEmpty()) {
        m_error->setText(tr("Enter a username."));
        m_error->show();
        return;
    }
    if (user.compare(m_controller->user(), Qt::CaseInsensitive) == 0) {
        m_error->setText(tr("That is you: you cannot add yourself as a friend."));
        m_error->show();
        return;
    }
    m_pending = user;
    m_send->setEnabled(false);
    m_send->setText(tr("Sending…"));
    m_controller->sendFriendRequest(user);
}

void AddFriendDialog::onFinished(const QString &user, const QString &error)
{
    if (user != m_pending)
        return;
    m_pending.clear();
    m_send->setEnabled(true);
    m_send->setText(tr("Send request"));
    if (error.isEmpty()) {
        accept();
        return;
    }
    m_error->setText(describeError(error, user));
    m_error->show();
}

} // namespace Palomar::Desktop
