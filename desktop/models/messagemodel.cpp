#include "messagemodel.h"

#include "cache/localcache.h"
#include "people.h"
#include "util/filenames.h"
#include "util/systemlinetext.h"
#include "util/thumbnailloader.h"
#include "util/timeformat.h"

#include <QFileInfo>
#include <QImage>

#include <algorithm>

namespace Palomar::Desktop {

namespace {
// Messages of one sender further apart than this start a new run.
constexpr qint64 kGroupGapMs = 10 * 60 * 1000;
// Opening a chat loads at most this many rows to reach its oldest unread message.
constexpr int kMaxUnreadRows = 5000;
} // namespace

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent), m_thumbnails(new ThumbnailLoader(this))
{
    connect(m_thumbnails, &ThumbnailLoader::thumbnailReady, this,
            [this](qint64 localId) { rowChanged(localId, {ThumbnailRole}); });
}

void MessageModel::setPeople(People *people)
{
    m_people = people;
    // A sender's name is drawn in group chats only: repaint when one changes.
    connect(people, &People::changed, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0), index(int(m_rows.size()) - 1), {SenderNameRole});
    });
}

MessageModel::Row MessageModel::makeRow(const CachedMessage &message)
{
    const bool local = message.isFile() && !message.file.localPath.isEmpty() &&
                       QFileInfo(message.file.localPath).isFile();
    return Row{message, TimeFormat::localDay(message.ts), local};
}

void MessageModel::setPeer(const QString &peer)
{
    beginResetModel();
    m_peer = peer;
    m_rows.clear();
    m_quotes.clear();
    m_askingServer = false;
    m_cacheExhausted = true;
    m_serverExhausted = peer.isEmpty();
    m_firstUnreadKey = 0;
    if (m_cache && !peer.isEmpty()) {
        const QList<CachedMessage> page = m_cache->messages(peer, 0, m_pageSize);
        m_rows.reserve(page.size());
        for (const CachedMessage &message : page)
            m_rows.append(makeRow(message));
        m_cacheExhausted = page.size() < m_pageSize;
        // Older pages until the oldest unread message is in with some read
        // ones above it (within reason).
        m_firstUnreadKey = m_cache->firstUnreadKey(peer);
        while (m_firstUnreadKey > 0 && !m_cacheExhausted && m_rows.size() < kMaxUnreadRows &&
               m_rows.first().message.sortKey() >= m_firstUnreadKey) {
            const QList<CachedMessage> older =
                m_cache->messages(peer, m_rows.first().message.sortKey(), m_pageSize);
            m_cacheExhausted = older.size() < m_pageSize;
            prependRows(older);
        }
    }
    endResetModel();
}

void MessageModel::prependRows(const QList<CachedMessage> &page)
{
    // QList keeps room at its front once it grew there: no copy of the
    // rows already loaded, however many there are.
    for (auto it = page.crbegin(); it != page.crend(); ++it)
        m_rows.prepend(makeRow(*it));
}

