#include "appcontroller.h"

#include "cache/localcache.h"
#include "cache/persistentoutbox.h"
#include "connectionkeeper.h"
#include "models/chatlistmodel.h"
#include "models/friendrequestmodel.h"
#include "models/messagemodel.h"
#include "models/people.h"
#include "typingtracker.h"

#include "client/livenotices.h"
#include "client/messageactions.h"
#include "client/reactions.h"
#include "client/reply.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Palomar::Desktop {

using Client::ClientSession;
using Client::Reply;

namespace {
constexpr int kHistoryPage = 50;
constexpr int kLogoutTimeoutMs = 3000;
constexpr int kPresenceRefreshMs = 30000;

DeliveryStatus fromReceipt(Client::MessageStatus status)
{
    return status == Client::MessageStatus::Read ? DeliveryStatus::Read : DeliveryStatus::Delivered;
}
} // namespace

std::optional<ServerAddress> ServerAddress::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    ServerAddress address;
    const qsizetype colon = trimmed.lastIndexOf(u':');
    if (colon < 0) {
        address.host = trimmed;
        return address;
    }
    bool ok = false;
    const uint port = trimmed.mid(colon + 1).toUInt(&ok);
    address.host = trimmed.left(colon);
    if (!ok || port == 0 || port > 65535 || address.host.isEmpty())
        return std::nullopt;
    address.port = quint16(port);
    return address;
}

QString ServerAddress::toString() const
{
    return host + u':' + QString::number(port);
}

AppController::AppController(QObject *parent)
    : QObject(parent), m_session(new ClientSession(this)),
      m_keeper(new ConnectionKeeper(m_session, this)), m_chatList(new ChatListModel(this)),
      m_requests(new FriendRequestModel(this)), m_messages(new MessageModel(this)),
      m_reactions(new Client::Reactions(m_session, this)),
      m_actions(new Client::MessageActions(m_session, this)),
      m_live(new Client::LiveNotices(m_session, this)), m_typing(new TypingTracker(this))
{
    m_session->setClientName(QStringLiteral("palomar-desktop"));
    // The keeper reconnects, so it can show a countdown and "Try now".
    m_session->setAutoReconnect(false);

    connect(m_session, &ClientSession::connected, this, [this] {
        if (m_login)
            continueLogin();
    });
    connect(m_session, &ClientSession::errorOccurred, this,
            [this](const QString &error, const QString &message) {
                if (m_login && m_session->state() == ClientSession::State::Disconnected)
                    failLogin(error, message);
            });
    connect(m_session, &ClientSession::loggedIn, this, &AppController::onLoggedIn);
    connect(m_session, &ClientSession::sessionExpired, this,
            [this] { onEnded(SessionEnd::Expired); });
    connect(m_session, &ClientSession::sessionReplaced, this,
            [this] { onEnded(SessionEnd::Replaced); });
    connect(m_session, &ClientSession::messageReceived, this, &AppController::onMessageReceived);
    connect(m_session, &ClientSession::receiptReceived, this, &AppController::onReceiptReceived);
    connect(m_session, &ClientSession::messageSent, this, &AppController::onMessageSent);
    connect(m_session, &ClientSession::messageFailed, this, &AppController::onMessageFailed);
    connect(m_session, &ClientSession::syncCursorChanged, this, [this](qint64 cursor) {
        if (m_cache)
            m_cache->setSyncCursor(cursor);
    });
    connect(m_session, &ClientSession::friendRequestReceived, this, [this](const QString &user) {
        if (!m_cache)
            return;
        m_cache->addRequest(user, LocalCache::RequestDirection::Incoming);
        m_requests->add(user, FriendRequestModel::Direction::Incoming);
    });
    connect(m_session, &ClientSession::friendAdded, this, [this](const QString &user) {
        if (!m_cache)
            return;
        m_cache->addContact(user);
        m_cache->removeRequest(user);
        m_requests->remove(user);
        m_chatList->updateChat(m_cache->chatSummary(user));
    });
    connect(m_session, &ClientSession::friendDeclined, this, [this](const QString &user) {
        if (!m_cache)
            return;
        m_cache->removeRequest(user);
        m_requests->remove(user);
    });
    connect(m_session, &ClientSession::friendRemoved, this, [this](const QString &user) {
        if (!m_cache)
            return;
        m_cache->removeContact(user);
        m_chatList->removeChat(user);
    });
    connect(m_messages, &MessageModel::olderHistoryRequested, this,
            &AppController::loadOlderHistory);
    connectGroupEvents();
    connectConversationEvents();
    connectReactionEvents();
    connectProfiles();
    // Presence is only known while connected: never show a stale "online".
    connect(m_keeper, &ConnectionKeeper::statusChanged, this, [this](ConnectionKeeper::Status s) {
        if (s == ConnectionKeeper::Status::Online)
            return;
        for (int row = 0; row < m_chatList->rowCount(); ++row) {
            const QModelIndex index = m_chatList->index(row);
            m_chatList->setPresence(index.data(ChatListModel::PeerRole).toString(), false,
                                    index.data(ChatListModel::LastSeenRole).toLongLong());
        }
    });
    // A friend's login or disconnect arrives as a presence notice at once
    // (the server's `presence` feature); the timer below only catches up.
    connect(m_live, &Client::LiveNotices::presenceChanged, this,
            [this](const QString &user, bool online, qint64 lastSeen) {
                if (m_cache)
                    m_chatList->setPresence(user, online, lastSeen);
            });
    m_presenceTimer.setInterval(kPresenceRefreshMs);
    connect(&m_presenceTimer, &QTimer::timeout, this, [this] {
        if (m_cache && m_session->isLoggedIn())
            refreshFriends();
    });
    m_presenceTimer.start();
}

