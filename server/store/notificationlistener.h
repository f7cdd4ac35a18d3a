#pragma once

#include "storeconfig.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <utility>

class QThread;

namespace Palomar::Server {

// Listens on its own PostgreSQL connection, on a thread of its own, for what
// other instances publish at their commits (Store::publish): the inboxes
// that grew (user:last seq) and the cache entries that changed. A lost
// connection is opened again with back-off; since notifications may have
// been missed meanwhile, it then reports `resynchronize` (drop every cache,
// wake every poll to look). Ignores its own instance's notifications. Does
// nothing for SQLite (one instance).
class NotificationListener : public QObject
{
    Q_OBJECT

public:
    struct Handlers
    {
        std::function<void(const QList<std::pair<qint64, qint64>> &users)> woken;
        std::function<void(const QStringList &keys)> invalidated;
        std::function<void()> resynchronize;
        // An ephemeral notice for these users (Store::publishNotice).
        std::function<void(const QList<qint64> &users, const QString &key,
                           const QJsonObject &notice, qint64 holdMs)>
            noticed;
    };

    NotificationListener(const StoreConfig &config, qint64 instanceId, Handlers handlers);
    ~NotificationListener() override;

    // False (with `error`) when the first connection or subscription failed.
    bool start(QString *error);
    // The payload of one notification: the origin, then comma-separated items.
    static bool parse(const QString &payload, qint64 *origin, QStringList *items);

private:
    // On the listener's thread.
    bool connectToDatabase(QString *error);
    void check();
    void onNotification(const QString &channel, const QString &payload);
    void onNotice(const QString &payload);

    StoreConfig m_config;
    qint64 m_instanceId;
    Handlers m_handlers;
    QString m_connectionName;
    QSqlDatabase m_db;
    QThread *m_thread = nullptr;
    QTimer *m_checkTimer = nullptr;
    int m_backoffMs = 0;
    bool m_down = false;
};

} // namespace Palomar::Server
