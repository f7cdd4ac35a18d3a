#pragma once

#include "cache/cachetypes.h"

#include <QAbstractListModel>
#include <QDate>

namespace Palomar::Desktop {

class LocalCache;

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
        TimestampRole,    // qint64, ms since the epoch
        OutgoingRole,     // bool
        StatusRole,       // DeliveryStatus as int
        MsgIdRole,        // qint64, 0 while pending
        ClientIdRole,     // QString, my own messages
        LocalIdRole,      // qint64, the cache row: stable across inserts
        FirstInGroupRole, // bool: starts a run of one sender
        LastInGroupRole,  // bool: ends a run of one sender
        DaySeparatorRole, // QString: "Today" etc. above this row, or empty
        SenderRole,       // QString: group messages: who wrote it
        ShowSenderRole,   // bool: a group message from someone else that starts their run
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    void setCache(LocalCache *cache) { m_cache = cache; }
    // Shows `peer` (empty: nothing), starting from the cache's newest page.
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

    qint64 newestIncomingId() const;
    int rowOfClientId(const QString &clientId) const;
    CachedMessage messageAt(int row) const { return m_rows.at(row).message; }

signals:
    void olderHistoryRequested(const QString &peer, qint64 beforeMsgId);

private:
    struct Row
    {
        CachedMessage message;
        QDate day;
    };
    static Row makeRow(const CachedMessage &message);
    bool startsGroup(int row) const;
    bool endsGroup(int row) const;
    int insertPosition(qint64 sortKey) const;
    int rowOfLocalId(qint64 localId) const;
    void neighboursChanged(int row);

    LocalCache *m_cache = nullptr;
    QString m_peer;
    QList<Row> m_rows;
    int m_pageSize = 80;
    bool m_cacheExhausted = true;
    bool m_serverExhausted = true;
    bool m_askingServer = false;
};

} // namespace Palomar::Desktop
