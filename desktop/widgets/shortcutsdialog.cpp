#include "shortcutsdialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace Shortcuts {

QList<QKeySequence> quickSwitcher()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_K)};
}
QList<QKeySequence> find()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_F)};
}
QList<QKeySequence> nextChat()
{
    return {QKeySequence(Qt::ALT | Qt::Key_Down)};
}
QList<QKeySequence> previousChat()
{
    return {QKeySequence(Qt::ALT | Qt::Key_Up)};
}
QList<QKeySequence> nextChatCycling()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_Tab)};
}
QList<QKeySequence> previousChatCycling()
{
    // Shift+Tab arrives as Backtab on most systems.
    return {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab)};
}
QList<QKeySequence> help()
{
    return {QKeySequence(Qt::CTRL | Qt::Key_Slash), QKeySequence(Qt::Key_F1)};
}
QList<QKeySequence> close()
{
    return {QKeySequence(Qt::Key_Escape)};
}

QList<Entry> all()
{
    return {
        {quickSwitcher(), QCoreApplication::translate("Shortcuts", "Go to a chat by name")},
        {find(), QCoreApplication::translate("Shortcuts", "Find in the open chat")},
        {{QKeySequence(Qt::Key_Enter), QKeySequence(Qt::SHIFT | Qt::Key_Enter)},
         QCoreApplication::translate("Shortcuts",
                                     "In the find bar: older / newer match (or Up / Down)")},
        {close(), QCoreApplication::translate(
                      "Shortcuts", "Close the find bar or the switcher, clear the search")},
        {nextChat() + previousChat(),
         QCoreApplication::translate("Shortcuts", "Next / previous chat in the list")},
        {nextChatCycling() + previousChatCycling().mid(1, 1),
         QCoreApplication::translate("Shortcuts", "Next / previous chat, round the list")},
        {{QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_PageDown)},
         QCoreApplication::translate("Shortcuts", "Scroll the history while typing")},
        {{QKeySequence(Qt::Key_Enter)},
         QCoreApplication::translate("Shortcuts", "Send the message")},
        {{QKeySequence(Qt::SHIFT | Qt::Key_Enter)},
         QCoreApplication::translate("Shortcuts", "New line in the message")},
        {{QKeySequence(Qt::CTRL | Qt::Key_Up)},
         QCoreApplication::translate("Shortcuts",
                                     "In an empty message box: edit your last message")},
        {close(), QCoreApplication::translate("Shortcuts", "Cancel a reply or an edit")},
        {help(), QCoreApplication::translate("Shortcuts", "This list of shortcuts")},
        {{QKeySequence::Quit}, QCoreApplication::translate("Shortcuts", "Quit")},
    };
}

} // namespace Shortcuts

ShortcutsDialog::ShortcutsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(8);
    int row = 0;
    for (const Shortcuts::Entry &entry : Shortcuts::all()) {
        QStringList keys;
        for (const QKeySequence &key : entry.keys)
            keys.append(key.toString(QKeySequence::NativeText));
        auto *keysLabel = new QLabel(keys.join(QStringLiteral(" · ")), this);
        QFont bold = keysLabel->font();
        bold.setWeight(QFont::DemiBold);
        keysLabel->setFont(bold);
        grid->addWidget(keysLabel, row, 0, Qt::AlignLeft | Qt::AlignTop);
        grid->addWidget(new QLabel(entry.what, this), row, 1, Qt::AlignLeft | Qt::AlignTop);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(tr("Close"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(16);
    layout->addLayout(grid);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);
}

} // namespace Palomar::Desktop
