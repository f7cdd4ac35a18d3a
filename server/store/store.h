#pragma once

#include "storeconfig.h"
#include "writegate.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QThread>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Palomar::Server {

// A failed statement. Handlers let it propagate; the dispatcher turns it into
// an `internal` reply and a log line, and the open transaction rolls back.
class StoreError : public std::runtime_error
{
public:
    explicit StoreError(const QString &what) : std::runtime_error(what.toStdString()) {}
};

struct UserRecord
{
    qint64 id = 0;
    QString name;
    QString passwordHash;
    std::optional<qint64> lastSeen;
};

struct SessionRecord
{
    qint64 userId = 0;
    QByteArray tokenHash;
    qint64 created = 0;
    qint64 lastActive = 0;
    bool online = false;
};

struct FriendRecord
{
    qint64 id = 0;
    QString name;
    bool online = false;
    std::optional<qint64> lastSeen;
};

struct EventRecord
{
    qint64 seq = 0;
    QString kind;
    QJsonObject payload; // the event's fields other than seq and kind
};

struct MessageRecord
{
    qint64 id = 0;
    qint64 senderId = 0;
    QString from;
    QString to;
    std::optional<qint64> group;
    QString text;
    qint64 ts = 0;
    std::optional<qint64> delivered;
    std::optional<qint64> read;
};

struct AckedMessage
{
    qint64 messageId = 0;
    qint64 senderId = 0;
};

struct GroupRecord
{
    qint64 id = 0;
    QString name;
    qint64 adminId = 0;
    QString admin;
};

struct MemberRecord
{
    qint64 id = 0;
    QString name;
};

// How far one group message has got with the members it was sent to.
struct GroupReceiptCounts
{
    qint64 senderId = 0;
    qint64 groupId = 0;
    int recipients = 0; // current members it was fanned out to
    int delivered = 0;
    int read = 0;
};

struct MemberReceipt
{
    QString user;
    std::optional<qint64> delivered;
    std::optional<qint64> read;
};

struct GroupMessageRecord
{
    MessageRecord message;
    GroupReceiptCounts counts;
};

// A file: an upload until `messageId` is set by file_end, then a message's
// attachment. `received` counts the bytes stored so far.
struct FileRecord
{
    qint64 id = 0;
    qint64 uploaderId = 0;
    std::optional<qint64> recipientId; // one-to-one
    std::optional<qint64> groupId;
    QString name;
    qint64 size = 0;
    QString sha256; // lower-case hex
    QString mime;
    qint64 received = 0;
    std::optional<qint64> messageId;
    std::optional<qint64> messageTs;

    bool isFinished() const { return messageId.has_value(); }
};

// A stored piece of a file: its bytes start at the file's offset `offset`.
struct FileChunk
{
    qint64 offset = 0;
    QByteArray data;
};

struct LoginFailures
{
    int failures = 0;
    qint64 windowStart = 0;
    qint64 blockedUntil = 0;
};

