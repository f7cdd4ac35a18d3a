#pragma once

#include "cache/cachetypes.h"

#include <QAbstractListModel>
#include <QHash>

namespace Palomar::Desktop {

class People;

// One row per chat (friends and groups): the peer, the last message, its time
// and ticks, the unread count and presence. Filled from the cache at start
// and kept current by the controller; sorting and filtering are the job of
// ChatListFilterModel. Holds data only.
class ChatListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        PeerRole = Qt::UserRole + 1, // QString
        PreviewRole,                 // QString, one line
        LastActivityRole,            // qint64 ms, 0 when there is no message
        LastOutgoingRole,            // bool: the last message is mine
        LastStatusRole,              // DeliveryStatus as int
        UnreadRole,                  // int
        OnlineRole,                  // bool
        LastSeenRole,                // qint64 ms, 0 unknown
        TitleRole,                   // QString: the contact's or the group's name
        GroupRole,                   // qint64: the group id, 0 for a 1:1 chat
        MemberRole,                  // bool: groups: I am still a member
        LastSenderRole,              // QString: groups: who wrote the last message
        DraftRole,                   // QString, one line: typed but not sent
        MutedRole,                   // bool: no notifications, a grey badge
        PinOrderRole,                // int: 0 not pinned; pinned come first, lowest first
        MarkedUnreadRole,            // bool: "Mark as unread": a dot until opened
        HiddenRole,                  // bool: deleted here and nothing new since
        TypingRole,                  // QString: "typing…" while someone types there, else empty
        DisplayTitleRole,            // QString: TitleRole, a contact's display name when set
        PictureRole,                 // QImage: a contact's avatar picture, null when none
        LastSenderNameRole,          // QString: LastSenderRole as shown: the display name when set
    };
    Q_ENUM(Role)

    explicit ChatListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Where display names and pictures come from (profiles); may be unset.
    void setPeople(People *people);

    void setChats(const QList<ChatSummary> &chats);
    // Inserts or replaces the row of `chat.peer`, keeping its presence.
    void updateChat(const ChatSummary &chat);
    void removeChat(const QString &peer);
    void setPresence(const QString &peer, bool online, qint64 lastSeen);
    // The typing line of chat `peer` (TypingTracker::text), empty when nobody types.
    void setTyping(const QString &peer, const QString &text);
    int rowOf(const QString &peer) const;
    bool contains(const QString &peer) const { return rowOf(peer) >= 0; }
    // Unread messages in chats that are not muted.
    int unreadTotal() const;

signals:
    void unreadTotalChanged(int total);

private:
    struct Presence
    {
        bool online = false;
        qint64 lastSeen = 0;
    };
    void checkUnreadTotal();

    People *m_people = nullptr;
    QList<ChatSummary> m_chats;
    QHash<QString, Presence> m_presence; // by lower-case peer
    QHash<QString, QString> m_typing;    // by lower-case peer
    int m_unreadTotal = 0;
};

} // namespace Palomar::Desktop
