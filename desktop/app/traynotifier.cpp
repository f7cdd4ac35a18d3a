#include "traynotifier.h"

#include "appcontroller.h"
#include "appsettings.h"
#include "dbusnotifier.h"
#include "models/chatlistmodel.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QSystemTrayIcon>

namespace Palomar::Desktop {

namespace {
constexpr int kPreviewLength = 120;
constexpr int kTrayMessageMs = 5000;
} // namespace

TrayNotifier::TrayNotifier(AppController *controller, MainWindow *window, QObject *parent,
                           const QDBusConnection &bus)
    : QObject(parent), m_window(window)
{
    connect(controller, &AppController::incomingMessageArrived, this, &TrayNotifier::notifyMessage);
    connect(controller->chatList(), &ChatListModel::unreadTotalChanged, this,
            &TrayNotifier::setUnreadTotal);
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_dbus = new DBusNotifier(bus, this);
        connect(m_dbus, &DBusNotifier::activated, this, &TrayNotifier::openChat);
        return;
    }
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_tray->setToolTip(tr("Palomar"));
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayNotifier::raiseWindow);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] { openChat(m_lastChat); });
    m_tray->show();
}

void TrayNotifier::notifyMessage(const QString &chat, const QString &title, const QString &text)
{
    if (!AppSettings::notificationsEnabled() ||
        (m_window->isActiveWindow() && !m_window->isMinimized()))
        return;
    QString preview = text.simplified();
    if (preview.size() > kPreviewLength)
        preview = preview.left(kPreviewLength - 1) + QChar(0x2026);
    if (m_dbus) {
        m_dbus->notify(chat, title, preview, AppSettings::notificationSound());
    } else if (m_tray) {
        m_lastChat = chat;
        m_tray->showMessage(title, preview, QApplication::windowIcon(), kTrayMessageMs);
    }
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

void TrayNotifier::openChat(const QString &chat)
{
    raiseWindow();
    if (!chat.isEmpty())
        m_window->openChat(chat);
}

} // namespace Palomar::Desktop
