#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QObject>

class QDBusPendingCallWatcher;

namespace Palomar::Desktop {

// Desktop notifications through the freedesktop notification service
// (org.freedesktop.Notifications on the session bus), for desktops without
// a system tray such as stock GNOME. One notification per chat: a newer
// message replaces the chat's last one (replaces_id). Clicking it (the
// "default" action) emits activated() with the chat.
class DBusNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DBusNotifier(const QDBusConnection &bus, QObject *parent = nullptr);

    // Whether a notification service is on the bus now.
    bool isAvailable() const;
    // `chat` is the chat key the click opens; `sound` asks for the desktop's
    // "new message" sound (else for silence).
    void notify(const QString &chat, const QString &summary, const QString &body, bool sound);

signals:
    void activated(const QString &chat);

private slots:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    QHash<QString, uint> m_idByChat;
    QHash<uint, QString> m_chatById;
};

} // namespace Palomar::Desktop
