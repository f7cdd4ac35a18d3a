#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QListView;
class QSplitter;
class QStackedWidget;

namespace Palomar::Desktop {

class AboutDialog;
class AppController;
class ChatListFilterModel;
class ChatPage;
class ConnectionBanner;
class FriendRequestsView;
class NewGroupDialog;
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
    // Selects and opens the chat with `peer`; false when it is not listed.
    bool openChat(const QString &peer);
    // Opens the New group dialog (non-modal); the new group's chat opens once made.
    NewGroupDialog *showNewGroupDialog();
    // The Settings and About dialogs (non-modal, one of each; mainwindowsettings.cpp).
    SettingsDialog *showSettings();
    AboutDialog *showAbout();
    // A one-line notice in the status bar (e.g. no keychain).
    void showNotice(const QString &text);
    void saveLayout() const;

signals:
    void addFriendRequested();
    void logoutRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
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
    ChatPage *m_chatPage;
    QLabel *m_statusDot;
    QLabel *m_statusText;
    QLabel *m_accountText;
    QLabel *m_notice;
};

} // namespace Palomar::Desktop
