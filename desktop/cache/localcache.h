#pragma once

#include "cachetypes.h"

#include "client/outbox.h"
#include "client/types.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace Palomar::Client {
struct FileInfo;
}

namespace Palomar::Desktop {

// The local SQLite cache of one user on one server: messages with their
// delivery status, contacts and read markers, pending friend requests, the
// sync cursor and the outbox. It is what the app shows before the network
// answers. Writes are batched: the first write opens a transaction that is
// committed when control returns to the event loop (or at commit()), and
// every statement is prepared once. It never talks to the network and never
// decides anything: the controller tells it what happened.
class LocalCache : public QObject
{
    Q_OBJECT
public:
    enum class RequestDirection
    {
        Incoming = 0,
        Outgoing = 1,
    };

    // Where a message came from: a sync event is new to me (unread until
    // marked read); one first seen in history was seen by an earlier session.
    enum class Origin
    {
        Sync,
        History,
    };

    explicit LocalCache(QObject *parent = nullptr);
    ~LocalCache() override;

    // palomar/cache/<host>_<port>_<user>.db under AppDataLocation.
    static QString defaultPath(const QString &host, quint16 port, const QString &user);
    bool open(const QString &path);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    // Commits the batch that is open now, if any.
    void commit();

    // --- sync cursor -------------------------------------------------------
    qint64 syncCursor();
    void setSyncCursor(qint64 cursor);

    // --- contacts ----------------------------------------------------------
    QStringList contacts();
    void addContact(const QString &user);
    void removeContact(const QString &user);
    // Makes the stored friends exactly `users`.
    void setContacts(const QStringList &users);
    qint64 lastRead(const QString &peer);
    void setLastRead(const QString &peer, qint64 msgId);
    // The sort key of the oldest unread message of the chat; 0 when none is.
    qint64 firstUnreadKey(const QString &peer);
    QList<ChatSummary> chatSummaries();
    ChatSummary chatSummary(const QString &peer);

    // --- groups (localcachegroups.cpp) ----------------------------------------
    QList<CachedGroup> groups();
    std::optional<CachedGroup> group(qint64 id);
    void upsertGroup(const CachedGroup &group);
    void setGroupMember(qint64 id, bool member);
    // Makes the groups I am a member of exactly `groups`; the others stay,
    // marked as not a member, so their chats remain readable.
    void setGroups(const QList<CachedGroup> &groups);

    // --- chat state (localcachechats.cpp) ---------------------------------------
    ChatState chatState(const QString &peer);
    void setMuted(const QString &peer, bool muted);
    // Pinning puts the chat after the chats pinned before it.
    void setPinned(const QString &peer, bool pinned);
    void setMarkedUnread(const QString &peer, bool marked);
    // Deletes this computer's copy of the chat's history (my messages still
    // waiting to be sent stay); what the server sends of it again is not stored.
    void clearHistory(const QString &peer);
    // Delete for me: forgets the message in row `localId` on this computer,
    // for good (the server's copy of it is not stored again). Returns the
    // row it was, if any.
    std::optional<CachedMessage> hideMessage(qint64 localId);
    bool isHidden(qint64 msgId);

    // --- friend requests ---------------------------------------------------
    QStringList requests(RequestDirection direction);
    void addRequest(const QString &user, RequestDirection direction);
    void removeRequest(const QString &user);
    void setRequests(const QStringList &incoming, const QStringList &outgoing);

