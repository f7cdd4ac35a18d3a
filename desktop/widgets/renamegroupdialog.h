#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

// "Rename group": the current name to edit, Cancel and Save (enabled once
// the name is new and not blank). Opened with open(); accepted() means
// newName() is to be asked for.
class RenameGroupDialog : public QDialog
{
    Q_OBJECT
public:
    RenameGroupDialog(const QString &current, QWidget *parent = nullptr);

    QString newName() const;
    QLineEdit *nameField() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }

private:
    QString m_current;
    QLineEdit *m_name;
    QPushButton *m_save;
};

} // namespace Palomar::Desktop
