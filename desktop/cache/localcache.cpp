#include "localcache.h"

#include "client/filetransfer.h"
#include "privatefiles.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QStandardPaths>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcCache, "palomar.desktop.cache")

namespace Palomar::Desktop {

namespace {

int nextConnectionNumber()
{
    static int number = 0;
    return ++number;
}

QString safeFilePart(const QString &text)
{
    QString out;
    for (const QChar c : text)
        out += (c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_') ? c : QChar(u'_');
    return out;
}

const QString kSelectMessage = QStringLiteral(
    "SELECT id, msg_id, client_id, peer, outgoing, text, ts, status, sender, "
    "file_id, file_name, file_size, file_sha256, file_mime, file_path, "
    "(SELECT f.reason FROM failures f WHERE f.client_id = messages.client_id), system, "
    "edited, deleted, reply_to, forwarded, "
    "(SELECT group_concat(r.emoji || char(31) || r.user, char(30)) FROM reactions r "
    "WHERE r.msg_id = messages.msg_id) AS reaction_list "
    "FROM messages ");

QString systemJson(const Client::SystemLine &line)
{
    QJsonObject object{{QStringLiteral("kind"), line.kind}, {QStringLiteral("by"), line.by}};
    if (!line.user.isEmpty())
        object.insert(QStringLiteral("user"), line.user);
    if (!line.name.isEmpty())
        object.insert(QStringLiteral("name"), line.name);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The key of the chat `message` belongs to.
QString chatKeyOf(const Client::Message &message, bool outgoing)
{
    if (message.isGroupMessage())
        return groupChatKey(message.group);
    return outgoing ? message.to : message.from;
}

} // namespace

LocalCache::LocalCache(QObject *parent)
    : QObject(parent),
      m_connectionName(QStringLiteral("palomar-cache-%1").arg(nextConnectionNumber()))
{}

LocalCache::~LocalCache()
{
    commit();
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString LocalCache::defaultPath(const QString &host, quint16 port, const QString &user)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return base + QStringLiteral("/cache/") + safeFilePart(host) + u'_' + QString::number(port) +
           u'_' + safeFilePart(user.toLower()) + QStringLiteral(".db");
}

bool LocalCache::open(const QString &path)
{
    // Private before SQLite writes a byte: SQLite gives its -wal and -shm
    // files the database's own permissions.
    if (!PrivateFiles::makeDirectory(QFileInfo(path).absolutePath()) ||
        !PrivateFiles::makeFile(path)) {
        qCWarning(lcCache) << "cannot create" << path;
        return false;
    }
    for (const QString &file : PrivateFiles::databaseFiles(path))
        PrivateFiles::tighten(file);
    m_path = path;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        qCWarning(lcCache) << "cannot open" << path << m_db.lastError().text();
        return false;
    }
    QSqlQuery pragma(m_db);
    pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    return createSchema();
}

bool LocalCache::createSchema()
{
    const QStringList statements{
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS contacts (user TEXT PRIMARY KEY COLLATE NOCASE, "
                       "last_read INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS requests (user TEXT PRIMARY KEY COLLATE NOCASE, "
                       "direction INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, "
                       "msg_id INTEGER UNIQUE, client_id TEXT UNIQUE, "
                       "peer TEXT NOT NULL COLLATE NOCASE, outgoing INTEGER NOT NULL, "
                       "text TEXT NOT NULL, ts INTEGER NOT NULL, status INTEGER NOT NULL, "
                       "sort_key INTEGER, unread INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_chat ON messages (peer, sort_key)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS messages_unread ON messages "
                       "(peer, outgoing, msg_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "client_id TEXT UNIQUE NOT NULL, recipient TEXT NOT NULL, "
                       "grp INTEGER NOT NULL, text TEXT NOT NULL, queued_at INTEGER NOT NULL)"),
        // localcachecompose.cpp: unsent text per chat; why my failed messages failed.
        QStringLiteral("CREATE TABLE IF NOT EXISTS drafts (peer TEXT PRIMARY KEY COLLATE NOCASE, "
                       "text TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS failures (client_id TEXT PRIMARY KEY, "
                       "reason TEXT NOT NULL)"),
    };
    QSqlQuery query(m_db);
    for (const QString &sql : statements) {
        if (!query.exec(sql)) {
            qCWarning(lcCache) << "schema:" << query.lastError().text();
            return false;
        }
    }
    return migrate();
}

// Schema versions in PRAGMA user_version. 0: the first release (1:1 chats
// only); 1: groups (a `groups` table; messages.sender for group messages,
// whose `peer` is the chat key "#ID"); 2: files (the `file` object of a file
// message in file_* columns, and file_path: where its bytes are here); 3: chat
// state (`chat_state`: muted, pinned, marked unread, history deleted here);
// 4: `hidden_messages`, the server ids of messages deleted here ("Delete for me");
// 5: messages.system, a group system line's `system` object as JSON (NULL otherwise);
// 6: messages.edited (ms of the last edit, 0 never) and messages.deleted (1: a tombstone);
// 7: messages.reply_to (the msg_id answered, 0 none), messages.forwarded (1: a
// forwarded copy) and outbox.reply_to, so a queued reply keeps it across restarts.
// 8: `reactions`, one emoji per person and message by server id (localcachereactions.cpp).
// Caches of every older version are upgraded in place, one step at a time;
// nothing is dropped. Shipped steps are never edited.
bool LocalCache::migrate()
{
    struct Step
    {
        int version;
        QStringList statements;
    };
    const QList<Step> steps{
        {1,
         {QStringLiteral("ALTER TABLE messages ADD COLUMN sender TEXT"),
          QStringLiteral("CREATE TABLE IF NOT EXISTS groups (id INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, admin TEXT NOT NULL DEFAULT '', "
                         "member INTEGER NOT NULL DEFAULT 1, "
                         "last_read INTEGER NOT NULL DEFAULT 0)")}},
        {2,
         {QStringLiteral("ALTER TABLE messages ADD COLUMN file_id INTEGER"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN file_name TEXT"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN file_size INTEGER"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN file_sha256 TEXT"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN file_mime TEXT"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN file_path TEXT"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_file ON messages (file_id)")}},
        {3,
         {QStringLiteral("CREATE TABLE IF NOT EXISTS chat_state (peer TEXT PRIMARY KEY COLLATE "
                         "NOCASE, muted INTEGER NOT NULL DEFAULT 0, "
                         "pin_order INTEGER NOT NULL DEFAULT 0, "
                         "marked_unread INTEGER NOT NULL DEFAULT 0, "
                         "cleared_upto INTEGER NOT NULL DEFAULT 0)")}},
        {4,
         {QStringLiteral(
             "CREATE TABLE IF NOT EXISTS hidden_messages (msg_id INTEGER PRIMARY KEY)")}},
        {5, {QStringLiteral("ALTER TABLE messages ADD COLUMN system TEXT")}},
        {6,
         {QStringLiteral("ALTER TABLE messages ADD COLUMN edited INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0")}},
        {7,
         {QStringLiteral("ALTER TABLE messages ADD COLUMN reply_to INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE outbox ADD COLUMN reply_to INTEGER NOT NULL DEFAULT 0")}},
        {8,
         {QStringLiteral("CREATE TABLE IF NOT EXISTS reactions (msg_id INTEGER NOT NULL, "
                         "user TEXT NOT NULL COLLATE NOCASE, emoji TEXT NOT NULL, "
                         "PRIMARY KEY (msg_id, user))")}},
    };
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return false;
    const int version = query.value(0).toInt();
    query.finish();
    for (const Step &step : steps) {
        if (step.version <= version)
            continue;
        if (!m_db.transaction())
            return false;
        QStringList statements = step.statements;
        statements.append(QStringLiteral("PRAGMA user_version = %1").arg(step.version));
        for (const QString &sql : std::as_const(statements)) {
            if (!query.exec(sql)) {
                qCWarning(lcCache) << "migration to" << step.version << query.lastError().text();
                m_db.rollback();
                return false;
            }
        }
        if (!m_db.commit())
            return false;
    }
    return true;
}

QSqlQuery &LocalCache::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        if (!query.prepare(sql))
            qCWarning(lcCache) << "prepare:" << query.lastError().text() << sql;
        it = m_statements.insert(sql, query);
    }
    return it.value();
}

