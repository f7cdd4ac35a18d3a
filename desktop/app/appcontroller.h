#pragma once

#include "client/clientsession.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace Palomar::Client {
class LiveNotices;
class MessageActions;
class Privacy;
class Reactions;
struct Profile;
} // namespace Palomar::Client

namespace Palomar::Desktop {

class ChatListModel;
class ConnectionKeeper;
class FriendRequestModel;
class LocalCache;
class MessageModel;
class People;
class PersistentOutbox;
class TypingTracker;
struct CachedMessage;

// host:port of a server, as typed into the login dialog.
struct ServerAddress
{
    QString host;
    quint16 port = 7878;

    static std::optional<ServerAddress> parse(const QString &text);
    QString toString() const;
};

// Wires one account together: the ClientSession, the local cache with its
// persistent outbox, and the models the windows show. It turns session
// events into cache writes and model updates, and user intentions (send,
// open a chat, accept a request) into session calls. It owns no widget and
// no protocol code: everything on the wire goes through ClientSession.
class AppController : public QObject
{
    Q_OBJECT
public:
    enum class LoginMode
    {
        LogIn,
        CreateAccount,
    };
    enum class SessionEnd
    {
        LoggedOut,
        Expired,  // the remembered session is gone: log in again
        Replaced, // someone logged in elsewhere with takeover
    };
    Q_ENUM(SessionEnd)

    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    Client::ClientSession *session() const { return m_session; }
    ConnectionKeeper *connectionKeeper() const { return m_keeper; }
    ChatListModel *chatList() const { return m_chatList; }
    FriendRequestModel *friendRequests() const { return m_requests; }
    MessageModel *messages() const { return m_messages; }
    LocalCache *cache() const { return m_cache.get(); }

    // Where cache files go; empty means AppDataLocation/cache.
    void setCacheDirectory(const QString &directory) { m_cacheDirectory = directory; }
    QString cachePath(const ServerAddress &server, const QString &user) const;

    bool hasAccount() const { return m_cache != nullptr; }
    QString user() const { return m_user; }
    ServerAddress server() const { return m_server; }

    // --- the session ---------------------------------------------------------
    // Connects, registers first when asked (with the invitation code
    // `invite`, if any), and logs in; loginFailed() or accountOpened() follows.
    void logIn(const ServerAddress &server, const QString &user, const QString &password,
               LoginMode mode, Client::ClientSession::LoginOption option,
               const QString &invite = QString());
    void cancelLogIn();
    // Opens the cached account at once (accountOpened() is emitted before
    // this returns) and resumes `token` in the background.
    void resume(const ServerAddress &server, const QString &user, const QString &token);
    // Ends the session at the server (when reachable), then closes the
    // account and calls `done`. With KeepSession the server session stays so
    // a remembered token can resume it next time.
    enum class Farewell
    {
        LogOut,
        KeepSession,
    };
    void closeAccount(Farewell farewell, std::function<void()> done = {});

    // --- chats -------------------------------------------------------------
    void openChat(const QString &peer);
    QString currentChat() const;
    void sendMessage(const QString &text);
    void retryMessage(const QString &clientId);

    // --- compose (appcontrollercompose.cpp) ------------------------------------
    // The most UTF-8 bytes one text message may have: the server's max_text
    // from hello, or the protocol's default before any hello.
    int maxTextBytes() const;
    // The text typed but not sent in chat `peer`, kept in the cache; the
    // chat list shows it as "Draft:".
    QString draft(const QString &peer) const;
    void setDraft(const QString &peer, const QString &text);
    // Forgets my unsent (failed) message `clientId` here: cache, outbox, view, list.
    void deleteUnsentMessage(const QString &clientId);
    // A text too long for one message, sent to the open chat as a .txt file.
    void sendTextAsFile(const QString &text);
    // Sends `paths` to the open chat, pictures scaled down and re-encoded as
    // JPEG when `compressPictures` (a copy in outgoingDirectory()); `caption`
    // follows as a text message once the first file is uploaded (the
    // protocol has no caption field).
    void sendFilesWithCaption(const QStringList &paths, const QString &caption,
                              bool compressPictures);
    // A pasted picture kept as a PNG in outgoingDirectory(); empty on failure.
    QString savePastedImage(const QImage &image);
    // A folder of this account's for files made to be sent (a long text, a
    // compressed picture); they stay until the cache goes, so Retry finds them.
    QString outgoingDirectory() const;
    // Why a send failed, for people, from the server's error code.
    static QString failureText(const QString &error, const QString &message);
    // Marks the open chat read up to its newest incoming message.
    void markChatRead();
    void sendFriendRequest(const QString &user);
    void respondToFriendRequest(const QString &user, bool accept);