    // --- messages ----------------------------------------------------------
    // Stores a message from the server (event or history) seen by `me`;
    // returns the stored row and whether it was new. A message of mine that
    // is already stored only has its status raised.
    std::pair<CachedMessage, bool> storeMessage(const Client::Message &message, const QString &me,
                                                Origin origin);
    // A message I just wrote, waiting in the outbox.
    CachedMessage addPending(const QString &clientId, const QString &peer, const QString &text,
                             qint64 ts);
    std::optional<CachedMessage> markSent(const QString &clientId, qint64 msgId, qint64 ts);
    // Raises the status of my message `msgId` (never lowers it).
    // Another person's edit of message `msgId` (a later one than kept): its new
    // text; nothing when the message is not here, deleted, or newer already.
    std::optional<CachedMessage> applyEdit(qint64 msgId, const QString &text, qint64 edited);
    // Message `msgId` was deleted for everyone: its row becomes a tombstone
    // (no text, no file); nothing when the message is not here.
    std::optional<CachedMessage> applyDelete(qint64 msgId);
    // --- reactions (localcachereactions.cpp) -------------------------------------
    // `user` set `emoji` on message `msgId` ("": removed theirs): the row as
    // it is now; nothing when the message is not here.
    std::optional<CachedMessage> applyReaction(qint64 msgId, const QString &user,
                                               const QString &emoji);
    // History's word on message `msgId`'s reactions replaces what is kept.
    void storeReactions(qint64 msgId, const QMap<QString, QStringList> &reactions);
    std::optional<CachedMessage> raiseStatus(qint64 msgId, DeliveryStatus status);
    std::optional<CachedMessage> setStatusByClientId(const QString &clientId,
                                                     DeliveryStatus status);
    std::optional<CachedMessage> messageByClientId(const QString &clientId);
    // Up to `limit` messages of the chat with a sort key below `beforeKey`
    // (0: the newest), oldest first.
    QList<CachedMessage> messages(const QString &peer, qint64 beforeKey, int limit);
    int messageCount(const QString &peer);
    qint64 newestIncomingId(const QString &peer);

    std::optional<CachedMessage> messageByLocalId(qint64 localId);
    std::optional<CachedMessage> messageByMsgId(qint64 msgId);
    void removeMessage(qint64 localId);

    // --- files (localcachefiles.cpp) -------------------------------------------
    // A file I am about to upload from `file.localPath`: a pending message.
    CachedMessage addPendingFile(const QString &clientId, const QString &peer,
                                 const CachedFile &file, qint64 ts);
    // My upload got its id (file_begin answered) and checksum.
    void setFileId(qint64 localId, qint64 fileId, const QString &sha256);
    // Where the bytes of a file message are on this computer (empty: nowhere).
    std::optional<CachedMessage> setFilePath(qint64 localId, const QString &path);
    // Uploads that were running when the app last stopped cannot go on by
    // themselves: they become Failed (Retry sends them again).
    void failInterruptedUploads();

    // --- compose (localcachecompose.cpp) ---------------------------------------
    // The text typed but not sent in a chat; an empty one is forgotten.
    QString draft(const QString &peer);
    void setDraft(const QString &peer, const QString &text);
    // Every chat's draft, by lower-case chat key.
    QHash<QString, QString> drafts();
    // Why my message `clientId` failed, for people (empty: forget it).
    void setFailure(const QString &clientId, const QString &reason);
    // Forgets my unsent message `clientId` entirely: its row, its outbox
    // entry and its failure. Returns the row it was, if any.
    std::optional<CachedMessage> removeUnsent(const QString &clientId);

    // --- replies and forwards (localcacheactions.cpp) ------------------------------
    // My pending message in row `localId` answers message `replyTo`.
    void setReplyTo(qint64 localId, qint64 replyTo);

    // --- outbox (see PersistentOutbox) ---------------------------------------
    void outboxAdd(const Client::OutgoingMessage &message);
    void outboxRemove(const QString &clientId);
    QList<Client::OutgoingMessage> outboxEntries();

private:
    QList<ChatSummary> summaries(const QString &peer);
    QList<ChatSummary> groupSummaries(qint64 group);
    void applyChatState(QList<ChatSummary> *chats);
    void writeChatState(const QString &peer, const ChatState &state);
    bool migrate();
    QSqlQuery &prepared(const QString &sql);
    bool exec(QSqlQuery &query);
    void beginWrite();
    bool createSchema();
    CachedMessage readMessage(const QSqlQuery &query) const;
    // kSelectMessage's reaction_list column: "emoji\x1fuser" pairs joined by \x1e.
    static QMap<QString, QStringList> parseReactionList(const QString &list);
    static void bindFile(QSqlQuery &query, const Client::FileInfo &file);
    std::optional<CachedMessage> adoptPending(const Client::Message &message,
                                              DeliveryStatus status);
    std::optional<CachedMessage> messageWhere(const QString &condition, const QVariant &value);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    bool m_inTransaction = false;
};

} // namespace Palomar::Desktop