bool LocalCache::exec(QSqlQuery &query)
{
    if (!query.exec()) {
        qCWarning(lcCache) << "query:" << query.lastError().text() << query.lastQuery();
        return false;
    }
    return true;
}

void LocalCache::beginWrite()
{
    if (m_inTransaction || !m_db.isOpen())
        return;
    m_inTransaction = m_db.transaction();
    // Everything written until control is back in the event loop is one commit.
    if (m_inTransaction)
        QTimer::singleShot(0, this, &LocalCache::commit);
}

void LocalCache::commit()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    for (QSqlQuery &query : m_statements)
        query.finish();
    if (!m_db.commit())
        qCWarning(lcCache) << "commit:" << m_db.lastError().text();
}

// --- sync cursor ---------------------------------------------------------------

qint64 LocalCache::syncCursor()
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT value FROM meta WHERE key = 'cursor'"));
    if (!exec(query) || !query.next())
        return 0;
    const qint64 value = query.value(0).toLongLong();
    query.finish();
    return value;
}

void LocalCache::setSyncCursor(qint64 cursor)
{
    beginWrite();
    QSqlQuery &query =
        prepared(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('cursor', ?)"));
    query.addBindValue(cursor);
    exec(query);
}

// --- contacts ------------------------------------------------------------------

QStringList LocalCache::contacts()
{
    QStringList users;
    QSqlQuery &query = prepared(QStringLiteral("SELECT user FROM contacts ORDER BY user"));
    if (exec(query)) {
        while (query.next())
            users.append(query.value(0).toString());
    }
    return users;
}

void LocalCache::addContact(const QString &user)
{
    beginWrite();
    QSqlQuery &query = prepared(QStringLiteral("INSERT OR IGNORE INTO contacts (user) VALUES (?)"));
    query.addBindValue(user);
    exec(query);
}

void LocalCache::removeContact(const QString &user)
{
    beginWrite();
    QSqlQuery &query = prepared(QStringLiteral("DELETE FROM contacts WHERE user = ?"));
    query.addBindValue(user);
    exec(query);
}

void LocalCache::setContacts(const QStringList &users)
{
    const QStringList known = contacts();
    for (const QString &user : known) {
        if (!users.contains(user, Qt::CaseInsensitive))
            removeContact(user);
    }
    for (const QString &user : users)
        addContact(user);
}

qint64 LocalCache::lastRead(const QString &peer)
{
    const qint64 group = groupIdOfChat(peer);
    QSqlQuery &query =
        prepared(group ? QStringLiteral("SELECT last_read FROM groups WHERE id = ?")
                       : QStringLiteral("SELECT last_read FROM contacts WHERE user = ?"));
    if (group)
        query.addBindValue(group);
    else
        query.addBindValue(peer);
    if (!exec(query) || !query.next())
        return 0;
    const qint64 value = query.value(0).toLongLong();
    query.finish();
    return value;
}

void LocalCache::setLastRead(const QString &peer, qint64 msgId)
{
    beginWrite();
    const qint64 group = groupIdOfChat(peer);
    QSqlQuery &query = prepared(
        group
            ? QStringLiteral("UPDATE groups SET last_read = ? WHERE id = ? AND last_read < ?")
            : QStringLiteral("UPDATE contacts SET last_read = ? WHERE user = ? AND last_read < ?"));
    query.addBindValue(msgId);
    if (group)
        query.addBindValue(group);
    else
        query.addBindValue(peer);
    query.addBindValue(msgId);
    exec(query);
    QSqlQuery &seen = prepared(QStringLiteral(
        "UPDATE messages SET unread = 0 WHERE peer = ? AND unread = 1 AND msg_id <= ?"));
    seen.addBindValue(peer);
    seen.addBindValue(msgId);
    exec(seen);
}

qint64 LocalCache::firstUnreadKey(const QString &peer)
{
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT MIN(sort_key) FROM messages WHERE peer = ? AND unread = 1 AND outgoing = 0"));
    query.addBindValue(peer);
    if (!exec(query) || !query.next())
        return 0;
    const qint64 key = query.value(0).toLongLong();
    query.finish();
    return key;
}

QList<ChatSummary> LocalCache::summaries(const QString &peer)
{
    QList<ChatSummary> result;
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT c.user, m.text, m.ts, m.outgoing, m.status, "
        "(SELECT COUNT(*) FROM messages u WHERE u.peer = c.user AND u.unread = 1), m.file_name, "
        "m.deleted FROM contacts c LEFT JOIN messages m ON m.id = "
        "(SELECT x.id FROM messages x WHERE x.peer = c.user ORDER BY x.sort_key DESC LIMIT 1) "
        "WHERE COALESCE(?, '') = '' OR c.user = ?"));
    query.addBindValue(peer);
    query.addBindValue(peer);
    if (!exec(query))
        return result;
    while (query.next()) {
        ChatSummary summary;
        summary.peer = query.value(0).toString();
        summary.lastText = query.value(1).toString();
        summary.lastTs = query.value(2).toLongLong();
        summary.lastOutgoing = query.value(3).toBool();
        summary.lastStatus = DeliveryStatus(query.value(4).toInt());
        summary.unread = query.value(5).toInt();
        summary.lastFileName = query.value(6).toString();
        summary.lastDeleted = query.value(7).toBool();
        summary.title = summary.peer;
        result.append(summary);
    }
    return result;
}

