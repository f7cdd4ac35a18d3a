#pragma once

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace Palomar::Desktop {

// The tray icon and desktop notifications for messages that arrive while
// the main window is not active. Does nothing where there is no system
// tray. Clicking the icon or a notification brings the window back.
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TrayNotifier(QWidget *window, QObject *parent = nullptr);

    bool isAvailable() const { return m_tray != nullptr; }
    void notifyMessage(const QString &peer, const QString &text);
    void setUnreadTotal(int total);

private:
    void raiseWindow();

    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace Palomar::Desktop
