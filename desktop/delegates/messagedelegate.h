#pragma once

#include "cache/cachetypes.h"
#include "rowheightcache.h"
#include "textlayoutcache.h"

#include <QStyledItemDelegate>
#include <QTextLayout>

namespace Palomar::Desktop {

// Paints one message of a MessageModel as a chat bubble: mine on the right
// in soft green, theirs on the left in white, at most ~70% of the view wide
// and as narrow as the text allows; runs of one sender sit close together
// with tighter inner corners; a day separator pill above the first message
// of each day; the time (and my ticks) small in the bubble's bottom corner,
// on the last text line when it fits. A failed message shows "Retry" and a
// red "!"; clicking them emits retryRequested(). A file message is a card
// (a round icon, the name, the size or a progress bar) or, for a picture
// whose bytes are here, its thumbnail; clicks on it ask to open, cancel or
// retry (messagedelegatefiles.cpp). Web addresses in the text are drawn as
// links, and a part of the text the user selected (ChatView) is marked.
// Holds no message data of its own.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    // A tooltip over a reaction chip: who chose that emoji.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // Find in chat: every `term` in a message's text is marked, more
    // strongly in the message `currentLocalId` (empty term: nothing).
    void setHighlight(const QString &term, qint64 currentLocalId);
    QString highlight() const { return m_highlight; }

    // Where the bubble of `index` is, in the view's coordinates.
    QRectF bubbleRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // Whether a click at `point` (view coordinates) does something: a file's
    // bubble, a reply's quote, a reaction chip, the Retry of a failed message.
    bool isClickable(const QStyleOptionViewItem &option, const QModelIndex &index,
                     const QPointF &point) const;

    // Selectable text (ChatView drives it): the text position of a text
    // message under `point` (view coordinates), or -1 when the point is not
    // over its text; with `clamp`, the nearest position wherever it is
    // (above the text: 0, below it: the end). `mode` as in QTextLine::xToCursor():
    // between characters (for a cursor) or on the character (what was clicked).
    int textPositionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                       const QPointF &point, bool clamp = false,
                       QTextLine::CursorPosition mode = QTextLine::CursorBetweenCharacters) const;
    // Paints [start, end) of message `localId`'s text as selected (no
    // localId, or start == end: nothing).
    void setSelection(qint64 localId, int start, int end);
    // Outlines the view's current message while it has the focus (after
    // keyboard navigation; a mouse click does not show it).
    void setFocusRing(bool shown) { m_focusRing = shown; }
    // A message the user jumped to is tinted for a moment (0: none).
    void setFlash(qint64 localId) { m_flashLocalId = localId; }
    qint64 flash() const { return m_flashLocalId; }

signals:
    void retryRequested(const QString &clientId);
    // File bubbles: a click on the bubble, on the × of a transfer, on a failed one.
    void fileOpenRequested(qint64 localId);
    void transferCancelRequested(qint64 localId);
    void fileRetryRequested(qint64 localId);
    // A click on the quote above a reply: the answered message `msgId`.
    void quoteClicked(qint64 msgId);
    // A click on a reaction chip of message `msgId` (messagedelegatereactions.cpp).
    void reactionToggled(qint64 msgId, const QString &emoji);

public:
    // Where the chip of `emoji` under the bubble of `index` is (empty: none).
    QRectF reactionChipRect(const QStyleOptionViewItem &option, const QModelIndex &index,
                            const QString &emoji) const;

