#pragma once

// The measures of a message bubble, shared by the text and the file halves
// of MessageDelegate (pixels).
namespace Palomar::Desktop::BubbleMetrics {

constexpr int kSideMargin = 16;
constexpr int kPadH = 11;
constexpr int kPadV = 6;
constexpr int kGroupGap = 8;
constexpr int kInnerGap = 2;
constexpr int kSeparatorHeight = 40;
constexpr int kUnreadDividerHeight = 36;
constexpr int kMetaGap = 10;
constexpr qreal kRadius = 12;
constexpr qreal kTightRadius = 4;
constexpr double kMaxWidthShare = 0.7;
// The quote of a reply: its coloured bar, inner padding and the gap below it.
constexpr qreal kQuoteBar = 3;
constexpr qreal kQuotePadH = 8;
constexpr qreal kQuotePadV = 4;
constexpr qreal kQuoteGap = 4;

} // namespace Palomar::Desktop::BubbleMetrics
