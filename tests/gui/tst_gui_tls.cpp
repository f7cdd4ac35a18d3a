// Trust on first use in the login dialog, against a real TLS palomar-server
// with a self-signed certificate: the first contact shows the fingerprint and
// pins it when trusted, the next login does not ask, and a certificate that
// differs from the pinned one gets the red warning, which refuses to connect
// unless the pin is explicitly replaced.
#include "app/appcontroller.h"
#include "app/languages.h"
#include "app/truststore.h"
#include "guitestutil.h"
#include "support/serverprocess.h"
#include "widgets/certificatedialog.h"
#include "widgets/logindialog.h"
#include "widgets/theme.h"

#include <QCheckBox>
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
using Palomar::Testing::TestCertificate;

class TestGuiTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void firstContactAsksAndPins();
    void pinnedServerDoesNotAsk();
    void cancelPinsNothing();
    void changedCertificateIsRefusedUnlessReplaced();
    void spanishTranslation();

private:
    ServerAddress address() const;
    // Fills the dialog for alice over TLS and clicks "Log in".
    void submit(LoginDialog &dialog);
    // Waits for the certificate question and checks what it shows.
    CertificateDialog *awaitQuestion(LoginDialog &dialog);
    void logOut(AppController &controller);

    TestCertificate m_certificate;
    TestCertificate m_otherCertificate;
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_cacheDir;
};

void TestGuiTls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("palomar-tst-gui-tls"));
    QVERIFY(m_certificate.isValid() && m_otherCertificate.isValid());
    m_server = std::make_unique<ServerProcess>(m_certificate.serverArguments());
    QVERIFY(m_server->start());

    Palomar::Client::ClientSession session;
    session.setTls(true);
    session.setPinnedFingerprint(m_certificate.fingerprint());
    QSignalSpy connected(&session, &Palomar::Client::ClientSession::connected);
    session.connectToServer(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY(connected.wait(kWait));
    QVERIFY(awaitOk(session.registerUser(QStringLiteral("alice"), kPassword)));
}

void TestGuiTls::init()
{
    QSettings().remove(QStringLiteral("trust"));
}

ServerAddress TestGuiTls::address() const
{
    return *ServerAddress::parse(m_server->address());
}

void TestGuiTls::submit(LoginDialog &dialog)
{
    auto *server = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("server"));
    auto *tls = findByAccessibleName<QCheckBox>(&dialog, QStringLiteral("tls"));
    auto *user = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("user"));
    auto *password = findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("password"));
    auto *button = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
    QVERIFY(server && tls && user && password && button);
    QCOMPARE(tls->text(), QStringLiteral("Secure connection (TLS)"));
    server->setText(m_server->address());
    tls->setChecked(true);
    user->setText(QStringLiteral("alice"));
    password->setText(kPassword);
    QTest::mouseClick(button, Qt::LeftButton);
}

CertificateDialog *TestGuiTls::awaitQuestion(LoginDialog &dialog)
{
    if (!QTest::qWaitFor(
            [&] { return dialog.certificateDialog() && dialog.certificateDialog()->isVisible(); },
            kWait)) {
        qWarning("no certificate question; the login dialog says: %s",
                 qPrintable(dialog.errorText()));
        return nullptr;
    }
    CertificateDialog *question = dialog.certificateDialog();
    auto *shown = findByAccessibleName<QLabel>(question, QStringLiteral("fingerprint"));
    if (!shown ||
        shown->text() != CertificateDialog::groupedFingerprint(m_certificate.fingerprint())) {
        qWarning("the dialog does not show the server's fingerprint");
        return nullptr;
    }
    return question;
}

void TestGuiTls::logOut(AppController &controller)
{
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiTls::firstContactAsksAndPins()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog);
    CertificateDialog *question = awaitQuestion(dialog);
    QVERIFY(question);
    QCOMPARE(question->problem(), Palomar::Client::CertificateProblem::Untrusted);
    QVERIFY(!findByAccessibleName<QLabel>(question, QStringLiteral("pinnedFingerprint")));
    QVERIFY(dialog.errorText().contains(QStringLiteral("not trusted")));
    QVERIFY(TrustStore::pinnedFingerprint(address()).isEmpty());

    auto *trust = findByAccessibleName<QPushButton>(question, QStringLiteral("trust"));
    QVERIFY(trust);
    QCOMPARE(trust->text(), QStringLiteral("Trust this server"));
    QTest::mouseClick(trust, Qt::LeftButton);
    QVERIFY(accepted.wait(kWait));
    QVERIFY(controller.session()->isLoggedIn());
    QVERIFY(controller.session()->isTls());
    QCOMPARE(TrustStore::pinnedFingerprint(address()), m_certificate.fingerprint());
    logOut(controller);
}

