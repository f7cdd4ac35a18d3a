#include "clientsession.h"

#include "connection.h"
#include "syncloop.h"

#include "protocol/request.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>

#include <algorithm>
#include <utility>

// Debug lines (reconnects, waits) only when asked: QT_LOGGING_RULES="palomar.client.debug=true".
Q_LOGGING_CATEGORY(lcClient, "palomar.client", QtInfoMsg)

namespace Palomar::Client {

namespace {
// Errors after which re-sending the same message can never succeed.
bool isPermanentSendError(const QString &error)
{
    static const QStringList permanent{
        QStringLiteral("not_friends"),
        QStringLiteral("too_large"),
        QStringLiteral("no_such_user"),
        QStringLiteral("no_such_group"),
        QStringLiteral("not_member"),
        QStringLiteral("bad_request"),
        QStringLiteral("unknown_op"),
        // reply_to names no message of the chat one can see (deleted since).
        QStringLiteral("no_such_message"),
    };
    return permanent.contains(error);
}
} // namespace

ClientSession::ClientSession(QObject *parent)
    : QObject(parent), m_connection(new Connection(this)), m_clientName(QStringLiteral("palomar"))
{
    m_clock.start();
    m_memoryOutbox = std::make_unique<MemoryOutbox>();
    m_outbox = m_memoryOutbox.get();

    m_sync = new SyncLoop(
        [this](const QJsonObject &fields, SyncLoop::Origin origin) {
            return issue(QStringLiteral("sync"), fields,
                         origin == SyncLoop::Origin::Caller ? OnUnavailable::Retry
                                                            : OnUnavailable::Report);
        },
        this);
    connect(m_sync, &SyncLoop::eventArrived, this, &ClientSession::dispatchEvent);
    connect(m_sync, &SyncLoop::noticeArrived, this, &ClientSession::noticeReceived);
    connect(m_sync, &SyncLoop::cursorChanged, this, &ClientSession::syncCursorChanged);

    connect(m_connection, &Connection::opened, this, &ClientSession::onOpened);
    connect(m_connection, &Connection::frameReceived, this, &ClientSession::onFrame);
    connect(m_connection, &Connection::closed, this, &ClientSession::onClosed);
    connect(m_connection, &Connection::certificateRejected, this,
            [this](const QSslCertificate &certificate, CertificateProblem problem) {
                m_certificateRejected = true;
                emit certificateRejected(certificate, certificateFingerprint(certificate), problem);
            });

    m_watchdog.setInterval(1000);
    connect(&m_watchdog, &QTimer::timeout, this, &ClientSession::checkDeadlines);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Reconnecting)
            m_connection->open(m_host, m_port);
    });
    m_outboxRetry.setSingleShot(true);
    connect(&m_outboxRetry, &QTimer::timeout, this, &ClientSession::flushOutbox);
    m_unavailableTimer.setSingleShot(true);
    connect(&m_unavailableTimer, &QTimer::timeout, this, &ClientSession::retryUnavailable);
}

ClientSession::~ClientSession()
{
    // No signals into a half-destroyed object.
    m_connection->disconnect(this);
    m_sync->disconnect(this);
}

// --- configuration ---------------------------------------------------------

void ClientSession::setSyncMode(SyncMode mode)
{
    m_sync->setMode(mode);
}

SyncMode ClientSession::syncMode() const
{
    return m_sync->mode();
}

void ClientSession::setLongPollWait(int seconds)
{
    m_sync->setLongPollWait(seconds);
}

void ClientSession::setReconnectDelays(int initialMs, int maximumMs)
{
    m_backoff = Backoff(initialMs, maximumMs);
    m_unavailableBackoff = Backoff(initialMs, maximumMs);
}

void ClientSession::setOutbox(Outbox *outbox)
{
    m_outbox = outbox ? outbox : m_memoryOutbox.get();
    flushOutbox();
}

void ClientSession::setSyncCursor(const QString &user, qint64 cursor)
{
    m_sync->setCursor(user, cursor);
}

qint64 ClientSession::syncCursor() const
{
    return m_sync->cursor();
}

void ClientSession::setTls(bool enabled)
{
    TlsSettings settings = m_connection->tlsSettings();
    settings.enabled = enabled;
    m_connection->setTlsSettings(settings);
}

bool ClientSession::isTls() const
{
    return m_connection->tlsSettings().enabled;
}

