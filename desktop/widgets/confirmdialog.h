#pragma once

#include <QDialog>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace Palomar::Desktop {

// The button look every dialog of the app shares: a grey secondary button
// (Cancel, Close) beside a blue primary one, or a red one for an action
// that cannot be undone.
namespace DialogButtons {
enum class Kind
{
    Primary,
    Secondary,
    Danger
};
QPushButton *make(const QString &text, Kind kind, QWidget *parent);
// The buttons right-aligned in one row, in the order given.
QHBoxLayout *row(const QList<QPushButton *> &buttons);
// The bold title the app's dialogs open with.
QLabel *title(const QString &text, QWidget *parent);
} // namespace DialogButtons

// Asks before doing something: a title, a sentence naming what will happen,
// Cancel and a button named after the action. Opened with open(), it
// reports the answer through accepted() / rejected().
class ConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ConfirmDialog(const QString &title, const QString &text, const QString &action,
                  DialogButtons::Kind kind, QWidget *parent = nullptr);

    QString text() const;
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QLabel *m_text;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};

} // namespace Palomar::Desktop
