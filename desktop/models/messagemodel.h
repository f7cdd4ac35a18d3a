#pragma once

#include "cache/cachetypes.h"

#include <QAbstractListModel>
#include <QDate>
#include <QHash>

namespace Palomar::Desktop {

class LocalCache;
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
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    void setCache(LocalCache *cache) { m_cache = cache; }
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
    // A page of server history was asked for and has not been answered yet.
    bool isLoadingOlder() const { return m_askingServer; }
    // The row of server message `msgId`, or -1 when it is not loaded.
    int rowOfMsgId(qint64 msgId) const;
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

signals:
    void olderHistoryRequested(const QString &peer, qint64 beforeMsgId);
    // The server answered for older history (addOlder() or olderHistoryFailed()).
    void olderHistoryAnswered(bool ok);

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
    int insertPosition(qint64 sortKey) const;
    void neighboursChanged(int row);
    QVariant fileData(const Row &row, int role) const;
    void rowChanged(qint64 localId, const QList<int> &roles);

    LocalCache *m_cache = nullptr;
    ThumbnailLoader *m_thumbnails;
    QHash<qint64, TransferProgress> m_transfers; // by cache row, across chats
    QString m_peer;
    QList<Row> m_rows;
    int m_pageSize = 80;
    bool m_cacheExhausted = true;
    bool m_serverExhausted = true;
    bool m_askingServer = false;
    qint64 m_firstUnreadKey = 0; // as it was when the chat was opened; 0: nothing unread
};

} // namespace Palomar::Desktop
