#include "systemlines.h"

#include <QJsonDocument>

namespace Palomar::Server::SystemLines {

QJsonObject describe(const QString &kind, const QString &by, const QString &user,
                     const QString &name)
{
    QJsonObject system{{QStringLiteral("kind"), kind}, {QStringLiteral("by"), by}};
    if (!user.isEmpty())
        system.insert(QStringLiteral("user"), user);
    if (!name.isEmpty())
        system.insert(QStringLiteral("name"), name);
    return system;
}

QJsonObject record(Store &store, qint64 groupId, qint64 byId, const QString &by,
                   const QJsonObject &system, qint64 ts)
{
    const qint64 id = store.insertSystemLine(
        groupId, byId, QJsonDocument(system).toJson(QJsonDocument::Compact), ts);
    return {{QStringLiteral("msg_id"), id},     {QStringLiteral("from"), by},
            {QStringLiteral("group"), groupId}, {QStringLiteral("text"), QString()},
            {QStringLiteral("ts"), ts},         {QStringLiteral("system"), system}};
}

} // namespace Palomar::Server::SystemLines