QList<ChatSummary> LocalCache::chatSummaries()
{
    QList<ChatSummary> all = summaries(QString()) + groupSummaries(0);
    applyChatState(&all);
    const QHash<QString, QString> typed = drafts();
    for (ChatSummary &summary : all)
        summary.draft = typed.value(summary.peer.toLower());
    return all;
}

ChatSummary LocalCache::chatSummary(const QString &peer)
{
    const qint64 group = groupIdOfChat(peer);
    QList<ChatSummary> found = group ? groupSummaries(group) : summaries(peer);
    applyChatState(&found);
    ChatSummary summary;
    if (!found.isEmpty()) {
        summary = found.first();
    } else {
        summary.peer = peer;
        summary.title = peer;
        summary.group = groupIdOfChat(peer);
    }
    summary.draft = draft(peer);
    return summary;
}

// --- friend requests -------------------------------------------------------------

QStringList LocalCache::requests(RequestDirection direction)
{
    QStringList users;
    QSqlQuery &query =
        prepared(QStringLiteral("SELECT user FROM requests WHERE direction = ? ORDER BY user"));
    query.addBindValue(int(direction));
    if (exec(query)) {
        while (query.next())
            users.append(query.value(0).toString());
    }
    return users;
}

void LocalCache::addRequest(const QString &user, RequestDirection direction)
{
    beginWrite();
    QSqlQuery &query =
        prepared(QStringLiteral("INSERT OR REPLACE INTO requests (user, direction) VALUES (?, ?)"));
    query.addBindValue(user);
    query.addBindValue(int(direction));
    exec(query);
}

