#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace Palomar::Desktop {

// About Palomar (the main window's menu): the icon, the version
// (PALOMAR_VERSION), what the program is, and its licence, the GNU GPL
// version 3 or later (as the README says), with a link to the licence online and its full text (the
// repository's LICENSE, embedded as ":/LICENSE") one click away.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QLabel *versionLabel() const { return m_version; }
    QLabel *licenceLabel() const { return m_licence; }
    QPlainTextEdit *licenceText() const { return m_licenceText; }

    static QString licenceUrl();

private:
    QLabel *m_version;
    QLabel *m_licence;
    QPlainTextEdit *m_licenceText;
};

} // namespace Palomar::Desktop
