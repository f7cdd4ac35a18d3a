#pragma once

#include <QObject>

#include <optional>

class QApplication;
class QDBusVariant;

namespace Palomar::Desktop::SystemTheme {

// Whether the desktop asks for dark: the freedesktop portal's
// org.freedesktop.appearance color-scheme (1 dark, 2 light) when the
// session bus has a portal that says, else the platform palette as it
// was before Palomar installed its own (a dark window colour means dark).
bool prefersDark();

// The portal's color-scheme value read as a preference: dark, light, or
// none (0, "no preference", and anything unknown).
std::optional<bool> fromColorScheme(uint value);

// Remembers the platform palette (first call only) and follows the
// portal's SettingChanged signal: when the color-scheme changes and the
// user's theme is "follow the system", Theme::apply() runs again.
void watch(QApplication *app);

// The D-Bus end of watch(); public for moc only.
class PortalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit PortalWatcher(QApplication *app);
    std::optional<bool> preference() const { return m_preference; }

private slots:
    void settingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    QApplication *m_app;
    std::optional<bool> m_preference;
};

} // namespace Palomar::Desktop::SystemTheme
