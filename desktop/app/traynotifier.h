#pragma once

#include <QDBusConnection>
#include <QObject>

class QSystemTrayIcon;

namespace Palomar::Desktop {

class AppController;
class DBusNotifier;
class MainWindow;

// The tray icon and desktop notifications for messages that arrive while
// the main window is not active, as the user's settings say (notifications
// on or off, with or without sound). With a system tray they come from the
// tray icon; without one (stock GNOME) from the freedesktop notification
// service on `bus`. Clicking a notification brings the window back with the
// message's chat open; clicking the tray icon brings the window back.
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    TrayNotifier(AppController *controller, MainWindow *window, QObject *parent = nullptr,
                 const QDBusConnection &bus = QDBusConnection::sessionBus());

    bool isAvailable() const { return m_tray != nullptr; }
    void notifyMessage(const QString &chat, const QString &title, const QString &text);
    void setUnreadTotal(int total);

private:
    void raiseWindow();
    void openChat(const QString &chat);

    MainWindow *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    DBusNotifier *m_dbus = nullptr;
    QString m_lastChat; // what a click on the tray's message opens
};

} // namespace Palomar::Desktop
