#pragma once
// The msg_ids of a `search` reply's messages, in their order (tst_search,
// tst_search_plans).
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Palomar::Testing {

inline QList<qint64> idsOf(const QJsonObject &reply)
{
    QList<qint64> ids;
    for (const QJsonValue &value : reply.value(QLatin1String("messages")).toArray())
        ids.append(value.toObject().value(QLatin1String("msg_id")).toInteger());
    return ids;
}

} // namespace Palomar::Testing
