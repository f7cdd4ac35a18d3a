#include "notificationlistener.h"

#include "sqlcatalog.h"
#include "store.h"

#include <QSqlDriver>
#include <QSqlError>

namespace Palomar::Server {

NotificationListener::NotificationListener(const StoreConfig &config, QObject *parent)
    : QObject(parent), m_config(config),
      m_connectionName(QStringLiteral("listener-%1").arg(quintptr(this)))
{}

NotificationListener::~NotificationListener()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool NotificationListener::start(QString *error)
{
    const Dialect &dialect = SqlCatalog::dialect(m_config.backend);
    if (!dialect.notifications)
        return true;
    m_db = QSqlDatabase::addDatabase(dialect.driver, m_connectionName);
    m_db.setHostName(m_config.host);
    m_db.setPort(m_config.port);
    m_db.setUserName(m_config.user);
    m_db.setPassword(m_config.password);
    m_db.setDatabaseName(m_config.database);
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    if (!m_db.driver()->subscribeToNotification(Store::kWakeupChannel)) {
        *error = m_db.driver()->lastError().text();
        return false;
    }
    connect(m_db.driver(), &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name != Store::kWakeupChannel)
                    return;
                QList<qint64> ids;
                const QStringList parts = payload.toString().split(QLatin1Char(','));
                for (const QString &part : parts) {
                    bool ok = false;
                    const qint64 id = part.toLongLong(&ok);
                    if (ok)
                        ids.append(id);
                }
                if (!ids.isEmpty())
                    emit usersWoken(ids);
            });
    return true;
}

} // namespace Palomar::Server