AppController::~AppController()
{
    m_keeper->stop();
    m_session->disconnect(this);
    m_session->setOutbox(nullptr);
    if (m_cache)
        m_cache->commit();
}

QString AppController::cachePath(const ServerAddress &server, const QString &user) const
{
    const QString path = LocalCache::defaultPath(server.host, server.port, user);
    if (m_cacheDirectory.isEmpty())
        return path;
    return QDir(m_cacheDirectory).filePath(path.section(u'/', -1));
}

// --- the account ---------------------------------------------------------------

bool AppController::openAccount(const ServerAddress &server, const QString &user)
{
    closeCache();
    auto cache = std::make_unique<LocalCache>();
    if (!cache->open(cachePath(server, user)))
        return false;
    m_cache = std::move(cache);
    m_cache->failInterruptedUploads();
    m_outbox = std::make_unique<PersistentOutbox>(m_cache.get());
    m_server = server;
    m_user = user;
    m_session->setOutbox(m_outbox.get());
    m_session->setSyncCursor(user, m_cache->syncCursor());
    m_messages->setCache(m_cache.get());
    m_chatList->setChats(m_cache->chatSummaries());
    m_requests->setRequests(m_cache->requests(LocalCache::RequestDirection::Incoming),
                            m_cache->requests(LocalCache::RequestDirection::Outgoing));
    return true;
}

void AppController::closeCache()
{
    cancelAllTransfers();
    m_session->setOutbox(nullptr);
    m_messages->setPeer(QString());
    m_messages->setCache(nullptr);
    m_chatList->setChats({});
    m_requests->setRequests({}, {});
    m_outbox.reset();
    m_cache.reset();
    m_earlyReceipts.clear();
    m_unsentReads.clear();
    m_people->clear();
}

void AppController::logIn(const ServerAddress &server, const QString &user, const QString &password,
                          LoginMode mode, ClientSession::LoginOption option, const QString &invite)
{
    m_keeper->stop();
    closeCache();
    m_server = server;
    m_login = PendingLogin{user, password, mode, option, invite};
    m_session->connectToServer(server.host, server.port);
}

void AppController::cancelLogIn()
{
    if (!m_login)
        return;
    m_login.reset();
    m_session->disconnectFromServer();
    closeCache();
}

void AppController::failLogin(const QString &error, const QString &message, int retryAfter)
{
    m_login.reset();
    closeCache();
    emit loginFailed(error, message, retryAfter);
}