size_t MessageModel::layoutKey(int row) const
{
    const CachedMessage &message = m_rows.at(row).message;
    quint32 flags = 0;
    if (startsDay(row))
        flags |= 1; // the day separator
    if (startsGroup(row))
        flags |= 2;
    if (showsSender(row))
        flags |= 4;
    if (row == m_rows.size() - 1)
        flags |= 8;
    if (row == unreadDividerRow())
        flags |= 16;
    if (message.deleted)
        flags |= 32;
    if (message.edited > 0)
        flags |= 64;
    if (message.forwarded)
        flags |= 128;
    size_t key = qHashMulti(0, flags, int(message.status), message.text, message.failure);
    if (message.isSystem())
        key = qHashMulti(key, SystemLineText::text(message.system));
    // A reply's quote gains its name line once the answered message is known.
    if (message.replyTo > 0 && !message.deleted)
        key = qHashMulti(key, message.replyTo, quoted(message.replyTo).has_value());
    if (!message.deleted && !message.reactions.isEmpty()) {
        for (auto it = message.reactions.constBegin(); it != message.reactions.constEnd(); ++it)
            key = qHashMulti(key, it.key(), it.value().size(),
                             it.value().contains(m_user, Qt::CaseInsensitive));
    }
    return key;
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool MessageModel::startsGroup(int row) const
{
    if (row == 0)
        return true;
    const Row &previous = m_rows.at(row - 1);
    const Row &current = m_rows.at(row);
    // A system line stands alone: the bubbles around it start and end runs.
    if (previous.message.isSystem() || current.message.isSystem())
        return true;
    return previous.message.outgoing != current.message.outgoing || previous.day != current.day ||
           previous.message.sender.compare(current.message.sender, Qt::CaseInsensitive) != 0 ||
           current.message.ts - previous.message.ts > kGroupGapMs;
}

bool MessageModel::startsDay(int row) const
{
    return row == 0 || m_rows.at(row - 1).day != m_rows.at(row).day;
}

bool MessageModel::showsSender(int row) const
{
    const CachedMessage &message = m_rows.at(row).message;
    return !message.outgoing && !message.isSystem() && !message.sender.isEmpty() &&
           startsGroup(row);
}

bool MessageModel::endsGroup(int row) const
{
    return row == int(m_rows.size()) - 1 || startsGroup(row + 1);
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const int row = index.row();
    const CachedMessage &message = m_rows.at(row).message;
    switch (role) {
    case Qt::DisplayRole:
        return message.isSystem() ? SystemLineText::text(message.system) : message.text;
    case TextRole:
        return message.text;
    case SystemTextRole:
        return message.isSystem() ? SystemLineText::text(message.system) : QString();
    case EditedRole:
        return message.edited > 0 && !message.deleted;
    case DeletedRole:
        return message.deleted;
    case ReactionsRole:
    case MyReactionRole:
        return reactionData(message, role);
    case FailureRole:
        return message.failure;
    case TimestampRole:
        return message.ts;
    case OutgoingRole:
        return message.outgoing;
    case StatusRole:
        return int(message.status);
    case MsgIdRole:
        return message.msgId;
    case ClientIdRole:
        return message.clientId;
    case LocalIdRole:
        return message.localId;
    case FirstInGroupRole:
        return startsGroup(row);
    case SenderRole:
        return message.sender;
    case SenderNameRole:
        return m_people ? m_people->displayName(message.sender) : message.sender;
    case ShowSenderRole:
        return showsSender(row);
    case LastInGroupRole:
        return endsGroup(row);
    case UnreadDividerRole:
        return row == unreadDividerRow();
    case LayoutKeyRole:
        return qulonglong(layoutKey(row));
    case DaySeparatorRole:
        if (startsDay(row))
            return TimeFormat::daySeparator(m_rows.at(row).day);
        return QString();
    case ReplyToRole:
    case ForwardedRole:
    case QuoteSenderRole:
    case QuoteOwnRole:
    case QuoteTextRole:
    case QuoteFoundRole:
        return quoteData(message, role);
    default:
        return fileData(m_rows.at(row), role);
    }
}

QVariant MessageModel::fileData(const Row &row, int role) const
{
    const CachedFile &file = row.message.file;
    if (role == IsFileRole)
        return file.isValid();
    if (!file.isValid())
        return {};
    const TransferProgress transfer = m_transfers.value(row.message.localId);
    switch (role) {
    case FileNameRole:
        return file.name;
    case FileSizeRole:
        return file.size;
    case FileMimeRole:
        return file.mime;
    case FileKindRole:
        return int(FileNames::kindOf(file.mime, file.name));
    case FilePathRole:
        return file.localPath;
    case FileLocalRole:
        return row.local;
    case TransferStateRole:
        return int(transfer.state);
    case TransferUploadRole:
        return transfer.upload;
    case TransferDoneRole:
        return transfer.done;
    case TransferTotalRole:
        return transfer.total > 0 ? transfer.total : file.size;
    case TransferErrorRole:
        return transfer.error;
    case ThumbnailRole:
        if (!row.local || file.size > ThumbnailLoader::kMaxSourceBytes ||
            !FileNames::isDecodableImage(file.mime, file.name))
            return QImage();
        return m_thumbnails->thumbnail(row.message.localId, file.localPath);
    default:
        return {};
    }
}

void MessageModel::rowChanged(qint64 localId, const QList<int> &roles)
{
    const int row = rowOfLocalId(localId);
    if (row >= 0)
        emit dataChanged(index(row), index(row), roles);
}

void MessageModel::setTransfer(qint64 localId, const TransferProgress &progress)
{
    m_transfers.insert(localId, progress);
    rowChanged(localId, {TransferStateRole, TransferDoneRole, TransferTotalRole, TransferErrorRole,
                         TransferUploadRole});
}

void MessageModel::clearTransfer(qint64 localId)
{
    if (m_transfers.remove(localId))
        rowChanged(localId, {TransferStateRole, TransferDoneRole, TransferTotalRole,
                             TransferErrorRole, TransferUploadRole});
}

void MessageModel::remove(qint64 localId)
{
    m_transfers.remove(localId);
    const int row = rowOfLocalId(localId);
    if (row < 0)
        return;
    const qint64 msgId = m_rows.at(row).message.msgId;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (!m_rows.isEmpty())
        neighboursChanged(std::min(row, int(m_rows.size()) - 1));
    if (msgId > 0)
        quotingRowsChanged(msgId); // their quotes now say "Message not loaded"
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    return {{TextRole, "text"},
            {TimestampRole, "timestamp"},
            {OutgoingRole, "outgoing"},
            {StatusRole, "status"},
            {MsgIdRole, "msgId"},
            {ClientIdRole, "clientId"},
            {LocalIdRole, "localId"},
            {FirstInGroupRole, "firstInGroup"},
            {LastInGroupRole, "lastInGroup"},
            {DaySeparatorRole, "daySeparator"},
            {SenderRole, "sender"},
            {ShowSenderRole, "showSender"},
            {IsFileRole, "isFile"},
            {FileNameRole, "fileName"},
            {FileSizeRole, "fileSize"},
            {FileMimeRole, "fileMime"},
            {FileKindRole, "fileKind"},
            {FilePathRole, "filePath"},
            {FileLocalRole, "fileLocal"},
            {TransferStateRole, "transferState"},
            {TransferUploadRole, "transferUpload"},
            {TransferDoneRole, "transferDone"},
            {TransferTotalRole, "transferTotal"},
            {TransferErrorRole, "transferError"},
            {ThumbnailRole, "thumbnail"},
            {UnreadDividerRole, "unreadDivider"},
            {FailureRole, "failure"},
            {ReactionsRole, "reactions"},
            {MyReactionRole, "myReaction"}};
}

bool MessageModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_peer.isEmpty())
        return false;
    return !m_cacheExhausted || (!m_serverExhausted && !m_askingServer);
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (!m_cacheExhausted && m_cache) {
        const qint64 before = m_rows.isEmpty() ? 0 : m_rows.first().message.sortKey();
        const QList<CachedMessage> page = m_cache->messages(m_peer, before, m_pageSize);
        m_cacheExhausted = page.size() < m_pageSize;
        if (!page.isEmpty()) {
            beginInsertRows({}, 0, int(page.size()) - 1);
            prependRows(page);
            endInsertRows();
            neighboursChanged(int(page.size()));
        }
        return;
    }
    qint64 oldest = 0;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.message.msgId > 0) {
            oldest = row.message.msgId;
            break;
        }
    }
    m_askingServer = true;
    emit olderHistoryRequested(m_peer, oldest);
}