    // --- message actions (appcontrolleractions.cpp) ------------------------------
    // The server speaks `feature` (Protocol::Feature): its action may be offered.
    bool canUse(const QString &feature) const;
    // Sends `text` to the open chat as an answer to message `replyTo`.
    void sendReply(const QString &text, qint64 replyTo);
    // My message in cache row `localId`, for everyone: a new text, or a
    // tombstone. The row changes once the server agrees; messageActionFailed()
    // says why not (too_late: the server's edit window is over).
    void editMessage(qint64 localId, const QString &text);
    void deleteForEveryone(qint64 localId);
    // A copy of the message in cache row `localId` into each of `chats` (chat
    // keys); a file goes without uploading it again. Each copy is shown once
    // the server has it.
    void forwardMessage(qint64 localId, const QStringList &chats);

    // --- the chat list's menu (appcontrollerchats.cpp) ---------------------------
    // This computer's choices for a chat, kept in the cache across restarts.
    void setChatMuted(const QString &peer, bool muted);
    bool isChatMuted(const QString &peer) const;
    void setChatPinned(const QString &peer, bool pinned);
    // A badge until the chat is opened.
    void markChatUnread(const QString &peer);
    // Deletes this computer's copy of the chat's history; the chat leaves the
    // list until something new is written in it.
    void deleteChatHistory(const QString &peer);
    // Delete for me: forgets one message (cache row `localId`) on this
    // computer, for good; the others keep it.
    void deleteMessageForMe(qint64 localId);
    // Ends the friendship at the server; chatActionFailed() says why not.
    void unfriend(const QString &user);
    // Blocks `user` (server extension `block`): their messages and requests
    // are refused and the friendship ends; the chat leaves the list as on
    // unfriend. canBlock(): the server speaks it.
    void block(const QString &user);
    bool canBlock() const;

    // --- groups (appcontrollergroups.cpp) --------------------------------------
    QStringList friendNames() const;
    // groupCreated() or groupActionFailed() follows.
    void createGroup(const QString &name, const QStringList &members);
    using GroupInfoCallback = std::function<void(bool ok, const Client::GroupInfo &info)>;
    // Asks the server; `done` runs unless `context` is gone by then.
    void fetchGroupInfo(qint64 group, QObject *context, GroupInfoCallback done);
    using MessageInfoCallback =
        std::function<void(bool ok, const Client::MessageInfo &info, const QString &error)>;
    void fetchMessageInfo(qint64 msgId, QObject *context, MessageInfoCallback done);
    // Each emits groupChanged() when done, or groupActionFailed().
    void addToGroup(qint64 group, const QString &user);
    void removeFromGroup(qint64 group, const QString &user);
    void renameGroup(qint64 group, const QString &name);
    void leaveGroup(qint64 group);
    bool isGroupMember(qint64 group) const;

    // --- profiles (appcontrollerprofiles.cpp) -------------------------------------
    // Display names and pictures of the people I see, kept current.
    People *people() const { return m_people; }
    // The server speaks `profile` / `set_password`: offer the Profile dialog / its password part.
    bool canEditProfile() const;
    bool canChangePassword() const;
    // `error` empty on success; `done` runs unless `context` is gone by then.
    using ProfileCallback = std::function<void(const Client::Profile &profile, const QString &error,
                                               const QString &message)>;
    using ErrorCallback = std::function<void(const QString &error, const QString &message)>;
    // My profile, with my avatar's bytes.
    void fetchMyProfile(QObject *context, ProfileCallback done);
    // Sets what is given (an empty name or avatar removes it).
    void saveProfile(const std::optional<QString> &displayName,
                     const std::optional<QByteArray> &avatar, QObject *context,
                     ProfileCallback done);
    // On success the session goes on with a new token (stored when remembered:
    // tokenIssued()); other sessions end at the server.
    void changePassword(const QString &oldPassword, const QString &newPassword, QObject *context,
                        ErrorCallback done);

