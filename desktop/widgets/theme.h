#pragma once

#include <QColor>

class QApplication;

namespace Palomar::Desktop::Theme {

// The one accent colour and the few neutrals the whole client is drawn
// with, plus the application-wide style (Fusion, a light palette and a
// short style sheet for the handful of custom-looking widgets).
inline QColor accent()
{
    return QColor(0x33, 0x90, 0xEC);
}
inline QColor accentPressed()
{
    return QColor(0x23, 0x78, 0xCF);
}
inline QColor chatBackground()
{
    return QColor(0xE9, 0xEE, 0xF2);
}
inline QColor bubbleMine()
{
    return QColor(0xDD, 0xF6, 0xCF);
}
inline QColor bubbleMineBorder()
{
    return QColor(0xC6, 0xE6, 0xB3);
}
inline QColor bubbleTheirs()
{
    return QColor(0xFF, 0xFF, 0xFF);
}
inline QColor bubbleTheirsBorder()
{
    return QColor(0xDD, 0xE3, 0xE8);
}
inline QColor textPrimary()
{
    return QColor(0x1E, 0x24, 0x2B);
}
inline QColor textSecondary()
{
    return QColor(0x70, 0x7C, 0x88);
}
inline QColor metaMine()
{
    return QColor(0x5E, 0x8F, 0x55);
}
inline QColor tick()
{
    return QColor(0x7A, 0x8B, 0x98);
}
inline QColor tickRead()
{
    return QColor(0x24, 0x8C, 0xE6);
}
inline QColor badge()
{
    return QColor(0x27, 0xAE, 0x60);
}
inline QColor danger()
{
    return QColor(0xE0, 0x48, 0x3E);
}
inline QColor divider()
{
    return QColor(0xE3, 0xE7, 0xEB);
}
inline QColor online()
{
    return QColor(0x2E, 0xC2, 0x6A);
}
// The picture viewer is dark in every theme: pictures are best seen on it.
inline QColor viewerBackdrop()
{
    return QColor(0x16, 0x19, 0x1D);
}
inline QColor viewerText()
{
    return QColor(0xE6, 0xEA, 0xEE);
}

void apply(QApplication *app);

} // namespace Palomar::Desktop::Theme
