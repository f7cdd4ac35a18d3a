#pragma once

#include <QImage>
#include <QWidget>

class QKeyEvent;
class QLabel;
class QMimeData;
class QTimer;
class QToolButton;

namespace Palomar::Desktop {

class ChatView;
class ComposeActionBar;
class ComposeEdit;
class FindBar;
class GroupInfoPanel;
class MessageModel;

// The right-hand pane for one open chat: a header with the peer's avatar,
// name and presence, the message view, and the compose bar with its send
// button and the attach button (files also come by drag and drop onto the
// chat). It shows the MessageModel it is given and reports what the user
// asked for (send, retry, send files); it keeps no messages itself.
class ChatPage : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPage(MessageModel *model, QWidget *parent = nullptr);

    void setPeer(const QString &peer);
    // The open contact's display name ("" when none: the username shows,
    // else the username is the name's tooltip) and avatar picture.
    void setPeerProfile(const QString &displayName, const QImage &picture);
    // A group chat: a group avatar, the name, an info button and panel.
    void setGroup(qint64 group, const QString &name);
    qint64 group() const { return m_group; }
    void setPresence(bool online, qint64 lastSeen);
    void setWaitingForNetwork();
    // The line under a group's name: its members.
    void setSubtitle(const QString &text);
    // Who is typing ("typing…", "bob is typing…"), shown instead of the
    // presence or members line; empty: that line again.
    void setTyping(const QString &text);
    QLabel *typingLine() const { return m_typing; }
    // False: the compose bar gives way to "You are no longer a member".
    void setCanSend(bool canSend);
    bool canSend() const;
    ChatView *view() const { return m_view; }
    ComposeEdit *composeEdit() const { return m_compose; }
    GroupInfoPanel *groupInfoPanel() const { return m_infoPanel; }
    QToolButton *groupInfoButton() const { return m_infoButton; }
    void setGroupInfoVisible(bool visible);
    QToolButton *attachButton() const { return m_attach; }
    // What the attach button and a drop end in: asks to send these files.
    void sendFiles(const QStringList &paths);

    // --- compose (chatpagecompose.cpp) ---------------------------------------
    // The server's max_text: longer texts are not sent as they are, and a
    // counter of the bytes left shows near the limit.
    void setMaxTextBytes(int bytes);
    int maxTextBytes() const { return m_maxTextBytes; }
    QLabel *counter() const { return m_counter; }
    QToolButton *emojiButton() const { return m_emoji; }
    // The preview step before files go: a caption, pictures compressed or not.
    void previewFiles(const QStringList &paths);
    // A line above the compose bar that goes away by itself (a refused file).
    void showNotice(const QString &text);
    QLabel *notice() const { return m_notice; }
    // Ctrl+F: find in the loaded history.
    FindBar *findBar() const { return m_findBar; }
    // Narrow windows: a back button before the avatar (backRequested()).
    void setBackVisible(bool visible);
    QToolButton *backButton() const { return m_back; }

    // --- replies and edits (chatpageactions.cpp) ---------------------------------
    // Reply: a bar above the box ("Reply to bob"); the next message sent
    // answers the message in cache row `localId` (replySendRequested()).
    void startReply(qint64 localId);
    // Edit: my message's text goes into the box under an "Editing" bar; Enter
    // saves (editSaveRequested(); an unchanged text just closes), Esc cancels
    // and puts back what was typed before.
    void startEdit(qint64 localId);
    // Ctrl+Up in an empty box: edits my newest text message; false when none.
    bool editLastMessage();
    // Esc or the bar's close button: ends a reply or an edit; false when none.
    bool cancelComposeAction();
    bool isEditing() const { return m_editLocalId != 0; }
    qint64 editingLocalId() const { return m_editLocalId; }
    qint64 replyingTo() const { return m_replyMsgId; }
    ComposeActionBar *composeActionBar() const { return m_actionBar; }

    // --- jumping to a message (chatpagereveal.cpp) ---------------------------------
    // Scrolls to server message `msgId` of this chat, loading older history
    // (from the cache, then the server) until it is there, and tints its
    // bubble for a moment; messageRevealed() tells how it ended. For a quote's
    // click, and for anything else that opens a chat at a message.
    void revealMessage(qint64 msgId);
    // The msg_id of the message flashed last (0: none yet).
    qint64 lastRevealed() const { return m_lastRevealed; }

signals:
    void sendRequested(const QString &text);
    void filesSendRequested(const QStringList &paths);
    // From the preview: the files, the text to follow them, whether pictures are scaled down.
    void filesPreviewAccepted(const QStringList &paths, const QString &caption, bool compress);
    // A picture pasted into the compose box: to be saved, then previewed.
    void imagePasted(const QImage &image);
    // Too long for one message, and the user chose a text file.
    void textAsFileRequested(const QString &text);
    void retryRequested(const QString &clientId);
    void deleteRequested(const QString &clientId);
    // The group info panel was opened: fill it.
    void groupInfoShown(qint64 group);
    void messageInfoRequested(qint64 msgId, const QString &text);
    void backRequested();
    // The compose box's reply and edit (chatpageactions.cpp).
    void replySendRequested(const QString &text, qint64 replyTo);
    void editSaveRequested(qint64 localId, const QString &text);
    // revealMessage() put `msgId` in view, or gave up (not in this chat).
    void messageRevealed(qint64 msgId);
    void messageNotFound(qint64 msgId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submitCompose();
    void sendSplit(const QString &text);
    // Retry, except for a text over the limit (queued before it was known):
    // that one comes back to the box, and the user is asked what to do.
    void retryOrSplit(const QString &clientId);
    void updateCounter();
    void showEmojiPicker();
    void chooseFiles();
    // The local files among dragged `data`; empty when it carries none.
    static QStringList localFiles(const QMimeData *data);
    void showDropHint(bool visible);
    // chatpageactions.cpp: the bar under the history; Enter while replying or editing.
    void setUpComposeActions();
    bool submitComposeAction(const QString &text);
    bool handleComposeKey(const QKeyEvent *key);
    // chatpagereveal.cpp
    void continueReveal();
    void finishReveal(int row);

    QWidget *m_avatar;
    QLabel *m_name;
    QLabel *m_presence;
    QLabel *m_typing;
    ChatView *m_view;
    ComposeEdit *m_compose;
    QToolButton *m_send;
    QToolButton *m_attach;
    QToolButton *m_emoji;
    QLabel *m_counter;
    int m_maxTextBytes = 16 * 1024;
    QLabel *m_notice;
    QTimer *m_noticeTimer;
    QLabel *m_dropHint;
    QToolButton *m_infoButton;
    QWidget *m_composeBar;
    QLabel *m_notMember;
    GroupInfoPanel *m_infoPanel;
    FindBar *m_findBar;
    QToolButton *m_back;
    QString m_peer;
    qint64 m_group = 0;
    ComposeActionBar *m_actionBar = nullptr;
    qint64 m_replyMsgId = 0;
    qint64 m_editLocalId = 0;
    QString m_editOriginal;
    QString m_savedDraft; // what the box held when an edit began
    qint64 m_revealMsgId = 0;
    QTimer *m_flashTimer = nullptr;
    qint64 m_lastRevealed = 0;
};

} // namespace Palomar::Desktop
