#include "traynotifier.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Palomar::Desktop {

TrayNotifier::TrayNotifier(QWidget *window, QObject *parent) : QObject(parent), m_window(window)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_tray->setToolTip(tr("Palomar"));
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayNotifier::raiseWindow);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::raiseWindow);
    m_tray->show();
}

void TrayNotifier::notifyMessage(const QString &peer, const QString &text)
{
    if (!m_tray || (m_window->isActiveWindow() && !m_window->isMinimized()))
        return;
    QString preview = text.simplified();
    if (preview.size() > 120)
        preview = preview.left(119) + QChar(0x2026);
    m_tray->showMessage(peer, preview, QApplication::windowIcon(), 5000);
}

void TrayNotifier::setUnreadTotal(int total)
{
    if (!m_tray)
        return;
    m_tray->setToolTip(total > 0 ? tr("Palomar: %n unread message(s)", nullptr, total)
                                 : tr("Palomar"));
}

void TrayNotifier::raiseWindow()
{
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace Palomar::Desktop