void ClientSession::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    TlsSettings settings = m_connection->tlsSettings();
    settings.caCertificates = certificates;
    m_connection->setTlsSettings(settings);
}

void ClientSession::setPinnedFingerprint(const QByteArray &fingerprint)
{
    TlsSettings settings = m_connection->tlsSettings();
    settings.pinnedFingerprint = fingerprint;
    m_connection->setTlsSettings(settings);
}

QByteArray ClientSession::pinnedFingerprint() const
{
    return m_connection->tlsSettings().pinnedFingerprint;
}

void ClientSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

// --- connection --------------------------------------------------------------

void ClientSession::connectToServer(const QString &host, quint16 port)
{
    m_reconnectTimer.stop();
    m_host = host;
    m_port = port;
    m_closing = false;
    m_backoff.reset();
    setState(State::Connecting);
    if (m_connection->isActive()) {
        // Replace the old connection quietly: its replies can no longer come.
        const QList<Pending> pending = takeUnanswered();
        m_sync->stop();
        m_sendsInFlight.clear();
        for (const Pending &entry : pending) {
            if (entry.reply)
                entry.reply->failLater(LocalError::ConnectionLost,
                                       QStringLiteral("the connection was replaced"));
        }
    }
    m_connection->open(host, port);
}

void ClientSession::disconnectFromServer()
{
    m_reconnectTimer.stop();
    m_unavailableTimer.stop();
    m_outboxRetry.stop();
    m_sync->stop();
    if (m_connection->isActive()) {
        m_closing = true;
        m_connection->close();
    } else {
        setState(State::Disconnected);
    }
}

void ClientSession::onOpened()
{
    m_lastSent = m_clock.elapsed();
    m_watchdog.start();
    hello();
    // Pipelined behind hello: a dropped session comes back on the new connection.
    if (m_state == State::Reconnecting && !m_token.isEmpty())
        sendResume();
}

void ClientSession::onFrame(const QJsonObject &frame)
{
    const QJsonValue id = frame.value(QLatin1String("id"));
    const bool ok = frame.value(QLatin1String("ok")).toBool();
    const QString error = ok ? QString() : frame.value(QLatin1String("error")).toString();
    if (!id.isDouble()) {
        // Only a broken frame is answered without an id; the server closes next.
        if (!ok)
            emit errorOccurred(error, frame.value(QLatin1String("message")).toString());
        return;
    }
    const auto it = m_pending.find(qint64(id.toDouble()));
    if (it == m_pending.end()) {
        qCWarning(lcClient) << "reply to an unknown request id" << id.toDouble();
        return;
    }
    const Pending entry = *it;
    m_pending.erase(it);
    if (error == ServerError::Unavailable) {
        onUnavailableAnswer(frame, entry);
        return;
    }
    onServedAnswer(entry, ok);
    if (!ok)
        handleSessionError(error);
    if (entry.reply)
        entry.reply->finish(frame);
}

void ClientSession::onClosed(const QString &reason)
{
    const State was = settledState();
    m_watchdog.stop();
    m_sync->stop();
    m_sendsInFlight.clear();
    const QList<Pending> pending = takeUnanswered();
    const bool rejected = std::exchange(m_certificateRejected, false);

    if (m_closing) {
        m_closing = false;
        setState(State::Disconnected);
    } else if (rejected) {
        // Retrying cannot help until someone trusts the certificate; the
        // token stays, so connecting again can resume.
        setState(State::Disconnected);
        emit errorOccurred(LocalError::UntrustedCertificate, reason);
    } else if (!m_token.isEmpty() && m_autoReconnect &&
               (was == State::LoggedIn || was == State::Reconnecting)) {
        // Reconnecting before the error is told: a listener asks state() to
        // tell a dropped connection that comes back from one that ended.
        scheduleReconnect();
        if (was == State::LoggedIn)
            emit errorOccurred(LocalError::ConnectionLost, reason);
    } else {
        setState(State::Disconnected);
        emit errorOccurred(was == State::Connecting ? LocalError::ConnectionFailed
                                                    : LocalError::ConnectionLost,
                           reason);
    }
    for (const Pending &entry : pending) {
        if (entry.reply)
            entry.reply->fail(LocalError::ConnectionLost, reason);
    }
}

void ClientSession::scheduleReconnect()
{
    setState(State::Reconnecting);
    const int delay = m_backoff.nextDelay();
    qCDebug(lcClient) << "reconnecting in" << delay << "ms";
    m_reconnectTimer.start(delay);
}

