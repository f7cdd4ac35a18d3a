#pragma once

#include "backoff.h"
#include "filetransfer.h"
#include "outbox.h"
#include "reply.h"
#include "tls.h"
#include "types.h"

#include "protocol/limits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

namespace Palomar::Client {

class Connection;
class SyncLoop;

// One user's conversation with one server, fully asynchronous. Owns the
// connection, the request ids and their pending replies, the session token,
// the sync loop, reconnection with back-off plus `resume`, the wait for a
// server that answers `unavailable`, and the sending of the outbox. It turns
// events into signals and never blocks, never touches widgets and never
// stores anything itself (the outbox and the sync cursor can be seeded and
// observed by a program that does).
//
// A server whose storage is unavailable answers `unavailable` (the request had
// no effect). The session treats that like a lost connection it need not
// reconnect: it goes Unavailable, its own work pauses (sync loop, outbox, file
// transfers), and after `retry_after` (at least; the reconnect back-off grows
// it while the answers go on) it asks again. Once an answer is not
// `unavailable` it is back where it was and the work carries on: the sync loop
// from its cursor, the outbox with the same client_ids, transfers from where
// the server stands. Requests made through request() and the ops built on it
// are held meanwhile and sent again; their Reply finishes only then.
class ClientSession : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected, // no connection, nothing scheduled
        Connecting,   // TCP connect and `hello` under way
        Connected,    // connected, not logged in
        LoggedIn,     // a live session: syncing, sending the outbox
        Reconnecting, // the connection dropped; waiting to reconnect and resume
        Unavailable,  // the server answered `unavailable`: waiting secondsUntilRetry() to ask again
    };
    Q_ENUM(State)
    enum class LoginOption
    {
        Normal,
        Takeover
    };
    enum class FriendResponse
    {
        Accept,
        Decline
    };

    explicit ClientSession(QObject *parent = nullptr);
    ~ClientSession() override;

    // --- configuration ---------------------------------------------------
    void setClientName(const QString &name) { m_clientName = name; }
    void setSyncMode(SyncMode mode);
    SyncMode syncMode() const;
    void setLongPollWait(int seconds);
    // Reconnect and resume after a dropped connection (default on).
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    bool autoReconnect() const { return m_autoReconnect; }
    void setReconnectDelays(int initialMs, int maximumMs);
    // How long a reply may take (a sync's `wait` is added) before the
    // connection is considered dead and dropped.
    void setRequestTimeout(int ms) { m_requestTimeout = ms; }
    // nullptr restores the built-in memory outbox; the session does not own it.
    void setOutbox(Outbox *outbox);
    Outbox *outbox() const { return m_outbox; }
    // Seeds the sync cursor for `user` (from a cache); used by the next
    // login or resume of that user.
    void setSyncCursor(const QString &user, qint64 cursor);
    qint64 syncCursor() const;
    // TLS for the next connectToServer() and every reconnection (default
    // off). The server must verify against the system's CAs plus
    // `certificates`, or match the pinned fingerprint (certificateFingerprint()),
    // or the connection is refused with certificateRejected().
    void setTls(bool enabled);
    bool isTls() const;
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    void setPinnedFingerprint(const QByteArray &fingerprint);
    QByteArray pinnedFingerprint() const;

    // --- state -----------------------------------------------------------
    State state() const { return m_state; }
    // Logged in and working: syncing, sending the outbox, transferring.
    bool isLoggedIn() const { return m_state == State::LoggedIn; }
    // A live session, also while waiting for an unavailable server (so
    // logout() is worth sending).
    bool hasSession() const;
    // Reconnecting or Unavailable: seconds until the next attempt (0 while
    // one is under way, or in any other state).
    int secondsUntilRetry() const;
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    QString user() const { return m_user; }
    QString token() const { return m_token; }
    // The server rotated the session's token (set_password): later resumes use it.
    void replaceToken(const QString &token) { m_token = token; }
    QString serverName() const { return m_serverName; }
    Protocol::Limits limits() const { return m_limits; }
    // The server's registration policy, from its last hello.
    Registration registration() const { return m_registration; }
    // Whether the server's last hello listed `feature` (Protocol::Feature):
    // the extensions beyond the contract it speaks.
    bool hasFeature(const QString &feature) const { return m_features.contains(feature); }

    // --- connection ------------------------------------------------------
    // Connects and says hello; connected() or errorOccurred(connection_failed) follows.
    void connectToServer(const QString &host, quint16 port);
    // Closes without reconnecting. The token is kept: resume() may bring the
    // session back later.
    void disconnectFromServer();

    // --- requests (each answered through its Reply) -----------------------
    // The base of every op: sends {id, op, ...fields}; ops the session does
    // not know yet (groups, files) go through here too. A request answered
    // `unavailable` is sent again once the wait is over (State::Unavailable);
    // its Reply finishes with the first other answer.
    Reply *request(const QString &op, const QJsonObject &fields = {});
    Reply *hello();
    // `invite`: an invitation code, sent when not empty (the server needs one
    // when registration() is Invite, and ignores it when Open).
    Reply *registerUser(const QString &user, const QString &password,
                        const QString &invite = QString());
    Reply *login(const QString &user, const QString &password,
                 LoginOption option = LoginOption::Normal);
    Reply *resume(const QString &token);
    Reply *logout();
    Reply *unregister(const QString &password);
    Reply *friendRequest(const QString &user);
    Reply *friendRespond(const QString &user, FriendResponse response);
    Reply *unfriend(const QString &user);
    Reply *friends();
    Reply *markRead(const QString &peer, qint64 upTo);
    Reply *history(const QString &peer, qint64 before = 0,
                   int limit = Protocol::kDefaultHistoryLimit);
    // --- groups ------------------------------------------------------------
    // Answered with `group` (the new id); I am the admin.
    Reply *groupCreate(const QString &name, const QStringList &members);
    Reply *groupAdd(qint64 group, const QString &user);
    Reply *groupRemove(qint64 group, const QString &user);
    Reply *groupRename(qint64 group, const QString &name);
    Reply *groupLeave(qint64 group);
    // Answered with {group, name, admin, members}: GroupInfo::fromJson().
    Reply *groupInfo(qint64 group);
    // Answered with {groups}: groupsFromReply().
    Reply *groups();
    // Who has received and read one of my group messages: MessageInfo::fromJson().
    Reply *messageInfo(qint64 msgId);
    Reply *markGroupRead(qint64 group, qint64 upTo);
    Reply *groupHistory(qint64 group, qint64 before = 0,
                        int limit = Protocol::kDefaultHistoryLimit);

    // A sync from the cursor at once; its events arrive through the signals.
    Reply *syncNow(int waitSeconds = 0);
    Reply *ping();

    // Queues a message in the outbox and sends it as soon as logged in; it
    // is re-sent with the same client_id after a reconnect until the server
    // answers. Returns the client_id (generated when empty). The outcome
    // arrives as messageSent() or messageFailed().
    // With `replyTo` (feature `reply`) it answers that message of the chat.
    QString send(const QString &to, const QString &text, const QString &clientId = {},
                 qint64 replyTo = 0);
    // The same through the same outbox, to every member of `group`.
    QString sendToGroup(qint64 group, const QString &text, const QString &clientId = {},
                        qint64 replyTo = 0);

    // --- files -------------------------------------------------------------
    // A transfer owned by this session, already under way (or Waiting until
    // logged in). A file over hello's max_file fails at once with too_large,
    // before any byte is sent. An empty `mime` is guessed from the file.
    FileTransfer *sendFile(const QString &to, const QString &path, const QString &mime = {});
    FileTransfer *sendFileToGroup(qint64 group, const QString &path, const QString &mime = {});
    // Writes `targetPath + ".part"` (continuing one left by an earlier
    // download of the same file) and renames it to `targetPath`, replacing
    // what is there, once the sha256 matches `file.sha256`.
    FileTransfer *downloadFile(const FileInfo &file, const QString &targetPath);

