#include "theme.h"

#include "app/appsettings.h"
#include "systemtheme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <array>
#include <cmath>

namespace Palomar::Desktop::Theme {

namespace {

struct Entry
{
    const char *name;
    QRgb light;
    QRgb dark;
};

// Both columns are checked against each other in tst_gui_theme: text on
// its background 4.5:1 or more, ticks and badges 3:1 or more.
constexpr std::array<Entry, int(Color::Count)> kTable{{
    {"accent", 0xFF3390EC, 0xFF3A7FCC},
    {"accentPressed", 0xFF2378CF, 0xFF2F6DB2},
    {"accentDisabled", 0xFF9CC6F3, 0xFF2F4A66},
    {"onAccent", 0xFFFFFFFF, 0xFFFFFFFF},
    {"onAccentSecondary", 0xFFF2F7FD, 0xFFDCE8F5},
    {"window", 0xFFF4F6F8, 0xFF131C26},
    {"surface", 0xFFFFFFFF, 0xFF17212B},
    {"surfaceHover", 0xFFF2F5F7, 0xFF202B36},
    {"field", 0xFFEEF1F4, 0xFF242F3D},
    {"fieldHover", 0xFFE2E8ED, 0xFF2C3A48},
    {"fieldBorder", 0xFFD5DCE2, 0xFF36465A},
    {"chatBackground", 0xFFE9EEF2, 0xFF0E1621},
    {"bubbleMine", 0xFFDDF6CF, 0xFF2B5278},
    {"bubbleMineBorder", 0xFFC6E6B3, 0xFF335D86},
    {"bubbleTheirs", 0xFFFFFFFF, 0xFF182533},
    {"bubbleTheirsBorder", 0xFFDDE3E8, 0xFF223142},
    {"fileButtonMine", 0xFF4E9A49, 0xFF4A8FD6},
    {"textPrimary", 0xFF1E242B, 0xFFE9EEF2},
    {"textSecondary", 0xFF637080, 0xFF8D9DAC},
    {"placeholder", 0xFF8A96A1, 0xFF6A7987},
    {"metaMine", 0xFF44733C, 0xFFA4C5E6},
    {"tick", 0xFF6B7C89, 0xFFA4C5E6},
    {"tickRead", 0xFF1A7FD6, 0xFF72D0FF},
    {"badge", 0xFF1E8E4E, 0xFF2F8A53},
    {"onBadge", 0xFFFFFFFF, 0xFFFFFFFF},
    {"danger", 0xFFC83A31, 0xFFE5645A},
    {"dangerBackground", 0xFFFDECEA, 0xFF3A2326},
    {"errorText", 0xFFB03428, 0xFFF19A92},
    {"noticeText", 0xFF6B5A1E, 0xFFF0D58C},
    {"noticeBackground", 0xFFFFF6D6, 0xFF3A3420},
    {"noticeBorder", 0xFFF0E2B0, 0xFF4D4428},
    {"divider", 0xFFE3E7EB, 0xFF0B1119},
    {"online", 0xFF2EC26A, 0xFF2EC26A},
    {"pill", 0x556F808F, 0xCC2A3B4C},
    {"link", 0xFF1A67B8, 0xFF8CC8FF},
    {"viewerBackdrop", 0xFFE4E9EE, 0xFF161A1F},
    {"viewerText", 0xFF1E242B, 0xFFE6EAEE},
}};

Mode g_mode = Mode::Light;
double g_scale = 1.0;

const char *const kPaletteProperty = "palomarThemePalette";
const char *const kSheetProperty = "palomarThemeSheet";

// The style sheet of the whole application (placeholders: colorName()).
const QString kAppSheet = QStringLiteral(R"(
QPushButton#primaryButton {
    background: {accent}; color: {onAccent}; border: none; border-radius: 8px;
    padding: 9px 18px; font-weight: 600; min-height: 20px;
}
QPushButton#primaryButton:hover { background: {accentPressed}; }
QPushButton#primaryButton:pressed { background: {accentPressed}; }
QPushButton#primaryButton:disabled { background: {accentDisabled}; color: {onAccentSecondary}; }
QPushButton#dangerButton {
    background: {danger}; color: {onAccent}; border: none; border-radius: 8px;
    padding: 9px 18px; font-weight: 600; min-height: 20px;
}
QPushButton#dangerButton:hover, QPushButton#dangerButton:pressed { background: {errorText}; }
QPushButton#linkButton, QPushButton#tryNowButton {
    background: transparent; border: none; color: {accent}; font-weight: 600; padding: 2px 4px;
}
QPushButton#linkButton:hover, QPushButton#tryNowButton:hover { text-decoration: underline; }
QPushButton#secondaryButton {
    background: {field}; color: {textPrimary}; border: none; border-radius: 6px; padding: 5px 12px;
}
QPushButton#secondaryButton:hover { background: {fieldHover}; }
QPushButton#smallPrimaryButton {
    background: {accent}; color: {onAccent}; border: none; border-radius: 6px; padding: 5px 12px;
    font-weight: 600;
}
QPushButton#smallPrimaryButton:hover { background: {accentPressed}; }
QLineEdit#formField {
    border: 1px solid {fieldBorder}; border-radius: 8px; padding: 8px 10px; background: {surface};
    color: {textPrimary}; selection-background-color: {accent};
}
QLineEdit#formField:focus { border: 1px solid {accent}; }
QLineEdit#searchField {
    border: none; border-radius: 16px; padding: 7px 12px; background: {field}; color: {textPrimary};
}
QLineEdit#searchField:focus { background: {surface}; border: 1px solid {accent}; }
QWidget#sidePane, QWidget#chatHeader, QWidget#composeBar { background: {surface}; }
QWidget#chatHeader { border-bottom: 1px solid {divider}; }
QWidget#composeBar { border-top: 1px solid {divider}; }
QPlainTextEdit#composeEdit { border: none; background: transparent; padding: 0px; color: {textPrimary}; }
QListView#chatList { border: none; background: {surface}; outline: 0; }
QListView#chatView { border: none; outline: 0; }
QSplitter::handle { background: {divider}; }
QStatusBar { background: {window}; color: {textSecondary}; border-top: 1px solid {divider}; }
QStatusBar::item { border: none; }
QToolButton#headerButton { border: none; border-radius: 16px; padding: 4px; }
QToolButton#headerButton:hover { background: {field}; }
QToolButton#sendButton { border: none; border-radius: 18px; background: {accent}; }
QToolButton#sendButton:hover { background: {accentPressed}; }
QToolButton#sendButton:disabled { background: {accentDisabled}; }
QLabel#errorLabel {
    color: {errorText}; background: {dangerBackground}; border-radius: 6px; padding: 7px 10px;
}
QLabel#noticeLabel {
    color: {noticeText}; background: {noticeBackground}; border-radius: 6px; padding: 6px 10px;
}
QWidget#connectionBanner { background: transparent; }
QMenu { background: {surface}; color: {textPrimary}; border: 1px solid {fieldBorder}; }
QMenu::item { padding: 5px 22px 5px 14px; }
QMenu::item:selected { background: {accent}; color: {onAccent}; }
QMenu::item:disabled { color: {placeholder}; }
QMenu::separator { height: 1px; background: {divider}; margin: 4px 8px; }
)");

