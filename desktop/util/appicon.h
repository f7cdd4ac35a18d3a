#pragma once

#include <QIcon>

namespace Palomar::Desktop::AppIcon {

// The Palomar icon (resources/icons/palomar.svg) drawn with QPainter, so
// the window and tray have it even where Qt has no SVG image plugin.
QImage render(int size);
// The window icon: the embedded SVG and PNG plus drawn sizes.
QIcon icon();

} // namespace Palomar::Desktop::AppIcon
