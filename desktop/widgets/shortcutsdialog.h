#pragma once

#include <QDialog>
#include <QKeySequence>

namespace Palomar::Desktop {

// The keyboard shortcuts of the main window, in one place: MainWindow binds
// them and ShortcutsDialog lists them (Ctrl+/, F1, the menu).
namespace Shortcuts {
struct Entry
{
    QList<QKeySequence> keys;
    QString what; // translated
};
QList<QKeySequence> quickSwitcher();
QList<QKeySequence> find();
QList<QKeySequence> nextChat();
QList<QKeySequence> previousChat();
QList<QKeySequence> nextChatCycling();
QList<QKeySequence> previousChatCycling();
QList<QKeySequence> help();
QList<QKeySequence> close();
// Everything, in the order the help lists it.
QList<Entry> all();
} // namespace Shortcuts

// A list of the keyboard shortcuts: keys on the left, what they do on the right.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);
};

} // namespace Palomar::Desktop