QPalette paletteFor(QStyle *style)
{
    QPalette palette = style->standardPalette();
    const auto set = [&palette](QPalette::ColorRole role, Color which) {
        palette.setColor(QPalette::All, role, color(which));
    };
    set(QPalette::Window, Color::Window);
    set(QPalette::Base, Color::Surface);
    set(QPalette::AlternateBase, Color::Window);
    set(QPalette::Text, Color::TextPrimary);
    set(QPalette::WindowText, Color::TextPrimary);
    set(QPalette::ButtonText, Color::TextPrimary);
    set(QPalette::BrightText, Color::OnAccent);
    set(QPalette::Button, g_mode == Mode::Dark ? Color::Field : Color::Window);
    set(QPalette::Highlight, Color::Accent);
    set(QPalette::HighlightedText, Color::OnAccent);
    set(QPalette::Link, Color::Accent);
    set(QPalette::LinkVisited, Color::AccentPressed);
    set(QPalette::PlaceholderText, Color::Placeholder);
    set(QPalette::ToolTipBase, g_mode == Mode::Dark ? Color::Field : Color::TextPrimary);
    set(QPalette::ToolTipText, g_mode == Mode::Dark ? Color::TextPrimary : Color::OnAccent);
    // Fusion draws bevels and frames from these.
    set(QPalette::Light, g_mode == Mode::Dark ? Color::FieldHover : Color::Surface);
    set(QPalette::Midlight, Color::Field);
    set(QPalette::Mid, Color::FieldBorder);
    set(QPalette::Dark, Color::FieldBorder);
    set(QPalette::Shadow, Color::Divider);
    for (const auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, color(Color::Placeholder));
    }
    return palette;
}

