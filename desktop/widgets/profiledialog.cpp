#include "profiledialog.h"

#include "app/appcontroller.h"
#include "confirmdialog.h"
#include "protocol/limits.h"
#include "theme.h"
#include "util/avatar.h"
#include "util/picturecompress.h"

#include "client/privacy.h"
#include "client/types.h"

#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {

// The round preview of my picture (or my initials).
class PicturePreview : public QWidget
{
public:
    PicturePreview(const QString &user, QWidget *parent) : QWidget(parent), m_user(user)
    {
        setFixedSize(96, 96);
        setAccessibleName(QStringLiteral("profilePicture"));
    }
    void setPicture(const QImage &picture)
    {
        m_picture = picture;
        update();
    }
    void setLabel(const QString &label)
    {
        m_label = label;
        update();
    }
    const QImage &picture() const { return m_picture; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        Avatar::paintPerson(&painter, QRectF(rect()), m_user, m_picture, m_label);
    }

private:
    QString m_user;
    QString m_label;
    QImage m_picture;
};

QLineEdit *passwordField(const QString &placeholder, const QString &name, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(QStringLiteral("formField"));
    field->setAccessibleName(name);
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(placeholder);
    field->setMaxLength(Protocol::kMaxPasswordLength);
    return field;
}

bool isConnectionProblem(const QString &error)
{
    return Client::isConnectionError(error) || error == QLatin1String("auth_required");
}

} // namespace

ProfileDialog::ProfileDialog(AppController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller)
{
    setWindowTitle(tr("Profile"));
    setMinimumWidth(400);
    auto *preview = new PicturePreview(controller->user(), this);
    m_preview = preview;
    m_choosePicture =
        DialogButtons::make(tr("Choose picture…"), DialogButtons::Kind::Secondary, this);
    m_choosePicture->setAccessibleName(QStringLiteral("choosePicture"));
    m_removePicture =
        DialogButtons::make(tr("Remove picture"), DialogButtons::Kind::Secondary, this);
    m_removePicture->setAccessibleName(QStringLiteral("removePicture"));
    m_removePicture->setEnabled(false);
    connect(m_choosePicture, &QPushButton::clicked, this, &ProfileDialog::choosePicture);
    connect(m_removePicture, &QPushButton::clicked, this, &ProfileDialog::removePicture);

    auto *userLabel = new QLabel(tr("Username: %1").arg(controller->user()), this);
    Theme::bindPalette(userLabel, QPalette::WindowText, Theme::Color::TextSecondary);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("formField"));
    m_name->setAccessibleName(QStringLiteral("displayName"));
    m_name->setPlaceholderText(tr("Display name (shown instead of your username)"));
    // The server counts characters (code points); a QLineEdit counts UTF-16
    // units, so its limit is never below the server's and save() checks.
    m_name->setMaxLength(2 * Protocol::kMaxDisplayNameLength);
    connect(m_name, &QLineEdit::textChanged, this, [this, preview](const QString &text) {
        preview->setLabel(text.trimmed());
        updateSaveButton();
    });

    m_profileStatus = new QLabel(this);
    m_profileStatus->setWordWrap(true);
    m_profileStatus->hide();
    m_save = DialogButtons::make(tr("Save profile"), DialogButtons::Kind::Primary, this);
    m_save->setAccessibleName(QStringLiteral("saveProfile"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &ProfileDialog::save);
    auto *close = DialogButtons::make(tr("Close"), DialogButtons::Kind::Secondary, this);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    auto *pictureButtons = new QVBoxLayout;
    pictureButtons->addStretch();
    pictureButtons->addWidget(m_choosePicture);
    pictureButtons->addWidget(m_removePicture);
    pictureButtons->addStretch();
    auto *pictureRow = new QHBoxLayout;
    pictureRow->setSpacing(16);
    pictureRow->addWidget(m_preview);
    pictureRow->addLayout(pictureButtons);
    pictureRow->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(DialogButtons::title(tr("Profile"), this));
    layout->addLayout(pictureRow);
    layout->addWidget(userLabel);
    layout->addWidget(m_name);
    layout->addWidget(m_profileStatus);
    layout->addLayout(DialogButtons::row({m_save}));
    if (controller->canChangePassword())
        layout->addWidget(makePasswordSection());
    layout->addSpacing(4);
    layout->addLayout(DialogButtons::row({close}));

    m_controller->fetchMyProfile(this, [this, preview](const Client::Profile &profile,
                                                       const QString &error,
                                                       const QString &message) {
        if (!error.isEmpty()) {
            setStatus(
                m_profileStatus,
                tr("Your profile could not be read (%1).").arg(message.isEmpty() ? error : message),
                true);
            return;
        }
        m_savedName = profile.displayName;
        if (m_name->text().isEmpty())
            m_name->setText(profile.displayName);
        if (!m_pendingPicture)
            showPicture(QImage::fromData(profile.avatarData));
        preview->setLabel(m_name->text().trimmed());
        m_loaded = true;
        updateSaveButton();
    });
}