void AppController::continueLogin()
{
    const PendingLogin login = *m_login;
    if (login.mode == LoginMode::CreateAccount) {
        Reply *reply = m_session->registerUser(login.user, login.password, login.invite);
        connect(reply, &Reply::finished, this, [this, reply] {
            if (!m_login)
                return;
            if (!reply->isOk()) {
                failLogin(reply->error(), reply->errorMessage(), reply->retryAfter());
                return;
            }
            m_login->mode = LoginMode::LogIn;
            continueLogin();
        });
        return;
    }
    // The cache seeds the sync cursor, so an existing one opens before the
    // login answers; a new one only once the login worked, so a failed
    // login (a mistyped name) leaves no file behind.
    if (QFileInfo::exists(cachePath(m_server, login.user)) && !openAccount(m_server, login.user)) {
        failLogin(QStringLiteral("cache_failed"), QString());
        return;
    }
    Reply *reply = m_session->login(login.user, login.password, login.option);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (m_login && !reply->isOk())
            failLogin(reply->error(), reply->errorMessage(), reply->retryAfter());
    });
}

void AppController::resume(const ServerAddress &server, const QString &user, const QString &token)
{
    m_login.reset();
    if (!openAccount(server, user))
        return;
    emit accountOpened(user);
    m_keeper->keepOnline(server.host, server.port, token);
}

void AppController::onLoggedIn(const QString &user)
{
    if (!m_cache && m_login && !openAccount(m_server, user)) {
        m_session->disconnectFromServer();
        failLogin(QStringLiteral("cache_failed"), QString());
        return;
    }
    if (!m_cache)
        return;
    m_user = user;
    if (m_login) {
        m_login.reset();
        m_keeper->keepOnline(m_server.host, m_server.port, m_session->token());
        emit tokenIssued(m_session->token());
        emit accountOpened(user);
    }
    refreshFriends();
    refreshGroups();
    flushReadMarkers();
    if (!currentChat().isEmpty())
        reconcileHistory(currentChat());
}

void AppController::onEnded(SessionEnd reason)
{
    m_keeper->stop();
    m_session->disconnectFromServer();
    closeCache();
    emit sessionEnded(reason);
}

void AppController::closeAccount(Farewell farewell, std::function<void()> done)
{
    m_keeper->stop();
    m_login.reset();
    auto finished = std::make_shared<bool>(false);
    auto finish = [this, finished, done] {
        if (*finished)
            return;
        *finished = true;
        m_session->disconnectFromServer();
        closeCache();
        if (done)
            done();
    };
    if (farewell == Farewell::LogOut && m_session->hasSession()) {
        Reply *reply = m_session->logout();
        connect(reply, &Reply::finished, this, finish);
        QTimer::singleShot(kLogoutTimeoutMs, this, finish);
        return;
    }
    finish();
}

void AppController::refreshFriends()
{
    Reply *reply = m_session->friends();
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->isOk() || !m_cache)
            return;
        const Client::FriendList list = Client::FriendList::fromJson(reply->result());
        QStringList users;
        for (const Client::Friend &entry : list.friends)
            users.append(entry.user);
        m_cache->setContacts(users);
        m_cache->setRequests(list.incoming, list.outgoing);
        m_requests->setRequests(list.incoming, list.outgoing);
        for (int row = m_chatList->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = m_chatList->index(row);
            if (index.data(ChatListModel::GroupRole).toLongLong() != 0)
                continue; // groups come from `groups`
            const QString peer = index.data(ChatListModel::PeerRole).toString();
            if (!users.contains(peer, Qt::CaseInsensitive))
                m_chatList->removeChat(peer);
        }
        for (const Client::Friend &entry : list.friends) {
            m_chatList->updateChat(m_cache->chatSummary(entry.user));
            m_chatList->setPresence(entry.user, entry.online, entry.lastSeen);
            learnProfile(entry.user, entry.displayName, entry.avatarHash);
        }
    });
}

// --- chats ---------------------------------------------------------------------

QString AppController::currentChat() const
{
    return m_messages->peer();
}

void AppController::openChat(const QString &peer)
{
    if (!m_cache || peer.compare(currentChat(), Qt::CaseInsensitive) == 0)
        return;
    m_messages->setPeer(peer);
    clearMarkedUnread(peer);
    reconcileHistory(peer);
}