void LocalCache::removeRequest(const QString &user)
{
    beginWrite();
    QSqlQuery &query = prepared(QStringLiteral("DELETE FROM requests WHERE user = ?"));
    query.addBindValue(user);
    exec(query);
}

void LocalCache::setRequests(const QStringList &incoming, const QStringList &outgoing)
{
    beginWrite();
    QSqlQuery &clear = prepared(QStringLiteral("DELETE FROM requests"));
    exec(clear);
    for (const QString &user : incoming)
        addRequest(user, RequestDirection::Incoming);
    for (const QString &user : outgoing)
        addRequest(user, RequestDirection::Outgoing);
}

// --- messages --------------------------------------------------------------------

CachedMessage LocalCache::readMessage(const QSqlQuery &query) const
{
    CachedMessage message;
    message.localId = query.value(0).toLongLong();
    message.msgId = query.value(1).toLongLong();
    message.clientId = query.value(2).toString();
    message.peer = query.value(3).toString();
    message.outgoing = query.value(4).toBool();
    message.text = query.value(5).toString();
    message.ts = query.value(6).toLongLong();
    message.status = DeliveryStatus(query.value(7).toInt());
    message.sender = query.value(8).toString();
    message.file.fileId = query.value(9).toLongLong();
    message.file.name = query.value(10).toString();
    message.file.size = query.value(11).toLongLong();
    message.file.sha256 = query.value(12).toString();
    message.file.mime = query.value(13).toString();
    message.file.localPath = query.value(14).toString();
    message.failure = query.value(15).toString();
    if (!query.isNull(16))
        message.system = Client::SystemLine::fromJson(
            QJsonDocument::fromJson(query.value(16).toByteArray()).object());
    message.edited = query.value(17).toLongLong();
    message.deleted = query.value(18).toBool();
    message.replyTo = query.value(19).toLongLong();
    message.forwarded = query.value(20).toBool();
    message.reactions = parseReactionList(query.value(QStringLiteral("reaction_list")).toString());
    return message;
}

