#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QModelIndex;
class QSplitter;
class QStackedWidget;

namespace Palomar::Desktop {

class AboutDialog;
class AppController;
class ChatListFilterModel;
class ChatPage;
class ConnectionBanner;
class ForwardDialog;
class FriendRequestsView;
class NewGroupDialog;
class QuickSwitcher;
class SearchResultsView;
class ShortcutsDialog;
class ProfileDialog;
class SettingsDialog;

// The main window: the chat list (search, friend requests, chats, the
// floating connection pill) on the left and the open chat on the right,
// with the connection state in the status bar and the unread total in the
// title. It shows the controller's models and forwards what the user does;
// the only state it keeps is layout (geometry, splitter) in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(AppController *controller, QWidget *parent = nullptr);

    ChatPage *chatPage() const { return m_chatPage; }
    QListView *chatListView() const { return m_chatList; }
    FriendRequestsView *friendRequestsView() const { return m_requests; }
    ConnectionBanner *connectionBanner() const { return m_banner; }
    QLineEdit *searchField() const { return m_search; }
    // The "Messages" section of the search (mainwindowsearch.cpp).
    SearchResultsView *searchResultsView() const { return m_searchResults; }
    // Opens chat `chat` at server message `msgId` (loaded if need be) and flashes it.
    bool openMessage(const QString &chat, qint64 msgId);
    // Selects and opens the chat with `peer`; false when it is not listed.
    bool openChat(const QString &peer);
    // Opens the New group dialog (non-modal); the new group's chat opens once made.
    NewGroupDialog *showNewGroupDialog();
    // The Settings and About dialogs (non-modal, one of each; mainwindowsettings.cpp).
    SettingsDialog *showSettings();
    AboutDialog *showAbout();
    // My profile and password (non-modal, one; mainwindowsettings.cpp).
    ProfileDialog *showProfile();
    // A one-line notice in the status bar (e.g. no keychain).
    void showNotice(const QString &text);
    void saveLayout() const;

    // The chat list's context menu for the chat at `index` (mainwindowchatmenu.cpp).
    QMenu *chatMenu(const QModelIndex &index);
    // Keyboard (mainwindowkeys.cpp): Ctrl+K, the shortcuts help, the next chat.
    QuickSwitcher *showQuickSwitcher();
    ShortcutsDialog *showShortcuts();
    // Selects the chat `step` rows down (up when negative); false at an end.
    bool selectAdjacentChat(int step, bool wrap);
    // Narrow windows (mainwindownarrow.cpp): one pane at a time.
    static constexpr int kNarrowWidth = 700;
    bool isNarrow() const { return m_narrow; }
    // Narrow: back from the chat to the list.
    void showChatList();
    // Forward (mainwindowactions.cpp): where the message in cache row `localId` goes.
    ForwardDialog *showForwardDialog(qint64 localId);

signals:
    void addFriendRequested();
    void logoutRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool selectChat(const QString &peer);
    void showChatMenuAt(const QPoint &position);
    void confirmDeleteChat(const QString &peer, const QString &title);
    void confirmUnfriend(const QString &user);
    void confirmBlock(const QString &user);
    void confirmDeleteForMe(qint64 localId);
    void closeChatIfOpen(const QString &peer);
    void setUpChatMenu();
    void setUpKeyboard();
    bool scrollHistoryByKey(QObject *watched, QEvent *event);
    void escape();
    void updateNarrow();
    QWidget *buildSidePane();
    void onChatSelected();
    void refreshHeader();
    void refreshTitle(int unread);
    void refreshStatus();
    void maybeMarkRead();
    void placeBanner();
    // Groups (mainwindowgroups.cpp).
    void connectGroups();
    qint64 currentGroup() const;
    void refreshGroupInfo(qint64 group);
    void showMessageInfo(qint64 msgId, const QString &text);
    // Files: the chat page and its view to the controller.
    void connectFiles();
    void askWhereToSave(qint64 localId);
    // Compose (mainwindowcompose.cpp): drafts per chat, the text limit,
    // failed messages, the file preview and pasted pictures.
    void connectCompose();
    // Search (mainwindowsearch.cpp): the find bar at the server, the global search.
    void connectSearch();
    void fitChatListToSearch();
    // Keeps the box's text as the draft of the chat it was typed in and
    // shows the draft of `peer` instead.
    void swapDraft(const QString &peer);
    // Reply, edit, delete for everyone, forward (mainwindowactions.cpp).
    void connectActions();
    void confirmDeleteForEveryone(qint64 localId);
    // Reactions and typing (mainwindowreactions.cpp): chips and the menu's
    // reactions to the controller, typing notices out, the typing line in.
    void connectReactions();
    void refreshTyping();

    AppController *m_controller;
    ChatListFilterModel *m_filter;
    QSplitter *m_splitter;
    QWidget *m_sidePane = nullptr;
    QLineEdit *m_search = nullptr;
    FriendRequestsView *m_requests = nullptr;
    QListView *m_chatList = nullptr;
    ConnectionBanner *m_banner = nullptr;
    QStackedWidget *m_stack;
    QWidget *m_emptyPage;
    ChatPage *m_chatPage = nullptr;
    QLabel *m_statusDot;
    QLabel *m_statusText;
    QLabel *m_accountText;
    QLabel *m_notice;
    QString m_draftPeer; // the chat whose draft the compose box holds
    QuickSwitcher *m_switcher = nullptr;
    SearchResultsView *m_searchResults = nullptr;
    bool m_narrow = false;
    bool m_narrowShowsList = true;
};

} // namespace Palomar::Desktop
