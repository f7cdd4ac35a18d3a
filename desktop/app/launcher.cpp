#include "launcher.h"

#include "appcontroller.h"
#include "cache/localcache.h"
#include "cache/privatefiles.h"
#include "connectionkeeper.h"
#include "platform/signalwatcher.h"

#include "tokenstore.h"
#include "traynotifier.h"
#include "truststore.h"
#include "widgets/addfrienddialog.h"
#include "widgets/certificatedialog.h"
#include "widgets/logindialog.h"
#include "widgets/logoutdialog.h"
#include "widgets/mainwindow.h"
#include <csignal>

#include <QApplication>
#include <QSettings>

namespace Palomar::Desktop {

namespace {
const QString kServerKey = QStringLiteral("account/server");
const QString kUserKey = QStringLiteral("account/user");
const QString kRememberKey = QStringLiteral("account/remember");
const QString kTlsKey = QStringLiteral("account/tls");
const QString kSyncModeKey = QStringLiteral("network/syncMode");
} // namespace

Launcher::Launcher(QObject *parent, TokenStore *tokens)
    : QObject(parent), m_controller(new AppController(this)),
      m_tokens(tokens ? tokens : new TokenStore(this)),
      m_signals(new Platform::SignalWatcher({SIGINT, SIGTERM}, this))
{
    QApplication::setQuitOnLastWindowClosed(false);
    m_tokens->setParent(this);
    const QSettings settings;
    if (settings.value(kSyncModeKey).toString() == QLatin1String("timer"))
        m_controller->session()->setSyncMode(Client::SyncMode::Timer);

    connect(m_signals, &Platform::SignalWatcher::signalReceived, this,
            [this] { quit(!m_tokenStored); });
    connect(m_tokens, &TokenStore::keychainChecked, this, &Launcher::setKeychainUsable);
    connect(m_tokens, &TokenStore::tokenWritten, this, [this](const QString &key) {
        if (m_remember && m_controller->hasAccount() && key == tokenKey())
            m_tokenStored = true;
    });
    connect(m_tokens, &TokenStore::keychainUnavailable, this, [this] {
        m_keychainMissing = true;
        m_keychainUsable = false;
        m_tokenStored = false;
        if (m_window && m_remember)
            m_window->showNotice(tr("No keychain is available, so this session will not be "
                                    "remembered. You will log in with your password next time."));
    });
    connect(m_controller, &AppController::tokenIssued, this, [this](const QString &token) {
        // A login through the login window is remembered (or not) as it
        // closes, when its "Remember me" is known.
        if (m_remember && !m_keychainMissing && !(m_login && m_login->isVisible()))
            m_tokens->write(tokenKey(), token);
    });
    connect(m_controller, &AppController::sessionEnded, this,
            [this](AppController::SessionEnd reason) { onSessionEnded(int(reason)); });
    connect(m_controller->session(), &Client::ClientSession::certificateRejected, this,
            [this](const QSslCertificate &certificate, const QByteArray &,
                   Client::CertificateProblem problem) {
                // From the event loop: this comes from inside the socket's signals.
                QMetaObject::invokeMethod(
                    this,
                    [this, certificate, problem] { onCertificateRejected(certificate, problem); },
                    Qt::QueuedConnection);
            });
}

Launcher::~Launcher()
{
    delete m_login; // a top-level window of its own
    delete m_window;
}

QString Launcher::tokenKey() const
{
    const QSettings settings;
    const auto server = ServerAddress::parse(settings.value(kServerKey).toString());
    return TokenStore::keyFor(server ? server->host : QString(), server ? server->port : 0,
                              settings.value(kUserKey).toString());
}

void Launcher::start()
{
    const QSettings settings;
    m_remember = settings.value(kRememberKey, true).toBool();
    const QString user = settings.value(kUserKey).toString();
    const auto server = ServerAddress::parse(settings.value(kServerKey).toString());
    if (!m_remember || user.isEmpty() || !server) {
        showLogin();
        return;
    }
    auto *connection = new QMetaObject::Connection;
    *connection = connect(m_tokens, &TokenStore::tokenRead, this,
                          [this, connection, user, server](const QString &, const QString &token) {
                              disconnect(*connection);
                              delete connection;
                              if (token.isEmpty()) {
                                  showLogin();
                                  return;
                              }
                              m_tokenStored = true;
                              showMainWindow();
                              TrustStore::configure(m_controller->session(), *server,
                                                    QSettings().value(kTlsKey).toBool());
                              m_controller->resume(*server, user, token);
                          });
    m_tokens->read(tokenKey());
}

void Launcher::showLogin(const QString &notice)
{
    if (m_window)
        m_window->hide();
    if (!m_login) {
        m_login = new LoginDialog(m_controller);
        m_login->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_login, &QDialog::accepted, this, &Launcher::onLoginAccepted);
        connect(m_login, &QDialog::rejected, this, [this] {
            if (!m_window || !m_window->isVisible())
                quit(false);
        });
    }
    const QSettings settings;
    m_login->setServer(settings.value(kServerKey).toString());
    m_login->setTls(settings.value(kTlsKey, false).toBool());
    m_login->setUser(settings.value(kUserKey).toString());
    m_login->setRememberMe(settings.value(kRememberKey, true).toBool());
    if (m_keychainUsable)
        m_login->setKeychainAvailable(*m_keychainUsable);
    else
        m_tokens->check(); // "Remember me" is offered only with a keychain
    m_login->setNotice(notice);
    m_login->show();
    m_login->raise();
    m_login->activateWindow();
}

