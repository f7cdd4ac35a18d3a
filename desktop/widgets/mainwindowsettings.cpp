// The main window's Settings, Profile and About dialogs (its menu opens them).
#include "aboutdialog.h"
#include "mainwindow.h"
#include "profiledialog.h"
#include "settingsdialog.h"

namespace Palomar::Desktop {

namespace {

template<typename Dialog, typename... Args> Dialog *showOne(QWidget *parent, Args... args)
{
    // One of each, kept once made: asking again shows or raises it.
    auto *dialog = parent->findChild<Dialog *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog)
        dialog = new Dialog(args..., parent);
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

ProfileDialog *MainWindow::showProfile()
{
    // Made afresh each time, so it reads the profile as it is now.
    if (auto *old = findChild<ProfileDialog *>(QString(), Qt::FindDirectChildrenOnly);
        old && !old->isVisible())
        delete old;
    return showOne<ProfileDialog>(this, m_controller);
}

AboutDialog *MainWindow::showAbout()
{
    return showOne<AboutDialog>(this);
}

} // namespace Palomar::Desktop
