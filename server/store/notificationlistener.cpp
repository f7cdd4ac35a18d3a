#include "notificationlistener.h"

#include "sqlcatalog.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <future>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Palomar::Server {

namespace {
constexpr int kCheckMs = 1000;
constexpr int kLongestBackoffMs = 5000;
} // namespace

NotificationListener::NotificationListener(const StoreConfig &config, qint64 instanceId,
                                           Handlers handlers)
    : m_config(config), m_instanceId(instanceId), m_handlers(std::move(handlers)),
      m_connectionName(QStringLiteral("listener-%1").arg(quintptr(this)))
{}

NotificationListener::~NotificationListener()
{
    if (!m_thread)
        return;
    // The connection and the timer belong to the thread: closed there.
    QMetaObject::invokeMethod(
        this,
        [this] {
            delete m_checkTimer;
            m_checkTimer = nullptr;
            if (m_db.isValid()) {
                m_db.close();
                m_db = QSqlDatabase();
                QSqlDatabase::removeDatabase(m_connectionName);
            }
            moveToThread(m_thread->thread());
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

bool NotificationListener::parse(const QString &payload, qint64 *origin, QStringList *items)
{
    const qsizetype bar = payload.indexOf(QLatin1Char('|'));
    bool ok = false;
    *origin = payload.left(bar).toLongLong(&ok);
    if (bar < 0 || !ok)
        return false;
    *items = payload.mid(bar + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    return true;
}

bool NotificationListener::start(QString *error)
{
    if (!SqlCatalog::dialect(m_config.backend).notifications)
        return true;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("listener"));
    moveToThread(m_thread);
    m_thread->start();
    std::promise<QString> opened;
    QMetaObject::invokeMethod(this, [this, &opened] {
        QString why;
        connectToDatabase(&why);
        m_checkTimer = new QTimer;
        connect(m_checkTimer, &QTimer::timeout, this, &NotificationListener::check);
        m_checkTimer->start(kCheckMs);
        opened.set_value(why);
    });
    *error = opened.get_future().get();
    return error->isEmpty();
}

bool NotificationListener::connectToDatabase(QString *error)
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_db =
        QSqlDatabase::addDatabase(SqlCatalog::dialect(m_config.backend).driver, m_connectionName);
    m_db.setHostName(m_config.host);
    m_db.setPort(m_config.port);
    m_db.setUserName(m_config.user);
    m_db.setPassword(m_config.password);
    m_db.setDatabaseName(m_config.database);
    m_db.setConnectOptions((QStringList{QStringLiteral("connect_timeout=5")} + m_config.options)
                               .join(QLatin1Char(';')));
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    // Held for as long as this connection lives: while it does, the
    // sessions bound on this instance are live (sql/postgresql/queries.sql).
    QSqlQuery lock(m_db);
    if (!lock.exec(QStringLiteral("SELECT pg_try_advisory_lock(78780, %1)").arg(m_instanceId)) ||
        !lock.next() || !lock.value(0).toBool()) {
        *error = QStringLiteral("cannot hold the lock of instance %1: %2")
                     .arg(m_instanceId)
                     .arg(lock.lastError().text());
        return false;
    }
    for (const QString &channel :
         {Store::kWakeupChannel, Store::kInvalidationChannel, Store::kNoticeChannel}) {
        if (!m_db.driver()->subscribeToNotification(channel)) {
            *error = m_db.driver()->lastError().text();
            return false;
        }
    }
    connect(m_db.driver(), &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                onNotification(name, payload.toString());
            });
    return true;
}

void NotificationListener::check()
{
    if (!m_down) {
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("SELECT 1")))
            return;
        qCWarning(lcStore).noquote()
            << "lost the connection that listens to other instances:" << query.lastError().text();
        m_down = true;
        m_backoffMs = 0;
    }
    QString why;
    if (!connectToDatabase(&why)) {
        m_backoffMs = qBound(kCheckMs, m_backoffMs * 2, kLongestBackoffMs);
        m_checkTimer->start(m_backoffMs);
        return;
    }
    qCInfo(lcStore) << "listening to other instances again";
    m_down = false;
    m_checkTimer->start(kCheckMs);
    // Whatever was published meanwhile is lost: start from the database.
    if (m_handlers.resynchronize)
        m_handlers.resynchronize();
}

void NotificationListener::onNotice(const QString &payload)
{
    // "origin|{"to":[…],"key":…,"hold":…,"notice":{…}}" (store_live.cpp).
    const qsizetype bar = payload.indexOf(QLatin1Char('|'));
    bool ok = false;
    if (bar < 0 || payload.left(bar).toLongLong(&ok) == m_instanceId || !ok || !m_handlers.noticed)
        return;
    const QJsonObject envelope = QJsonDocument::fromJson(payload.mid(bar + 1).toUtf8()).object();
    QList<qint64> users;
    for (const QJsonValue &user : envelope.value(QLatin1String("to")).toArray())
        users.append(qint64(user.toDouble()));
    const QJsonObject notice = envelope.value(QLatin1String("notice")).toObject();
    if (users.isEmpty() || notice.isEmpty())
        return;
    m_handlers.noticed(users, envelope.value(QLatin1String("key")).toString(), notice,
                       qint64(envelope.value(QLatin1String("hold")).toDouble()));
}

void NotificationListener::onNotification(const QString &channel, const QString &payload)
{
    if (channel == Store::kNoticeChannel) {
        onNotice(payload);
        return;
    }
    qint64 origin = 0;
    QStringList items;
    if (!parse(payload, &origin, &items) || origin == m_instanceId)
        return;
    if (channel == Store::kInvalidationChannel) {
        if (m_handlers.invalidated)
            m_handlers.invalidated(items);
        return;
    }
    if (channel != Store::kWakeupChannel || !m_handlers.woken)
        return;
    QList<std::pair<qint64, qint64>> users;
    for (const QString &item : std::as_const(items)) {
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        bool idOk = false;
        bool seqOk = false;
        const qint64 id = item.left(colon).toLongLong(&idOk);
        const qint64 seq = colon < 0 ? 0 : item.mid(colon + 1).toLongLong(&seqOk);
        if (idOk)
            users.append({id, seqOk ? seq : 0});
    }
    if (!users.isEmpty())
        m_handlers.woken(users);
}

} // namespace Palomar::Server