private:
    // One reaction chip under the bubble: the emoji and how many chose it.
    struct Chip
    {
        QRectF rect;
        QString emoji;
        QString label;
        QStringList users;
        bool mine = false;
    };
    struct Layout
    {
        int height = 0;
        QRectF separator; // empty when there is none
        QString separatorText;
        QRectF unreadDivider; // the "new messages" line; empty when there is none
        QString systemText;   // a group system line: its sentence, drawn in systemLine
        QRectF systemLine;
        bool deleted = false; // a tombstone: "This message was deleted", muted
        QRectF bubble;
        QString sender; // group messages: the name above the first bubble of a run
        qreal senderHeight = 0;
        QPointF senderOrigin;
        QString reason; // my failed message: why, above its text
        QRectF reasonRect;
        QPointF textOrigin;
        QRectF textRect;            // where the lines of the text are
        TextLayoutCache::Text text; // the lines themselves (text messages)
        QRectF meta;                // time (+ retry) (+ ticks), bottom-right of the bubble
        QRectF retry;               // the clickable part of a failed message
        bool first = false;
        bool outgoing = false;
        DeliveryStatus status = DeliveryStatus::Received;
        QString time;
        // File messages only.
        bool file = false;
        QRectF image;  // the thumbnail; empty for a card
        QRectF action; // the round icon / download / cancel / retry button
        QRectF name;
        QRectF detail;
        QRectF bar; // the progress bar while bytes move
        // Replies and forwards (messagedelegatequote.cpp).
        bool forwarded = false; // "Forwarded" under the sender's name
        qreal forwardedTop = 0; // its line, below senderOrigin
        qreal headerWidth = 0;  // the widest of the name and "Forwarded"
        QRectF quote;           // the answered message, above the text
        QString quoteSender;
        QString quoteText;
        bool quoteOwn = false;
        qreal quoteWidth = 0;
        QList<Chip> chips; // reactions, under the bubble
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The bubble of a file message at `origin` (top-left), inside `maxWidth`.
    void layoutFile(const QStyleOptionViewItem &option, const QModelIndex &index, Layout *l,
                    qreal left, qreal top, qreal width, qreal maxBubble) const;
    void paintFile(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                   const Layout &l) const;
    void paintMeta(QPainter *painter, const QStyleOptionViewItem &option, const Layout &l) const;
    void paintUnreadDivider(QPainter *painter, const QStyleOptionViewItem &option,
                            const QRectF &rect) const;
    bool fileClicked(const QPointF &position, const QModelIndex &index, const Layout &l);
    // messagedelegatereactions.cpp: the chips' row under the bubble; its height.
    qreal layoutReactions(const QStyleOptionViewItem &option, const QModelIndex &index, Layout *l,
                          qreal maxBubble) const;
    void paintReactions(QPainter *painter, const QStyleOptionViewItem &option,
                        const Layout &l) const;
    bool reactionClicked(const QPointF &position, const QModelIndex &index, const Layout &l);
    static size_t reactionsHash(const QModelIndex &index);
    static int viewWidth(const QStyleOptionViewItem &option);
    // What a text message's height depends on (RowHeightCache).
    RowHeightCache::Key heightKey(const QStyleOptionViewItem &option, const QModelIndex &index,
                                  int width) const;
    QFont metaFont(const QFont &base) const;
    QFont senderFont(const QFont &base) const;
    // messagedelegatequote.cpp: the "Forwarded" line (in the header, with the
    // sender's name), the quote of a reply (its height; 0: none), and their paint.
    void layoutForwarded(const QStyleOptionViewItem &option, const QModelIndex &index,
                         Layout *l) const;
    qreal measureQuote(const QStyleOptionViewItem &option, const QModelIndex &index, Layout *l,
                       qreal maxText) const;
    void paintForwardedAndQuote(QPainter *painter, const QStyleOptionViewItem &option,
                                const Layout &l) const;
    void paintFlash(QPainter *painter, const QModelIndex &index, const QPainterPath &bubble) const;

    mutable RowHeightCache m_heights;
    mutable TextLayoutCache m_texts;
    QList<QTextLayout::FormatRange> textFormats(const QStyleOptionViewItem &option,
                                                const QModelIndex &index,
                                                const QString &text) const;

    QString m_highlight;
    qint64 m_highlightCurrent = 0;
    qint64 m_selectionLocalId = 0;
    int m_selectionStart = 0;
    int m_selectionEnd = 0;
    bool m_focusRing = false;
    qint64 m_flashLocalId = 0;
};

} // namespace Palomar::Desktop