void TestGuiTls::pinnedServerDoesNotAsk()
{
    TrustStore::pin(address(), m_certificate.fingerprint());
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog);
    QVERIFY(accepted.wait(kWait));
    QVERIFY(!dialog.certificateDialog());
    QVERIFY(controller.session()->isLoggedIn());
    logOut(controller);
}

void TestGuiTls::cancelPinsNothing()
{
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    submit(dialog);
    CertificateDialog *question = awaitQuestion(dialog);
    QVERIFY(question);
    auto *cancel = findByAccessibleName<QPushButton>(question, QStringLiteral("cancel"));
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.certificateDialog(), kWait);
    QVERIFY(TrustStore::pinnedFingerprint(address()).isEmpty());
    QVERIFY(!controller.session()->isLoggedIn());
    QVERIFY(dialog.errorText().contains(QStringLiteral("not trusted")));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestGuiTls::changedCertificateIsRefusedUnlessReplaced()
{
    // Pinned to another certificate, as if the server's had been swapped.
    TrustStore::pin(address(), m_otherCertificate.fingerprint());
    AppController controller;
    controller.setCacheDirectory(m_cacheDir.path());
    LoginDialog dialog(&controller);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog);
    CertificateDialog *warning = awaitQuestion(dialog);
    QVERIFY(warning);
    QCOMPARE(warning->problem(), Palomar::Client::CertificateProblem::PinMismatch);
    auto *banner = warning->findChild<QLabel *>(QStringLiteral("changedWarning"));
    QVERIFY(banner);
    QVERIFY(banner->text().contains(QStringLiteral("WARNING")));
    QVERIFY(banner->styleSheet().contains(Palomar::Desktop::Theme::danger().name(),
                                          Qt::CaseInsensitive));
    auto *before = findByAccessibleName<QLabel>(warning, QStringLiteral("pinnedFingerprint"));
    QVERIFY(before);
    QCOMPARE(before->text(),
             CertificateDialog::groupedFingerprint(m_otherCertificate.fingerprint()));
    auto *replace = findByAccessibleName<QPushButton>(warning, QStringLiteral("trust"));
    auto *confirm = findByAccessibleName<QCheckBox>(warning, QStringLiteral("confirmReplace"));
    auto *cancel = findByAccessibleName<QPushButton>(warning, QStringLiteral("cancel"));
    QVERIFY(replace && confirm && cancel);
    QVERIFY(!replace->isEnabled()); // not without the deliberate tick
    QVERIFY(cancel->isDefault());

    // Cancel: no connection, the old pin stays.
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.certificateDialog(), kWait);
    QCOMPARE(TrustStore::pinnedFingerprint(address()), m_otherCertificate.fingerprint());
    QVERIFY(!controller.session()->isLoggedIn());

    // Again, and this time replace the pin on purpose.
    submit(dialog);
    warning = awaitQuestion(dialog);
    QVERIFY(warning);
    replace = findByAccessibleName<QPushButton>(warning, QStringLiteral("trust"));
    confirm = findByAccessibleName<QCheckBox>(warning, QStringLiteral("confirmReplace"));
    QVERIFY(replace && confirm);
    confirm->setChecked(true);
    QVERIFY(replace->isEnabled());
    QTest::mouseClick(replace, Qt::LeftButton);
    QVERIFY(accepted.wait(kWait));
    QCOMPARE(TrustStore::pinnedFingerprint(address()), m_certificate.fingerprint());
    logOut(controller);
}

void TestGuiTls::spanishTranslation()
{
    QCOMPARE(Languages::install(qApp, QStringLiteral("es")), QStringLiteral("es"));
    {
        AppController controller;
        LoginDialog dialog(&controller);
        auto *tls = findByAccessibleName<QCheckBox>(&dialog, QStringLiteral("tls"));
        QVERIFY(tls);
        QCOMPARE(tls->text(), QStringLiteral("Conexión segura (TLS)"));
        CertificateDialog question(address().toString(), m_certificate.certificate(),
                                   Palomar::Client::CertificateProblem::Untrusted, {});
        auto *trust = findByAccessibleName<QPushButton>(&question, QStringLiteral("trust"));
        QVERIFY(trust);
        QCOMPARE(trust->text(), QStringLiteral("Confiar en este servidor"));
    }
    Languages::install(qApp, QStringLiteral("en"));
}

QTEST_MAIN(TestGuiTls)
#include "tst_gui_tls.moc"