void ClientSession::checkDeadlines()
{
    const qint64 now = m_clock.elapsed();
    QList<qint64> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadline <= now)
            expired.append(it.key());
    }
    if (!expired.isEmpty()) {
        const QString reason = QStringLiteral("the server did not answer in time");
        for (const qint64 id : std::as_const(expired)) {
            const Pending entry = m_pending.take(id);
            if (entry.reply)
                entry.reply->fail(LocalError::Timeout, reason);
        }
        // A server that stops answering is as good as gone: start over.
        m_connection->abort(reason);
        return;
    }
    if (m_connection->isOpen() && m_limits.idleTimeout > 0 &&
        now - m_lastSent > qint64(m_limits.idleTimeout) * 1000 / 2)
        ping();
}

// --- the session -------------------------------------------------------------

void ClientSession::enterLoggedIn(const QString &user, const QString &token)
{
    m_user = user;
    m_token = token;
    m_loggingOut = false;
    m_backoff.reset();
    setState(State::LoggedIn);
    m_sync->setPollInterval(m_limits.pollInterval);
    m_sync->start(user);
    flushOutbox();
}

void ClientSession::leaveLoggedIn()
{
    m_sync->stop();
    m_token.clear();
    m_user.clear();
    m_outboxRetry.stop();
    const bool waiting = m_state == State::Unavailable;
    if (waiting || m_state == State::LoggedIn || m_state == State::Reconnecting) {
        m_unavailableTimer.stop();
        setState(m_connection->isOpen() ? State::Connected : State::Disconnected);
    }
    if (waiting)
        resendHeld(); // they are answered as the session now stands
}

void ClientSession::handleSessionError(const QString &error)
{
    if (error == QLatin1String("session_replaced") && !m_token.isEmpty()) {
        leaveLoggedIn();
        emit sessionReplaced();
    } else if (error == QLatin1String("auth_required") && m_state == State::LoggedIn &&
               !m_loggingOut) {
        leaveLoggedIn();
        emit sessionExpired();
    }
}

void ClientSession::sendResume()
{
    resume(m_token);
}

// --- requests ------------------------------------------------------------------

Reply *ClientSession::request(const QString &op, const QJsonObject &fields)
{
    return issue(op, fields, OnUnavailable::Retry);
}

Reply *ClientSession::issue(const QString &op, const QJsonObject &fields,
                            OnUnavailable onUnavailable)
{
    const qint64 id = m_nextId++;
    auto *reply = new Reply(id, op, this);
    QJsonObject frame = fields;
    frame.insert(QStringLiteral("id"), id);
    frame.insert(QStringLiteral("op"), op);
    transmit(reply, frame, onUnavailable);
    return reply;
}

// Sends `frame` for `reply`, the first time or again after an `unavailable`
// answer (the same id: its earlier answer has come).
void ClientSession::transmit(Reply *reply, const QJsonObject &frame, OnUnavailable onUnavailable)
{
    if (!m_connection->isOpen()) {
        reply->failLater(LocalError::NotConnected, QStringLiteral("not connected to the server"));
        return;
    }
    if (!m_connection->sendFrame(frame)) {
        reply->failLater(LocalError::ConnectionLost,
                         QStringLiteral("could not write to the server"));
        return;
    }
    const qint64 now = m_clock.elapsed();
    m_lastSent = now;
    qint64 timeout = m_requestTimeout;
    if (reply->op() == QLatin1String("sync"))
        timeout += qint64(frame.value(QLatin1String("wait")).toDouble()) * 1000;
    m_pending.insert(reply->id(),
                     Pending{reply, now + timeout,
                             onUnavailable == OnUnavailable::Retry ? frame : QJsonObject()});
}

Reply *ClientSession::hello()
{
    Reply *reply =
        request(QStringLiteral("hello"), {{QStringLiteral("version"), Protocol::kProtocolVersion},
                                          {QStringLiteral("client"), m_clientName}});
    connect(reply, &Reply::finished, this, [this, reply] {
        if (reply->isOk()) {
            m_limits = Protocol::Limits::fromJson(reply->value(QLatin1String("limits")).toObject());
            m_serverName = reply->value(QLatin1String("server")).toString();
            m_registration =
                registrationFromName(reply->value(QLatin1String("registration")).toString());
            m_features.clear();
            for (const QJsonValue &feature : reply->value(QLatin1String("features")).toArray())
                m_features.insert(feature.toString());
            m_sync->setPollInterval(m_limits.pollInterval);
            if (m_state == State::Connecting) {
                setState(State::Connected);
                emit connected();
            }
        } else if (!isConnectionError(reply->error()) && m_state == State::Connecting) {
            // unsupported_version or worse: this server cannot be talked to.
            emit errorOccurred(reply->error(), reply->errorMessage());
            m_closing = true;
            m_connection->close();
        }
    });
    return reply;
}