signals:
    void stateChanged(Palomar::Client::ClientSession::State state);
    void connected();                   // hello answered; limits() are the server's
    void loggedIn(const QString &user); // after login or resume
    void loggedOut();                   // after logout or unregister
    void reconnected();                 // a dropped session is resumed
    void sessionReplaced();             // a login elsewhere took this session over
    void sessionExpired();              // resume refused: the token is unknown or expired
    void errorOccurred(const QString &error, const QString &message);
    // The TLS server's certificate was refused (before errorOccurred with
    // untrusted_certificate): to trust it, pin `fingerprint` and connect again.
    void certificateRejected(const QSslCertificate &certificate, const QByteArray &fingerprint,
                             Palomar::Client::CertificateProblem problem);

    void messageReceived(const Palomar::Client::Message &message);
    void receiptReceived(const Palomar::Client::Receipt &receipt);
    void friendRequestReceived(const QString &user);
    void friendAdded(const QString &user);
    void friendDeclined(const QString &user);
    void friendRemoved(const QString &user);
    // I was added to a group, removed from one, or one of mine changed
    // (rename, members, admin); `by` is who did it.
    void groupAdded(qint64 group, const QString &name, const QString &by);
    void groupRemoved(qint64 group, const QString &name, const QString &by);
    void groupUpdated(qint64 group, const QString &name, const QString &by);
    // Any of the three, whole (`kind`: its event kind), before the above.
    void groupEventReceived(const QString &kind, const Palomar::Client::GroupEvent &event);
    // Events of kinds this class does not know.
    void eventReceived(const QJsonObject &event);
    // The ephemeral notices of sync replies (no seq: typing, presence; see
    // LiveNotices).
    void noticeReceived(const QJsonObject &notice);
    void syncCursorChanged(qint64 cursor);

    void messageSent(const QString &clientId, qint64 msgId, qint64 ts);
    void messageFailed(const QString &clientId, const QString &error, const QString &message);

