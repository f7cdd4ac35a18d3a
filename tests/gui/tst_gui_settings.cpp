// The Settings and About dialogs, reached from the main window's menu:
// every preference is saved through AppSettings and the ones that can
// apply at once do; start at login writes and removes the XDG autostart
// entry; file dialogs open where they should; English and Spanish plurals;
// the status bar of a 500 px window. No server needed: no account is open.
#include "app/appcontroller.h"
#include "app/appsettings.h"
#include "app/autostart.h"
#include "app/languages.h"
#include "util/filefolders.h"
#include "util/timeformat.h"
#include "widgets/aboutdialog.h"
#include "widgets/elidedlabel.h"
#include "widgets/mainwindow.h"
#include "widgets/settingsdialog.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Palomar::Desktop;

class TestGuiSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuOpensSettingsAndAbout();
    void aboutShowsVersionAndLicence();
    void notificationsPersist();
    void themeAppliesAtOnce();
    void textSizeAppliesAtOnce();
    void languageIsKeptForTheNextStart();
    void downloadFolderIsChosen();
    void startAtLoginWritesTheAutostartEntry();
    void autostartExecIsQuoted();
    void fileDialogsOpenWhereTheyShould();
    void pluralsInBothLanguages();
    void statusBarFitsA500PxWindow();
    void cleanupTestCase();

private:
    QAction *menuAction(const QString &text) const;
    SettingsDialog *freshDialog();

    QTemporaryDir m_dir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestGuiSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QFile::remove(Autostart::entryPath());
    QVERIFY(m_dir.isValid());
    Theme::apply(qApp);
    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_dir.path());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

QAction *TestGuiSettings::menuAction(const QString &text) const
{
    const QList<QMenu *> menus = m_window->findChildren<QMenu *>();
    for (QMenu *menu : menus) {
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->text() == text)
                return action;
        }
    }
    return nullptr;
}

SettingsDialog *TestGuiSettings::freshDialog()
{
    // A new dialog reads everything back from AppSettings.
    m_dialog = std::make_unique<SettingsDialog>();
    return m_dialog.get();
}

void TestGuiSettings::menuOpensSettingsAndAbout()
{
    QAction *settings = menuAction(QStringLiteral("Settings…"));
    QAction *about = menuAction(QStringLiteral("About Palomar"));
    QVERIFY(settings && about);
    settings->trigger();
    auto *dialog = m_window->findChild<SettingsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    settings->trigger(); // a second time raises the same one
    QCOMPARE(m_window->findChildren<SettingsDialog *>().size(), 1);
    dialog->close();
    QTRY_VERIFY(!dialog->isVisible());
    // Ctrl+, opens it too, with the menu closed.
    m_window->activateWindow();
    QTRY_VERIFY(m_window->isActiveWindow());
    QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY(dialog->isVisible());
    dialog->close();
    about->trigger();
    auto *aboutDialog = m_window->findChild<AboutDialog *>();
    QVERIFY(aboutDialog);
    QTRY_VERIFY(aboutDialog->isVisible());
    aboutDialog->close();
}

void TestGuiSettings::aboutShowsVersionAndLicence()
{
    AboutDialog about;
    QVERIFY(about.versionLabel()->text().contains(QStringLiteral(PALOMAR_VERSION)));
    QVERIFY(about.licenceLabel()->text().contains(AboutDialog::licenceUrl()));
    QVERIFY(about.licenceLabel()->text().contains(QStringLiteral("GNU General Public License")));
    // The repository's LICENSE, embedded, is one click away.
    QVERIFY(
        about.licenceText()->toPlainText().contains(QStringLiteral("GNU GENERAL PUBLIC LICENSE")));
    QVERIFY(about.licenceText()->isHidden());
}

void TestGuiSettings::notificationsPersist()
{
    SettingsDialog *dialog = freshDialog();
    QVERIFY(dialog->notificationsBox()->isChecked());
    QVERIFY(dialog->soundBox()->isChecked());
    dialog->soundBox()->setChecked(false);
    QVERIFY(!AppSettings::notificationSound());
    dialog->notificationsBox()->setChecked(false);
    QVERIFY(!AppSettings::notificationsEnabled());
    QVERIFY(!dialog->soundBox()->isEnabled());

    dialog = freshDialog();
    QVERIFY(!dialog->notificationsBox()->isChecked());
    QVERIFY(!dialog->soundBox()->isChecked());
    dialog->notificationsBox()->setChecked(true);
    dialog->soundBox()->setChecked(true);
    QVERIFY(AppSettings::notificationsEnabled() && AppSettings::notificationSound());
}