Reply *ClientSession::registerUser(const QString &user, const QString &password,
                                   const QString &invite)
{
    QJsonObject fields{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
    if (!invite.isEmpty())
        fields.insert(QStringLiteral("invite"), invite);
    return request(QStringLiteral("register"), fields);
}

Reply *ClientSession::login(const QString &user, const QString &password, LoginOption option)
{
    QJsonObject fields{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
    if (option == LoginOption::Takeover)
        fields.insert(QStringLiteral("takeover"), true);
    Reply *reply = request(QStringLiteral("login"), fields);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->isOk())
            return;
        const QString user = reply->value(QLatin1String("user")).toString();
        enterLoggedIn(user, reply->value(QLatin1String("token")).toString());
        emit loggedIn(user);
    });
    return reply;
}

Reply *ClientSession::resume(const QString &token)
{
    const bool reconnecting = m_state == State::Reconnecting;
    Reply *reply = request(QStringLiteral("resume"), {{QStringLiteral("token"), token}});
    connect(reply, &Reply::finished, this, [this, reply, token, reconnecting] {
        if (reply->isOk()) {
            const QString user = reply->value(QLatin1String("user")).toString();
            enterLoggedIn(user, token);
            emit loggedIn(user);
            if (reconnecting)
                emit reconnected();
            return;
        }
        const QString &error = reply->error();
        if (isConnectionError(error))
            return; // the connection went; onClosed() decides what next
        if (error == QLatin1String("bad_credentials")) {
            m_token.clear();
            m_user.clear();
            m_sync->stop();
            setState(m_connection->isOpen() ? State::Connected : State::Disconnected);
            emit sessionExpired();
        } else if (reconnecting && m_connection->isOpen()) {
            // rate_limited, internal: try again on a fresh connection later.
            m_connection->abort(QStringLiteral("resume failed: %1").arg(error));
        }
    });
    return reply;
}

Reply *ClientSession::logout()
{
    // Acknowledge what was already handed out, so the next login does not
    // get it again; answered in order, before the logout.
    if (m_state == State::LoggedIn)
        m_sync->acknowledge();
    m_loggingOut = true;
    Reply *reply = request(QStringLiteral("logout"));
    connect(reply, &Reply::finished, this, [this, reply] {
        m_loggingOut = false;
        if (isConnectionError(reply->error()) || m_token.isEmpty())
            return;
        leaveLoggedIn();
        emit loggedOut();
    });
    return reply;
}

Reply *ClientSession::unregister(const QString &password)
{
    m_loggingOut = true;
    Reply *reply = request(QStringLiteral("unregister"), {{QStringLiteral("password"), password}});
    connect(reply, &Reply::finished, this, [this, reply] {
        m_loggingOut = false;
        if (!reply->isOk() || m_token.isEmpty())
            return;
        leaveLoggedIn();
        emit loggedOut();
    });
    return reply;
}

Reply *ClientSession::friendRequest(const QString &user)
{
    return request(QStringLiteral("friend_request"), {{QStringLiteral("user"), user}});
}

Reply *ClientSession::friendRespond(const QString &user, FriendResponse response)
{
    return request(QStringLiteral("friend_respond"),
                   {{QStringLiteral("user"), user},
                    {QStringLiteral("accept"), response == FriendResponse::Accept}});
}

Reply *ClientSession::unfriend(const QString &user)
{
    return request(QStringLiteral("unfriend"), {{QStringLiteral("user"), user}});
}

Reply *ClientSession::friends()
{
    return request(QStringLiteral("friends"));
}

Reply *ClientSession::markRead(const QString &peer, qint64 upTo)
{
    return request(QStringLiteral("read"),
                   {{QStringLiteral("peer"), peer}, {QStringLiteral("up_to"), upTo}});
}

