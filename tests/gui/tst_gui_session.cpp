// The session's end through the Launcher, against a real server: quitting
// without a remembered session logs out there (its token stops working, and
// nothing is left "logged in elsewhere"), quitting with one keeps it; Log out
// asks, and can remove the account's local data; "Remember me" without a
// keychain is said in the login window.
#include "app/appcontroller.h"
#include "app/launcher.h"
#include "app/tokenstore.h"
#include "cache/localcache.h"
#include "guitestutil.h"
#include "memorytokenstore.h"
#include "support/serverprocess.h"
#include "util/appicon.h"
#include "widgets/logindialog.h"
#include "widgets/logoutdialog.h"
#include "widgets/mainwindow.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Testing::ServerProcess;

namespace {

template<class T> T *visibleTopLevel()
{
    const QWidgetList all = QApplication::topLevelWidgets();
    for (QWidget *widget : all) {
        if (auto *found = qobject_cast<T *>(widget); found && found->isVisible())
            return found;
    }
    return nullptr;
}

} // namespace

class TestGuiSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void withoutKeychainRememberMeIsOff();
    void registerScreenShowsLogoAndWholeError_data();
    void registerScreenShowsLogoAndWholeError();
    void quitWithoutKeychainLogsOut();
    void quitWithRememberMeUntickedLogsOut();
    void quitWithRememberedSessionKeepsIt();
    void quitWhenTheServerIsGone();
    void logOutKeepsLocalDataUnlessAsked();
    void logOutRemovesLocalData();

private:
    // Starts a Launcher over `tokens` and logs `user` in through its login
    // window, with "Remember me" as given (when it can be ticked).
    void logInThroughLauncher(const QString &user, bool remember, ServerProcess *server = nullptr);
    void quitAndWait();
    // Log out from the menu, confirmed in its dialog (whose "remove local
    // data" box starts unticked) with the box ticked as given.
    void logOutThroughDialog(bool removeLocalData);
    // Whether the server still has the session of `token` (a detached
    // session can be resumed, and keeps the account "logged in").
    bool sessionStillOpen(const QString &token);

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    MemoryTokenStore *m_tokens = nullptr;
    std::unique_ptr<Launcher> m_launcher;
};

void TestGuiSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setWindowIcon(AppIcon::icon()); // the login window's logo
    Theme::apply(qApp);
    QVERIFY(m_server.start());
    for (const char *user : {"alice", "bob", "carol", "dave", "erin"})
        QVERIFY(registerUser(m_server.port(), QString::fromLatin1(user)));
}

void TestGuiSession::init()
{
    QSettings().clear();
}

void TestGuiSession::cleanup()
{
    m_launcher.reset();
    m_tokens = nullptr;
}

void TestGuiSession::logInThroughLauncher(const QString &user, bool remember, ServerProcess *server)
{
    m_launcher = std::make_unique<Launcher>(nullptr, m_tokens);
    m_launcher->controller()->setCacheDirectory(m_cacheDir.path());
    m_launcher->start();
    LoginDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = visibleTopLevel<LoginDialog>()), kWait);
    findByAccessibleName<QLineEdit>(dialog, QStringLiteral("server"))
        ->setText((server ? server : &m_server)->address());
    findByAccessibleName<QLineEdit>(dialog, QStringLiteral("user"))->setText(user);
    findByAccessibleName<QLineEdit>(dialog, QStringLiteral("password"))->setText(kPassword);
    auto *rememberBox = findByAccessibleName<QCheckBox>(dialog, QStringLiteral("remember"));
    QVERIFY(rememberBox);
    if (rememberBox->isEnabled())
        rememberBox->setChecked(remember);
    QTest::mouseClick(findByAccessibleName<QPushButton>(dialog, QStringLiteral("submit")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<MainWindow>(), kWait);
    QVERIFY(m_launcher->controller()->session()->isLoggedIn());
}

void TestGuiSession::quitAndWait()
{
    QSignalSpy finished(m_launcher.get(), &Launcher::finished);
    MainWindow *window = visibleTopLevel<MainWindow>();
    QVERIFY(window);
    window->close(); // the window's close button quits
    QVERIFY(finished.count() == 1 || finished.wait(kWait));
    QVERIFY(!m_launcher->controller()->hasAccount());
}

void TestGuiSession::logOutThroughDialog(bool removeLocalData)
{
    emit visibleTopLevel<MainWindow>()->logoutRequested();
    LogoutDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = visibleTopLevel<LogoutDialog>()), kWait);
    auto *remove = findByAccessibleName<QCheckBox>(dialog, QStringLiteral("removeLocalData"));
    QVERIFY(remove);
    QVERIFY(!remove->isChecked()); // logging out alone loses nothing
    remove->setChecked(removeLocalData);
    QTest::mouseClick(findByAccessibleName<QPushButton>(dialog, QStringLiteral("confirmLogout")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<LoginDialog>(), kWait);
    QVERIFY(!m_launcher->controller()->hasAccount());
}

bool TestGuiSession::sessionStillOpen(const QString &token)
{
    auto session = connectedSession(m_server.port());
    if (!session)
        return false;
    QString error;
    const bool resumed = awaitOk(session->resume(token), &error);
    if (!resumed && error != QLatin1String("bad_credentials"))
        qWarning() << "resume:" << error;
    return resumed;
}