void TestGuiSettings::themeAppliesAtOnce()
{
    SettingsDialog *dialog = freshDialog();
    QComboBox *theme = dialog->themeBox();
    QCOMPARE(theme->currentData().toInt(), int(AppSettings::ThemeChoice::System));
    theme->setCurrentIndex(theme->findData(int(AppSettings::ThemeChoice::Dark)));
    QCOMPARE(AppSettings::theme(), AppSettings::ThemeChoice::Dark);
    QVERIFY(Theme::isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::window());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 60);
    QVERIFY(m_window->palette().color(QPalette::WindowText).lightness() > 200);
    QVERIFY(freshDialog()->themeBox()->currentData().toInt() ==
            int(AppSettings::ThemeChoice::Dark));

    theme = m_dialog->themeBox();
    theme->setCurrentIndex(theme->findData(int(AppSettings::ThemeChoice::Light)));
    QVERIFY(!Theme::isDark());
    QVERIFY(m_window->palette().color(QPalette::Window).lightness() > 200);
    // "Follow the system": offscreen has no portal and a light palette.
    theme->setCurrentIndex(theme->findData(int(AppSettings::ThemeChoice::System)));
    QCOMPARE(AppSettings::theme(), AppSettings::ThemeChoice::System);
    QCOMPARE(Theme::mode(), Theme::systemMode());
}

void TestGuiSettings::textSizeAppliesAtOnce()
{
    SettingsDialog *dialog = freshDialog();
    QComboBox *size = dialog->textSizeBox();
    QCOMPARE(size->currentData().toInt(), 100);
    size->setCurrentIndex(size->findData(125));
    QCOMPARE(AppSettings::textScalePercent(), 125);
    QCOMPARE(QApplication::font().pointSizeF(), Theme::kBasePointSize * 1.25);
    QCOMPARE(m_window->font().pointSizeF(), Theme::kBasePointSize * 1.25);
    QCOMPARE(freshDialog()->textSizeBox()->currentData().toInt(), 125);
    m_dialog->textSizeBox()->setCurrentIndex(m_dialog->textSizeBox()->findData(100));
    QCOMPARE(QApplication::font().pointSizeF(), Theme::kBasePointSize);
}

void TestGuiSettings::languageIsKeptForTheNextStart()
{
    SettingsDialog *dialog = freshDialog();
    QComboBox *language = dialog->languageBox();
    QCOMPARE(language->currentData().toString(), QString());
    QVERIFY(dialog->languageNote()->isHidden());
    language->setCurrentIndex(language->findData(QStringLiteral("es")));
    QCOMPARE(AppSettings::language(), QStringLiteral("es"));
    QVERIFY(!dialog->languageNote()->isHidden()); // "applies when Palomar restarts"
    language->setCurrentIndex(language->findData(QString()));
    QVERIFY(dialog->languageNote()->isHidden());
    QCOMPARE(AppSettings::language(), QString());
}

void TestGuiSettings::downloadFolderIsChosen()
{
    SettingsDialog *dialog = freshDialog();
    const QString chosen = m_dir.filePath(QStringLiteral("my downloads/new"));
    dialog->setDownloadFolder(chosen);
    QVERIFY(QFileInfo(chosen).isDir());
    QCOMPARE(AppSettings::downloadFolder(), chosen);
    QCOMPARE(dialog->downloadField()->text(), QDir::toNativeSeparators(chosen));
    QCOMPARE(m_controller->downloadDirectory(), chosen);
    QCOMPARE(freshDialog()->downloadField()->text(), QDir::toNativeSeparators(chosen));

    // A folder that cannot be made is refused and said so; nothing changes.
    m_dialog->setDownloadFolder(QStringLiteral("/proc/palomar-cannot-be-here"));
    QVERIFY(!m_dialog->errorLabel()->isHidden());
    QVERIFY(m_dialog->errorLabel()->text().contains(QStringLiteral("cannot be created")));
    QCOMPARE(AppSettings::downloadFolder(), chosen);
}

void TestGuiSettings::startAtLoginWritesTheAutostartEntry()
{
    const QString entry = Autostart::entryPath();
    QVERIFY(entry.endsWith(QStringLiteral("/autostart/palomar.desktop")));
    QVERIFY(!QFile::exists(entry));
    SettingsDialog *dialog = freshDialog();
    QVERIFY(!dialog->startAtLoginBox()->isChecked());
    dialog->startAtLoginBox()->setChecked(true);
    QVERIFY(QFile::exists(entry));
    QVERIFY(AppSettings::startAtLogin());
    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
    QVERIFY(text.contains(QStringLiteral("Type=Application\n")));
    QVERIFY(text.contains(QStringLiteral("Exec=")));
    QVERIFY(text.contains(QCoreApplication::applicationFilePath()));
    QVERIFY(freshDialog()->startAtLoginBox()->isChecked());

    m_dialog->startAtLoginBox()->setChecked(false);
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!AppSettings::startAtLogin());
}