Reply *ClientSession::history(const QString &peer, qint64 before, int limit)
{
    QJsonObject fields{{QStringLiteral("peer"), peer},
                       {QStringLiteral("limit"), std::clamp(limit, 1, Protocol::kMaxHistoryLimit)}};
    if (before > 0)
        fields.insert(QStringLiteral("before"), before);
    return request(QStringLiteral("history"), fields);
}

// --- groups --------------------------------------------------------------------

Reply *ClientSession::groupCreate(const QString &name, const QStringList &members)
{
    return request(QStringLiteral("group_create"),
                   {{QStringLiteral("name"), name},
                    {QStringLiteral("members"), QJsonArray::fromStringList(members)}});
}

Reply *ClientSession::groupAdd(qint64 group, const QString &user)
{
    return request(QStringLiteral("group_add"),
                   {{QStringLiteral("group"), group}, {QStringLiteral("user"), user}});
}

Reply *ClientSession::groupRemove(qint64 group, const QString &user)
{
    return request(QStringLiteral("group_remove"),
                   {{QStringLiteral("group"), group}, {QStringLiteral("user"), user}});
}

Reply *ClientSession::groupRename(qint64 group, const QString &name)
{
    return request(QStringLiteral("group_rename"),
                   {{QStringLiteral("group"), group}, {QStringLiteral("name"), name}});
}

Reply *ClientSession::groupLeave(qint64 group)
{
    return request(QStringLiteral("group_leave"), {{QStringLiteral("group"), group}});
}

Reply *ClientSession::groupInfo(qint64 group)
{
    return request(QStringLiteral("group_info"), {{QStringLiteral("group"), group}});
}

Reply *ClientSession::groups()
{
    return request(QStringLiteral("groups"));
}

Reply *ClientSession::messageInfo(qint64 msgId)
{
    return request(QStringLiteral("message_info"), {{QStringLiteral("msg_id"), msgId}});
}

Reply *ClientSession::markGroupRead(qint64 group, qint64 upTo)
{
    return request(QStringLiteral("read"),
                   {{QStringLiteral("group"), group}, {QStringLiteral("up_to"), upTo}});
}

Reply *ClientSession::groupHistory(qint64 group, qint64 before, int limit)
{
    QJsonObject fields{{QStringLiteral("group"), group},
                       {QStringLiteral("limit"), std::clamp(limit, 1, Protocol::kMaxHistoryLimit)}};
    if (before > 0)
        fields.insert(QStringLiteral("before"), before);
    return request(QStringLiteral("history"), fields);
}

Reply *ClientSession::syncNow(int waitSeconds)
{
    return m_sync->syncNow(waitSeconds);
}

Reply *ClientSession::ping()
{
    return request(QStringLiteral("ping"));
}

// --- events ------------------------------------------------------------------

void ClientSession::dispatchEvent(const QJsonObject &event)
{
    const QString kind = event.value(QLatin1String("kind")).toString();
    const QString user = event.value(QLatin1String("user")).toString();
    if (kind == Protocol::EventKind::Message)
        emit messageReceived(Message::fromJson(event));
    else if (kind == Protocol::EventKind::Receipt)
        emit receiptReceived(Receipt::fromJson(event));
    else if (kind == Protocol::EventKind::FriendRequest)
        emit friendRequestReceived(user);
    else if (kind == Protocol::EventKind::FriendAdded)
        emit friendAdded(user);
    else if (kind == Protocol::EventKind::FriendDeclined)
        emit friendDeclined(user);
    else if (kind == Protocol::EventKind::FriendRemoved)
        emit friendRemoved(user);
    else if (kind == Protocol::EventKind::GroupAdded || kind == Protocol::EventKind::GroupRemoved ||
             kind == Protocol::EventKind::GroupUpdated) {
        const GroupEvent group = GroupEvent::fromJson(event);
        emit groupEventReceived(kind, group);
        if (kind == Protocol::EventKind::GroupAdded)
            emit groupAdded(group.group, group.name, group.by);
        else if (kind == Protocol::EventKind::GroupRemoved)
            emit groupRemoved(group.group, group.name, group.by);
        else
            emit groupUpdated(group.group, group.name, group.by);
    } else
        emit eventReceived(event);
}

// --- the outbox --------------------------------------------------------------

QString ClientSession::send(const QString &to, const QString &text, const QString &clientId,
                            qint64 replyTo)
{
    OutgoingMessage message;
    message.clientId = clientId;
    message.to = to;
    message.text = text;
    message.replyTo = replyTo;
    return enqueue(std::move(message));
}

