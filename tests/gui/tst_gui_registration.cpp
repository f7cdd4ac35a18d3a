// The create-account page and the server's registration policy, offscreen
// against real servers: the page learns the policy as it opens; an
// "Invitation code" field shows only when the server asks for one, and a
// closed server is said so, with the button disabled; in Spanish too.
#include "app/appcontroller.h"
#include "app/languages.h"
#include "guitestutil.h"
#include "support/serverprocess.h"
#include "support/serverstore.h"
#include "widgets/logindialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::Registration;
using Palomar::Testing::ServerProcess;

class TestGuiRegistration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void openServerShowsNoInviteField();
    void inviteFieldAppearsAndIsSent();
    void closedRegistrationIsExplained();
    void spanishTranslation();

private:
    // A dialog switched to the create-account page for `server`.
    void openCreatePage(LoginDialog &dialog, const ServerProcess &server);
    void fill(LoginDialog &dialog, const QString &user, const QString &invite);

    ServerProcess m_open;
    ServerProcess m_invite{{QStringLiteral("--registration"), QStringLiteral("invite")}};
    ServerProcess m_closed{{QStringLiteral("--registration"), QStringLiteral("closed")}};
    QTemporaryDir m_cacheDir;
};

void TestGuiRegistration::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_open.start());
    QVERIFY(m_invite.start());
    QVERIFY(m_closed.start());
}

void TestGuiRegistration::openCreatePage(LoginDialog &dialog, const ServerProcess &server)
{
    auto *serverEdit = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("server"));
    auto *switchMode = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("switchMode"));
    QVERIFY(serverEdit && switchMode);
    dialog.setServer(server.address());
    QTest::mouseClick(switchMode, Qt::LeftButton);
    QCOMPARE(dialog.mode(), LoginDialog::Mode::CreateAccount);
}

void TestGuiRegistration::fill(LoginDialog &dialog, const QString &user, const QString &invite)
{
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("user"))->setText(user);
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("password"))->setText(kPassword);
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("invite"))->setText(invite);
}

void TestGuiRegistration::openServerShowsNoInviteField()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    auto *invite = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("invite"));
    QVERIFY(invite);
    QVERIFY(invite->isHidden()); // the log-in page never shows it
    openCreatePage(dialog, m_open);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.registration(), Registration::Open, kWait);
    QVERIFY(invite->isHidden());
    QVERIFY(findByAccessibleName<QLabel>(&dialog, QStringLiteral("registrationNote"))->isHidden());
    QVERIFY(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"))->isEnabled());
}

void TestGuiRegistration::inviteFieldAppearsAndIsSent()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    auto *invite = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("invite"));
    auto *submit = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
    openCreatePage(dialog, m_invite);
    QTRY_VERIFY_WITH_TIMEOUT(invite->isVisible(), kWait);
    QCOMPARE(dialog.registration(), Registration::Invite);

    // No code: said before the network.
    fill(dialog, QStringLiteral("dora"), QString());
    QTest::mouseClick(submit, Qt::LeftButton);
    QVERIFY(dialog.errorText().contains(QStringLiteral("enter your invitation code")));

    fill(dialog, QStringLiteral("dora"), QStringLiteral("WRONG-CODE"));
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("cannot be used")), kWait);

    auto store = Palomar::Testing::openServerStore(m_invite, QStringLiteral("gui-test"));
    QVERIFY(store);
    QVERIFY(store->createInvite(QStringLiteral("GUI2-TEST-CODE"), std::nullopt, QString()));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    fill(dialog, QStringLiteral("dora"), QStringLiteral("gui2-test-code"));
    QTest::mouseClick(submit, Qt::LeftButton);
    QVERIFY(accepted.wait(kWait));
    QCOMPARE(controller.user(), QStringLiteral("dora"));
    QCOMPARE(store->invite(QStringLiteral("GUI2TESTCODE"))->usedBy, QStringLiteral("dora"));
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiRegistration::closedRegistrationIsExplained()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    auto *note = findByAccessibleName<QLabel>(&dialog, QStringLiteral("registrationNote"));
    auto *submit = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
    QVERIFY(note && submit);
    openCreatePage(dialog, m_closed);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), kWait);
    QVERIFY(note->text().contains(QStringLiteral("Registration is closed on this server")));
    QVERIFY(!submit->isEnabled());
    QVERIFY(findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("invite"))->isHidden());

    // Another server: the page asks again.
    auto *serverEdit = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("server"));
    serverEdit->setText(m_open.address());
    emit serverEdit->editingFinished();
    QTRY_VERIFY_WITH_TIMEOUT(note->isHidden(), kWait);
    QVERIFY(submit->isEnabled());

    // Back on the log-in page, nothing of it shows.
    serverEdit->setText(m_closed.address());
    emit serverEdit->editingFinished();
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), kWait);
    dialog.setMode(LoginDialog::Mode::LogIn);
    QVERIFY(note->isHidden());
    QVERIFY(submit->isEnabled());
}

void TestGuiRegistration::spanishTranslation()
{
    QCOMPARE(Languages::install(qApp, QStringLiteral("es")), QStringLiteral("es"));
    {
        AppController controller;
        LoginDialog dialog(&controller);
        dialog.show();
        openCreatePage(dialog, m_closed);
        auto *note = findByAccessibleName<QLabel>(&dialog, QStringLiteral("registrationNote"));
        QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), kWait);
        QVERIFY2(note->text().startsWith(QStringLiteral("El registro está cerrado")),
                 qPrintable(note->text()));
        QCOMPARE(LoginDialog::describeError(QStringLiteral("invalid_invite"), {}, 0, {}),
                 QStringLiteral("Ese código de invitación no sirve: no existe, ya se usó, se "
                                "revocó o caducó."));
    }
    Languages::install(qApp, QStringLiteral("en"));
}

QTEST_MAIN(TestGuiRegistration)
#include "tst_gui_registration.moc"
