#pragma once

#include "cache/cachetypes.h"

#include <QRectF>

class QPainter;

namespace Palomar::Desktop::Ticks {

// The delivery marks, drawn as vector glyphs so each state has its own
// shape, not just a colour: a clock (pending), one tick (sent), two ticks
// (delivered), two blue ticks (read), a red "!" in a circle (failed).
// `rect` is the glyph box; the glyphs are drawn about 16 x 11 px.
constexpr qreal kWidth = 16;
constexpr qreal kHeight = 11;
void paint(QPainter *painter, const QRectF &rect, DeliveryStatus status);

} // namespace Palomar::Desktop::Ticks