    // --- files (appcontrollerfiles.cpp) ------------------------------------------
    // Sends each file to the open chat as a file message. One that cannot
    // go (a folder, unreadable, over the server's max_file) is not sent, and
    // fileNotice() says why.
    void sendFiles(const QStringList &paths);
    // A click on a file bubble: opens the file when its bytes are here (my
    // upload's source, or an earlier download), otherwise downloads it into
    // downloadDirectory() under a safe name that replaces nothing, then opens it.
    // A picture is not handed to the system: pictureOpenRequested() shows it.
    void openFile(qint64 localId);
    // Saves a copy at `path` (asked for, so it replaces what is there).
    void saveFileAs(qint64 localId, const QString &path);
    void showFileInFolder(qint64 localId);
    // A cancelled upload disappears; a cancelled download can be started again.
    void cancelTransfer(qint64 localId);
    // A failed upload is sent again from its source; a failed download is fetched again.
    void retryFile(qint64 localId);
    bool isTransferring(qint64 localId) const { return m_transfers.contains(localId); }
    // Where clicked downloads go; empty means QStandardPaths::DownloadLocation.
    void setDownloadDirectory(const QString &directory) { m_downloadDirectory = directory; }
    QString downloadDirectory() const;
    // Pictures up to this size are fetched as they arrive, into the cache's
    // own folder, so their thumbnail shows (0: never).
    void setAutoDownloadLimit(qint64 bytes) { m_autoDownloadLimit = bytes; }
    // How files and folders are opened: QDesktopServices::openUrl unless set.
    using UrlOpener = std::function<bool(const QUrl &url)>;
    void setUrlOpener(UrlOpener opener) { m_urlOpener = std::move(opener); }

    // --- reactions and typing (appcontrollerreactions.cpp) ------------------------
    // The server speaks `reactions` / `typing`.
    bool canReact() const;
    bool canSendTyping() const;
    // Sets my reaction to message `msgId` to `emoji`, or removes it when it
    // is my reaction already (or `emoji` is empty); the chip shows once the
    // server took it. chatActionFailed() says why not.
    void toggleReaction(qint64 msgId, const QString &emoji);
    // The user typed in chat `chat`'s compose box, which now holds `text`:
    // a typing notice (rate-limited by the library; none for empty text).
    void userTyping(const QString &chat, const QString &text);
    // Who types in which chat now.
    TypingTracker *typing() const { return m_typing; }
    // The typing line of `chat` (TypingTracker::text, with display names); empty: nobody.
    QString typingText(const QString &chat) const;

signals:
    void loginFailed(const QString &error, const QString &message, int retryAfter);
    void accountOpened(const QString &user);
    void sessionEnded(Palomar::Desktop::AppController::SessionEnd reason);
    // A new session token (after a login), for "Remember me".
    void tokenIssued(const QString &token);
    // A new message from someone else: its chat key, a title for people
    // (the sender, and the group) and its text.
    void incomingMessageArrived(const QString &chat, const QString &title, const QString &text);
    void friendRequestFinished(const QString &user, const QString &error, const QString &message);
    void groupCreated(qint64 group, const QString &name);
    // A group I am in changed (name, members, admin): views of it should refresh.
    void groupChanged(qint64 group);
    // I was added to or removed from (or left) a group.
    void groupMembershipChanged(qint64 group, bool member);
    void groupActionFailed(const QString &error, const QString &message);
    // Something about a file the user should read where they are looking
    // (not a dialog): a refused attachment, a file that cannot be opened.
    void fileNotice(const QString &message);
    // A picture whose bytes are here was opened: the app's own viewer shows it.
    void pictureOpenRequested(qint64 localId);
    // A chat-list action the server refused (unfriend).
    void chatActionFailed(const QString &error, const QString &message);
    // An edit, delete for everyone or forward the server refused: why, for people.
    void messageActionFailed(const QString &text);

private:
    // On success of `reply` (unfriend, block): `user` leaves the cache's
    // contacts and the chat list.
    void forgetFriendOn(Client::Reply *reply, const QString &user);
    bool openAccount(const ServerAddress &server, const QString &user);
    void closeCache();
    void failLogin(const QString &error, const QString &message, int retryAfter = 0);
    void continueLogin();
    void onLoggedIn(const QString &user);
    void onEnded(SessionEnd reason);
    void refreshFriends();
    void reconcileHistory(const QString &peer);
    void loadOlderHistory(const QString &peer, qint64 before);
    void flushReadMarkers();