void AppController::reconcileHistory(const QString &peer)
{
    if (!m_session->isLoggedIn() || peer.isEmpty())
        return;
    const qint64 group = groupIdOfChat(peer);
    Reply *reply = group ? m_session->groupHistory(group, 0, kHistoryPage)
                         : m_session->history(peer, 0, kHistoryPage);
    connect(reply, &Reply::finished, this, [this, reply, peer] {
        if (!reply->isOk() || !m_cache)
            return;
        const QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
        for (const Client::Message &message : messages)
            showMessage(m_cache->storeMessage(message, m_user, LocalCache::Origin::History).first);
    });
}

void AppController::loadOlderHistory(const QString &peer, qint64 before)
{
    if (!m_session->isLoggedIn()) {
        QTimer::singleShot(0, m_messages, &MessageModel::olderHistoryFailed);
        return;
    }
    const qint64 group = groupIdOfChat(peer);
    Reply *reply = group ? m_session->groupHistory(group, before, kHistoryPage)
                         : m_session->history(peer, before, kHistoryPage);
    connect(reply, &Reply::finished, this, [this, reply, peer] {
        if (!m_cache || peer.compare(currentChat(), Qt::CaseInsensitive) != 0)
            return;
        if (!reply->isOk()) {
            m_messages->olderHistoryFailed();
            return;
        }
        const QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
        QList<CachedMessage> stored;
        for (const Client::Message &message : messages) {
            const CachedMessage row =
                m_cache->storeMessage(message, m_user, LocalCache::Origin::History).first;
            if (row.isValid())
                stored.append(row);
        }
        // What was not stored was deleted here, and so is everything older.
        m_messages->addOlder(stored,
                             messages.size() < kHistoryPage || stored.size() < messages.size());
    });
}

void AppController::sendMessage(const QString &text)
{
    sendTextTo(currentChat(), text);
}

void AppController::sendTextTo(const QString &peer, const QString &text, qint64 replyTo)
{
    const QString trimmed = text.trimmed();
    if (!m_cache || peer.isEmpty() || trimmed.isEmpty())
        return;
    const qint64 group = groupIdOfChat(peer);
    if (group && !isGroupMember(group))
        return;
    const QString clientId = Client::generateClientId();
    CachedMessage pending =
        m_cache->addPending(clientId, peer, trimmed, QDateTime::currentMSecsSinceEpoch());
    if (replyTo > 0 && pending.isValid()) {
        m_cache->setReplyTo(pending.localId, replyTo);
        pending.replyTo = replyTo;
    }
    showMessage(pending);
    if (group)
        m_session->sendToGroup(group, trimmed, clientId, replyTo);
    else
        m_session->send(peer, trimmed, clientId, replyTo);
}

void AppController::retryMessage(const QString &clientId)
{
    if (!m_cache)
        return;
    m_cache->setFailure(clientId, QString());
    const auto message = m_cache->setStatusByClientId(clientId, DeliveryStatus::Pending);
    if (!message)
        return;
    showMessage(*message);
    if (const qint64 group = message->group())
        m_session->sendToGroup(group, message->text, clientId, message->replyTo);
    else
        m_session->send(message->peer, message->text, clientId, message->replyTo);
}

void AppController::markChatRead()
{
    const QString peer = currentChat();
    if (!m_cache || peer.isEmpty())
        return;
    const qint64 upTo = m_messages->newestIncomingId();
    if (upTo <= 0 || m_cache->lastRead(peer) >= upTo)
        return;
    m_cache->setLastRead(peer, upTo);
    updateSummary(peer);
    m_unsentReads.insert(peer.toLower());
    flushReadMarkers();
}

void AppController::flushReadMarkers()
{
    if (!m_session->isLoggedIn() || !m_cache)
        return;
    const QSet<QString> peers = std::exchange(m_unsentReads, {});
    for (const QString &peer : peers) {
        const qint64 group = groupIdOfChat(peer);
        Reply *reply = group ? m_session->markGroupRead(group, m_cache->lastRead(peer))
                             : m_session->markRead(peer, m_cache->lastRead(peer));
        connect(reply, &Reply::finished, this, [this, reply, peer] {
            if (!reply->isOk() && reply->error().startsWith(QLatin1String("conn")))
                m_unsentReads.insert(peer);
        });
    }
}

