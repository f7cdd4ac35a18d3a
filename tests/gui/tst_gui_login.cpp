// The login dialog driven through its widgets against a real server: wrong
// password, success, account creation, session_active with takeover, and
// the Spanish translation.
#include "app/appcontroller.h"
#include "app/languages.h"
#include "guitestutil.h"
#include "support/serverprocess.h"
#include "widgets/logindialog.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Testing::ServerProcess;

class TestGuiLogin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wrongPasswordShowsError();
    void logInThroughTheWidgets();
    void createAccount();
    void takeoverWhenSessionActive();
    void connectionFailureIsExplained();
    void spanishTranslation();

private:
    void fill(LoginDialog &dialog, const QString &server, const QString &user,
              const QString &password);
    void clickSubmit(LoginDialog &dialog);

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
};

void TestGuiLogin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    QVERIFY(registerUser(m_server.port(), QStringLiteral("alice")));
    QVERIFY(registerUser(m_server.port(), QStringLiteral("bob")));
}

void TestGuiLogin::fill(LoginDialog &dialog, const QString &server, const QString &user,
                        const QString &password)
{
    auto *serverEdit = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("server"));
    auto *userEdit = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("user"));
    auto *passwordEdit = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("password"));
    QVERIFY(serverEdit && userEdit && passwordEdit);
    serverEdit->setText(server);
    userEdit->setText(user);
    passwordEdit->setText(password);
}

void TestGuiLogin::clickSubmit(LoginDialog &dialog)
{
    auto *submit = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
    QVERIFY(submit);
    QTest::mouseClick(submit, Qt::LeftButton);
}

void TestGuiLogin::wrongPasswordShowsError()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    fill(dialog, m_server.address(), QStringLiteral("alice"), QStringLiteral("not the password"));
    clickSubmit(dialog);
    auto *submit = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
    QCOMPARE(submit->text(), QStringLiteral("Connecting…"));
    QVERIFY(!submit->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog.errorText().contains(QStringLiteral("Wrong username or password")), kWait);
    QVERIFY(submit->isEnabled());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!controller.hasAccount());
}

void TestGuiLogin::logInThroughTheWidgets()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    fill(dialog, m_server.address(), QStringLiteral("ALICE"), kPassword);
    clickSubmit(dialog);
    QVERIFY(accepted.wait(kWait));
    QVERIFY(controller.session()->isLoggedIn());
    QCOMPARE(controller.user(), QStringLiteral("alice")); // as registered
    QVERIFY(controller.hasAccount());
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiLogin::createAccount()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    auto *switchMode = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("switchMode"));
    QVERIFY(switchMode);
    QTest::mouseClick(switchMode, Qt::LeftButton);
    QCOMPARE(dialog.mode(), LoginDialog::Mode::CreateAccount);

    // Taken name: the server's user_exists, in words.
    fill(dialog, m_server.address(), QStringLiteral("Bob"), kPassword);
    clickSubmit(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("already taken")), kWait);

    // Too short a password is caught before the network.
    fill(dialog, m_server.address(), QStringLiteral("carol"), QStringLiteral("short"));
    clickSubmit(dialog);
    QVERIFY(dialog.errorText().contains(QStringLiteral("at least 8 characters")));

    fill(dialog, m_server.address(), QStringLiteral("bad name!"), kPassword);
    clickSubmit(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("1 to 32 characters")),
                             kWait);

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    fill(dialog, m_server.address(), QStringLiteral("carol"), kPassword);
    clickSubmit(dialog);
    QVERIFY(accepted.wait(kWait));
    QCOMPARE(controller.user(), QStringLiteral("carol"));
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiLogin::takeoverWhenSessionActive()
{
    auto other = connectedSession(m_server.port());
    QVERIFY(other);
    QVERIFY(logIn(other.get(), QStringLiteral("bob")));
    QSignalSpy replaced(other.get(), &Palomar::Client::ClientSession::sessionReplaced);

    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    fill(dialog, m_server.address(), QStringLiteral("bob"), kPassword);
    clickSubmit(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("already logged in")),
                             kWait);
    auto *takeover = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("takeover"));
    QVERIFY(takeover);
    QTRY_VERIFY(takeover->isVisible());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(takeover, Qt::LeftButton);
    QVERIFY(accepted.wait(kWait));
    QVERIFY(controller.session()->isLoggedIn());
    other->ping();
    QTRY_VERIFY_WITH_TIMEOUT(replaced.count() == 1, kWait);
}

void TestGuiLogin::connectionFailureIsExplained()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    // A port nothing listens on (the server's own port + 1 is unlikely to be used).
    fill(dialog, QStringLiteral("127.0.0.1:1"), QStringLiteral("alice"), kPassword);
    clickSubmit(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("Could not connect")),
                             kWait);
    fill(dialog, QStringLiteral("no port here:"), QStringLiteral("alice"), kPassword);
    clickSubmit(dialog);
    QVERIFY(dialog.errorText().contains(QStringLiteral("host:port")));
}

void TestGuiLogin::spanishTranslation()
{
    QCOMPARE(Languages::install(qApp, QStringLiteral("es")), QStringLiteral("es"));
    {
        AppController controller;
        LoginDialog dialog(&controller);
        auto *submit = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
        QVERIFY(submit);
        QCOMPARE(submit->text(), QStringLiteral("Iniciar sesión"));
        QCOMPARE(LoginDialog::describeError(QStringLiteral("bad_credentials"), {}, 0, {}),
                 QStringLiteral("Usuario o contraseña incorrectos."));
    }
    Languages::install(qApp, QStringLiteral("en"));
    AppController controller;
    LoginDialog dialog(&controller);
    QCOMPARE(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"))->text(),
             QStringLiteral("Log in"));
}

QTEST_MAIN(TestGuiLogin)
#include "tst_gui_login.moc"