void TestGuiSettings::autostartExecIsQuoted()
{
    QVERIFY(Autostart::entryText(QStringLiteral("/usr/bin/palomar"))
                .contains(QStringLiteral("\nExec=/usr/bin/palomar\n")));
    // Spaces quote the path; $ is escaped inside the quotes, and the
    // backslash itself doubled by the file's string syntax.
    QVERIFY(Autostart::entryText(QStringLiteral("/opt/my apps/palomar"))
                .contains(QStringLiteral("\nExec=\"/opt/my apps/palomar\"\n")));
    QVERIFY(Autostart::entryText(QStringLiteral("/opt/$x/palomar"))
                .contains(QStringLiteral("\nExec=\"/opt/\\\\$x/palomar\"\n")));
}

void TestGuiSettings::fileDialogsOpenWhereTheyShould()
{
    // Attach: home at first, then the folder of the last attached file.
    QCOMPARE(FileFolders::attachFolder(), QDir::homePath());
    const QString pictures = m_dir.filePath(QStringLiteral("pictures"));
    QVERIFY(QDir().mkpath(pictures));
    FileFolders::rememberAttachFolder(pictures + QStringLiteral("/cat.png"));
    QCOMPARE(FileFolders::attachFolder(), pictures);
    QVERIFY(QDir(pictures).removeRecursively());
    QCOMPARE(FileFolders::attachFolder(), QDir::homePath());
    // Save as: the downloads folder, made when missing, never the working folder.
    const QString downloads = m_dir.filePath(QStringLiteral("not yet/made"));
    QCOMPARE(FileFolders::saveFolder(downloads), downloads);
    QVERIFY(QFileInfo(downloads).isDir());
    QCOMPARE(FileFolders::saveFolder(QStringLiteral("/proc/nope")), QDir::homePath());
}

void TestGuiSettings::pluralsInBothLanguages()
{
    const QDateTime now = QDateTime::currentDateTime();
    const auto ago = [&now](int minutes) {
        return TimeFormat::lastSeen(now.addSecs(-60 * minutes).toMSecsSinceEpoch(), now);
    };
    // A language without its own file (French) shows English, with plurals.
    Languages::install(qApp, QStringLiteral("fr"));
    QCOMPARE(ago(1), QStringLiteral("last seen 1 minute ago"));
    QCOMPARE(ago(3), QStringLiteral("last seen 3 minutes ago"));
    const char *members = "Group · %n member(s)";
    const char *context = "Palomar::Desktop::GroupInfoPanel";
    QCOMPARE(QCoreApplication::translate(context, members, nullptr, 1),
             QStringLiteral("Group · 1 member"));
    QCOMPARE(QCoreApplication::translate(context, members, nullptr, 3),
             QStringLiteral("Group · 3 members"));
    Languages::install(qApp, QStringLiteral("en"));
    QCOMPARE(ago(3), QStringLiteral("last seen 3 minutes ago"));
    Languages::install(qApp, QStringLiteral("es"));
    QCOMPARE(ago(1), QStringLiteral("visto hace 1 minuto"));
    QCOMPARE(ago(3), QStringLiteral("visto hace 3 minutos"));
    QCOMPARE(QCoreApplication::translate(context, members, nullptr, 3),
             QStringLiteral("Grupo · 3 miembros"));
    Languages::install(qApp, QStringLiteral("en"));
}

void TestGuiSettings::statusBarFitsA500PxWindow()
{
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("connectionStatus"));
    auto *account = m_window->findChild<ElidedLabel *>(QStringLiteral("accountLabel"));
    QVERIFY(status && account);
    status->setText(QStringLiteral("Connected, server unavailable. Retrying in 30 s…"));
    account->setText(QStringLiteral("bartholomew-jojo-simpson on chat.springfield.example:7443"));
    m_window->resize(500, 600);
    QTRY_COMPARE(m_window->width(), 500);
    QStatusBar *bar = m_window->statusBar();
    QTRY_VERIFY(account->isVisible() && account->width() > 0);
    const QRect statusBox(status->mapTo(bar, QPoint(0, 0)), status->size());
    const QRect accountBox(account->mapTo(bar, QPoint(0, 0)), account->size());
    QVERIFY2(statusBox.right() < accountBox.left(),
             qPrintable(QStringLiteral("status %1..%2, account %3..%4")
                            .arg(statusBox.left())
                            .arg(statusBox.right())
                            .arg(accountBox.left())
                            .arg(accountBox.right())));
    QVERIFY(accountBox.right() <= bar->width());
    // Cut short with "…", the whole text in the tooltip.
    QVERIFY(account->shownText().endsWith(QStringLiteral("…")));
    QCOMPARE(account->toolTip(), account->text());
}

void TestGuiSettings::cleanupTestCase()
{
    m_dialog.reset();
    m_window.reset();
    m_controller.reset();
    QFile::remove(Autostart::entryPath());
    QSettings().clear();
}

QTEST_MAIN(TestGuiSettings)
#include "tst_gui_settings.moc"
