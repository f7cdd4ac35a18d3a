#include "logindialog.h"

#include "app/appcontroller.h"
#include "app/registrationprobe.h"
#include "app/truststore.h"
#include "certificatedialog.h"
#include "theme.h"

#include "protocol/limits.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
constexpr int kColumnWidth = 340;

QLabel *fieldLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    Theme::bindPalette(label, QPalette::WindowText, Theme::Color::TextSecondary);
    return label;
}
} // namespace

LoginDialog::LoginDialog(AppController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller)
{
    setWindowTitle(tr("Palomar"));
    setObjectName(QStringLiteral("loginDialog"));
    resize(520, 640);
    Theme::bindStyleSheet(this,
                          QStringLiteral("#loginDialog, #loginPage { background: {surface}; }"));

    auto *logo = new QLabel(this);
    logo->setPixmap(QApplication::windowIcon().pixmap(QSize(84, 84)));
    logo->setAlignment(Qt::AlignCenter);
    logo->setFixedHeight(84); // a crowded page scrolls; it never squashes the logo
    logo->setAccessibleName(QStringLiteral("logo"));
    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.7);
    titleFont.setWeight(QFont::Bold);
    m_title->setFont(titleFont);
    m_subtitle = new QLabel(this);
    m_subtitle->setAlignment(Qt::AlignCenter);
    m_subtitle->setWordWrap(true);
    Theme::bindPalette(m_subtitle, QPalette::WindowText, Theme::Color::TextSecondary);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("noticeLabel"));
    m_notice->setWordWrap(true);
    m_notice->hide();

    m_server = new QLineEdit(QStringLiteral("127.0.0.1:7878"), this);
    m_server->setObjectName(QStringLiteral("formField"));
    m_server->setAccessibleName(QStringLiteral("server"));
    m_tls = new QCheckBox(this);
    m_tls->setAccessibleName(QStringLiteral("tls"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("formField"));
    m_user->setAccessibleName(QStringLiteral("user"));
    m_user->setMaxLength(Protocol::kMaxUsernameLength);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("formField"));
    m_password->setAccessibleName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_inviteLabel = fieldLabel(QString(), this);
    m_invite = new QLineEdit(this);
    m_invite->setObjectName(QStringLiteral("formField"));
    m_invite->setAccessibleName(QStringLiteral("invite"));
    m_invite->setMaxLength(64);
    m_registrationNote = new QLabel(this);
    m_registrationNote->setObjectName(QStringLiteral("noticeLabel"));
    m_registrationNote->setAccessibleName(QStringLiteral("registrationNote"));
    m_registrationNote->setWordWrap(true);
    m_probe = new RegistrationProbe(this);
    m_remember = new QCheckBox(this);
    m_remember->setChecked(true);
    m_remember->setAccessibleName(QStringLiteral("remember"));
    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("noticeLabel"));
    m_keychainNote->setAccessibleName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_takeover = new QPushButton(this);
    m_takeover->setObjectName(QStringLiteral("secondaryButton"));
    m_takeover->setAccessibleName(QStringLiteral("takeover"));
    m_takeover->hide();
    m_submit = new QPushButton(this);
    m_submit->setObjectName(QStringLiteral("primaryButton"));
    m_submit->setAccessibleName(QStringLiteral("submit"));
    m_submit->setDefault(true);
    m_submit->setCursor(Qt::PointingHandCursor);
    m_switchHint = new QLabel(this);
    Theme::bindPalette(m_switchHint, QPalette::WindowText, Theme::Color::TextSecondary);
    m_switchMode = new QPushButton(this);
    m_switchMode->setObjectName(QStringLiteral("linkButton"));
    m_switchMode->setAccessibleName(QStringLiteral("switchMode"));
    m_switchMode->setCursor(Qt::PointingHandCursor);

    auto *column = new QWidget(this);
    column->setFixedWidth(kColumnWidth);
    auto *form = new QVBoxLayout(column);
    form->setContentsMargins(0, 0, 0, 0);
    form->setSpacing(6);
    form->addWidget(logo);
    form->addSpacing(6);
    form->addWidget(m_title);
    form->addWidget(m_subtitle);
    form->addSpacing(14);
    form->addWidget(m_notice);
    form->addWidget(fieldLabel(tr("Server"), column));
    form->addWidget(m_server);
    form->addWidget(m_tls);
    form->addSpacing(6);
    form->addWidget(fieldLabel(tr("Username"), column));
    form->addWidget(m_user);
    form->addSpacing(6);
    form->addWidget(fieldLabel(tr("Password"), column));
    form->addWidget(m_password);
    form->addSpacing(4);
    form->addWidget(m_inviteLabel);
    form->addWidget(m_invite);
    form->addWidget(m_registrationNote);
    form->addWidget(m_remember);
    form->addWidget(m_keychainNote);
    form->addSpacing(6);
    form->addWidget(m_error);
    form->addWidget(m_takeover);
    form->addSpacing(4);
    form->addWidget(m_submit);
    auto *switchRow = new QHBoxLayout;
    switchRow->setSpacing(2);
    switchRow->addStretch();
    switchRow->addWidget(m_switchHint);
    switchRow->addWidget(m_switchMode);
    switchRow->addStretch();
    form->addSpacing(6);
    form->addLayout(switchRow);

    // The column scrolls in a window too small for it (the create-account
    // page with a long error, say) instead of being squeezed and clipped.
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("loginPage"));
    auto *centre = new QVBoxLayout(page);
    centre->setContentsMargins(24, 24, 24, 24);
    centre->addStretch(1);
    centre->addWidget(column, 0, Qt::AlignHCenter);
    centre->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(QStringLiteral("loginScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_submit, &QPushButton::clicked, this, [this] { submit(false); });
    connect(m_takeover, &QPushButton::clicked, this, [this] { submit(true); });
    connect(m_password, &QLineEdit::returnPressed, this, [this] { submit(false); });
    connect(m_switchMode, &QPushButton::clicked, this,
            [this] { setMode(m_mode == Mode::LogIn ? Mode::CreateAccount : Mode::LogIn); });
    connect(controller, &AppController::loginFailed, this, &LoginDialog::onLoginFailed);
    connect(m_probe, &RegistrationProbe::learned, this, &LoginDialog::setRegistration);
    connect(m_server, &QLineEdit::editingFinished, this, &LoginDialog::probeRegistration);
    connect(m_tls, &QCheckBox::toggled, this, &LoginDialog::probeRegistration);
    connect(controller->session(), &Client::ClientSession::certificateRejected, this,
            [this](const QSslCertificate &certificate, const QByteArray &,
                   Client::CertificateProblem problem) {
                if (m_busy)
                    m_rejection = Rejection{certificate, problem};
            });
    // A server that answers `unavailable` gets the login again from the
    // session: say so on the busy button, which is no error.
    connect(controller->session(), &Client::ClientSession::stateChanged, this,
            [this](Client::ClientSession::State state) {
                if (!m_busy)
                    return;
                m_submit->setText(state == Client::ClientSession::State::Unavailable
                                      ? tr("Server unavailable, retrying…")
                                      : tr("Connecting…"));
            });
    connect(controller, &AppController::accountOpened, this, [this] {
        if (m_busy) {
            setBusy(false);
            accept();
        }
    });
    setRegistration(Client::Registration::Unknown);
    retranslate();
}

LoginDialog::~LoginDialog()
{
    // Hiding the dialog as it goes takes the focus from the server field,
    // whose editingFinished must not reach this half-destroyed dialog.
    m_server->disconnect(this);
    m_tls->disconnect(this);
}

void LoginDialog::retranslate()
{
    const bool create = m_mode == Mode::CreateAccount;
    m_inviteLabel->setText(tr("Invitation code"));
    m_invite->setPlaceholderText(tr("From the server's administrator"));
    m_registrationNote->setText(tr("Registration is closed on this server: new accounts cannot "
                                   "be created. Ask its administrator for one."));
    m_title->setText(create ? tr("Create your account") : tr("Welcome to Palomar"));
    m_subtitle->setText(create ? tr("Pick a username and a password of at least 8 characters.")
                               : tr("Log in to chat with your friends."));
    m_server->setPlaceholderText(tr("host:port"));
    m_user->setPlaceholderText(tr("Your username"));
    m_password->setPlaceholderText(tr("Your password"));
    m_remember->setText(tr("Remember me on this computer"));
    m_keychainNote->setText(tr("No keychain is available on this computer, so Palomar cannot "
                               "remember your session: you will log in with your password "
                               "each time."));
    m_tls->setText(tr("Secure connection (TLS)"));
    m_takeover->setText(tr("Log out the other session and continue"));
    m_switchHint->setText(create ? tr("Already have an account?") : tr("New to Palomar?"));
    m_switchMode->setText(create ? tr("Log in") : tr("Create an account"));
    if (!m_busy)
        m_submit->setText(create ? tr("Create account") : tr("Log in"));
}

void LoginDialog::setServer(const QString &address)
{
    if (!address.isEmpty())
        m_server->setText(address);
}

void LoginDialog::setUser(const QString &user)
{
    m_user->setText(user);
    if (!user.isEmpty())
        m_password->setFocus();
}

void LoginDialog::setRememberMe(bool remember)
{
    m_remember->setChecked(remember && m_keychainAvailable);
}

void LoginDialog::setKeychainAvailable(bool available)
{
    m_keychainAvailable = available;
    if (!available)
        m_remember->setChecked(false);
    m_remember->setEnabled(available && !m_busy);
    m_keychainNote->setVisible(!available);
}

void LoginDialog::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void LoginDialog::setMode(Mode mode)
{
    m_mode = mode;
    m_error->hide();
    m_takeover->hide();
    retranslate();
    setRegistration(m_registration);
    probeRegistration();
}

void LoginDialog::probeRegistration()
{
    const auto address = ServerAddress::parse(server());
    if (m_mode != Mode::CreateAccount || !address) {
        m_probe->cancel();
        return;
    }
    m_probe->probe(*address, tls());
}

void LoginDialog::setRegistration(Client::Registration policy)
{
    m_registration = policy;
    const bool create = m_mode == Mode::CreateAccount;
    const bool invite = create && policy == Client::Registration::Invite;
    const bool closed = create && policy == Client::Registration::Closed;
    m_inviteLabel->setVisible(invite);
    m_invite->setVisible(invite);
    m_registrationNote->setVisible(closed);
    m_submit->setEnabled(!m_busy && !closed);
}

QString LoginDialog::server() const
{
    return m_server->text().trimmed();
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

bool LoginDialog::rememberMe() const
{
    return m_remember->isChecked();
}

CertificateDialog *LoginDialog::certificateDialog() const
{
    return m_certificateDialog;
}

void LoginDialog::setTls(bool tls)
{
    m_tls->setChecked(tls);
}

bool LoginDialog::tls() const
{
    return m_tls->isChecked();
}

QString LoginDialog::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

QString LoginDialog::describeError(const QString &error, const QString &message, int retryAfter,
                                   const QString &server)
{
    if (error == QLatin1String("bad_credentials"))
        return tr("Wrong username or password.");
    if (error == QLatin1String("user_exists"))
        return tr("That username is already taken. Please choose another one.");
    if (error == QLatin1String("invalid_username"))
        return tr("Usernames have 1 to 32 characters: letters, digits, “_”, “.” or “-”.");
    if (error == QLatin1String("weak_password"))
        return tr("The password is too weak: use at least 8 characters.");
    if (error == QLatin1String("registration_closed"))
        return tr("Registration is closed on this server: new accounts cannot be created.");
    if (error == QLatin1String("invite_required"))
        return tr("This server registers new accounts by invitation: enter your invitation "
                  "code.");
    if (error == QLatin1String("invalid_invite"))
        return tr("That invitation code cannot be used: it is unknown, used, revoked or expired.");
    if (error == QLatin1String("rate_limited"))
        return tr("Too many attempts. Please wait %n second(s) and try again.", nullptr,
                  qMax(1, retryAfter));
    if (error == QLatin1String("session_active"))
        return tr("This account is already logged in somewhere else.");
    if (error == QLatin1String("connection_failed") || error == QLatin1String("connection_lost") ||
        error == QLatin1String("not_connected") || error == QLatin1String("timeout"))
        return tr("Could not connect to %1. Check the address and that the server is running.")
            .arg(server);
    if (error == QLatin1String("untrusted_certificate"))
        return tr("The server's certificate is not trusted, so Palomar did not connect.");
    if (error == QLatin1String("unsupported_version"))
        return tr("This server speaks a different version of the Palomar protocol.");
    if (error == QLatin1String("cache_failed"))
        return tr("The local message cache could not be opened.");
    if (error == QLatin1String("internal"))
        return tr("The server had a problem. Please try again in a moment.");
    if (!message.isEmpty())
        return tr("The server refused: %1").arg(message);
    return tr("Something went wrong (%1).").arg(error);
}

void LoginDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *widget :
         {static_cast<QWidget *>(m_server), static_cast<QWidget *>(m_tls),
          static_cast<QWidget *>(m_user), static_cast<QWidget *>(m_password),
          static_cast<QWidget *>(m_invite), static_cast<QWidget *>(m_remember),
          static_cast<QWidget *>(m_switchMode), static_cast<QWidget *>(m_takeover)})
        widget->setEnabled(!busy);
    m_remember->setEnabled(!busy && m_keychainAvailable);
    m_submit->setEnabled(!busy);
    if (busy) {
        m_submit->setText(tr("Connecting…"));
    } else {
        retranslate();
        setRegistration(m_registration);
    }
}

