#include "chatlistmodel.h"

#include "people.h"

#include <QImage>

namespace Palomar::Desktop {

ChatListModel::ChatListModel(QObject *parent) : QAbstractListModel(parent) {}

int ChatListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chats.size());
}

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_chats.size())
        return {};
    const ChatSummary &chat = m_chats.at(index.row());
    switch (role) {
    case PeerRole:
        return chat.peer;
    case Qt::DisplayRole:
    case TitleRole:
        return chat.title.isEmpty() ? chat.peer : chat.title;
    case DisplayTitleRole:
        if (chat.group == 0 && m_people)
            return m_people->displayName(chat.peer);
        return chat.title.isEmpty() ? chat.peer : chat.title;
    case PictureRole:
        return chat.group == 0 && m_people ? m_people->picture(chat.peer) : QImage();
    case GroupRole:
        return chat.group;
    case MemberRole:
        return chat.member;
    case LastSenderRole:
        return chat.lastSender;
    case LastSenderNameRole:
        return m_people && !chat.lastSender.isEmpty() ? m_people->displayName(chat.lastSender)
                                                      : chat.lastSender;
    case DraftRole:
        return chat.draft.simplified();
    case PreviewRole: {
        if (chat.lastDeleted)
            return tr("This message was deleted");
        if (!chat.lastFileName.isEmpty())
            return QString(QStringLiteral("📎 ") + chat.lastFileName.simplified());
        QString line = chat.lastText;
        line.replace(u'\n', u' ');
        return line.simplified();
    }
    case LastActivityRole:
        return chat.lastTs;
    case LastOutgoingRole:
        return chat.lastOutgoing;
    case LastStatusRole:
        return int(chat.lastStatus);
    case UnreadRole:
        return chat.unread;
    case OnlineRole:
        return m_presence.value(chat.peer.toLower()).online;
    case LastSeenRole:
        return m_presence.value(chat.peer.toLower()).lastSeen;
    case MutedRole:
        return chat.muted;
    case PinOrderRole:
        return chat.pinOrder;
    case MarkedUnreadRole:
        return chat.markedUnread;
    case HiddenRole:
        return chat.cleared && chat.lastTs == 0 && chat.unread == 0;
    case TypingRole:
        return m_typing.value(chat.peer.toLower());
    case Qt::AccessibleTextRole:
        return chat.title.isEmpty() ? chat.peer : chat.title;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatListModel::roleNames() const
{
    return {{PeerRole, "peer"},
            {PreviewRole, "preview"},
            {LastActivityRole, "lastActivity"},
            {LastOutgoingRole, "lastOutgoing"},
            {LastStatusRole, "lastStatus"},
            {UnreadRole, "unread"},
            {OnlineRole, "online"},
            {LastSeenRole, "lastSeen"},
            {TitleRole, "title"},
            {GroupRole, "group"},
            {MemberRole, "member"},
            {LastSenderRole, "lastSender"},
            {DraftRole, "draft"},

            {MutedRole, "muted"},
            {PinOrderRole, "pinOrder"},
            {MarkedUnreadRole, "markedUnread"},
            {HiddenRole, "hidden"}};
}

void ChatListModel::setChats(const QList<ChatSummary> &chats)
{
    beginResetModel();
    m_chats = chats;
    endResetModel();
    checkUnreadTotal();
}

int ChatListModel::rowOf(const QString &peer) const
{
    for (int row = 0; row < m_chats.size(); ++row) {
        if (m_chats.at(row).peer.compare(peer, Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

void ChatListModel::updateChat(const ChatSummary &chat)
{
    const int row = rowOf(chat.peer);
    if (row >= 0) {
        m_chats[row] = chat;
        emit dataChanged(index(row), index(row));
    } else {
        beginInsertRows({}, int(m_chats.size()), int(m_chats.size()));
        m_chats.append(chat);
        endInsertRows();
    }
    checkUnreadTotal();
}

void ChatListModel::removeChat(const QString &peer)
{
    const int row = rowOf(peer);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_chats.removeAt(row);
    endRemoveRows();
    checkUnreadTotal();
}

void ChatListModel::setPeople(People *people)
{
    m_people = people;
    connect(people, &People::changed, this, [this](const QString &user) {
        // Their own chat, and the groups whose last message is theirs.
        for (int row = 0; row < m_chats.size(); ++row) {
            const ChatSummary &chat = m_chats.at(row);
            if (chat.peer.compare(user, Qt::CaseInsensitive) == 0)
                emit dataChanged(index(row), index(row), {DisplayTitleRole, PictureRole});
            else if (chat.group != 0 && chat.lastSender.compare(user, Qt::CaseInsensitive) == 0)
                emit dataChanged(index(row), index(row), {LastSenderNameRole});
        }
    });
}

void ChatListModel::setPresence(const QString &peer, bool online, qint64 lastSeen)
{
    m_presence.insert(peer.toLower(), Presence{online, lastSeen});
    const int row = rowOf(peer);
    if (row >= 0)
        emit dataChanged(index(row), index(row), {OnlineRole, LastSeenRole});
}

void ChatListModel::setTyping(const QString &peer, const QString &text)
{
    if (text.isEmpty())
        m_typing.remove(peer.toLower());
    else
        m_typing.insert(peer.toLower(), text);
    const int row = rowOf(peer);
    if (row >= 0)
        emit dataChanged(index(row), index(row), {TypingRole});
}

int ChatListModel::unreadTotal() const
{
    int total = 0;
    for (const ChatSummary &chat : m_chats)
        total += chat.muted ? 0 : chat.unread;
    return total;
}

void ChatListModel::checkUnreadTotal()
{
    const int total = unreadTotal();
    if (total != m_unreadTotal) {
        m_unreadTotal = total;
        emit unreadTotalChanged(total);
    }
}

} // namespace Palomar::Desktop
