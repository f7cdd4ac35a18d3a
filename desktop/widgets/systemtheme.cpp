#include "systemtheme.h"

#include "app/appsettings.h"
#include "theme.h"

#include <QApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDBusVariant>
#include <QPalette>
#include <QPointer>

namespace Palomar::Desktop::SystemTheme {

namespace {

const QString kService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kInterface = QStringLiteral("org.freedesktop.portal.Settings");
const QString kGroup = QStringLiteral("org.freedesktop.appearance");
const QString kKey = QStringLiteral("color-scheme");

QPointer<PortalWatcher> g_watcher;
std::optional<bool> g_platformDark; // the platform palette, before ours

// Read() answers a variant inside a variant; SettingChanged sends one.
uint unwrap(QVariant value)
{
    while (value.canConvert<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    if (value.canConvert<QDBusArgument>()) {
        QDBusVariant inner;
        value.value<QDBusArgument>() >> inner;
        value = inner.variant();
    }
    return value.toUInt();
}

std::optional<bool> readPortal()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return std::nullopt;
    QDBusInterface settings(kService, kPath, kInterface, bus);
    if (!settings.isValid())
        return std::nullopt;
    settings.setTimeout(1000);
    const QDBusMessage reply = settings.call(QStringLiteral("Read"), kGroup, kKey);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return std::nullopt;
    return fromColorScheme(unwrap(reply.arguments().constFirst()));
}

} // namespace

std::optional<bool> fromColorScheme(uint value)
{
    if (value == 1)
        return true;
    if (value == 2)
        return false;
    return std::nullopt;
}

PortalWatcher::PortalWatcher(QApplication *app) : QObject(app), m_app(app)
{
    m_preference = readPortal();
    QDBusConnection::sessionBus().connect(kService, kPath, kInterface,
                                          QStringLiteral("SettingChanged"), this,
                                          SLOT(settingChanged(QString, QString, QDBusVariant)));
}

void PortalWatcher::settingChanged(const QString &group, const QString &key,
                                   const QDBusVariant &value)
{
    if (group != kGroup || key != kKey)
        return;
    const std::optional<bool> preference = fromColorScheme(unwrap(value.variant()));
    if (preference == m_preference)
        return;
    m_preference = preference;
    if (AppSettings::theme() == AppSettings::ThemeChoice::System)
        Theme::apply(m_app);
}

bool prefersDark()
{
    if (g_watcher && g_watcher->preference())
        return *g_watcher->preference();
    return g_platformDark.value_or(false);
}

void watch(QApplication *app)
{
    if (!g_platformDark) {
        // Still the platform's palette: ours is installed after this.
        g_platformDark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    }
    if (!g_watcher)
        g_watcher = new PortalWatcher(app);
}

} // namespace Palomar::Desktop::SystemTheme
