#include "settingsdialog.h"
#include "confirmdialog.h"

#include "app/appsettings.h"
#include "app/autostart.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {

constexpr int kTextSizes[] = {80, 90, 100, 110, 125, 150};

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    Theme::bindPalette(label, QPalette::WindowText, Theme::Color::Accent);
    return label;
}

int indexOfData(const QComboBox *box, const QVariant &data)
{
    return qMax(0, box->findData(data));
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    m_languageInUse = AppSettings::language();

    m_notifications = new QCheckBox(tr("Show notifications for new messages"), this);
    m_notifications->setChecked(AppSettings::notificationsEnabled());
    m_sound = new QCheckBox(tr("Play a sound"), this);
    m_sound->setChecked(AppSettings::notificationSound());
    m_sound->setEnabled(m_notifications->isChecked());
    connect(m_notifications, &QCheckBox::toggled, this, [this](bool on) {
        AppSettings::setNotificationsEnabled(on);
        m_sound->setEnabled(on);
    });
    connect(m_sound, &QCheckBox::toggled, this, &AppSettings::setNotificationSound);

    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Follow the system"), int(AppSettings::ThemeChoice::System));
    m_theme->addItem(tr("Light"), int(AppSettings::ThemeChoice::Light));
    m_theme->addItem(tr("Dark"), int(AppSettings::ThemeChoice::Dark));
    m_theme->setCurrentIndex(indexOfData(m_theme, int(AppSettings::theme())));
    connect(m_theme, &QComboBox::currentIndexChanged, this, &SettingsDialog::applyTheme);

    m_textSize = new QComboBox(this);
    for (const int percent : kTextSizes)
        m_textSize->addItem(tr("%1 %").arg(percent), percent);
    m_textSize->setCurrentIndex(indexOfData(m_textSize, AppSettings::textScalePercent()));
    connect(m_textSize, &QComboBox::currentIndexChanged, this, &SettingsDialog::applyTextSize);

    m_language = new QComboBox(this);
    m_language->addItem(tr("The system's language"), QString());
    // Each language in its own name, so anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->setCurrentIndex(indexOfData(m_language, m_languageInUse));
    m_languageNote = new QLabel(tr("The new language applies when Palomar restarts."), this);
    m_languageNote->setWordWrap(true);
    Theme::bindPalette(m_languageNote, QPalette::WindowText, Theme::Color::TextSecondary);
    m_languageNote->hide();
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::applyLanguage);

    m_download = new QLineEdit(QDir::toNativeSeparators(AppSettings::downloadFolder()), this);
    m_download->setReadOnly(true);
    m_download->setAccessibleName(tr("Downloads folder"));
    m_chooseDownload = DialogButtons::make(tr("Choose…"), DialogButtons::Kind::Secondary, this);
    connect(m_chooseDownload, &QPushButton::clicked, this, &SettingsDialog::chooseDownloadFolder);
    auto *downloadRow = new QHBoxLayout;
    downloadRow->addWidget(m_download, 1);
    downloadRow->addWidget(m_chooseDownload);

    m_startAtLogin = new QCheckBox(tr("Start Palomar when I log in"), this);
    m_startAtLogin->setChecked(Autostart::isEnabled());
    connect(m_startAtLogin, &QCheckBox::toggled, this, &SettingsDialog::applyStartAtLogin);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *close = DialogButtons::make(tr("Close"), DialogButtons::Kind::Primary, this);
    close->setDefault(true);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    auto *appearance = new QFormLayout;
    appearance->addRow(tr("Theme"), m_theme);
    appearance->addRow(tr("Text size"), m_textSize);
    auto *language = new QFormLayout;
    language->addRow(tr("Language"), m_language);
    QHBoxLayout *buttons = DialogButtons::row({close});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(8);
    layout->addWidget(sectionTitle(tr("Notifications"), this));
    layout->addWidget(m_notifications);
    layout->addWidget(m_sound);
    layout->addSpacing(10);
    layout->addWidget(sectionTitle(tr("Appearance"), this));
    layout->addLayout(appearance);
    layout->addSpacing(10);
    layout->addWidget(sectionTitle(tr("Language"), this));
    layout->addLayout(language);
    layout->addWidget(m_languageNote);
    layout->addSpacing(10);
    layout->addWidget(sectionTitle(tr("Files"), this));
    layout->addWidget(new QLabel(tr("Save downloaded files in:"), this));
    layout->addLayout(downloadRow);
    layout->addSpacing(10);
    layout->addWidget(sectionTitle(tr("Startup"), this));
    layout->addWidget(m_startAtLogin);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addLayout(buttons);
    setMinimumWidth(460);
}

void SettingsDialog::applyTheme()
{
    AppSettings::setTheme(AppSettings::ThemeChoice(m_theme->currentData().toInt()));
    Theme::apply(qApp);
}

void SettingsDialog::applyTextSize()
{
    AppSettings::setTextScalePercent(m_textSize->currentData().toInt());
    Theme::apply(qApp);
}

void SettingsDialog::applyLanguage()
{
    const QString code = m_language->currentData().toString();
    AppSettings::setLanguage(code);
    m_languageNote->setVisible(code != m_languageInUse);
}

void SettingsDialog::chooseDownloadFolder()
{
    auto *dialog = new QFileDialog(this, tr("Downloads folder"), AppSettings::downloadFolder());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &SettingsDialog::setDownloadFolder);
    dialog->open();
}

void SettingsDialog::setDownloadFolder(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString folder = QDir::cleanPath(QDir(path).absolutePath());
    if (!QDir().mkpath(folder)) {
        m_error->setText(tr("Cannot use %1: the folder cannot be created.")
                             .arg(QDir::toNativeSeparators(folder)));
        m_error->show();
        return;
    }
    m_error->hide();
    AppSettings::setDownloadFolder(folder);
    m_download->setText(QDir::toNativeSeparators(folder));
}

void SettingsDialog::applyStartAtLogin(bool on)
{
    QString error;
    if (!Autostart::setEnabled(on, &error)) {
        m_error->setText(error);
        m_error->show();
        const QSignalBlocker blocker(m_startAtLogin);
        m_startAtLogin->setChecked(!on);
        return;
    }
    m_error->hide();
    AppSettings::setStartAtLogin(on);
}

} // namespace Palomar::Desktop
