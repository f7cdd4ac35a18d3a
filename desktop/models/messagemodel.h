#pragma once

#include "cache/cachetypes.h"

#include <QAbstractListModel>
#include <QDate>
#include <QHash>

#include <optional>

namespace Palomar::Desktop {

class LocalCache;
class People;
class ThumbnailLoader;

// Where the upload or download of one file message stands, as shown in its
// bubble. The controller sets it; the model only keeps it for the delegate.
struct TransferProgress
{
    enum class State
    {
        None,    // no transfer: the file is here, or can be fetched with a click
        Running, // bytes are moving
        Waiting, // connection down: carries on by itself after reconnecting
        Failed,  // stopped with `error`; a click retries
    };
    State state = State::None;
    bool upload = false;
    qint64 done = 0;
    qint64 total = 0;
    QString error; // what went wrong, for people
};

// The messages of the open chat, oldest first. It starts with the newest
// page from the local cache; fetchMore() pages further back through the
// cache and, once the cache has nothing older, asks for server history
// (olderHistoryRequested; the controller answers with addOlder()). It also
// derives what the delegate needs to lay a row out: runs of one sender
// (first/last in group) and where a day separator goes. It never talks to
// the network itself.
class MessageModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        TextRole = Qt::UserRole + 1,
        TimestampRole,      // qint64, ms since the epoch
        OutgoingRole,       // bool
        StatusRole,         // DeliveryStatus as int
        MsgIdRole,          // qint64, 0 while pending
        ClientIdRole,       // QString, my own messages
        LocalIdRole,        // qint64, the cache row: stable across inserts
        FirstInGroupRole,   // bool: starts a run of one sender
        LastInGroupRole,    // bool: ends a run of one sender
        DaySeparatorRole,   // QString: "Today" etc. above this row, or empty
        SenderRole,         // QString: group messages: who wrote it
        ShowSenderRole,     // bool: a group message from someone else that starts their run
        IsFileRole,         // bool: a file message
        FileNameRole,       // QString
        FileSizeRole,       // qint64 bytes
        FileMimeRole,       // QString, may be empty
        FileKindRole,       // int: FileNames::Kind
        FilePathRole,       // QString: where its bytes are here, empty when nowhere (yet)
        FileLocalRole,      // bool: FilePathRole names a file that exists
        TransferStateRole,  // int: TransferProgress::State
        TransferUploadRole, // bool: the transfer is my upload
        TransferDoneRole,   // qint64 bytes
        TransferTotalRole,  // qint64 bytes
        TransferErrorRole,  // QString
        ThumbnailRole,      // QImage: small images whose bytes are here; null until loaded
        UnreadDividerRole,  // bool: the "new messages" line goes above this row
        FailureRole,        // QString: my Failed message: why, for people
        SystemTextRole,     // QString: a group system line's sentence; empty for a message
        EditedRole,         // bool: the sender edited it
        DeletedRole,        // bool: deleted for everyone: a tombstone
        // Replies and forwards (messagemodelquote.cpp).
        ReplyToRole,     // qint64: the msg_id this message answers; 0: none
        ForwardedRole,   // bool: a copy made by forward
        QuoteSenderRole, // QString: who wrote the answered message (empty: mine or unknown)
        QuoteOwnRole,    // bool: I wrote the answered message
        QuoteTextRole,   // QString: its first line, "Photo", a file name, "Deleted message"...
        QuoteFoundRole,  // bool: the answered message is here (loaded or in the cache)
        ReactionsRole,   // QVariantMap: emoji -> QStringList of who chose it
        MyReactionRole,  // QString: my emoji on it (setUser), or empty
        SenderNameRole,  // QString: SenderRole as people read it: their display name when set
        // qulonglong: a hash of everything that decides the row's height but
        // the view's width and font (the text, status, edits, quote, reactions,
        // and what the neighbours decide: day separator, start of a run, last
        // row, "new messages" line); computed without building the other
        // roles, for the delegate's cache of heights.
        LayoutKeyRole,
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    void setCache(LocalCache *cache) { m_cache = cache; }
    // Who "me" is, for MyReactionRole.
    void setUser(const QString &user) { m_user = user; }
    // Where senders' display names come from; may be unset.
    void setPeople(People *people);
    ThumbnailLoader *thumbnails() const { return m_thumbnails; }
    // Shows `peer` (empty: nothing), starting from the cache's newest page,
    // or further back when needed to reach the oldest unread message: the
    // "new messages" line stays above it until the next setPeer().
    void setPeer(const QString &peer);
    QString peer() const { return m_peer; }
    void setPageSize(int rows) { m_pageSize = rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Inserts `message` in order, or updates the row that holds it.
    void upsert(const CachedMessage &message);
    // A page of server history older than what is shown.
    void addOlder(const QList<CachedMessage> &messages, bool reachedStart);
    // The server could not answer for older history; allow asking again.
    void olderHistoryFailed();
    // Drops the row of cache row `localId`, if shown.
    void remove(qint64 localId);
    // The transfer of the file message in cache row `localId` (any chat).
    void setTransfer(qint64 localId, const TransferProgress &progress);
    void clearTransfer(qint64 localId);
    TransferProgress transfer(qint64 localId) const { return m_transfers.value(localId); }

    qint64 newestIncomingId() const;
    int rowOfClientId(const QString &clientId) const;
    int rowOfLocalId(qint64 localId) const;
    // The row under the "new messages" line; -1 when the chat was opened with nothing unread.
    int unreadDividerRow() const;
    CachedMessage messageAt(int row) const { return m_rows.at(row).message; }
    // The row of server message `msgId`; -1 when it is not loaded.
    int rowOfMsgId(qint64 msgId) const;

    // Server history was asked for and its answer has not come yet.
    bool isLoadingOlder() const { return m_askingServer; }

signals:
    void olderHistoryRequested(const QString &peer, qint64 beforeMsgId);
    // The answer to olderHistoryRequested() is in (ok), or it failed.
    void olderHistoryLoaded(bool ok);

private:
    struct Row
    {
        CachedMessage message;
        QDate day;
        bool local = false; // a file message whose bytes are here
    };
    static Row makeRow(const CachedMessage &message);
    // Puts `page` (older than every row) in front, without telling views.
    void prependRows(const QList<CachedMessage> &page);
    bool startsGroup(int row) const;
    bool endsGroup(int row) const;
    // A day separator goes above `row`; a group message's sender's name above its bubble.
    bool startsDay(int row) const;
    bool showsSender(int row) const;
    int insertPosition(qint64 sortKey) const;
    void neighboursChanged(int row);
    QVariant fileData(const Row &row, int role) const;
    QVariant reactionData(const CachedMessage &message, int role) const;
    size_t layoutKey(int row) const;
    void rowChanged(qint64 localId, const QList<int> &roles);
    // messagemodelquote.cpp: the quote of a reply, from the loaded rows or the cache.
    QVariant quoteData(const CachedMessage &message, int role) const;
    std::optional<CachedMessage> quoted(qint64 msgId) const;
    // `message` changed: the rows that quote it show the change.
    void quotedChanged(const CachedMessage &message);
    // The answered message `msgId` changed or went: the rows quoting it.
    void quotingRowsChanged(qint64 msgId);

    LocalCache *m_cache = nullptr;
    People *m_people = nullptr;
    ThumbnailLoader *m_thumbnails;
    QHash<qint64, TransferProgress> m_transfers; // by cache row, across chats
    QString m_peer;
    QString m_user;
    QList<Row> m_rows;
    int m_pageSize = 40;
    bool m_cacheExhausted = true;
    bool m_serverExhausted = true;
    bool m_askingServer = false;
    qint64 m_firstUnreadKey = 0; // as it was when the chat was opened; 0: nothing unread
    // Answered messages not loaded, as the cache had them (invalid: not there).
    mutable QHash<qint64, CachedMessage> m_quotes;
};

} // namespace Palomar::Desktop