    void onMessageReceived(const Client::Message &message);
    void onReceiptReceived(const Client::Receipt &receipt);
    void onMessageSent(const QString &clientId, qint64 msgId, qint64 ts);
    void onMessageFailed(const QString &clientId, const QString &error, const QString &message);
    void sendTextTo(const QString &peer, const QString &text, qint64 replyTo = 0);
    // After a forward into `peer`: its new message `msgId`, from the server's history.
    void fetchForwarded(const QString &peer, qint64 msgId);
    // A path for a new file `name` (numbered if taken) in outgoingDirectory(), made.
    QString newOutgoingPath(const QString &name) const;
    void sendCaptionAfter(qint64 localId);
    void showMessage(const CachedMessage &message);
    void updateSummary(const QString &peer);
    void clearMarkedUnread(const QString &peer);

    void connectGroupEvents();
    // appcontrollerconversation.cpp: group system lines, edits, deletions.
    void connectConversationEvents();
    // appcontrollerreactions.cpp: reactions and typing notices.
    void connectReactionEvents();
    void refreshGroups();
    void ensureGroupKnown(qint64 group);
    // appcontrollerprofiles.cpp
    void connectProfiles();
    void learnProfile(const QString &user, const QString &displayName, const QString &avatarHash);
    void learnGroupProfiles(const Client::GroupInfo &info);
    void learnGroupMemberProfiles(const QList<qint64> &groups);
    QString avatarPath(const QString &hash) const;
    void fetchAvatar(const QString &user, const QString &hash);
    void setGroupMembership(qint64 group, const QString &name, bool member);
    void finishGroupAction(Client::Reply *reply, qint64 group);

    struct ActiveTransfer
    {
        QPointer<Client::FileTransfer> transfer;
        QString clientId; // uploads
        bool openWhenDone = false;
        bool fileIdStored = false;
    };
    std::optional<QString> refusalFor(const QString &path) const;
    void startUpload(const CachedMessage &message);
    void startDownload(const CachedMessage &message, const QString &target, bool openWhenDone);
    // Opens the file of `message`, whose bytes are here: a picture in the viewer, else the system's
    // way.
    void openLocalFile(const CachedMessage &message);
    void track(const CachedMessage &message, Client::FileTransfer *transfer, bool openWhenDone);
    void showTransfer(qint64 localId);
    void onTransferFinished(qint64 localId);
    void onTransferFailed(qint64 localId, const QString &code, const QString &message);
    void onTransferCancelled(qint64 localId);
    void forgetTransfer(qint64 localId);
    void cancelAllTransfers();
    void maybeAutoDownload(const CachedMessage &message);
    QString mediaDirectory() const;
    bool openUrl(const QUrl &url);

    Client::ClientSession *m_session;
    ConnectionKeeper *m_keeper;
    ChatListModel *m_chatList;
    FriendRequestModel *m_requests;
    MessageModel *m_messages;
    Client::Reactions *m_reactions;
    Client::MessageActions *m_actions;
    Client::LiveNotices *m_live;
    TypingTracker *m_typing;
    People *m_people = nullptr;
    Client::Privacy *m_privacy = nullptr;
    QSet<QString> m_avatarFetches; // hashes being fetched
    std::unique_ptr<LocalCache> m_cache;
    std::unique_ptr<PersistentOutbox> m_outbox;

    QString m_cacheDirectory;
    ServerAddress m_server;
    QString m_user;

    struct PendingLogin
    {
        QString user;
        QString password;
        LoginMode mode = LoginMode::LogIn;
        Client::ClientSession::LoginOption option = Client::ClientSession::LoginOption::Normal;
        QString invite;
    };
    std::optional<PendingLogin> m_login;
    QHash<qint64, int> m_earlyReceipts; // msg_id -> DeliveryStatus, before the send reply
    QSet<QString> m_unsentReads;        // peers whose read marker is not at the server yet
    QTimer m_presenceTimer;             // presence comes from `friends`: ask now and then

    QHash<qint64, ActiveTransfer> m_transfers; // by cache row
    QHash<qint64, QString> m_captions;         // by cache row: text to send once uploaded
    QSet<qint64> m_autoFetched;                // cache rows fetched (or tried) by themselves
    QString m_downloadDirectory;
    qint64 m_autoDownloadLimit = 5 * 1024 * 1024;
    UrlOpener m_urlOpener;
};

} // namespace Palomar::Desktop
