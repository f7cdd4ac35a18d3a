#pragma once

#include "storeconfig.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>

namespace Palomar::Server {

// Listens on its own PostgreSQL connection for the wake-ups other instances
// publish (Store::publishWakeups) and reports the users named in them. Lives
// on the thread that created it; the driver delivers notifications through
// that thread's event loop. Does nothing for SQLite (one instance).
class NotificationListener : public QObject
{
    Q_OBJECT

public:
    explicit NotificationListener(const StoreConfig &config, QObject *parent = nullptr);
    ~NotificationListener() override;

    // False (with `error`) when the connection or the subscription failed.
    bool start(QString *error);

signals:
    void usersWoken(const QList<qint64> &userIds);

private:
    StoreConfig m_config;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace Palomar::Server
