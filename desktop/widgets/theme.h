#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QApplication;
class QWidget;

namespace Palomar::Desktop::Theme {

// The one accent colour and the few neutrals the whole client is drawn
// with, in a light and a dark variant, plus the application-wide style
// (Fusion, a palette and a short style sheet for the custom-looking
// widgets). Every colour function answers for the theme in use, so
// delegates that ask while painting follow a switch at once; widgets that
// keep a colour (a palette role, a style sheet of their own) register it
// with bindPalette() / bindStyleSheet() and are redone by apply().

enum class Mode
{
    Light,
    Dark
};

// The named colours, one table per mode (theme.cpp). The functions below
// are the ones to call; the enum is for bindPalette().
enum class Color
{
    Accent,
    AccentPressed,
    AccentDisabled, // a primary button that cannot be pressed
    OnAccent,       // text and glyphs on the accent
    OnAccentSecondary,
    Window,  // behind everything: the main window, the status bar
    Surface, // panes, lists, fields, dialogs' cards
    SurfaceHover,
    Field, // the search field, secondary buttons
    FieldHover,
    FieldBorder,
    ChatBackground,
    BubbleMine,
    BubbleMineBorder,
    BubbleTheirs,
    BubbleTheirsBorder,
    FileButtonMine, // the round button of a file card in my bubble
    TextPrimary,
    TextSecondary,
    Placeholder,
    MetaMine,
    Tick,
    TickRead,
    Badge,
    OnBadge,
    Danger,
    DangerBackground,
    ErrorText,
    NoticeText,
    NoticeBackground,
    NoticeBorder,
    Divider,
    Online,
    Pill,           // the date pill over the chat background
    Link,           // web addresses in message text, on either bubble
    ViewerBackdrop, // the picture viewer, behind the picture
    ViewerText,
    Count
};

QColor color(Color which);
QColor color(Color which, Mode mode);
// The name used in bindStyleSheet() templates: "{accent}", "{textSecondary}" …
QString colorName(Color which);

inline QColor accent()
{
    return color(Color::Accent);
}
inline QColor accentPressed()
{
    return color(Color::AccentPressed);
}
inline QColor onAccent()
{
    return color(Color::OnAccent);
}
inline QColor onAccentSecondary()
{
    return color(Color::OnAccentSecondary);
}
inline QColor window()
{
    return color(Color::Window);
}
inline QColor surface()
{
    return color(Color::Surface);
}
inline QColor surfaceHover()
{
    return color(Color::SurfaceHover);
}
inline QColor fieldBorder()
{
    return color(Color::FieldBorder);
}
inline QColor chatBackground()
{
    return color(Color::ChatBackground);
}
inline QColor bubbleMine()
{
    return color(Color::BubbleMine);
}
inline QColor bubbleMineBorder()
{
    return color(Color::BubbleMineBorder);
}
inline QColor bubbleTheirs()
{
    return color(Color::BubbleTheirs);
}
inline QColor bubbleTheirsBorder()
{
    return color(Color::BubbleTheirsBorder);
}
inline QColor fileButtonMine()
{
    return color(Color::FileButtonMine);
}
inline QColor textPrimary()
{
    return color(Color::TextPrimary);
}
inline QColor textSecondary()
{
    return color(Color::TextSecondary);
}
inline QColor metaMine()
{
    return color(Color::MetaMine);
}
inline QColor tick()
{
    return color(Color::Tick);
}
inline QColor tickRead()
{
    return color(Color::TickRead);
}
inline QColor badge()
{
    return color(Color::Badge);
}
inline QColor onBadge()
{
    return color(Color::OnBadge);
}
inline QColor danger()
{
    return color(Color::Danger);
}
inline QColor divider()
{
    return color(Color::Divider);
}
inline QColor online()
{
    return color(Color::Online);
}
inline QColor pill()
{
    return color(Color::Pill);
}
inline QColor link()
{
    return color(Color::Link);
}
// The picture viewer: a backdrop a shade off the window's, in either theme.
inline QColor viewerBackdrop()
{
    return color(Color::ViewerBackdrop);
}
inline QColor viewerText()
{
    return color(Color::ViewerText);
}

// The theme in use (set by apply()).
Mode mode();
bool isDark();

// The point size of the text at 100 %; textScale() is the user's setting
// (AppSettings::textScalePercent()) as a factor, 1.0 at 100 %.
constexpr double kBasePointSize = 10;
double textScale();

// The system's preference for "follow the system": the freedesktop
// portal's org.freedesktop.appearance color-scheme when a session bus
// answers, else the lightness of the platform's own palette.
Mode systemMode();

// Installs the style, palette, style sheet and font for the user's
// settings (AppSettings::theme(), textScalePercent()), then redoes every
// bound widget and lays out every item view again. Safe to call again at
// any time: the settings dialog does when the theme or text size changes.
// The first call also starts watching the portal for a system switch.
void apply(QApplication *app);
// The same with an explicit mode and scale (tests, demos).
void apply(QApplication *app, Mode mode, int textScalePercent);

// `widget`'s palette role `role` is `which` in every theme.
void bindPalette(QWidget *widget, QPalette::ColorRole role, Color which);
// `widget`'s own style sheet, with "{name}" placeholders (colorName())
// filled in for the theme in use, now and after every switch.
void bindStyleSheet(QWidget *widget, const QString &sheetTemplate);
// The template with the placeholders filled in for `mode`.
QString expand(const QString &sheetTemplate, Mode mode);

// WCAG 2 contrast ratio of two opaque colours (1 … 21).
double contrast(const QColor &a, const QColor &b);

} // namespace Palomar::Desktop::Theme