void redoBound(QWidget *widget)
{
    // The sheet first: setting a style sheet puts back the palette the
    // widget had when it was first polished, which would undo the colours.
    const QVariant sheet = widget->property(kSheetProperty);
    if (sheet.isValid())
        widget->setStyleSheet(expand(sheet.toString(), g_mode));
    const QVariant roles = widget->property(kPaletteProperty);
    if (roles.isValid()) {
        QPalette palette = widget->palette();
        const QVariantMap map = roles.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            palette.setColor(QPalette::ColorRole(it.key().toInt()), color(Color(it->toInt())));
        widget->setPalette(palette);
    }
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

QColor color(Color which, Mode mode)
{
    const Entry &entry = kTable.at(std::size_t(which));
    return QColor::fromRgba(mode == Mode::Dark ? entry.dark : entry.light);
}

QColor color(Color which)
{
    return color(which, g_mode);
}

QString colorName(Color which)
{
    return QString::fromLatin1(kTable.at(std::size_t(which)).name);
}

Mode mode()
{
    return g_mode;
}

bool isDark()
{
    return g_mode == Mode::Dark;
}

double textScale()
{
    return g_scale;
}

QString expand(const QString &sheetTemplate, Mode mode)
{
    QString sheet = sheetTemplate;
    // Whole placeholders, braces included: "{accent}" leaves "{accentPressed}" alone.
    for (int i = 0; i < int(Color::Count); ++i) {
        const QColor c = color(Color(i), mode);
        const QString value = c.alpha() == 255 ? c.name()
                                               : QStringLiteral("rgba(%1, %2, %3, %4)")
                                                     .arg(c.red())
                                                     .arg(c.green())
                                                     .arg(c.blue())
                                                     .arg(c.alpha());
        sheet.replace(u'{' + colorName(Color(i)) + u'}', value);
    }
    return sheet;
}

void bindPalette(QWidget *widget, QPalette::ColorRole role, Color which)
{
    QVariantMap map = widget->property(kPaletteProperty).toMap();
    map.insert(QString::number(int(role)), int(which));
    widget->setProperty(kPaletteProperty, map);
    redoBound(widget);
}

void bindStyleSheet(QWidget *widget, const QString &sheetTemplate)
{
    widget->setProperty(kSheetProperty, sheetTemplate);
    redoBound(widget);
}

void apply(QApplication *app, Mode mode, int textScalePercent)
{
    g_mode = mode;
    g_scale = textScalePercent / 100.0;
    if (!app->style() || app->style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive))
        app->setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    // Noto Sans where it is installed, else the desktop's own font. Never an
    // emoji font in the list: where Noto Sans is missing, Qt would take the
    // next family for all text, and colour emoji glyphs made every label
    // thousands of pixels wide. Emoji come from fontconfig's fallback.
    QFont font;
    if (QFontDatabase::hasFamily(QStringLiteral("Noto Sans")))
        font.setFamily(QStringLiteral("Noto Sans"));
    font.setPointSizeF(kBasePointSize * g_scale);
    app->setFont(font);
    const QPalette palette = paletteFor(app->style());
    app->setPalette(palette);
    // Fusion outlines check boxes and radio buttons with a darker Window:
    // on dark, give their box a lighter Base so it stands out.
    QPalette indicators = palette;
    indicators.setColor(QPalette::Base,
                        color(mode == Mode::Dark ? Color::FieldHover : Color::Surface));
    app->setPalette(indicators, "QCheckBox");
    app->setPalette(indicators, "QRadioButton");
    app->setStyleSheet(expand(kAppSheet, mode));

    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        redoBound(widget);
        // Row heights follow the text size; delegates paint with the new colours.
        if (auto *view = qobject_cast<QAbstractItemView *>(widget))
            view->doItemsLayout();
        widget->update();
    }
}

void apply(QApplication *app)
{
    SystemTheme::watch(app);
    Mode chosen = Mode::Light;
    switch (AppSettings::theme()) {
    case AppSettings::ThemeChoice::Light:
        chosen = Mode::Light;
        break;
    case AppSettings::ThemeChoice::Dark:
        chosen = Mode::Dark;
        break;
    case AppSettings::ThemeChoice::System:
        chosen = systemMode();
        break;
    }
    apply(app, chosen, AppSettings::textScalePercent());
}

Mode systemMode()
{
    return SystemTheme::prefersDark() ? Mode::Dark : Mode::Light;
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace Palomar::Desktop::Theme