void TestGuiSession::withoutKeychainRememberMeIsOff()
{
    for (const bool usable : {false, true}) {
        m_tokens = new MemoryTokenStore(usable);
        m_launcher = std::make_unique<Launcher>(nullptr, m_tokens);
        m_launcher->start();
        LoginDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = visibleTopLevel<LoginDialog>()), kWait);
        auto *remember = findByAccessibleName<QCheckBox>(dialog, QStringLiteral("remember"));
        auto *note = findByAccessibleName<QLabel>(dialog, QStringLiteral("keychainNote"));
        QVERIFY(remember && note);
        if (usable) {
            QTRY_VERIFY(remember->isEnabled());
            QVERIFY(remember->isChecked());
            QVERIFY(note->isHidden());
        } else {
            // Said in the login window itself, before logging in.
            QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), kWait);
            QVERIFY(!remember->isChecked());
            QVERIFY(!remember->isEnabled());
            QVERIFY(note->text().contains(QStringLiteral("keychain")));
        }
        m_launcher.reset();
    }
}

void TestGuiSession::registerScreenShowsLogoAndWholeError_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("default") << QSize(520, 640);
    QTest::newRow("small") << QSize(420, 420);
}

void TestGuiSession::registerScreenShowsLogoAndWholeError()
{
    QFETCH(QSize, size);
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.setMode(LoginDialog::Mode::CreateAccount);
    dialog.resize(size);
    dialog.show();
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("server"))
        ->setText(QStringLiteral("127.0.0.1:1")); // nothing listens: a long error
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("user"))
        ->setText(QStringLiteral("zed"));
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("password"))->setText(kPassword);
    QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), kWait);
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("errorLabel"))->isVisible());
    QLabel *error = dialog.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QLabel *logo = findByAccessibleName<QLabel>(&dialog, QStringLiteral("logo"));
    QVERIFY(error && logo);
    QApplication::processEvents(); // the layout settles
    // The logo keeps its height; every line of the error has room.
    QTRY_VERIFY(logo->height() >= 84);
    QVERIFY2(error->height() >= error->heightForWidth(error->width()),
             qPrintable(QStringLiteral("%1 < %2")
                            .arg(error->height())
                            .arg(error->heightForWidth(error->width()))));
    QVERIFY(error->fontMetrics().boundingRect(error->text()).width() > error->width()); // wraps
}

void TestGuiSession::quitWithoutKeychainLogsOut()
{
    // The tester's computer: no keychain, and "Remember me" was ticked by
    // default, so the session was neither remembered nor closed.
    m_tokens = new MemoryTokenStore(false);
    logInThroughLauncher(QStringLiteral("alice"), true);
    QVERIFY(m_tokens->tokens.isEmpty());
    const QString token = m_launcher->controller()->session()->token();
    quitAndWait();
    QVERIFY(!sessionStillOpen(token));
}

void TestGuiSession::quitWithRememberMeUntickedLogsOut()
{
    m_tokens = new MemoryTokenStore(true);
    logInThroughLauncher(QStringLiteral("bob"), false);
    const QString token = m_launcher->controller()->session()->token();
    quitAndWait();
    QVERIFY(m_tokens->tokens.isEmpty());
    QVERIFY(!sessionStillOpen(token));
}

void TestGuiSession::quitWithRememberedSessionKeepsIt()
{
    m_tokens = new MemoryTokenStore(true);
    logInThroughLauncher(QStringLiteral("carol"), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_tokens->tokens.size(), 1, kWait);
    const QString token = m_tokens->tokens.cbegin().value();
    quitAndWait();
    QCOMPARE(m_tokens->tokens.size(), 1);
    // The server still has the session: the remembered token resumes it.
    QVERIFY(sessionStillOpen(token));
}

void TestGuiSession::quitWhenTheServerIsGone()
{
    // The logout cannot be answered: quitting still ends, after a bounded wait.
    ServerProcess server;
    QVERIFY(server.start());
    QVERIFY(registerUser(server.port(), QStringLiteral("frank")));
    m_tokens = new MemoryTokenStore(false);
    logInThroughLauncher(QStringLiteral("frank"), false, &server);
    server.kill();
    quitAndWait();
}

void TestGuiSession::logOutKeepsLocalDataUnlessAsked()
{
    m_tokens = new MemoryTokenStore(true);
    logInThroughLauncher(QStringLiteral("dave"), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_tokens->tokens.size(), 1, kWait);
    const QString cache = m_launcher->controller()->cache()->path();
    const QString token = m_launcher->controller()->session()->token();
    QVERIFY(QFileInfo::exists(cache));
    logOutThroughDialog(false);
    QVERIFY(QFileInfo::exists(cache));
    QVERIFY(m_tokens->tokens.isEmpty());
    QVERIFY(!sessionStillOpen(token));
}

void TestGuiSession::logOutRemovesLocalData()
{
    m_tokens = new MemoryTokenStore(true);
    logInThroughLauncher(QStringLiteral("erin"), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_tokens->tokens.size(), 1, kWait);
    const QString cache = m_launcher->controller()->cache()->path();
    const QString token = m_launcher->controller()->session()->token();
    const QString media = QFileInfo(cache).absolutePath() + u'/' +
                          QFileInfo(cache).completeBaseName() + QStringLiteral("-files");
    QVERIFY(QDir().mkpath(media));
    QFile picture(media + QStringLiteral("/1-cat.png"));
    QVERIFY(picture.open(QIODevice::WriteOnly));
    picture.write("not really a picture");
    picture.close();

    logOutThroughDialog(true);
    QVERIFY(!QFileInfo::exists(cache));
    QVERIFY(!QFileInfo::exists(cache + QStringLiteral("-wal")));
    QVERIFY(!QFileInfo::exists(media));
    QVERIFY(m_tokens->tokens.isEmpty());
    QVERIFY(!sessionStillOpen(token));
}

QTEST_MAIN(TestGuiSession)
#include "tst_gui_session.moc"