std::optional<CachedMessage> LocalCache::messageWhere(const QString &condition,
                                                      const QVariant &value)
{
    QSqlQuery &query = prepared(kSelectMessage + QStringLiteral("WHERE ") + condition);
    query.addBindValue(value);
    if (!exec(query) || !query.next())
        return std::nullopt;
    CachedMessage message = readMessage(query);
    query.finish();
    return message;
}

std::optional<CachedMessage> LocalCache::messageByClientId(const QString &clientId)
{
    return messageWhere(QStringLiteral("client_id = ?"), clientId);
}

std::pair<CachedMessage, bool> LocalCache::storeMessage(const Client::Message &message,
                                                        const QString &me, Origin origin)
{
    // A system line is nobody's message: never mine, never unread.
    const bool outgoing =
        !message.isSystemLine() && message.from.compare(me, Qt::CaseInsensitive) == 0;
    // Deleted here ("Delete chat"): the server's copy does not come back.
    if (message.msgId <= chatState(chatKeyOf(message, outgoing)).clearedUpTo ||
        isHidden(message.msgId))
        return {CachedMessage{}, false};
    if (origin == Origin::History) // history says who reacted now
        storeReactions(message.msgId, message.reactions);
    if (auto existing = messageWhere(QStringLiteral("msg_id = ?"), message.msgId)) {
        // History knows of an edit or a deletion the events did not bring.
        if (message.deleted && !existing->deleted)
            return {applyDelete(message.msgId).value_or(*existing), false};
        if (!message.deleted && message.edited > existing->edited)
            return {applyEdit(message.msgId, message.text, message.edited).value_or(*existing),
                    false};
        if (outgoing && message.status != Client::MessageStatus::Unknown) {
            const auto status = DeliveryStatus(int(DeliveryStatus::Sent) + int(message.status) -
                                               int(Client::MessageStatus::Sent));
            if (auto raised = raiseStatus(message.msgId, status))
                return {*raised, false};
        }
        return {*existing, false};
    }
    beginWrite();
    DeliveryStatus status = DeliveryStatus::Received;
    if (outgoing) {
        switch (message.status) {
        case Client::MessageStatus::Delivered:
            status = DeliveryStatus::Delivered;
            break;
        case Client::MessageStatus::Read:
            status = DeliveryStatus::Read;
            break;
        default:
            status = DeliveryStatus::Sent;
        }
        // A message of mine still waiting for its send reply: adopt the id.
        if (const auto adopted = adoptPending(message, status))
            return {*adopted, false};
    }
    const QString peer = chatKeyOf(message, outgoing);
    const QString sender = message.isGroupMessage() ? message.from : QString();
    const Client::FileInfo file = Client::FileInfo::fromJson(message.file);
    QSqlQuery &insert = prepared(QStringLiteral(
        "INSERT INTO messages (msg_id, client_id, peer, outgoing, text, ts, status, sort_key, "
        "unread, sender, file_id, file_name, file_size, file_sha256, file_mime, system, edited, "
        "deleted, reply_to, forwarded) "
        "VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(message.msgId);
    insert.addBindValue(peer);
    insert.addBindValue(outgoing ? 1 : 0);
    insert.addBindValue(message.text.isNull() ? QStringLiteral("") : message.text);
    insert.addBindValue(message.ts);
    insert.addBindValue(int(status));
    insert.addBindValue(message.msgId);
    insert.addBindValue(!outgoing && !message.isSystemLine() && origin == Origin::Sync ? 1 : 0);
    insert.addBindValue(sender.isEmpty() ? QVariant() : QVariant(sender));
    bindFile(insert, file);
    insert.addBindValue(message.isSystemLine() ? QVariant(systemJson(message.system)) : QVariant());
    insert.addBindValue(message.edited);
    insert.addBindValue(message.deleted ? 1 : 0);
    insert.addBindValue(message.replyTo);
    insert.addBindValue(message.forwarded ? 1 : 0);
    exec(insert);
    CachedMessage stored;
    stored.localId = insert.lastInsertId().toLongLong();
    stored.msgId = message.msgId;
    stored.peer = peer;
    stored.sender = sender;
    stored.outgoing = outgoing;
    stored.text = message.text;
    stored.ts = message.ts;
    stored.status = status;
    if (file.isValid())
        stored.file = {file.fileId, file.name, file.size, file.sha256, file.mime, QString()};
    stored.system = message.system;
    stored.edited = message.edited;
    stored.deleted = message.deleted;
    stored.replyTo = message.replyTo;
    stored.forwarded = message.forwarded;
    stored.reactions = message.reactions;
    return {stored, true};
}

CachedMessage LocalCache::addPending(const QString &clientId, const QString &peer,
                                     const QString &text, qint64 ts)
{
    beginWrite();
    QSqlQuery &insert = prepared(QStringLiteral(
        "INSERT OR IGNORE INTO messages (msg_id, client_id, peer, outgoing, text, ts, status) "
        "VALUES (NULL, ?, ?, 1, ?, ?, ?)"));
    insert.addBindValue(clientId);
    insert.addBindValue(peer);
    insert.addBindValue(text);
    insert.addBindValue(ts);
    insert.addBindValue(int(DeliveryStatus::Pending));
    exec(insert);
    const qint64 localId = insert.lastInsertId().toLongLong();
    QSqlQuery &key = prepared(
        QStringLiteral("UPDATE messages SET sort_key = ? WHERE id = ? AND sort_key IS NULL"));
    key.addBindValue(kPendingSortBase + localId);
    key.addBindValue(localId);
    exec(key);
    return messageByClientId(clientId).value_or(CachedMessage{});
}

std::optional<CachedMessage> LocalCache::markSent(const QString &clientId, qint64 msgId, qint64 ts)
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE messages SET msg_id = ?, sort_key = ?, "
        "ts = CASE WHEN msg_id IS NULL THEN ? ELSE ts END, "
        "status = MAX(status, ?) WHERE client_id = ? AND (status < ? OR status = ?)"));
    update.addBindValue(msgId);
    update.addBindValue(msgId);
    update.addBindValue(ts);
    update.addBindValue(int(DeliveryStatus::Sent));
    update.addBindValue(clientId);
    update.addBindValue(int(DeliveryStatus::Failed));
    update.addBindValue(int(DeliveryStatus::Failed));
    exec(update);
    return messageByClientId(clientId);
}