// A nullable integer column as read from a query.
inline std::optional<qint64> optionalInteger(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

// An optional integer as a bindable value (NULL when absent).
inline QVariant nullableInteger(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

// The one SQL store, for SQLite and PostgreSQL alike. One instance per
// thread, each with its own database connection named after the thread; every
// call asserts it runs on that thread. It knows SQL and nothing of sockets or
// of the protocol's rules: handlers in server/core compose its operations
// inside a Transaction. The SQL text lives in sql/*.sql.
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

    // RAII transaction: rolls back unless commit() ran. Inside another one
    // it is a savepoint: its commit only releases the savepoint, its
    // rollback undoes only its own writes, and nothing is durable before the
    // outermost commit. An outermost transaction opened Flat (group commit
    // runs many requests' transactions in one) takes no savepoints for those
    // inside it: their commits do nothing, and one that rolls back (or a
    // statement that fails) only marks it failed(), leaving the caller to
    // roll the whole of it back and redo the work some other way.
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
    // Group commit on SQLite: takes this process's write gate on the file
    // for the next outermost transaction, without waiting. False when another
    // thread holds it; `onFree` then runs on that thread once it is released
    // (post an event from it: it runs under the gate's lock). Always true on
    // PostgreSQL. A reservation no transaction used is ended by
    // endReservation(); cancelWriteWait() drops a pending `onFree`.
    bool reserveWrite(std::function<void()> onFree);
    void endReservation();
    void cancelWriteWait();
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
    void setOnline(qint64 userId, const QByteArray &tokenHash, bool online, qint64 ts);
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
    QList<FriendRecord> friendsOf(qint64 userId);
    QStringList incomingRequests(qint64 userId);
    QStringList outgoingRequests(qint64 userId);

    // Messages
    std::optional<std::pair<qint64, qint64>> messageByClientId(qint64 senderId,
                                                               const QString &clientId);
    qint64 insertMessage(const QString &chat, qint64 senderId, std::optional<qint64> recipientId,
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
    QList<GroupMessageRecord> groupHistory(qint64 groupId, qint64 me, qint64 before, int limit);
    QList<qint64> deliverAckedGroup(qint64 userId, qint64 upTo, qint64 ts);
    QList<qint64> readGroupUpTo(qint64 userId, qint64 groupId, qint64 upTo, qint64 ts);
    GroupReceiptCounts groupReceiptCounts(qint64 messageId);
    QList<MemberReceipt> groupMessageReceipts(qint64 messageId);
    static QString groupChat(qint64 groupId);

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

    // Event inboxes
    qint64 appendEvent(qint64 userId, const QString &kind, const QJsonObject &payload,
                       std::optional<qint64> messageId = std::nullopt);
    struct NewEvent
    {
        QString kind;
        QJsonObject payload;
        std::optional<qint64> messageId;
    };
    // Appends several events to one inbox with a single seq reservation;
    // returns the first seq.
    qint64 appendEvents(qint64 userId, const QList<NewEvent> &events);
    qint64 lastSeq(qint64 userId);
    int deleteAckedEvents(qint64 userId, qint64 upTo);
    QList<EventRecord> pendingEvents(qint64 userId, qint64 after, int limit);

    // Cross-instance wake-ups (PostgreSQL NOTIFY; nothing on SQLite).
    static const QString kWakeupChannel;
    void publishWakeups(const QList<qint64> &userIds);
    bool supportsNotifications() const;

    // Login throttling
    LoginFailures loginFailures(const QString &key);
    void putLoginFailures(const QString &key, const LoginFailures &failures);
    void clearLoginFailures(const QString &key);
    void expireLoginFailures(qint64 cutoff);

private:
    QSqlQuery &prepared(const char *name);
    // Prepares `sql` and caches it under `key` (a statement name, or the text).
    QSqlQuery &prepareAs(std::string key, const QString &sql);
    QSqlQuery &run(const char *name, const QVariantList &values);
    // Runs a statement; true when it changed (affects) or found (exists) a row.
    bool affects(const char *name, const QVariantList &values);
    bool exists(const char *name, const QVariantList &values);
    // Reads a one-column result of ids, sorted ascending, and finishes the query.
    static QList<qint64> sortedIds(QSqlQuery &query);
    void exec(const QString &statement);
    // BEGIN, COMMIT, SAVEPOINT …: prepared once on SQLite, run through
    // exec() on PostgreSQL (whose PREPARE takes no transaction control).
    void control(const QString &statement);
    // Ends every statement run in the transaction being closed.
    void finishUsed();
    void releaseWriteGate();
    void assertThread() const;
    void applyMigration(int version);

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
    // SQLite: one writer at a time per database file in this process (see
    // Transaction); held from BEGIN to COMMIT or ROLLBACK.
    std::shared_ptr<WriteGate> m_writeGate;
    bool m_holdsGate = false;
    QThread *m_thread = nullptr;
    int m_transactionDepth = 0;
    bool m_flatNesting = false; // the outermost transaction was opened Flat
    bool m_flatFailed = false;  // and something inside it failed
    std::vector<std::function<void()>> m_afterCommit;
};

} // namespace Palomar::Server