void MessageModel::addOlder(const QList<CachedMessage> &messages, bool reachedStart)
{
    m_askingServer = false;
    if (reachedStart)
        m_serverExhausted = true;
    for (const CachedMessage &message : messages)
        upsert(message);
    emit olderHistoryLoaded(true);
}

void MessageModel::olderHistoryFailed()
{
    m_askingServer = false;
    emit olderHistoryLoaded(false);
}

int MessageModel::insertPosition(qint64 sortKey) const
{
    const auto it =
        std::upper_bound(m_rows.cbegin(), m_rows.cend(), sortKey,
                         [](qint64 key, const Row &row) { return key < row.message.sortKey(); });
    return int(it - m_rows.cbegin());
}

int MessageModel::rowOfLocalId(qint64 localId) const
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).message.localId == localId)
            return row;
    }
    return -1;
}

int MessageModel::unreadDividerRow() const
{
    if (m_firstUnreadKey <= 0)
        return -1;
    // The first row at or after the oldest unread message (it may have been deleted since).
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), m_firstUnreadKey,
                         [](const Row &row, qint64 key) { return row.message.sortKey() < key; });
    return it == m_rows.cend() ? -1 : int(it - m_rows.cbegin());
}

int MessageModel::rowOfClientId(const QString &clientId) const
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).message.clientId == clientId)
            return row;
    }
    return -1;
}

void MessageModel::neighboursChanged(int row)
{
    const int first = std::max(0, row - 1);
    const int last = std::min(int(m_rows.size()) - 1, row + 1);
    if (first <= last)
        emit dataChanged(index(first), index(last));
}

void MessageModel::upsert(const CachedMessage &message)
{
    if (m_peer.isEmpty() || message.peer.compare(m_peer, Qt::CaseInsensitive) != 0 ||
        !message.isValid())
        return;
    quotedChanged(message);
    const int existing = rowOfLocalId(message.localId);
    if (existing >= 0) {
        const bool moved = m_rows.at(existing).message.sortKey() != message.sortKey();
        if (!moved) {
            m_rows[existing] = makeRow(message);
            emit dataChanged(index(existing), index(existing));
            return;
        }
        beginRemoveRows({}, existing, existing);
        m_rows.removeAt(existing);
        endRemoveRows();
        neighboursChanged(std::min(existing, int(m_rows.size()) - 1));
    }
    const int row = insertPosition(message.sortKey());
    // Older than everything shown while the cache still has more: it will
    // come in order through fetchMore().
    if (row == 0 && !m_rows.isEmpty() && !m_cacheExhausted && existing < 0)
        return;
    beginInsertRows({}, row, row);
    m_rows.insert(row, makeRow(message));
    endInsertRows();
    neighboursChanged(row);
}

qint64 MessageModel::newestIncomingId() const
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const CachedMessage &message = m_rows.at(row).message;
        if (!message.outgoing && message.msgId > 0)
            return message.msgId;
    }
    return 0;
}

QVariant MessageModel::reactionData(const CachedMessage &message, int role) const
{
    if (role == MyReactionRole) {
        for (auto it = message.reactions.constBegin(); it != message.reactions.constEnd(); ++it) {
            if (it.value().contains(m_user, Qt::CaseInsensitive))
                return it.key();
        }
        return QString();
    }
    QVariantMap reactions;
    for (auto it = message.reactions.constBegin(); it != message.reactions.constEnd(); ++it)
        reactions.insert(it.key(), it.value());
    return reactions;
}

} // namespace Palomar::Desktop