std::optional<CachedMessage> LocalCache::raiseStatus(qint64 msgId, DeliveryStatus status)
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE messages SET status = ? WHERE msg_id = ? AND outgoing = 1 AND status < ?"));
    update.addBindValue(int(status));
    update.addBindValue(msgId);
    update.addBindValue(int(status));
    exec(update);
    if (update.numRowsAffected() <= 0)
        return std::nullopt;
    return messageWhere(QStringLiteral("msg_id = ?"), msgId);
}

std::optional<CachedMessage> LocalCache::setStatusByClientId(const QString &clientId,
                                                             DeliveryStatus status)
{
    beginWrite();
    QSqlQuery &update =
        prepared(QStringLiteral("UPDATE messages SET status = ? WHERE client_id = ?"));
    update.addBindValue(int(status));
    update.addBindValue(clientId);
    exec(update);
    return messageByClientId(clientId);
}

QList<CachedMessage> LocalCache::messages(const QString &peer, qint64 beforeKey, int limit)
{
    QList<CachedMessage> result;
    QSqlQuery &query = prepared(kSelectMessage + QStringLiteral("WHERE peer = ? AND sort_key < ? "
                                                                "ORDER BY sort_key DESC LIMIT ?"));
    query.addBindValue(peer);
    query.addBindValue(beforeKey > 0 ? beforeKey : std::numeric_limits<qint64>::max());
    query.addBindValue(limit);
    if (!exec(query))
        return result;
    while (query.next())
        result.prepend(readMessage(query));
    return result;
}

