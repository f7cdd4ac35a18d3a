// The main window's Settings and About dialogs (its menu opens them).
#include "aboutdialog.h"
#include "mainwindow.h"
#include "settingsdialog.h"

namespace Palomar::Desktop {

namespace {

template<typename Dialog> Dialog *showOne(QWidget *parent)
{
    // One of each, kept once made: asking again shows or raises it.
    auto *dialog = parent->findChild<Dialog *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog)
        dialog = new Dialog(parent);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

} // namespace

SettingsDialog *MainWindow::showSettings()
{
    return showOne<SettingsDialog>(this);
}

AboutDialog *MainWindow::showAbout()
{
    return showOne<AboutDialog>(this);
}

} // namespace Palomar::Desktop
