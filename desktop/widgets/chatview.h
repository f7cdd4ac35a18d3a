#pragma once

#include <QHash>
#include <QListView>

class QMenu;

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
    void scrollToNewest();
    // In a group chat my messages have an "Info" entry in their context menu.
    void setGroupChat(bool group) { m_groupChat = group; }
    // The bubble of `row`, in viewport coordinates (empty when not laid out).
    QRect bubbleRect(int row) const;

signals:
    void scrolledToBottom();
    void retryRequested(const QString &clientId);
    void messageInfoRequested(qint64 msgId, const QString &text);
    // File messages, by cache row: a click, the × of a transfer, a retry, the menu.
    void fileOpenRequested(qint64 localId);
    void transferCancelRequested(qint64 localId);
    void fileRetryRequested(qint64 localId);
    void fileSaveAsRequested(qint64 localId);
    void fileShowInFolderRequested(qint64 localId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onScrolled(int value);
    void fetchOlderIfNeeded();
    void addFileActions(QMenu *menu, const QModelIndex &index);
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

    MessageModel *m_model = nullptr;
    MessageDelegate *m_delegate;
    bool m_stickToBottom = true;
    bool m_fetching = false;
    bool m_groupChat = false;
    int m_keepFromBottom = -1;
    bool m_restoring = false; // between a chat's reset and its restorePlace()
    int m_openings = 0;       // model resets so far: late scrolls for an earlier chat are dropped
    QHash<QString, Place> m_places; // by chat key, lower-case
};

} // namespace Palomar::Desktop
