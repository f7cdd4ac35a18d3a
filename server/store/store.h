#pragma once

#include "adminrecords.h"
#include "storeconfig.h"
#include "storerecords.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

class QSqlError;
struct sqlite3;

namespace Palomar::Server {

// A failed statement. Handlers let it propagate; the transaction rolls back.
// Fault: the request cannot be served (a bug, a violated constraint): an
// `internal` reply and a log line. Unavailable: the database cannot be
// reached or written right now (connection lost, disk full): `unavailable`,
// and the executor reconnects. Conflict: a deadlock or serialization failure
// between concurrent transactions: run it again.
class StoreError : public std::runtime_error
{
public:
    enum class Kind
    {
        Fault,
        Unavailable,
        Conflict
    };
    explicit StoreError(const QString &what, Kind kind = Kind::Fault)
        : std::runtime_error(what.toStdString()), m_kind(kind)
    {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

// How a database error is to be taken (see StoreError::Kind).
StoreError::Kind classifyError(StoreConfig::Backend backend, const QSqlError &error);

// Process-wide statement counters (metrics and palomar-bench): every
// statement sent to the database, transaction control included, is one; on
// PostgreSQL each is one round trip.
struct StoreCounters
{
    std::atomic<quint64> statements = 0;
    std::atomic<quint64> commits = 0;
    std::atomic<quint64> rollbacks = 0;
    std::atomic<quint64> unavailable = 0;       // statements that found the database unavailable
    std::atomic<quint64> conflicts = 0;         // deadlocks and serialization failures
    std::atomic<quint64> faults = 0;            // any other statement that failed
    std::atomic<quint64> reconnects = 0;        // lost connections opened again
    std::atomic<quint64> reconnectFailures = 0; // attempts that found it still down
};

struct NewEvent
{
    QString kind;
    QJsonObject payload;
    std::optional<qint64> messageId;
};

// An event as it was committed, for waking long polls from memory.
struct CommittedEvent
{
    qint64 userId = 0;
    qint64 seq = 0;
    QString kind;
    QByteArray payload;              // the event's fields, as an encoded JSON object
    std::optional<qint64> messageId; // a message event's message
};

// What an outermost commit made visible: the events it added (each inbox's
// in seq order) and the users to wake though no event was added for them.
struct CommitReport
{
    QList<CommittedEvent> events;
    QList<qint64> woken;
};

// One inbox acknowledged up to a seq.
struct Acknowledgement
{
    qint64 userId = 0;
    QString user;
    qint64 upTo = 0;
    // False when the caller knows no message event is acknowledged (only
    // receipts and the like): nothing to mark delivered.
    bool mayDeliver = true;
};

// A message an acknowledgement made delivered: who sent it and to whom.
struct DeliveredMessage
{
    qint64 messageId = 0;
    qint64 senderId = 0;
    qint64 recipientId = 0;
};

class Store;
class SqliteStatement;
// Called inside the transaction, once its acknowledgements have marked their
// messages delivered, to queue the receipts (server/core knows their shape).
using AcknowledgementHandler = std::function<void(Store &store, const QHash<qint64, QString> &users,
                                                  const QList<DeliveredMessage> &direct,
                                                  const QList<DeliveredMessage> &group, qint64 ts)>;
using CommitObserver = std::function<void(const CommitReport &report)>;

// The one SQL store, for SQLite and PostgreSQL alike: one database
// connection, used only by the thread that created it (every call asserts
// it). It knows SQL and nothing of sockets or of the protocol's rules:
// handlers in server/core compose its operations inside a Transaction, and
// the StoreExecutor decides which thread runs them. The SQL text lives in
// sql/*.sql.
class Store
{
public:
    Store(const StoreConfig &config, const QString &connectionName);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    void open();    // connect and apply per-connection settings; throws
    void migrate(); // bring the schema to the latest version; throws
    int schemaVersion();
    static int latestSchemaVersion(StoreConfig::Backend backend);
    // Applies migrations up to `version` only (tests of the migration path).
    void migrateTo(int version);
    QSqlDatabase &database() { return m_db; }
    // The connection was lost (an Unavailable error on PostgreSQL): reopen().
    bool isBroken() const { return m_broken; }
    // Closes the connection and opens it again; throws when it cannot.
    void reopen();
    // One round trip to the database (readiness checks); throws.
    void ping();
    static StoreCounters &counters();

    // RAII transaction: rolls back unless commit() ran. Inside another one
    // it is a savepoint: its commit only releases the savepoint, its
    // rollback undoes only its own writes, and nothing is durable before the
    // outermost commit. An outermost transaction opened Flat (group commit
    // runs many requests' transactions in one) takes no savepoints for those
    // inside it: their commits do nothing, and one that rolls back (or a
    // statement that fails) only marks it failed(), leaving the caller to
    // roll the whole of it back and redo the work some other way. The
    // outermost commit first writes what was queued (queueEvents() and the
    // like), then commits, then tells the commit observer and runs the
    // afterCommit() callbacks.
    class Transaction
    {
    public:
        enum class Nesting
        {
            Savepoints,
            Flat
        };
        explicit Transaction(Store &store, Nesting nesting = Nesting::Savepoints);
        ~Transaction();
        void commit();
        bool failed() const { return m_store.m_flatFailed; }

    private:
        Store &m_store;
        int m_level = 0; // 1: the outermost transaction
        bool m_done = false;
        bool m_flat = false; // a nested one that took no savepoint
    };
    bool inTransaction() const { return m_transactionDepth > 0; }
    StoreConfig::Backend backend() const { return m_config.backend; }
    // Runs `callback` once the outermost transaction has committed (at once
    // when none is open); dropped when it rolls back. For what must not be
    // seen before the data is durable, such as waking other threads' polls.
    void afterCommit(std::function<void()> callback);
    // Runs `callback` when the outermost transaction ends, committed or not
    // (at once when none is open): caches drop what it may have loaded.
    void afterTransaction(std::function<void()> callback);
    // SQLite: this connection no longer checkpoints the write-ahead log when
    // a commit takes it past 1,000 pages; a WalCheckpointer does it, with
    // checkpointLog(): a passive checkpoint, which copies what no reader
    // still needs and never waits for a lock.
    void handOverCheckpoints();
    void checkpointLog();

    // Accounts
    std::optional<UserRecord> userByName(const QString &name);
    std::optional<UserRecord> userById(qint64 id);
    std::optional<qint64> createUser(const QString &name, const QString &passwordHash, qint64 ts);
    void deleteUser(qint64 id); // with sessions, friendships, requests, events, 1:1 messages
    void touchLastSeen(qint64 userId, qint64 ts);

    // Sessions (one row per user: the live one)
    std::optional<SessionRecord> sessionOfUser(qint64 userId);
    std::optional<SessionRecord> sessionByToken(const QByteArray &tokenHash);
    void putSession(const SessionRecord &session);
    bool deleteSession(qint64 userId, const QByteArray &tokenHash);
    void touchSession(qint64 userId, const QByteArray &tokenHash, qint64 ts);
    // Binds (online) or detaches the session on `instanceId`.
    void setOnline(qint64 userId, const QByteArray &tokenHash, bool online, qint64 ts,
                   qint64 instanceId = 0);
    void clearOnline();
    int deleteExpiredSessions(qint64 cutoff);
    void insertReplaced(const QByteArray &tokenHash, qint64 userId, qint64 ts);
    bool wasReplaced(const QByteArray &tokenHash);
    void expireReplaced(qint64 cutoff);

    // Friends
    bool isFriend(qint64 userId, qint64 friendId);
    bool requestExists(qint64 fromId, qint64 toId);
    void insertRequest(qint64 fromId, qint64 toId, qint64 ts);
    bool deleteRequest(qint64 fromId, qint64 toId);
    void insertFriendship(qint64 a, qint64 b, qint64 ts); // both directions
    bool deleteFriendship(qint64 a, qint64 b);            // both directions
    // `online`: bound on an instance heard from since `liveSince`.
    QList<FriendRecord> friendsOf(qint64 userId, qint64 liveSince = 0);
    QStringList incomingRequests(qint64 userId);
    QStringList outgoingRequests(qint64 userId);

    // Messages
    std::optional<std::pair<qint64, qint64>> messageByClientId(qint64 senderId,
                                                               const QString &clientId);
    // The new message's id, or nothing when the sender already stored one
    // with this client_id (see messageByClientId()).
    std::optional<qint64> insertMessage(const QString &chat, qint64 senderId,
                                        std::optional<qint64> recipientId,
                                        std::optional<qint64> groupId, const QString &clientId,
                                        const QString &text, qint64 ts);
    QList<MessageRecord> history(const QString &chat, qint64 before, int limit);
    // Marks delivered the messages of every acknowledged message event of
    // this user's inbox (seq <= upTo) that were not yet; returns them in id order.
    QList<AckedMessage> deliverAcked(qint64 userId, qint64 upTo, qint64 ts);
    // Marks read (and delivered, if not yet) every message from `peer` to `me`
    // with id <= upTo that was unread; returns their ids in order.
    QList<qint64> markReadUpTo(qint64 me, qint64 peer, qint64 upTo, qint64 ts);
    static QString directChat(qint64 a, qint64 b);

    // Full-text search (store_search.cpp): the messages `userId` may see
    // (their one-to-one chats; group messages fanned out to them, or their
    // own, in groups they are a member of) whose text has every one of
    // `words`, the last also as a prefix, with ids below `before`, newest
    // first. `chat` empty: every chat; otherwise only that one (Store::
    // directChat or groupChat). Words are plain text: the store quotes them.
    QList<MessageRecord> searchMessages(qint64 userId, const QStringList &words,
                                        const QString &chat, qint64 before, int limit);

    // Groups (store_groups.cpp)
    qint64 createGroup(const QString &name, qint64 adminId, qint64 ts);
    std::optional<GroupRecord> groupById(qint64 id);
    void renameGroup(qint64 id, const QString &name);
    void setGroupAdmin(qint64 id, qint64 adminId);
    void deleteGroup(qint64 id);
    void addMember(qint64 groupId, qint64 userId, qint64 ts);
    bool removeMember(qint64 groupId, qint64 userId);
    bool isMember(qint64 groupId, qint64 userId);
    QList<MemberRecord> membersOf(qint64 groupId); // longest-standing first
    QList<GroupRecord> groupsOf(qint64 userId);
    void insertGroupReceipt(qint64 messageId, qint64 userId);
    // One receipt row for each member of the group but the sender and those
    // who block the sender (they never see it).
    void insertGroupReceipts(qint64 messageId, qint64 groupId, qint64 senderId);
    QList<GroupMessageRecord> groupHistory(qint64 groupId, qint64 me, qint64 before, int limit);
    QList<qint64> deliverAckedGroup(qint64 userId, qint64 upTo, qint64 ts);
    // The bulk forms, for every acknowledgement of a transaction at once.
    QList<DeliveredMessage> deliverAckedBulk(const QList<Acknowledgement> &acks, qint64 ts);
    QList<DeliveredMessage> deliverAckedGroupBulk(const QList<Acknowledgement> &acks, qint64 ts);
    void deleteAckedEventsBulk(const QList<Acknowledgement> &acks);
    QList<qint64> readGroupUpTo(qint64 userId, qint64 groupId, qint64 upTo, qint64 ts);
    GroupReceiptCounts groupReceiptCounts(qint64 messageId);
    QList<MemberReceipt> groupMessageReceipts(qint64 messageId);
    static QString groupChat(qint64 groupId);

    // Blocks and profiles (store_privacy.cpp).
    bool insertBlock(qint64 blockerId, qint64 blockedId, qint64 ts); // false: blocked already
    bool deleteBlock(qint64 blockerId, qint64 blockedId);            // false: was not blocked
    bool isBlocked(qint64 blockerId, qint64 blockedId);
    QList<BlockRecord> blockedBy(qint64 blockerId); // by name
    QSet<qint64> blockersOf(qint64 blockedId);
    std::optional<ProfileRecord> profileOf(qint64 userId);
    // The members of a group who have a display name or an avatar, with them
    // (no updatedTs): one query for group_info.
    QList<std::pair<QString, ProfileRecord>> memberProfiles(qint64 groupId);
    QByteArray avatarOf(qint64 userId); // empty when none
    void putProfile(qint64 userId, const ProfileRecord &profile, const QByteArray &avatar);
    bool sharesGroup(qint64 a, qint64 b);
    // Whom a change of `userId`'s profile is told to: friends and group co-members.
    QList<qint64> profileAudience(qint64 userId);
    // Reactions and group system lines (store_conversation.cpp)
    // The message `me` may see and act on (see VisibleMessage and
    // docs/protocol.md, "Conversation features: the rules"), or nothing.
    std::optional<VisibleMessage> visibleMessage(qint64 messageId, qint64 me);
    QString reactionOf(qint64 messageId, qint64 userId); // "" when none
    // Sets (or with an empty emoji removes) `userId`'s reaction.
    void putReaction(qint64 messageId, qint64 userId, const QString &emoji, qint64 ts);
    // The members a group message reached who are still in the group, and
    // its sender while a member.
    QList<qint64> groupMessageAudience(qint64 messageId);
    // The reactions to the messages of `chat` with ids in [low, high]:
    // message id -> emoji -> the names of those who chose it, in name order.
    QHash<qint64, QHash<QString, QStringList>> reactionsInChat(const QString &chat, qint64 low,
                                                               qint64 high);
    // Stores a system line (a row of messages with its payload) seen by the
    // group's members but the sender; returns its message id.
    qint64 insertSystemLine(qint64 groupId, qint64 senderId, const QByteArray &payload, qint64 ts);
    // The system lines of `chat` with ids in [low, high], as stored JSON text.
    QHash<qint64, QByteArray> systemLinesInChat(const QString &chat, qint64 low, qint64 high);

    // Files (store_files.cpp). Chunks are stored as they arrive, in order;
    // nothing here ever reads a whole file.
    qint64 createFile(const FileRecord &file, qint64 ts);
    std::optional<FileRecord> fileById(qint64 id);
    // The latest unfinished upload by the same uploader of the same name,
    // size and SHA-256 to the same chat as `like`, if any (file_begin resumes it).
    std::optional<FileRecord> unfinishedUpload(const FileRecord &like);
    // A finished file, when `userId` may download it: its uploader, the
    // recipient of its one-to-one message, or a current member of its group
    // to whom the message was fanned out.
    std::optional<FileRecord> fileForReader(qint64 id, qint64 userId);
    // Stores the chunk at `offset` if that is exactly what was received so
    // far and it fits the declared size; false (nothing stored) otherwise.
    bool appendFileChunk(qint64 fileId, qint64 offset, const QByteArray &data, qint64 ts);
    // The chunk stored at exactly `offset`, if any.
    std::optional<QByteArray> fileChunkAt(qint64 fileId, qint64 offset);
    // The stored chunks that overlap [start, end), in order.
    QList<FileChunk> fileChunksCovering(qint64 fileId, qint64 start, qint64 end);
    // Marks the upload finished as message `messageId`; false when it already was.
    bool attachFileMessage(qint64 fileId, qint64 messageId, qint64 ts);
    void deleteFile(qint64 id); // with its chunks
    // Deletes unfinished uploads untouched since `cutoff`; returns how many.
    int deleteStaleUploads(qint64 cutoff);
    // The finished files of the messages of `chat` with ids in [low, high], by message id.
    QHash<qint64, FileRecord> filesInChat(const QString &chat, qint64 low, qint64 high);
    // How many chunk rows, and bytes, a file has (tests and diagnostics).
    std::pair<qint64, qint64> fileChunkTotals(qint64 fileId);

    // Replies, forwards, edits and deletes (store_messagechanges.cpp).
    void setMessageOrigin(qint64 id, std::optional<qint64> replyTo, bool forwarded);
    // False when the message is a tombstone (or gone).
    bool editMessage(qint64 id, const QString &text, qint64 ts);
    // Clears the text, marks it deleted and deletes its file with its chunks;
    // false when it already was deleted (or is gone).
    bool deleteMessage(qint64 id);
    // The current members of `groupId` the message was fanned out to.
    QList<qint64> messageReached(qint64 messageId, qint64 groupId);
    // `userId`'s still unacknowledged `message` event of this message, if any.
    QList<EventRecord> pendingMessageEvents(qint64 userId, qint64 messageId);
    bool rewriteEvent(qint64 userId, qint64 seq, const QJsonObject &payload);
    // Drops `userId`'s unacknowledged `message` and `edited` events of it;
    // false when there were none.
    bool dropPendingMessageEvents(qint64 userId, qint64 messageId);
    // The changes of the messages of `chat` with ids in [low, high] that have any.
    QHash<qint64, MessageChanges> messageChangesInChat(const QString &chat, qint64 low,
                                                       qint64 high);
    // The finished file a message carries, if any (store_files.cpp).
    std::optional<FileRecord> messageFile(qint64 messageId);
    // A new unfinished file row like `source` for `like`'s uploader and chat,
    // with a copy of its chunks (no bytes leave the database); its id.
    qint64 copyFile(qint64 sourceId, const FileRecord &like, qint64 ts);

    // Event inboxes (store_events.cpp). appendEvent(s) write at once and
    // return the first seq; queueEvents() defers them to the outermost
    // commit, where every inbox's events of the transaction are numbered
    // with one reservation (row locks in user id order) and inserted with
    // one statement.
    qint64 appendEvent(qint64 userId, const QString &kind, const QJsonObject &payload,
                       std::optional<qint64> messageId = std::nullopt);
    qint64 appendEvents(qint64 userId, const QList<NewEvent> &events);
    void queueEvents(qint64 userId, const QList<NewEvent> &events);
    void queueEvent(qint64 userId, const QString &kind, const QJsonObject &payload,
                    std::optional<qint64> messageId = std::nullopt)
    {
        queueEvents(userId, {NewEvent{kind, payload, messageId}});
    }
    // Defers `sync(after=upTo)`'s acknowledgement of `userId`'s inbox to the
    // outermost commit: the messages of acknowledged message events become
    // delivered (the acknowledgement handler turns them into receipts), and
    // the acknowledged events are deleted; every acknowledgement of the
    // transaction in one statement each.
    void queueAcknowledgement(qint64 userId, const QString &user, qint64 upTo,
                              bool mayDeliver = true);
    // Marks `userId` to be woken after the commit though no event was queued
    // for them (a takeover tells the old session's poll).
    void queueWake(qint64 userId);
    // A cache entry other instances must drop once this transaction commits
    // (PostgreSQL NOTIFY; nothing on SQLite, where one process owns the file).
    void queueInvalidation(const QString &key);
    void setAcknowledgementHandler(AcknowledgementHandler handler);
    void setCommitObserver(CommitObserver observer);

    qint64 lastSeq(qint64 userId);
    int deleteAckedEvents(qint64 userId, qint64 upTo);
    QList<EventRecord> pendingEvents(qint64 userId, qint64 after, int limit);
    // The same, each payload as the JSON text stored (nothing parsed).
    QList<CommittedEvent> pendingEventTexts(qint64 userId, qint64 after, int limit);
    // Seqs reserved for several inboxes at once, row locks taken in user id
    // order: user id -> the last seq reserved.
    QHash<qint64, qint64> reserveSeqs(const QHash<qint64, qint64> &counts);
    // Sets `userId`'s last seen time at the outermost commit, after the seq
    // reservation: a transaction locks inbox rows, then users rows, each in
    // one statement in id order (PostgreSQL: no deadlock between instances).
    void queueLastSeen(qint64 userId, qint64 ts);

    // Cross-instance notifications (PostgreSQL NOTIFY; nothing on SQLite).
    static const QString kWakeupChannel;
    static const QString kInvalidationChannel;
    static const QString kNoticeChannel;
    // An ephemeral notice for `users` on the other instances (store_live.cpp):
    // their NotificationListener holds it like PollRegistry::notify().
    void publishNotice(const QList<qint64> &users, const QString &key, const QJsonObject &notice,
                       qint64 holdMs);
    bool supportsNotifications() const;
    // The instance named as the origin of this store's notifications.
    void setOrigin(qint64 instanceId) { m_origin = instanceId; }

    // Instances sharing the database, for the session rule "live while a
    // connection is bound on a live instance" (store_operations.cpp).
    void putInstance(qint64 instanceId, qint64 ts);
    void deleteInstance(qint64 instanceId);
    // Sessions bound on instances silent since `cutoff` become detached;
    // returns how many.
    int detachDeadInstances(qint64 cutoff);

    // Invitation codes (store_invites.cpp). Codes may be passed as typed:
    // they are kept and looked up normalised (InviteCodes::normalise). Times
    // are milliseconds since the epoch; no expiresAt: never expires.
    // False when the code exists already.
    bool createInvite(const QString &code, std::optional<qint64> expiresAt, const QString &note);
    QList<InviteRecord> invites(); // oldest first
    std::optional<InviteRecord> invite(const QString &code);
    // Revokes an unused invite; false when there is no such code, or it was
    // used or revoked already.
    bool revokeInvite(const QString &code);
    // Marks the invite used by `user` at `ts`, if it exists, is unused, not
    // revoked and unexpired at `ts`; false (nothing changed) otherwise. Run
    // it in the transaction that creates the user: of two transactions
    // racing for one code, one finds it used.
    bool useInvite(const QString &code, const QString &user, qint64 ts);

    // Login throttling
    LoginFailures loginFailures(const QString &key);
    void putLoginFailures(const QString &key, const LoginFailures &failures);
    void clearLoginFailures(const QString &key);
    void expireLoginFailures(qint64 cutoff);

    // Administration (store_admin.cpp): palomar-admin's reads and writes.
    // `liveSince`: the oldest instance heartbeat that still counts as alive.
    QList<AdminUserRecord> adminUsers(qint64 liveSince);
    QList<AdminSessionRecord> adminSessions(qint64 liveSince);
    void setBanned(qint64 userId, qint64 ts, const QString &reason);
    bool clearBan(qint64 userId); // false when not banned
    std::optional<qint64> bannedSince(qint64 userId);
    void setPasswordHash(qint64 userId, const QString &hash);
    bool deleteSessionOf(qint64 userId); // whatever its token; false when none
    int clearAllLoginFailures();
    int liveInstances(qint64 liveSince);
    AdminStats adminStats(qint64 liveSince, qint64 now);
    // Rows that break a foreign key or point at nothing; empty when sound.
    // SQLite: PRAGMA integrity_check too.
    QList<AdminProblem> adminCheck();
    // SQLite: an online, consistent copy of the database at `path` (the
    // backup API, one step under one read lock); throws StoreError.
    void backupTo(const QString &path);

private:
    friend class Transaction;
    QSqlQuery &prepared(const char *name);
    // SQLite: the named statement on SQLite's own API (see SqliteStatement).
    SqliteStatement &direct(const char *name);
    bool isSqlite() const { return m_config.backend == StoreConfig::Backend::Sqlite; }
    // Prepares `sql` and caches it under `key` (a statement name, or the text).
    QSqlQuery &prepareAs(std::string key, const QString &sql);
    QSqlQuery &run(const char *name, const QVariantList &values);
    // Runs a statement; true when it changed (affects) or found (exists) a row.
    bool affects(const char *name, const QVariantList &values);
    bool exists(const char *name, const QVariantList &values);
    // Reads a one-column result of ids, sorted ascending, and finishes the query.
    static QList<qint64> sortedIds(QSqlQuery &query);
    static QList<DeliveredMessage> readDelivered(QSqlQuery &query);
    // Reads the rows of `history` and statements of its columns, and finishes the query.
    static QList<MessageRecord> readMessages(QSqlQuery &query);
    // `words` as the backend's full-text query (an FTS5 MATCH or a tsquery).
    QString fullTextQuery(const QStringList &words) const;
    // Of `candidates` (message ids, newest first), those whose text has, for
    // every group of FTS5 terms, at least one of its terms (store_search.cpp).
    QList<qint64> matchingMessages(const QList<QByteArrayList> &groups, QList<qint64> candidates);
    QList<qint64> withoutTerm(const QByteArray &term, const QList<qint64> &candidates,
                              QSet<qint64> &matched);
    void exec(const QString &statement);
    // BEGIN, COMMIT, SAVEPOINT …: prepared once on SQLite, run through
    // exec() on PostgreSQL (whose PREPARE takes no transaction control).
    void control(const QString &statement);
    // Ends every statement run in the transaction being closed.
    void finishUsed();
    // Throws the StoreError for a failed statement, marking the connection
    // broken when it was lost.
    [[noreturn]] void fail(const QString &what, const QSqlError &error);
    void assertThread() const;
    void applyMigration(int version);
    // The outermost commit's work before COMMIT (store_events.cpp).
    void flushQueued();
    void insertEventRows(const QList<CommittedEvent> &events);
    void publish(const QList<CommittedEvent> &events);
    void endTransaction(bool committed);

    StoreConfig m_config;
    QString m_connectionName;
    QSqlDatabase m_db;
    struct NameHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view name) const
        {
            return std::hash<std::string_view>()(name);
        }
    };
    // Prepared statements by name (and transaction control by its text):
    // node-based, so the QSqlQuery references handed out stay valid.
    std::unordered_map<std::string, QSqlQuery, NameHash, std::equal_to<>> m_statements;
    std::vector<QSqlQuery *> m_used; // run since the outermost BEGIN
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, NameHash, std::equal_to<>>
        m_direct;
    QThread *m_thread = nullptr;
    int m_transactionDepth = 0;
    bool m_flatNesting = false; // the outermost transaction was opened Flat
    bool m_flatFailed = false;  // and something inside it failed
    bool m_broken = false;
    qint64 m_origin = 0;
    std::vector<std::function<void()>> m_afterCommit;
    std::vector<std::function<void()>> m_afterTransaction;
    // Queued for the outermost commit, in the order they were queued.
    struct QueuedEvents
    {
        qint64 userId = 0;
        QList<NewEvent> events;
    };
    QList<QueuedEvents> m_queuedEvents;
    QList<Acknowledgement> m_queuedAcks;
    QList<qint64> m_queuedWakes;
    QHash<qint64, qint64> m_queuedLastSeen;
    QStringList m_queuedInvalidations;
    CommitReport m_report; // what the commit in progress adds
    AcknowledgementHandler m_acknowledgementHandler;
    CommitObserver m_commitObserver;
};

} // namespace Palomar::Server