void Launcher::onLoginAccepted()
{
    QSettings settings;
    settings.setValue(kServerKey, m_login->server());
    settings.setValue(kTlsKey, m_login->tls());
    settings.setValue(kUserKey, m_controller->user());
    settings.setValue(kRememberKey, m_login->rememberMe());
    m_remember = m_login->rememberMe();
    m_tokenStored = false; // until the keychain says it has the token
    if (m_remember) {
        m_tokens->write(tokenKey(), m_controller->session()->token());
    } else {
        m_tokens->remove(tokenKey());
    }
    showMainWindow();
}

void Launcher::showMainWindow()
{
    if (!m_window) {
        m_window = new MainWindow(m_controller);
        m_tray = new TrayNotifier(m_controller, m_window, this);
        connect(m_window, &MainWindow::quitRequested, this, [this] { quit(!m_tokenStored); });
        connect(m_window, &MainWindow::logoutRequested, this, &Launcher::logOut);
        connect(m_window, &MainWindow::addFriendRequested, this, [this] {
            AddFriendDialog dialog(m_controller, m_window);
            dialog.exec();
        });
    }
    if (m_keychainMissing && m_remember)
        m_window->showNotice(tr("No keychain is available, so this session will not be "
                                "remembered. You will log in with your password next time."));
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void Launcher::onSessionEnded(int reason)
{
    m_tokenStored = false;
    m_tokens->remove(tokenKey());
    switch (AppController::SessionEnd(reason)) {
    case AppController::SessionEnd::Expired:
        showLogin(tr("Your session has ended. Please log in again."));
        break;
    case AppController::SessionEnd::Replaced:
        showLogin(tr("You logged in somewhere else, so this window was logged out."));
        break;
    case AppController::SessionEnd::LoggedOut:
        showLogin();
        break;
    }
}

void Launcher::logOut()
{
    if (!m_controller->hasAccount() || m_quitting)
        return;
    auto *dialog =
        new LogoutDialog(m_controller->user(), m_controller->server().toString(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { finishLogOut(dialog->removeLocalData()); });
    dialog->open();
}

void Launcher::finishLogOut(bool removeLocalData)
{
    if (!m_controller->hasAccount() || m_quitting)
        return;
    m_tokenStored = false;
    m_tokens->remove(tokenKey());
    if (m_window)
        m_window->saveLayout();
    const QString cachePath = m_controller->cache()->path();
    m_controller->closeAccount(AppController::Farewell::LogOut, [this, cachePath, removeLocalData] {
        if (removeLocalData) {
            PrivateFiles::removeAccountData(cachePath);
            QSettings().remove(kUserKey);
        }
        showLogin();
    });
}

void Launcher::setKeychainUsable(bool usable)
{
    m_keychainUsable = usable;
    m_keychainMissing = !usable;
    if (m_login)
        m_login->setKeychainAvailable(usable);
}

void Launcher::quit(bool logOut)
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_window)
        m_window->saveLayout();
    if (logOut)
        m_tokens->remove(tokenKey());
    if (m_login)
        m_login->hide();
    m_controller->closeAccount(logOut ? AppController::Farewell::LogOut
                                      : AppController::Farewell::KeepSession,
                               [this] { emit finished(); });
}

void Launcher::onCertificateRejected(const QSslCertificate &certificate,
                                     Client::CertificateProblem problem)
{
    const QByteArray fingerprint = Client::certificateFingerprint(certificate);
    if ((m_login && m_login->isVisible()) || m_certificateDialog || m_quitting ||
        !m_controller->hasAccount() || m_refusedFingerprints.contains(fingerprint))
        return; // the login dialog asks about its own attempts
    const ServerAddress server = m_controller->server();
    m_certificateDialog = new CertificateDialog(server.toString(), certificate, problem,
                                                TrustStore::pinnedFingerprint(server), m_window);
    m_certificateDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_certificateDialog, &QDialog::accepted, this, [this, server, fingerprint] {
        TrustStore::pin(server, fingerprint);
        TrustStore::configure(m_controller->session(), server, true);
        m_controller->connectionKeeper()->retryNow();
    });
    connect(m_certificateDialog, &QDialog::rejected, this, [this, server, fingerprint] {
        m_refusedFingerprints.insert(fingerprint);
        if (m_window)
            m_window->showNotice(
                tr("Not connected: the certificate of %1 is not trusted.").arg(server.toString()));
    });
    m_certificateDialog->open();
}

} // namespace Palomar::Desktop