QString ClientSession::sendToGroup(qint64 group, const QString &text, const QString &clientId,
                                   qint64 replyTo)
{
    OutgoingMessage message;
    message.clientId = clientId;
    message.group = group;
    message.text = text;
    message.replyTo = replyTo;
    return enqueue(std::move(message));
}

// --- files -------------------------------------------------------------------

FileTransfer *ClientSession::sendFile(const QString &to, const QString &path, const QString &mime)
{
    auto *transfer = new FileTransfer(this, FileTransfer::Direction::Upload, path);
    transfer->startUpload({{QStringLiteral("to"), to}}, mime);
    return transfer;
}

FileTransfer *ClientSession::sendFileToGroup(qint64 group, const QString &path, const QString &mime)
{
    auto *transfer = new FileTransfer(this, FileTransfer::Direction::Upload, path);
    transfer->startUpload({{QStringLiteral("group"), group}}, mime);
    return transfer;
}

FileTransfer *ClientSession::downloadFile(const FileInfo &file, const QString &targetPath)
{
    auto *transfer = new FileTransfer(this, FileTransfer::Direction::Download, targetPath);
    transfer->startDownload(file);
    return transfer;
}

QString ClientSession::enqueue(OutgoingMessage message)
{
    if (message.clientId.isEmpty())
        message.clientId = generateClientId();
    message.queuedAt = QDateTime::currentMSecsSinceEpoch();
    const QString &text = message.text;
    if (m_limits.maxText > 0 && text.toUtf8().size() > m_limits.maxText) {
        // Never queue what the server is bound to refuse.
        const QString id = message.clientId;
        const QString problem = QStringLiteral("the text is %1 bytes; the server takes at most %2")
                                    .arg(text.toUtf8().size())
                                    .arg(m_limits.maxText);
        QTimer::singleShot(0, this, [this, id, problem] {
            emit messageFailed(id, QStringLiteral("too_large"), problem);
        });
        return message.clientId;
    }
    m_outbox->add(message);
    if (m_state == State::LoggedIn)
        dispatchOutgoing(message);
    return message.clientId;
}

void ClientSession::flushOutbox()
{
    if (m_state != State::LoggedIn)
        return;
    const QList<OutgoingMessage> entries = m_outbox->pending();
    for (const OutgoingMessage &message : entries)
        dispatchOutgoing(message);
}

void ClientSession::dispatchOutgoing(const OutgoingMessage &message)
{
    if (m_sendsInFlight.contains(message.clientId))
        return;
    QJsonObject fields{{QStringLiteral("text"), message.text},
                       {QStringLiteral("client_id"), message.clientId}};
    if (message.group != 0)
        fields.insert(QStringLiteral("group"), message.group);
    else
        fields.insert(QStringLiteral("to"), message.to);
    if (message.replyTo > 0)
        fields.insert(QStringLiteral("reply_to"), message.replyTo);
    // An `unavailable` answer leaves the message queued: the whole outbox
    // goes again once the server serves (leaveUnavailable).
    Reply *reply = issue(QStringLiteral("send"), fields, OnUnavailable::Report);
    m_sendsInFlight.insert(message.clientId);
    connect(reply, &Reply::finished, this,
            [this, message, reply] { handleSendReply(message, reply); });
}

void ClientSession::handleSendReply(const OutgoingMessage &message, Reply *reply)
{
    m_sendsInFlight.remove(message.clientId);
    if (reply->isOk()) {
        m_outbox->remove(message.clientId);
        emit messageSent(message.clientId, qint64(reply->value(QLatin1String("msg_id")).toDouble()),
                         qint64(reply->value(QLatin1String("ts")).toDouble()));
        return;
    }
    const QString &error = reply->error();
    if (isPermanentSendError(error)) {
        m_outbox->remove(message.clientId);
        emit messageFailed(message.clientId, error, reply->errorMessage());
    } else if (error == QLatin1String("rate_limited")) {
        m_outboxRetry.start(std::max(1, reply->retryAfter()) * 1000);
    } else if (error == QLatin1String("internal")) {
        m_outboxRetry.start(5000);
    }
    // Anything else (connection lost, `unavailable`, session gone): it stays
    // queued and goes again once the session is LoggedIn again: after the
    // next login or resume, or once the server serves again.
}

} // namespace Palomar::Client