QWidget *ProfileDialog::makePasswordSection()
{
    auto *section = new QWidget(this);
    auto *line = new QFrame(section);
    line->setFrameShape(QFrame::HLine);
    auto *title = new QLabel(tr("Change password"), section);
    QFont bold = title->font();
    bold.setWeight(QFont::DemiBold);
    title->setFont(bold);
    auto *hint = new QLabel(tr("Your other sessions will be logged out."), section);
    hint->setWordWrap(true);
    Theme::bindPalette(hint, QPalette::WindowText, Theme::Color::TextSecondary);
    m_oldPassword = passwordField(tr("Current password"), QStringLiteral("oldPassword"), section);
    m_newPassword = passwordField(tr("New password"), QStringLiteral("newPassword"), section);
    m_repeatPassword =
        passwordField(tr("Repeat the new password"), QStringLiteral("repeatPassword"), section);
    m_passwordStatus = new QLabel(section);
    m_passwordStatus->setWordWrap(true);
    m_passwordStatus->hide();
    m_changePassword =
        DialogButtons::make(tr("Change password"), DialogButtons::Kind::Secondary, section);
    m_changePassword->setAccessibleName(QStringLiteral("changePassword"));
    m_changePassword->setEnabled(false);
    for (QLineEdit *field : {m_oldPassword, m_newPassword, m_repeatPassword}) {
        connect(field, &QLineEdit::textChanged, this, [this] {
            m_changePassword->setEnabled(!m_oldPassword->text().isEmpty() &&
                                         !m_newPassword->text().isEmpty() &&
                                         !m_repeatPassword->text().isEmpty());
        });
    }
    connect(m_changePassword, &QPushButton::clicked, this, &ProfileDialog::changePassword);
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(line);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addWidget(m_oldPassword);
    layout->addWidget(m_newPassword);
    layout->addWidget(m_repeatPassword);
    layout->addWidget(m_passwordStatus);
    layout->addLayout(DialogButtons::row({m_changePassword}));
    return section;
}