void AppController::sendFriendRequest(const QString &user)
{
    Reply *reply = m_session->friendRequest(user.trimmed());
    connect(reply, &Reply::finished, this, [this, reply, user] {
        if (reply->isOk() && m_cache) {
            m_cache->addRequest(user, LocalCache::RequestDirection::Outgoing);
            m_requests->add(user, FriendRequestModel::Direction::Outgoing);
        }
        emit friendRequestFinished(user, reply->error(), reply->errorMessage());
    });
}

void AppController::respondToFriendRequest(const QString &user, bool accept)
{
    Reply *reply = m_session->friendRespond(user, accept ? ClientSession::FriendResponse::Accept
                                                         : ClientSession::FriendResponse::Decline);
    connect(reply, &Reply::finished, this, [this, reply, user, accept] {
        if (!m_cache)
            return;
        if (!reply->isOk() && reply->error() != QLatin1String("no_such_request")) {
            emit friendRequestFinished(user, reply->error(), reply->errorMessage());
            return;
        }
        m_cache->removeRequest(user);
        m_requests->remove(user);
        if (accept && reply->isOk()) {
            m_cache->addContact(user);
            m_chatList->updateChat(m_cache->chatSummary(user));
        }
    });
}

// --- session events ----------------------------------------------------------------

void AppController::showMessage(const CachedMessage &message)
{
    if (!message.isValid())
        return;
    m_messages->upsert(message);
    updateSummary(message.peer);
    maybeAutoDownload(message);
}

void AppController::updateSummary(const QString &peer)
{
    if (m_cache && m_chatList->contains(peer))
        m_chatList->updateChat(m_cache->chatSummary(peer));
}

void AppController::onMessageReceived(const Client::Message &message)
{
    if (!m_cache)
        return;
    if (message.isGroupMessage())
        ensureGroupKnown(message.group);
    const auto [stored, isNew] = m_cache->storeMessage(message, m_user, LocalCache::Origin::Sync);
    if (!stored.isValid())
        return;
    if (!m_chatList->contains(stored.peer)) {
        if (!message.isGroupMessage())
            m_cache->addContact(stored.peer);
        m_chatList->updateChat(m_cache->chatSummary(stored.peer));
    }
    showMessage(stored);
    const QString text = stored.isFile() ? QStringLiteral("📎 ") + stored.file.name : stored.text;
    if (isChatMuted(stored.peer))
        return;
    if (isNew && !stored.outgoing && message.isGroupMessage()) {
        const auto group = m_cache->group(message.group);
        emit incomingMessageArrived(
            stored.peer, tr("%1 in %2").arg(message.from, group ? group->name : stored.peer), text);
    } else if (isNew && !stored.outgoing) {
        emit incomingMessageArrived(stored.peer, stored.peer, text);
    }
}

void AppController::onReceiptReceived(const Client::Receipt &receipt)
{
    // In a group the ticks turn only once every member has reached the status.
    if (!m_cache || (receipt.isGroupReceipt() && !receipt.complete))
        return;
    const DeliveryStatus status = fromReceipt(receipt.status);
    if (const auto message = m_cache->raiseStatus(receipt.msgId, status)) {
        showMessage(*message);
    } else {
        // The receipt may overtake the send reply: keep it for onMessageSent().
        if (m_earlyReceipts.size() > 10000)
            m_earlyReceipts.clear();
        int &early = m_earlyReceipts[receipt.msgId];
        early = qMax(early, int(status));
    }
}

void AppController::onMessageSent(const QString &clientId, qint64 msgId, qint64 ts)
{
    if (!m_cache)
        return;
    auto message = m_cache->markSent(clientId, msgId, ts);
    if (const auto early = m_earlyReceipts.take(msgId); early > 0) {
        if (auto raised = m_cache->raiseStatus(msgId, DeliveryStatus(early)))
            message = raised;
    }
    if (message)
        showMessage(*message);
}

void AppController::onMessageFailed(const QString &clientId, const QString &error,
                                    const QString &message)
{
    if (!m_cache)
        return;
    m_cache->setFailure(clientId, failureText(error, message));
    if (const auto message = m_cache->setStatusByClientId(clientId, DeliveryStatus::Failed))
        showMessage(*message);
}

} // namespace Palomar::Desktop
