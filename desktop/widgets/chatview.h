#pragma once

#include <QHash>
#include <QListView>
#include <QSet>

class QMenu;
class QUrl;

namespace Palomar::Desktop {

class MessageDelegate;
class MessageModel;

// The message list of the open chat. It keeps the newest message in view
// while the user is at the bottom, pages older history in (the model's
// fetchMore) when scrolled near the top without jumping, and says when it
// is scrolled to the bottom so the chat may be marked read. Qt's own
// automatic fetchMore (which fires at the bottom) is kept away from the
// model by a thin proxy: in a chat, "more" is upwards. While the app runs
// it remembers where each chat was left (at the bottom, or which message
// was at the top) and goes back there when the chat is opened again; a
// chat opened with unread messages opens at its "new messages" line.
class ChatView : public QListView
{
    Q_OBJECT
public:
    explicit ChatView(QWidget *parent = nullptr);

    void setMessageModel(MessageModel *model);
    MessageModel *messageModel() const { return m_model; }
    MessageDelegate *messageDelegate() const { return m_delegate; }
    bool isAtBottom() const;
    // A chat was just opened and its place (restorePlace()) is not set yet.
    bool isOpening() const { return m_restoring; }
    void scrollToNewest();
    // In a group chat my messages have an "Info" entry in their context menu.
    void setGroupChat(bool group) { m_groupChat = group; }
    bool isGroupChat() const { return m_groupChat; }
    // The server's features (Protocol::Feature names): the message menu
    // offers Reply, Edit, Delete for everyone and Forward only when named.
    void setOfferedFeatures(const QSet<QString> &features) { m_features = features; }
    bool offers(const QString &feature) const { return m_features.contains(feature); }
    // The bubble of `row`, in viewport coordinates (empty when not laid out).
    QRect bubbleRect(int row) const;

    // --- reactions (chatviewreactions.cpp) -----------------------------------
    // The server takes reactions: messages' menus offer them.
    void setReactionsEnabled(bool enabled) { m_reactionsEnabled = enabled; }
    bool reactionsEnabled() const { return m_reactionsEnabled; }
    // The emoji picker, for a reaction to message `msgId` (reactionToggled()).
    void showReactionPicker(qint64 msgId);
    // The chip of `emoji` under the bubble of `row`, in viewport coordinates.
    QRect reactionChipRect(int row, const QString &emoji) const;

    // --- selectable text and links (chatviewselection.cpp) ----------------------
    // A drag over a message's text selects part of it (one message at a
    // time); Ctrl+C copies it; a click elsewhere clears it. A click on a web
    // address opens it (QDesktopServices).
    void selectText(qint64 localId, int start, int end);
    void clearTextSelection();
    // The selected text of message `localId` (any message: 0), or empty.
    QString selectedText(qint64 localId = 0) const;
    // The text position under `point` (viewport coordinates) in `index`'s
    // text; -1 when not over it (with `clamp`: the nearest one).
    int textPositionAt(const QModelIndex &index, const QPoint &point, bool clamp = false) const;
    // The web address under `point` (viewport coordinates), or an empty URL.
    QUrl linkAt(const QPoint &point) const;
    // The context menu of `row` (MessageMenu), `point` in viewport coordinates
    // saying which link it is for; the caller owns it.
    QMenu *messageMenu(int row, const QPoint &point = {});

signals:
    void scrolledToBottom();
    // Printable text typed while the history had the focus (for the compose box).
    void typedText(const QString &text);
    void retryRequested(const QString &clientId);
    // My failed (never sent) message: forget it here.
    void deleteRequested(const QString &clientId);
    void messageInfoRequested(qint64 msgId, const QString &text);
    // Delete for me: forget the message (cache row `localId`) on this computer.
    void deleteForMeRequested(qint64 localId);
    // The message menu's conversation actions, by cache row.
    void replyRequested(qint64 localId);
    void editRequested(qint64 localId);
    void deleteForEveryoneRequested(qint64 localId);
    void forwardRequested(qint64 localId);
    // File messages, by cache row: a click, the × of a transfer, a retry, the menu.
    void fileOpenRequested(qint64 localId);
    void transferCancelRequested(qint64 localId);
    void fileRetryRequested(qint64 localId);
    void fileSaveAsRequested(qint64 localId);
    void fileShowInFolderRequested(qint64 localId);
    // Set or take back my reaction `emoji` to message `msgId` (menu, picker, chip).
    void reactionToggled(qint64 msgId, const QString &emoji);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onScrolled(int value);
    void fetchOlderIfNeeded();
    int fetchThreshold() const;
    // Where a chat was left: the cache row at the top of the view and how far
    // above the top its row began (pixels, >= 0); no row: at the bottom.
    struct Place
    {
        qint64 topLocalId = 0;
        int above = 0;
    };
    void rememberPlace();
    void restorePlace();
    void placeOpenedChat();
    // Scrolls so that the top of `row` is `below` pixels under the top of the view.
    void placeRow(int row, int below);
    QStyleOptionViewItem itemOption(const QModelIndex &index) const;
    void showSelection();

    MessageModel *m_model = nullptr;
    MessageDelegate *m_delegate;
    bool m_stickToBottom = true;
    bool m_fetching = false;
    bool m_groupChat = false;
    bool m_reactionsEnabled = false;
    int m_keepFromBottom = -1;
    bool m_restoring = false; // between a chat's reset and its restorePlace()
    int m_openings = 0;       // model resets so far: late scrolls for an earlier chat are dropped
    QHash<QString, Place> m_places; // by chat key, lower-case
    // The text selection: in message m_selectionId, from anchor to cursor.
    qint64 m_selectionId = 0;
    int m_selectionAnchor = 0;
    int m_selectionCursor = 0;
    bool m_selecting = false; // the left button went down on a text
    QPoint m_pressPoint;
    QString m_pressedLink; // the address the left button went down on
    QSet<QString> m_features;
};

} // namespace Palomar::Desktop
