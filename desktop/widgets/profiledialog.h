#pragma once

#include <QDialog>
#include <QImage>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

class AppController;

// My profile (docs/protocol.md §3.35-3.36): my display name, my picture
// (chosen from a file, cropped to a square and re-encoded by the client to
// fit the server's 64 KB) with a round preview and a Remove button, and a
// Change password section (current, new, repeat). Opened from the main
// menu when the server speaks `profile`; the password part only when it
// speaks `set_password`.
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProfileDialog(AppController *controller, QWidget *parent = nullptr);

    // Takes the picture in `path` as my new one (not saved until Save);
    // false, with the reason shown, when it cannot be read.
    bool setPictureFile(const QString &path);
    // The encoded picture waiting for Save (empty: none chosen, or removed).
    QByteArray pendingPicture() const { return m_pendingPicture.value_or(QByteArray()); }

    // My profile has been read from the server.
    bool isLoaded() const { return m_loaded; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *removePictureButton() const { return m_removePicture; }
    QLabel *profileStatus() const { return m_profileStatus; }
    QLineEdit *oldPasswordEdit() const { return m_oldPassword; }
    QLineEdit *newPasswordEdit() const { return m_newPassword; }
    QLineEdit *repeatPasswordEdit() const { return m_repeatPassword; }
    QPushButton *changePasswordButton() const { return m_changePassword; }
    QLabel *passwordStatus() const { return m_passwordStatus; }

    // For people, from the server's error code.
    static QString passwordErrorText(const QString &error, const QString &message);

private:
    QWidget *makePasswordSection();
    void choosePicture();
    void removePicture();
    void save();
    void changePassword();
    void showPicture(const QImage &picture);
    void updateSaveButton();
    void setStatus(QLabel *label, const QString &text, bool error);

    AppController *m_controller;
    QWidget *m_preview;
    QLineEdit *m_name;
    QPushButton *m_choosePicture;
    QPushButton *m_removePicture;
    QPushButton *m_save;
    QLabel *m_profileStatus;
    QLineEdit *m_oldPassword = nullptr;
    QLineEdit *m_newPassword = nullptr;
    QLineEdit *m_repeatPassword = nullptr;
    QPushButton *m_changePassword = nullptr;
    QLabel *m_passwordStatus = nullptr;

    QString m_savedName;
    bool m_hasPicture = false;
    bool m_loaded = false;
    std::optional<QByteArray> m_pendingPicture; // set: Save sends it ("" removes)
};

} // namespace Palomar::Desktop
