#include "theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Palomar::Desktop::Theme {

void apply(QApplication *app)
{
    app->setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFont font;
    font.setFamilies({QStringLiteral("Noto Sans"), QStringLiteral("Noto Color Emoji")});
    font.setPointSizeF(10);
    app->setFont(font);

    QPalette palette = app->style()->standardPalette();
    palette.setColor(QPalette::Window, QColor(0xF4, 0xF6, 0xF8));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::AlternateBase, QColor(0xF4, 0xF6, 0xF8));
    palette.setColor(QPalette::Text, textPrimary());
    palette.setColor(QPalette::WindowText, textPrimary());
    palette.setColor(QPalette::ButtonText, textPrimary());
    palette.setColor(QPalette::Button, QColor(0xF7, 0xF8, 0xFA));
    palette.setColor(QPalette::Highlight, accent());
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, accent());
    palette.setColor(QPalette::PlaceholderText, QColor(0x9A, 0xA5, 0xAF));
    palette.setColor(QPalette::ToolTipBase, QColor(0x2B, 0x33, 0x3B));
    palette.setColor(QPalette::ToolTipText, Qt::white);
    app->setPalette(palette);

    const QString accentName = accent().name();
    const QString pressed = accentPressed().name();
    app->setStyleSheet(QStringLiteral(R"(
QPushButton#primaryButton {
    background: %1; color: white; border: none; border-radius: 8px;
    padding: 9px 18px; font-weight: 600; min-height: 20px;
}
QPushButton#primaryButton:hover { background: %2; }
QPushButton#primaryButton:pressed { background: %2; }
QPushButton#primaryButton:disabled { background: #9CC6F3; color: #F4F9FF; }
QPushButton#linkButton, QPushButton#tryNowButton {
    background: transparent; border: none; color: %1; font-weight: 600; padding: 2px 4px;
}
QPushButton#linkButton:hover, QPushButton#tryNowButton:hover { text-decoration: underline; }
QPushButton#secondaryButton {
    background: #EEF2F5; color: #1E242B; border: none; border-radius: 6px; padding: 5px 12px;
}
QPushButton#secondaryButton:hover { background: #E2E8ED; }
QPushButton#smallPrimaryButton {
    background: %1; color: white; border: none; border-radius: 6px; padding: 5px 12px;
    font-weight: 600;
}
QPushButton#smallPrimaryButton:hover { background: %2; }
QLineEdit#formField {
    border: 1px solid #D5DCE2; border-radius: 8px; padding: 8px 10px; background: white;
    selection-background-color: %1;
}
QLineEdit#formField:focus { border: 1px solid %1; }
QLineEdit#searchField {
    border: none; border-radius: 16px; padding: 7px 12px; background: #EEF1F4;
}
QLineEdit#searchField:focus { background: white; border: 1px solid %1; }
QWidget#sidePane, QWidget#chatHeader, QWidget#composeBar { background: white; }
QWidget#chatHeader { border-bottom: 1px solid #E3E7EB; }
QWidget#composeBar { border-top: 1px solid #E3E7EB; }
QPlainTextEdit#composeEdit { border: none; background: transparent; padding: 0px; }
QListView#chatList { border: none; background: white; outline: 0; }
QListView#chatView { border: none; outline: 0; }
QSplitter::handle { background: #E3E7EB; }
QStatusBar { background: #F4F6F8; color: #707C88; border-top: 1px solid #E3E7EB; }
QStatusBar::item { border: none; }
QToolButton#headerButton { border: none; border-radius: 16px; padding: 4px; }
QToolButton#headerButton:hover { background: #EEF1F4; }
QToolButton#sendButton { border: none; border-radius: 18px; background: %1; }
QToolButton#sendButton:hover { background: %2; }
QToolButton#sendButton:disabled { background: #B9D7F6; }
QLabel#errorLabel {
    color: #C0392B; background: #FDECEA; border-radius: 6px; padding: 7px 10px;
}
QLabel#noticeLabel {
    color: #6B5A1E; background: #FFF6D6; border-radius: 6px; padding: 6px 10px;
}
QWidget#connectionBanner { background: transparent; }
)")
                           .arg(accentName, pressed));
}

} // namespace Palomar::Desktop::Theme
