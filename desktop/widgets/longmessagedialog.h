#pragma once

#include <QDialog>

class QPushButton;

namespace Palomar::Desktop {

// Asked when the compose box holds more than the server takes in one
// message (max_text, in UTF-8 bytes): says so, and offers to send it as
// several messages (cut where TextSplit::split cuts) or as a text file.
// Cancel leaves the text in the box.
class LongMessageDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice
    {
        Cancel = QDialog::Rejected,
        Split = 2,
        AsFile = 3,
    };

    LongMessageDialog(const QString &text, int maxBytes, QWidget *parent = nullptr);

    QStringList parts() const { return m_parts; }
    QPushButton *splitButton() const { return m_split; }
    QPushButton *fileButton() const { return m_file; }

private:
    QStringList m_parts;
    QPushButton *m_split;
    QPushButton *m_file;
};

} // namespace Palomar::Desktop