int LocalCache::messageCount(const QString &peer)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT COUNT(*) FROM messages WHERE peer = ?"));
    query.addBindValue(peer);
    if (!exec(query) || !query.next())
        return 0;
    const int count = query.value(0).toInt();
    query.finish();
    return count;
}

qint64 LocalCache::newestIncomingId(const QString &peer)
{
    QSqlQuery &query = prepared(
        QStringLiteral("SELECT MAX(msg_id) FROM messages WHERE peer = ? AND outgoing = 0"));
    query.addBindValue(peer);
    if (!exec(query) || !query.next())
        return 0;
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

// --- outbox ------------------------------------------------------------------------

void LocalCache::outboxAdd(const Client::OutgoingMessage &message)
{
    beginWrite();
    QSqlQuery &insert = prepared(
        QStringLiteral("INSERT OR REPLACE INTO outbox (client_id, recipient, grp, text, queued_at, "
                       "reply_to) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(message.clientId);
    // A group message has no recipient; the column is NOT NULL (an empty name).
    insert.addBindValue(message.to.isNull() ? QStringLiteral("") : message.to);
    insert.addBindValue(message.group);
    insert.addBindValue(message.text);
    insert.addBindValue(message.queuedAt);
    insert.addBindValue(message.replyTo);
    exec(insert);
}

void LocalCache::outboxRemove(const QString &clientId)
{
    beginWrite();
    QSqlQuery &remove = prepared(QStringLiteral("DELETE FROM outbox WHERE client_id = ?"));
    remove.addBindValue(clientId);
    exec(remove);
}

QList<Client::OutgoingMessage> LocalCache::outboxEntries()
{
    QList<Client::OutgoingMessage> entries;
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT client_id, recipient, grp, text, queued_at, reply_to FROM outbox ORDER BY seq"));
    if (!exec(query))
        return entries;
    while (query.next()) {
        Client::OutgoingMessage message;
        message.clientId = query.value(0).toString();
        message.to = query.value(1).toString();
        message.group = query.value(2).toLongLong();
        message.text = query.value(3).toString();
        message.queuedAt = query.value(4).toLongLong();
        message.replyTo = query.value(5).toLongLong();
        entries.append(message);
    }
    return entries;
}

} // namespace Palomar::Desktop
