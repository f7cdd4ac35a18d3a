#include "dbusnotifier.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcNotify, "palomar.desktop.notify")

namespace Palomar::Desktop {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kDefaultAction = QStringLiteral("default");
constexpr int kExpireDefault = -1; // the server's own timeout
} // namespace

DBusNotifier::DBusNotifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_bus(bus)
{
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onClosed(uint, uint)));
}

bool DBusNotifier::isAvailable() const
{
    return m_bus.isConnected() && m_bus.interface() &&
           m_bus.interface()->isServiceRegistered(kService).value();
}

void DBusNotifier::notify(const QString &chat, const QString &summary, const QString &body,
                          bool sound)
{
    if (!m_bus.isConnected())
        return;
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QGuiApplication::desktopFileName());
    hints.insert(QStringLiteral("category"), QStringLiteral("im.received"));
    if (sound)
        hints.insert(QStringLiteral("sound-name"), QStringLiteral("message-new-instant"));
    else
        hints.insert(QStringLiteral("suppress-sound"), true);
    QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    const QString appName = QGuiApplication::applicationDisplayName();
    // The icon by name, from the installed palomar.desktop's icon theme entry.
    const QString icon = QGuiApplication::desktopFileName().isEmpty()
                             ? QStringLiteral("palomar")
                             : QGuiApplication::desktopFileName();
    call << appName << m_idByChat.value(chat) << icon << summary << body
         << QStringList{kDefaultAction, tr("Open")} << hints << kExpireDefault;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, chat] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qCInfo(lcNotify) << "Notify failed:" << reply.error().message();
            return;
        }
        const uint id = reply.value();
        m_chatById.remove(m_idByChat.value(chat));
        m_idByChat.insert(chat, id);
        m_chatById.insert(id, chat);
    });
}

void DBusNotifier::onActionInvoked(uint id, const QString &action)
{
    const auto chat = m_chatById.constFind(id);
    if (chat != m_chatById.cend() && action == kDefaultAction)
        emit activated(*chat);
}

void DBusNotifier::onClosed(uint id, uint)
{
    const QString chat = m_chatById.take(id);
    if (!chat.isEmpty() && m_idByChat.value(chat) == id)
        m_idByChat.remove(chat);
}

} // namespace Palomar::Desktop