void LoginDialog::submit(bool takeover)
{
    if (m_busy)
        return;
    m_takeover->hide();
    const auto address = ServerAddress::parse(server());
    if (!address) {
        showError(tr("Enter the server as host:port, for example 127.0.0.1:7878."));
        m_server->setFocus();
        return;
    }
    if (user().isEmpty()) {
        showError(tr("Enter your username."));
        m_user->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    if (m_mode == Mode::CreateAccount && m_password->text().size() < Protocol::kMinPasswordLength) {
        showError(describeError(QStringLiteral("weak_password"), {}, 0, {}));
        m_password->setFocus();
        return;
    }
    const bool create = m_mode == Mode::CreateAccount;
    const QString invite = create && !m_invite->isHidden() ? m_invite->text().trimmed() : QString();
    if (create && m_registration == Client::Registration::Invite && invite.isEmpty()) {
        showError(describeError(QStringLiteral("invite_required"), {}, 0, {}));
        m_invite->setFocus();
        return;
    }
    showError(QString());
    setBusy(true);
    m_rejection.reset();
    m_attemptTakeover = takeover;
    TrustStore::configure(m_controller->session(), *address, tls());
    m_controller->logIn(*address, user(), m_password->text(),
                        m_mode == Mode::CreateAccount ? AppController::LoginMode::CreateAccount
                                                      : AppController::LoginMode::LogIn,
                        takeover ? Client::ClientSession::LoginOption::Takeover
                                 : Client::ClientSession::LoginOption::Normal,
                        invite);
}

void LoginDialog::onLoginFailed(const QString &error, const QString &message, int retryAfter)
{
    if (!m_busy)
        return;
    setBusy(false);
    showError(describeError(error, message, retryAfter, server()));
    if (error == QLatin1String("session_active"))
        m_takeover->show();
    // The server's answer tells the policy too, when the probe could not.
    if (error == QLatin1String("invite_required") || error == QLatin1String("invalid_invite")) {
        setRegistration(Client::Registration::Invite);
        m_invite->setFocus();
    } else if (error == QLatin1String("registration_closed")) {
        setRegistration(Client::Registration::Closed);
    }
    if (error == QLatin1String("untrusted_certificate") && m_rejection)
        // From the event loop: the failure is reported from inside the socket's signals.
        QTimer::singleShot(0, this, &LoginDialog::askAboutCertificate);
    if (error == QLatin1String("bad_credentials")) {
        m_password->selectAll();
        m_password->setFocus();
    } else if (error == QLatin1String("user_exists") ||
               error == QLatin1String("invalid_username")) {
        m_user->setFocus();
    }
}

void LoginDialog::askAboutCertificate()
{
    const auto address = ServerAddress::parse(server());
    if (!m_rejection || !address || m_certificateDialog)
        return;
    const Rejection rejection = *std::exchange(m_rejection, std::nullopt);
    m_certificateDialog =
        new CertificateDialog(address->toString(), rejection.certificate, rejection.problem,
                              TrustStore::pinnedFingerprint(*address), this);
    m_certificateDialog->setAttribute(Qt::WA_DeleteOnClose);
    const QByteArray fingerprint = Client::certificateFingerprint(rejection.certificate);
    connect(m_certificateDialog, &QDialog::accepted, this, [this, address, fingerprint] {
        TrustStore::pin(*address, fingerprint);
        submit(m_attemptTakeover);
    });
    m_certificateDialog->open();
}

} // namespace Palomar::Desktop