void ProfileDialog::choosePicture()
{
    auto *dialog =
        new QFileDialog(this, tr("Choose a picture"),
                        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                        tr("Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { setPictureFile(path); });
    dialog->open();
}

bool ProfileDialog::setPictureFile(const QString &path)
{
    const QImage image = PictureCompress::readUpright(path);
    const QByteArray bytes = PictureCompress::avatarJpeg(image, Client::Privacy::kMaxAvatarBytes);
    if (bytes.isEmpty()) {
        setStatus(m_profileStatus, tr("That file is not a picture Palomar can read."), true);
        return false;
    }
    m_pendingPicture = bytes;
    showPicture(QImage::fromData(bytes));
    m_profileStatus->hide();
    updateSaveButton();
    return true;
}

void ProfileDialog::removePicture()
{
    m_pendingPicture = QByteArray();
    showPicture(QImage());
    updateSaveButton();
}

void ProfileDialog::showPicture(const QImage &picture)
{
    static_cast<PicturePreview *>(m_preview)->setPicture(picture);
    m_hasPicture = !picture.isNull();
    m_removePicture->setEnabled(m_hasPicture);
}

void ProfileDialog::updateSaveButton()
{
    m_save->setEnabled(m_pendingPicture.has_value() || m_name->text().trimmed() != m_savedName);
}

void ProfileDialog::save()
{
    const QString name = m_name->text().trimmed();
    if (name.toUcs4().size() > Protocol::kMaxDisplayNameLength) {
        setStatus(m_profileStatus,
                  tr("A display name has at most %n characters.", nullptr,
                     Protocol::kMaxDisplayNameLength),
                  true);
        return;
    }
    std::optional<QString> newName;
    if (name != m_savedName)
        newName = name;
    m_save->setEnabled(false);
    m_controller->saveProfile(
        newName, m_pendingPicture, this,
        [this](const Client::Profile &profile, const QString &error, const QString &message) {
            if (!error.isEmpty()) {
                const QString reason =
                    error == QLatin1String("too_large")
                        ? tr("The picture is too large for the server.")
                    : isConnectionProblem(error)
                        ? tr("Not connected: try again when the connection is back.")
                        : tr("The profile was not saved: %1")
                              .arg(message.isEmpty() ? error : message);
                setStatus(m_profileStatus, reason, true);
                updateSaveButton();
                return;
            }
            m_savedName = profile.displayName;
            m_pendingPicture.reset();
            setStatus(m_profileStatus, tr("Profile saved."), false);
            updateSaveButton();
        });
}

QString ProfileDialog::passwordErrorText(const QString &error, const QString &message)
{
    if (error == QLatin1String("bad_credentials"))
        return tr("The current password is wrong.");
    if (error == QLatin1String("weak_password"))
        return tr("The new password must have %1 to %2 characters.")
            .arg(Protocol::kMinPasswordLength)
            .arg(Protocol::kMaxPasswordLength);
    if (error == QLatin1String("rate_limited"))
        return tr("Too many wrong passwords: wait a few minutes and try again.");
    if (isConnectionProblem(error))
        return tr("Not connected: try again when the connection is back.");
    return tr("The password was not changed: %1").arg(message.isEmpty() ? error : message);
}

void ProfileDialog::changePassword()
{
    const QString newPassword = m_newPassword->text();
    if (newPassword != m_repeatPassword->text()) {
        setStatus(m_passwordStatus, tr("The new passwords do not match."), true);
        m_repeatPassword->setFocus();
        return;
    }
    if (newPassword.size() < Protocol::kMinPasswordLength) {
        setStatus(m_passwordStatus, passwordErrorText(QStringLiteral("weak_password"), {}), true);
        m_newPassword->setFocus();
        return;
    }
    m_changePassword->setEnabled(false);
    m_controller->changePassword(
        m_oldPassword->text(), newPassword, this,
        [this](const QString &error, const QString &message) {
            if (!error.isEmpty()) {
                setStatus(m_passwordStatus, passwordErrorText(error, message), true);
                m_changePassword->setEnabled(true);
                if (error == QLatin1String("bad_credentials")) {
                    m_oldPassword->selectAll();
                    m_oldPassword->setFocus();
                }
                return;
            }
            for (QLineEdit *field : {m_oldPassword, m_newPassword, m_repeatPassword})
                field->clear();
            setStatus(m_passwordStatus,
                      tr("Password changed. Your other sessions have been logged out."), false);
        });
}

void ProfileDialog::setStatus(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setObjectName(error ? QStringLiteral("errorLabel") : QStringLiteral("statusLabel"));
    Theme::bindPalette(label, QPalette::WindowText,
                       error ? Theme::Color::ErrorText : Theme::Color::TextSecondary);
    label->show();
}

} // namespace Palomar::Desktop