private:
    friend class FileTransfer;

    // What a request does when the server answers `unavailable`.
    enum class OnUnavailable
    {
        Retry,  // held, and sent again once the wait is over (what callers of request() get)
        Report, // its Reply finishes with `unavailable`: the session's own work, which
                // pauses and resumes with the state (outbox, sync loop, transfers)
    };
    struct Pending
    {
        QPointer<Reply> reply;
        qint64 deadline = 0; // ms on m_clock
        QJsonObject frame;   // as sent, kept to send it again (OnUnavailable::Retry only)
    };

    Reply *issue(const QString &op, const QJsonObject &fields, OnUnavailable onUnavailable);
    void transmit(Reply *reply, const QJsonObject &frame, OnUnavailable onUnavailable);
    void setState(State state);
    void onOpened();
    void onFrame(const QJsonObject &frame);
    void onClosed(const QString &reason);
    void scheduleReconnect();
    void sendResume();
    void enterLoggedIn(const QString &user, const QString &token);
    void leaveLoggedIn();
    void handleSessionError(const QString &error);
    // The wait for an unavailable server (clientsessionunavailable.cpp).
    void onUnavailableAnswer(const QJsonObject &frame, const Pending &entry);
    void onServedAnswer(const Pending &entry, bool ok);
    void enterUnavailable(int retryAfterSeconds);
    void leaveUnavailable();
    void retryUnavailable();
    void resendHeld();
    // The state, looking through a wait for an unavailable server.
    State settledState() const;
    // Every request still waiting for an answer, sent or held; the wait stops.
    QList<Pending> takeUnanswered();
    void dispatchEvent(const QJsonObject &event);
    void flushOutbox();
    QString enqueue(OutgoingMessage message);
    void dispatchOutgoing(const OutgoingMessage &message);
    void handleSendReply(const OutgoingMessage &message, Reply *reply);
    void checkDeadlines();

    Connection *m_connection = nullptr;
    SyncLoop *m_sync = nullptr;
    Outbox *m_outbox = nullptr;
    std::unique_ptr<MemoryOutbox> m_memoryOutbox;

    State m_state = State::Disconnected;
    QString m_clientName;
    QString m_host;
    quint16 m_port = 0;
    QString m_user;
    QString m_token;
    QString m_serverName;
    Registration m_registration = Registration::Unknown;
    QSet<QString> m_features;
    Protocol::Limits m_limits;

    qint64 m_nextId = 1;
    QHash<qint64, Pending> m_pending;
    int m_requestTimeout = 30000;
    QElapsedTimer m_clock;
    qint64 m_lastSent = 0;
    QTimer m_watchdog;

    bool m_autoReconnect = true;
    bool m_closing = false;    // disconnectFromServer() asked for the close
    bool m_loggingOut = false; // logout/unregister in flight: auth errors are expected
    // The connection now closing refused the server's certificate.
    bool m_certificateRejected = false;
    Backoff m_backoff;
    QTimer m_reconnectTimer;

    QSet<QString> m_sendsInFlight;
    QTimer m_outboxRetry;

    State m_stateBeforeUnavailable = State::Disconnected;
    Backoff m_unavailableBackoff;
    QTimer m_unavailableTimer;
    QList<Pending> m_held; // answered `unavailable`, to be sent again
};

} // namespace Palomar::Client
