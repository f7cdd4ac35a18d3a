#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

// The one Settings dialog (the main window's menu): notifications and
// their sound, theme, text size, language, downloads folder and start at
// login. Every change is saved through AppSettings as it is made; theme
// and text size apply at once, the language when Palomar next starts.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    QCheckBox *notificationsBox() const { return m_notifications; }
    QCheckBox *soundBox() const { return m_sound; }
    QComboBox *themeBox() const { return m_theme; }
    QComboBox *textSizeBox() const { return m_textSize; }
    QComboBox *languageBox() const { return m_language; }
    QLabel *languageNote() const { return m_languageNote; }
    QLineEdit *downloadField() const { return m_download; }
    QCheckBox *startAtLoginBox() const { return m_startAtLogin; }
    QLabel *errorLabel() const { return m_error; }

    // What the folder chooser does once a folder is picked.
    void setDownloadFolder(const QString &path);

private:
    void chooseDownloadFolder();
    void applyTheme();
    void applyTextSize();
    void applyLanguage();
    void applyStartAtLogin(bool on);

    QCheckBox *m_notifications;
    QCheckBox *m_sound;
    QComboBox *m_theme;
    QComboBox *m_textSize;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QLineEdit *m_download;
    QPushButton *m_chooseDownload;
    QCheckBox *m_startAtLogin;
    QLabel *m_error;
    QString m_languageInUse;
};

} // namespace Palomar::Desktop
